"""Sensors: new or changed files under raw/ (by content hash) start their ingestion; finished
ingestion starts one warehouse build."""

import json

import dagster as dg

from .. import ingest
from .jobs import ingest_job, warehouse_job
from .partitions import contiguous_ranges, documents_partitions, partition_order, range_tags
from .resources import WarehouseResource


def changed_documents(raw_dir, cursor: dict[str, str]) -> tuple[dict[str, str], list[str], list[ingest.IngestError]]:
    """(hashes now, ids whose content is new or changed since `cursor`, files refused by name)."""
    files, refused = ingest.scan(raw_dir)
    now = {f.document_id: ingest.sha256_of(f.path) for f in files}
    changed = [doc for doc, sha in now.items() if cursor.get(doc) != sha]
    return now, changed, refused


@dg.sensor(job=ingest_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Requests one ingestion run for the files under raw/ whose sha256 is new "
           "(one run per range of neighbouring partitions).")
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    hashes, changed, refused = changed_documents(warehouse.settings.raw_dir, cursor)
    for err in refused:
        context.log.warning(f"refused {err}")
    order, new_partitions = partition_order(context.instance, changed)
    return dg.SensorResult(
        # Files that arrive together are ingested together: one run per range of neighbouring
        # partitions (like the CLI), not one per file. No run_key: Dagster never reuses one, so a
        # file changed back to earlier content would never run again; the cursor (the hashes last
        # seen) already prevents duplicates.
        run_requests=[_request(keys, hashes) for keys in contiguous_ranges(order, changed)],
        dynamic_partitions_requests=[documents_partitions.build_add_request(new_partitions)] if new_partitions else [],
        cursor=json.dumps(hashes, sort_keys=True),
    )


def _request(keys: list[str], hashes: dict[str, str]) -> dg.RunRequest:
    if len(keys) == 1:
        return dg.RunRequest(partition_key=keys[0], tags={"zhibiao/sha256": hashes[keys[0]]})
    return dg.RunRequest(tags={**range_tags(keys), "zhibiao/documents": str(len(keys))})


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[ingest_job],
    request_job=warehouse_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After a document is ingested, rebuild the warehouse once (queued builds coalesce).",
)
def warehouse_after_ingest(context: dg.RunStatusSensorContext):
    pending = context.instance.get_run_records(
        dg.RunsFilter(job_name=warehouse_job.name,
                      statuses=[dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED]),
        limit=1,
    )
    if pending:
        return dg.SkipReason("a warehouse build is already queued")
    return dg.RunRequest(run_key=f"after:{context.dagster_run.run_id}")

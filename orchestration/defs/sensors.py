"""Sensors: new or changed files under raw/ (by content hash) start their ingestion; finished
ingestion starts one warehouse build."""

import json

import dagster as dg

from .. import ingest
from .jobs import ingest_job, warehouse_job
from .partitions import documents_partitions
from .resources import WarehouseResource


def changed_documents(raw_dir, cursor: dict[str, str]) -> tuple[dict[str, str], list[str], list[ingest.IngestError]]:
    """(hashes now, ids whose content is new or changed since `cursor`, files refused by name)."""
    files, refused = ingest.scan(raw_dir)
    now = {f.document_id: ingest.sha256_of(f.path) for f in files}
    changed = [doc for doc, sha in now.items() if cursor.get(doc) != sha]
    return now, changed, refused


@dg.sensor(job=ingest_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Requests an ingestion run for every file under raw/ whose sha256 is new.")
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    hashes, changed, refused = changed_documents(warehouse.settings.raw_dir, cursor)
    for err in refused:
        context.log.warning(f"refused {err}")
    known = set(context.instance.get_dynamic_partitions(documents_partitions.name))
    new_partitions = [doc for doc in changed if doc not in known]
    return dg.SensorResult(
        run_requests=[
            # No run_key: Dagster never reuses one, so a file changed back to earlier content would
            # never run again. The cursor (the hashes last seen) already prevents duplicates.
            dg.RunRequest(partition_key=doc, tags={"zhibiao/sha256": hashes[doc]})
            for doc in changed
        ],
        dynamic_partitions_requests=[documents_partitions.build_add_request(new_partitions)] if new_partitions else [],
        cursor=json.dumps(hashes, sort_keys=True),
    )


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

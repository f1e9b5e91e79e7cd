"""`figures`: the extractor run over the latest version of each document of the run.

Like `raw_documents`, one step covers every partition of the run; the extractor itself runs
across processes (orchestration.extract.pool). A document whose extraction
fails keeps its previous version current (load.load_figures writes in one transaction) and is
listed under `failed`; the step fails only when every document failed.
"""

import warnings

import dagster as dg

from ... import extract, load
from ..partitions import documents_partitions
from ..resources import WarehouseResource
from .run_metadata import documents_metadata


# `backfill_policy` is a Dagster "beta" parameter; that warning says nothing to our users.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)
SINGLE_RUN = dg.BackfillPolicy.single_run()  # one run, one step per asset, for many partitions
PREVIEW_ROWS = 10   # key figures shown in the step's metadata


@dg.asset(
    partitions_def=documents_partitions,
    backfill_policy=SINGLE_RUN,
    deps=["raw_documents"],
    group_name="extraction",
    pool="duckdb_writer",
    kinds={"python", "duckdb"},
    description="One row per figure (value, unit, measure, status, period, qualifier, indicator) "
    "with its sentence and offsets into the original text. Re-extracted when the extractor version changes. "
    "Metadata: figures, key figures, counts by measure and a preview of the first key figures.",
)
def figures(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    documents, failed, key = {}, {}, []
    with warehouse.connect() as con:
        # Extraction runs in a process pool (one worker per CPU, $ZHIBIAO_EXTRACT_WORKERS);
        # reads and writes stay here, in partition order, so the figures are the serial path's.
        for doc_id, result in load.load_figures_many(con, list(context.partition_keys), run_id=context.run.run_id):
            if isinstance(result, LookupError):     # never ingested: its file was refused in this run
                failed[doc_id] = str(result)
                continue
            if isinstance(result, Exception):  # one document's extractor error must not stop the others
                failed[doc_id] = f"figures: {type(result).__name__}: {result}"
                context.log.error(f"{doc_id}: extraction failed: {result!r}")
                continue
            documents[doc_id] = {"status": result.status, "version": result.version, "figures": result.rows}
            rows = con.execute(
                """SELECT document_id, text, indicator_text, period, status, measure FROM raw.figures
                   WHERE document_id = ? AND version = ? AND is_key ORDER BY start_offset LIMIT ?""",
                [result.document_id, result.version, PREVIEW_ROWS - len(key)]).fetchall() if len(key) < PREVIEW_ROWS else []
            key += rows
            context.log.info(f"{doc_id} v{result.version}: {result.status}, {result.rows} figures")
        # One count over the run's documents, not a query per document (10,000 at scale)
        key_count = con.execute(
            """SELECT count(*) FROM raw.figures f
               JOIN (SELECT unnest(?::VARCHAR[]) AS document_id, unnest(?::INTEGER[]) AS version) d
                 USING (document_id, version)
               WHERE f.is_key""",
            [list(documents), [d["version"] for d in documents.values()]]).fetchall()[0][0]
    if failed and not documents:
        raise dg.Failure(description="; ".join(failed.values()), allow_retries=False,
                         metadata={"failed": dg.MetadataValue.json(failed)})
    metadata = {**documents_metadata(documents, failed),
                "figures": sum(d["figures"] for d in documents.values()),
                "extractor_version": extract.EXTRACTOR_VERSION,
                "key_figures": key_count,
                "preview": dg.MetadataValue.md(_preview(key))}
    if len(documents) == 1 and not failed:
        (one,) = documents.values()
        metadata.update(status=one["status"], version=one["version"])
    return dg.MaterializeResult(metadata=metadata)


def _preview(rows) -> str:
    """The first key figures as a Markdown table (what the UI shows of a run at a glance)."""
    return "\n".join(["| document | figure | indicator | year | status | measure |",
                      "| --- | --- | --- | --- | --- | --- |",
                      *("| " + " | ".join(_cell(v) for v in r) + " |" for r in rows)])


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|")

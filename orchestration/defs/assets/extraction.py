"""`figures`: the extractor run over the latest version of a document, one row per figure."""

import dagster as dg

from ... import extract, load
from ..partitions import documents_partitions
from ..resources import WarehouseResource


@dg.asset(
    partitions_def=documents_partitions,
    deps=["raw_documents"],
    group_name="extraction",
    pool="duckdb_writer",
    kinds={"python", "duckdb"},
    description="One row per figure (value, unit, measure, status, period, qualifier, indicator) "
    "with its sentence and offsets into the original text. Re-extracted when the extractor version changes. "
    "Metadata: figures, key figures, counts by measure and a preview of the first key figures.",
)
def figures(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        result = load.load_figures(con, context.partition_key, run_id=context.run.run_id)
        by_measure = dict(con.execute(
            "SELECT measure, count(*) FROM raw.figures WHERE document_id = ? AND version = ? GROUP BY measure ORDER BY 1",
            [result.document_id, result.version],
        ).fetchall())
        key = con.execute(
            """SELECT text, indicator_text, period, status, measure FROM raw.figures
               WHERE document_id = ? AND version = ? AND is_key ORDER BY start_offset""",
            [result.document_id, result.version]).fetchall()
    context.log.info(f"{result.document_id} v{result.version}: {result.status}, {result.rows} figures")
    return dg.MaterializeResult(metadata={
        "status": result.status,
        "version": result.version,
        "figures": result.rows,
        "extractor_version": extract.EXTRACTOR_VERSION,
        "by_measure": by_measure,
        "key_figures": len(key),
        "preview": dg.MetadataValue.md(_preview(key[:10])),
    })


def _preview(rows) -> str:
    """The first key figures as a Markdown table (what the UI shows of a document at a glance)."""
    return "\n".join(["| figure | indicator | year | status | measure |", "| --- | --- | --- | --- | --- |",
                      *("| " + " | ".join(_cell(v) for v in r) + " |" for r in rows)])


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|")

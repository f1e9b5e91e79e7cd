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
    "with its sentence and offsets into the original text. Re-extracted when the extractor version changes.",
)
def figures(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        result = load.load_figures(con, context.partition_key, run_id=context.run.run_id)
        by_measure = dict(con.execute(
            "SELECT measure, count(*) FROM raw.figures WHERE document_id = ? AND version = ? GROUP BY measure ORDER BY 1",
            [result.document_id, result.version],
        ).fetchall())
    context.log.info(f"{result.document_id} v{result.version}: {result.status}, {result.rows} figures")
    return dg.MaterializeResult(metadata={
        "status": result.status,
        "version": result.version,
        "figures": result.rows,
        "extractor_version": extract.EXTRACTOR_VERSION,
        "by_measure": by_measure,
    })

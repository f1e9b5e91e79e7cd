"""`published_warehouse`: after the marts are built and their blocking checks pass, the working
database is copied and atomically swapped onto the snapshot that readers open."""

import dagster as dg

from .dbt import zhibiao_dbt_assets
from ..resources import WarehouseResource


@dg.asset(
    deps=[zhibiao_dbt_assets],
    group_name="publishing",
    pool="duckdb_writer",
    kinds={"duckdb", "parquet"},
    description="The read-only snapshot analysts and BI tools read (plus Parquet exports and, when "
    "configured, the PostgreSQL endpoint). Only a run whose blocking checks passed gets here.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from ... import publish  # the heavy Parquet/PostgreSQL path is only loaded when publishing

    settings = warehouse.settings
    with warehouse.connect() as con:
        versions = con.execute(
            "SELECT document_id, max(version) FROM raw.documents GROUP BY document_id ORDER BY 1"
        ).fetchall()
        con.execute("CHECKPOINT")
    run_id = context.run.tags.get("zhibiao/run", context.run.run_id)
    result = publish.publish(settings, run_id, dict(versions))
    return dg.MaterializeResult(metadata={
        "snapshot": str(settings.warehouse),
        "documents": len(versions),
        **({k: v for k, v in vars(result).items() if isinstance(v, (str, int, float))} if result is not None else {}),
    })

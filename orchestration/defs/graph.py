"""The whole graph as one Definitions, bound to a raw folder and a warehouse (default: the
environment). orchestration/definitions.py (what `dagster dev` opens) holds the default one;
`zhibiao run` binds its own (defs/launch.py)."""
import dagster as dg

from .assets.dbt import zhibiao_dbt_assets
from .assets.extraction import figures
from .assets.ingestion import raw_documents
from .assets.publishing import parquet_export, published_warehouse
from .checks import asset_checks
from .jobs import export_job, ingest_job, warehouse_job
from .resources import build_resources
from .schedules import daily_export, daily_refresh
from .sensors import raw_files_sensor, warehouse_after_ingest

ASSETS = [raw_documents, figures, zhibiao_dbt_assets, published_warehouse, parquet_export]


def build_definitions(raw_dir=None, warehouse=None) -> dg.Definitions:
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=asset_checks,
        jobs=[ingest_job, warehouse_job, export_job],
        schedules=[daily_refresh, daily_export],
        sensors=[raw_files_sensor, warehouse_after_ingest],
        resources=build_resources(raw_dir, warehouse),
        # One writer at a time on the DuckDB file: steps run in-process, one after another.
        executor=dg.in_process_executor,
    )

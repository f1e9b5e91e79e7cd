"""The one Definitions object: `dagster dev -m orchestration.definitions` opens it."""
import dagster as dg

from .defs.assets.dbt import zhibiao_dbt_assets
from .defs.assets.extraction import figures
from .defs.assets.ingestion import raw_documents
from .defs.assets.publishing import published_warehouse
from .defs.checks import asset_checks
from .defs.jobs import ingest_job, warehouse_job
from .defs.resources import build_resources
from .defs.schedules import daily_refresh
from .defs.sensors import raw_files_sensor, warehouse_after_ingest

ASSETS = [raw_documents, figures, zhibiao_dbt_assets, published_warehouse]

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=asset_checks,
    jobs=[ingest_job, warehouse_job],
    schedules=[daily_refresh],
    sensors=[raw_files_sensor, warehouse_after_ingest],
    resources=build_resources(),
    # One writer at a time on the DuckDB file: steps run in-process, one after another.
    executor=dg.in_process_executor,
)

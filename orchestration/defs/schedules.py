"""Schedules: the whole graph once a day (every document, then one warehouse build), and the
Parquet export of the published snapshot once a day (orchestration/export.py)."""

import dagster as dg

from .. import ingest
from .jobs import export_job, ingest_job
from .partitions import register_documents
from .resources import WarehouseResource


@dg.schedule(cron_schedule="0 6 * * *", job=ingest_job, execution_timezone="Asia/Shanghai",
             default_status=dg.DefaultScheduleStatus.RUNNING,
             description="Daily at 06:00 Beijing time: every document (unchanged ones are no-ops); "
             "the warehouse_after_ingest sensor then rebuilds and publishes.")
def daily_refresh(context: dg.ScheduleEvaluationContext, warehouse: WarehouseResource):
    files, _ = ingest.scan(warehouse.settings.raw_dir)
    ids = [f.document_id for f in files]
    register_documents(context.instance, ids)
    day = context.scheduled_execution_time.strftime("%Y-%m-%d")
    return [dg.RunRequest(partition_key=d, run_key=f"{day}:{d}") for d in ids]


# At 05:00 Beijing time, before the daily refresh: the export then holds the previous day's last
# publish; `zhibiao export` writes one at any other time.
daily_export = dg.ScheduleDefinition(
    name="daily_export", cron_schedule="0 5 * * *", job=export_job, execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily at 05:00 Beijing time: exports/latest/<mart>.parquet from the published snapshot "
    "(skipped when it already holds the published run).")

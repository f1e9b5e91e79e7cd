"""`published_warehouse`: after the marts are built and their blocking checks pass, the working
database is copied and atomically swapped onto the snapshot that readers open. `parquet_export`:
the marts of that snapshot as whole Parquet files, on a schedule of its own (orchestration/export.py:
at 10,000 documents that export was most of a one-report publish, and the lake is the per-run copy)."""

import dagster as dg

from ...report.labels import target_label

from ..checks import MARTS as BLOCKING_SUITES
from .dbt import zhibiao_dbt_assets
from ..resources import WarehouseResource


@dg.asset(
    deps=[zhibiao_dbt_assets],
    group_name="publishing",
    pool="duckdb_writer",
    kinds={"duckdb", "parquet"},
    description="The read-only snapshot analysts and BI tools read (plus the open lake, the HTML "
    "report warehouse/report/index.html and, when configured, the PostgreSQL endpoint; the Parquet "
    "export only with ZHIBIAO_PARQUET_EXPORT=every-run, else parquet_export). Only a run "
    "whose blocking checks passed gets here. Metadata: rows per mart, figures, quarantined, a preview "
    "of the provinces' GDP targets and a link to the report.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from ... import publish, report  # the heavy Parquet/PostgreSQL path is only loaded when publishing
    from ...export import export_every_run

    settings = warehouse.settings
    # `zhibiao run` tags its Dagster runs with its own run id, which it prints: record that one.
    run_id = context.run.tags.get("zhibiao/run", context.run.run_id)
    # One lock from the check of the validations to the swap: no build can slip in between.
    with warehouse.writer():
        with warehouse.connect() as con:
            unjudged = unvalidated_suites(con)
            versions = con.execute(
                "SELECT document_id, max(version) FROM raw.documents GROUP BY document_id ORDER BY 1"
            ).fetchall()
            con.execute("CHECKPOINT")
        if unjudged:
            raise dg.Failure(
                description="not published: the marts were rebuilt after their checks, or a blocking suite "
                f"failed or did not run since the last dbt build ({', '.join(unjudged)})", allow_retries=False)
        result = publish.publish(settings, run_id, dict(versions), export_parquet=export_every_run())
    written = report.write_after_publish(settings)  # a view of the snapshot; never fails the publish
    return dg.MaterializeResult(metadata={
        "snapshot": str(settings.warehouse),
        "documents": len(versions),
        **({k: v for k, v in vars(result).items() if isinstance(v, (str, int, float))} if result is not None else {}),
        **(report_metadata(written) if written is not None else {"report": "not written (see the log)"}),
    })


@dg.asset(
    deps=[published_warehouse],
    group_name="publishing",
    pool="duckdb_writer",   # it writes exports/, which a publish with the export on writes too
    kinds={"parquet"},
    description="exports/latest/<mart>.parquet: every mart of the published snapshot as one Parquet file "
    "(manifest.json names the run). Not part of a warehouse build: its own job and daily schedule, "
    "or `zhibiao export`; nothing is written when exports/latest already holds the published run.",
)
def parquet_export(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from ...export import export_parquet

    with warehouse.writer():   # the run lock, waiting for a running build as every launched step does
        result = export_parquet(warehouse.settings)
    return dg.MaterializeResult(metadata={"run_id": result.run_id, "folder": dg.MetadataValue.path(str(result.folder)),
                                          "written": result.written})


def report_metadata(written) -> dict:
    """What the UI shows of a publish: rows per mart, figures, quarantine, the GDP targets as a
    Markdown table, and a link to the HTML report."""
    data = written.data
    marts = "\n".join(["| mart | rows |", "| --- | ---: |", *(f"| {k} | {v:,} |" for k, v in data.marts.items())])
    targets = "\n".join([
        f"| province | {data.target_year} GDP growth target | {(data.target_year or 1) - 1} growth |",
        "| --- | --- | ---: |",
        *(f"| {t.region} | {target_label(t.low, t.high, t.qualifier)} | "
          f"{'' if t.outcome is None else f'{t.outcome:g}%'} |" for t in data.gdp_targets[:10])])
    return {
        "report": dg.MetadataValue.url(written.index.as_uri()),
        "report_path": dg.MetadataValue.path(str(written.index)),
        "figures": dg.MetadataValue.int(data.marts.get("fct_figure", 0)),
        "targets": dg.MetadataValue.int(data.targets_total),
        "quarantined": dg.MetadataValue.int(len(data.quarantined)),
        "refused_files": dg.MetadataValue.int(len(data.refused)),
        "mart_rows": dg.MetadataValue.md(marts),
        "preview": dg.MetadataValue.md(targets),
    }


def unvalidated_suites(con) -> list[str]:
    """The blocking suites that did not pass on the marts of the last `dbt build`: no result since
    the build, or a critical expectation failed in the latest judgement."""
    (built_at,) = con.execute("SELECT max(built_at) FROM raw.builds").fetchall()[0]
    if built_at is None:
        return ["no dbt build recorded"]
    bad = []
    for suite in BLOCKING_SUITES:
        rows = con.execute(
            """SELECT bool_and(success OR coalesce(severity, 'critical') <> 'critical')
               FROM raw.validation_results
               WHERE suite = ? AND validated_at >= ?
                 AND validated_at = (SELECT max(validated_at) FROM raw.validation_results WHERE suite = ?)""",
            [suite, built_at, suite]).fetchall()
        if rows[0][0] is not True:
            bad.append(suite)
    return bad

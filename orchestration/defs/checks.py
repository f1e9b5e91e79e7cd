"""Asset checks: the GX suites in expectations/ run through orchestration.validate.

- `figures_valid` on `figures` (one document partition): the row-level suite before dbt. Bad
  figures go to raw.quarantine and dbt staging leaves them out, so the check does NOT block:
  it fails (severity ERROR) only when a suite's `mostly` thresholds are broken, i.e. the
  extraction as a whole is suspicious, and the run goes on without the quarantined figures.
- `fct_figure_valid`, `dim_indicator_valid`, `fct_target_outcome_valid`, `dim_document_valid`
  on the dbt marts are blocking: if one fails, `published_warehouse` does not run and readers keep the old snapshot.

Each check opens the working DuckDB through the `warehouse` resource's connect() (it holds the
run lock unless this process already does; a resource with only `working_db`, or none, falls back
to a plain connection) and returns counts, the failed expectations, sample rows and the Data Docs
path as metadata. great_expectations is imported only when a check runs.

Data Docs: `figures_valid` runs once per document, so it only stores its GX results; the mart
checks (once per warehouse build) render the site with validate.build_data_docs, which renders
only the pages not yet rendered.
"""

import warnings
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from .. import config
from ..validate.suites import MARTS  # one list: the marts with a suite of their own
from .partitions import documents_partitions


def _working_db(context) -> Path:
    res = getattr(context.resources, "warehouse", None)
    return Path(getattr(res, "working_db", None) or config.settings().working_db)


@contextmanager
def _connect(context):
    res = getattr(context.resources, "warehouse", None)
    if callable(getattr(res, "connect", None)):
        with res.connect() as con:
            yield con
        return
    from .. import warehouse

    with warehouse.connect(_working_db(context)) as con:
        yield con


def _result(outcome, asset_key: dg.AssetKey, severity: dg.AssetCheckSeverity) -> dg.AssetCheckResult:
    meta = outcome.metadata()
    md = {
        "failed_count": dg.MetadataValue.int(meta["failed_count"]),
        "rows_validated": dg.MetadataValue.int(meta["rows_validated"]),
        "failed_expectations": dg.MetadataValue.json(meta["failed_expectations"]),
        "sample_rows": dg.MetadataValue.json(meta["sample_rows"]),
        "suites": dg.MetadataValue.text(meta["suites"]),
    }
    if "quarantined" in meta and outcome.table == "raw.figures":
        md["quarantined"] = dg.MetadataValue.int(meta["quarantined"])
        md["released"] = dg.MetadataValue.int(meta["released"])
    if meta["data_docs"]:
        md["data_docs"] = dg.MetadataValue.path(meta["data_docs"])
    failed = [f"{r['check']} ({r['unexpected_count']})" if r["unexpected_count"] is not None else r["check"]
              for r in meta["failed_expectations"] if r["severity"] == "critical"]
    return dg.AssetCheckResult(
        passed=outcome.success, asset_key=asset_key, metadata=md, severity=severity,
        description="all critical expectations met" if outcome.success else "failed: " + ", ".join(failed))


def _figures_valid(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    from .. import validate

    # One GX validation for every document of the run (a range run covers many partitions); the
    # quarantine is per figure row, so it stays exact whatever the batch.
    ids = _partition_keys(context)
    with _connect(context) as con:
        if ids is None:  # unpartitioned launch: the documents this run extracted
            ids = [r[0] for r in con.execute(
                "SELECT DISTINCT document_id FROM raw.figures WHERE run_id = ?", [context.run.run_id]).fetchall()]
        outcome = validate.validate_figures(con, context.run.run_id, ids)
    context.log.info(f"figures_valid on {len(ids)} documents: success={outcome.success} "
                     f"quarantined={outcome.quarantined} released={outcome.released}")
    result = _result(outcome, dg.AssetKey("figures"), dg.AssetCheckSeverity.ERROR)
    # Which documents a failure is about: those with failing rows (all of the batch when a
    # suite-wide threshold failed without naming rows).
    failing = outcome.failing_documents if not outcome.success else []
    if not outcome.success and not failing:
        failing = sorted(ids)
    return dg.AssetCheckResult(
        passed=result.passed, asset_key=result.asset_key, severity=result.severity, description=result.description,
        metadata={**result.metadata, "documents_validated": dg.MetadataValue.int(len(ids)),
                  "failing_documents": dg.MetadataValue.json(failing)})


def _partition_keys(context) -> list[str] | None:
    """The documents of a partitioned launch (one key or a range), None for an unpartitioned one."""
    if context.has_partition_key:
        return [context.partition_key]
    try:
        keys = list(context.partition_keys)
    except Exception:  # noqa: BLE001 - Dagster raises when the run targets no partition
        return None
    return keys or None


with warnings.catch_warnings():
    # A check per document partition is a Dagster "preview" feature: the one it warns about.
    warnings.simplefilter("ignore", dg.PreviewWarning)
    figures_valid = dg.asset_check(
        asset=dg.AssetKey("figures"), name="figures_valid", blocking=False, partitions_def=documents_partitions,
        required_resource_keys={"warehouse"},
        description="GX suites raw_figures + raw_documents on this document's latest version; failing "
        "figures are quarantined (dbt staging excludes them), figures that pass again are released.",
    )(_figures_valid)


def _mart_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(table), name=f"{table}_valid", blocking=True, required_resource_keys={"warehouse"},
        description=f"GX suite expectations/{table}.json (blocking: publishing waits for it).",
    )
    def _check(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
        from .. import validate

        with _connect(context) as con:
            outcome = validate.validate_table(con, table, context.run.run_id, scoped=True)
            try:
                validate.build_data_docs(con)
            except Exception as exc:  # noqa: BLE001 - a rendering failure must not block publishing
                context.log.warning(f"Data Docs not rendered: {exc!r}")
        return _result(outcome, dg.AssetKey(table), dg.AssetCheckSeverity.ERROR)

    return _check


asset_checks: list[dg.AssetChecksDefinition] = [figures_valid, *(_mart_check(t) for t in MARTS)]

"""After dbt: one suite per mart (expectations/<mart>.json), which never quarantines; and
`zhibiao validate --all`, which re-judges everything loaded with the suites as they are now."""
from __future__ import annotations

import os

import duckdb

from .data_docs import build_data_docs, docs_dir_for, index_path, run_and_store
from . import scoped as scoped_suite
from .db import columns, now, quiet, resolve_relation
from .figures import ensure_tables, validate_figures
from .frames import MART_FRAMES, MissingColumns
from .results import FIGURE_KEY, PROVENANCE, SAMPLE_SIZE, ExpectationResult, ValidationOutcome, collect, \
    jsonable, suite_verdict, write_results
from .suites import MARTS, load_reference, load_suite


def validate_table(con: duckdb.DuckDBPyConnection, table: str, run_id: str, *,
                   suites_dir: str | os.PathLike | None = None, docs_dir=None,
                   scoped: bool = False) -> ValidationOutcome:
    """Post-dbt validation of a mart with the suite `<table>.json` (never quarantines).

    A missing table, or a mart missing a column its suite judges, is a failed outcome (check
    `table_exists` / `columns_exist`, naming what is missing), not an exception: the asset
    check reports it and publishing waits.

    With `scoped` (the asset checks), a suite that supports it (scoped.py: fct_figure's and
    fct_target_outcome's) reads
    only the rows of the documents changed since its last judgement, their regions' rows with
    them, and still gives the whole mart's counts and verdict; `row_count` and the sample rows
    are then those of the rows read. Without a usable record it judges the whole mart."""
    ensure_tables(con)
    quiet(con)
    suite = load_suite(table, suites_dir)
    outcome = ValidationOutcome(run_id=run_id, suites=[suite["name"]], table=table)
    meta = suite.get("meta") or {}
    rel = resolve_relation(con, meta.get("table") or table)
    at = now()
    if rel is None:
        return _broken(con, outcome, suite, at, "table_exists", f"table {table} not found", "table missing")
    ref = load_reference(suites_dir)
    counted = scoped_suite.supported(suite, columns(con, rel), con, rel)
    digest = scoped_suite.basis(con, suite, ref) if counted else ""
    scope, units = scoped_suite.plan(con, rel, suite, digest) if counted and scoped else (None, None)
    frame = MART_FRAMES[meta.get("frame", "table")]
    try:
        df = frame(con, rel, ref, document_ids=scope) if scope is not None else frame(con, rel, ref)
    except MissingColumns as exc:
        return _broken(con, outcome, suite, at, "columns_exist", str(exc), "columns missing")
    outcome.row_count = len(df)
    df["_rk"] = range(len(df))
    ddir = docs_dir_for(con, docs_dir)
    results, failing = collect(suite, table, run_and_store(suite, df, run_id, ddir))
    if counted:  # the per-document counts a later scoped judgement adds to its own
        scoped_suite.record(con, suite, digest, run_id, at, rel, scope,
                            scoped_suite.per_document(df, results, failing, suite),
                            [scoped_suite.check_name(e) for e in suite["expectations"]
                             if e["type"] in scoped_suite.ROW_LEVEL], units)
    if scope is not None:
        scoped_suite.whole_results(con, suite, digest, rel, results)
    outcome.results = results
    outcome.success = suite_verdict(results)
    outcome.docs_path = index_path(ddir)
    blocking_rows = {rk for rk, fails in failing.items() if any(er.blocking for *_, er in fails)}
    outcome.failed_count = len(blocking_rows)
    for rk in sorted(failing)[:SAMPLE_SIZE]:
        row = df.iloc[rk]
        keep = [c for c in df.columns if c in (*FIGURE_KEY, "indicator_id", "name_zh", "region_code", "period",
                                                 *PROVENANCE) and c != "sentence"]
        outcome.sample_rows.append({**{c: jsonable(row[c]) for c in keep},
                                    "failed_checks": [c for c, *_ in failing[rk]]})
    write_results(con, run_id, results, at, table)
    return outcome


def _broken(con, outcome: ValidationOutcome, suite: dict, at, check: str, message: str, reason: str) -> ValidationOutcome:
    """The mart cannot be judged at all: one failed critical result that says why."""
    outcome.success = False
    outcome.results.append(ExpectationResult(
        suite=suite["name"], table=outcome.table, expectation=check, column=None, check=check,
        severity="critical", success=False, exception=message, reason=reason))
    write_results(con, outcome.run_id, outcome.results, at, outcome.table)
    return outcome


def revalidate_all(con: duckdb.DuckDBPyConnection, run_id: str, *, marts: bool = True,
                   suites_dir: str | os.PathLike | None = None, docs_dir=None) -> dict[str, ValidationOutcome]:
    """Re-check everything already loaded with the suites as they are now (after a suite edit):
    `zhibiao validate --all`.

    - Every document's latest version with raw_figures + raw_documents, in one batch
      ("documents"): figures now failing are quarantined, quarantined ones now passing are
      released. The marts change only at the next dbt build (staging reads raw.quarantine).
    - With `marts`, every mart of MARTS that exists with its own suite (a missing mart is
      skipped, not failed: a warehouse never built has none). Right after an edit that
      quarantines more figures, fct_figure's no_quarantined_figure fails until dbt rebuilds.
    - Data Docs are rendered once at the end (unless docs_dir is False).
    Returns {"figures": outcome, "<mart>": outcome, ...}; nothing is dropped or rebuilt here.
    """
    out = {"figures": validate_figures(con, run_id, None, suites_dir=suites_dir, docs_dir=docs_dir)}
    if marts:
        for table in MARTS:
            if resolve_relation(con, table) is not None:
                out[table] = validate_table(con, table, run_id, suites_dir=suites_dir, docs_dir=docs_dir)
    ddir = docs_dir_for(con, docs_dir)
    if ddir is not None:
        build_data_docs(ddir)
    return out


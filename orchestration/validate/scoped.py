"""Scoped mart judgement: a blocking mart suite that reads the rows of the documents changed
since its last judgement only, and still gives the verdict of the whole mart.

Used by the asset checks (`validate_table(..., scoped=True)`) for the suites whose frame can be
built for some documents (frames.SCOPED_FRAMES: fct_figure's, by document_id,
fct_target_outcome's, by target_document_id with its region's state, and dim_document's, by
document_id with its rows as state and its figures' newest change from fct_figure:
frames.documents_marts_units). `zhibiao validate --all`
and every judgement without a usable record judge the whole mart, as before.

How it stays exact
- raw.mart_check_counts keeps, per suite and document, what the last judgement counted for each
  row-level expectation: rows, rows with a value, unexpected rows; and the document's
  `document_changed_at` (fct_target_outcome: its region's region_changed_at, and in unit_state
  region_documents) and region as judged. A whole judgement rewrites it all.
- The record holds only under the same *basis*: the suite and reference files, the dbt project of
  the last build (raw.build_inputs) and this package's frame SQL. Any change: the whole mart.
- Changed documents are those whose `document_changed_at` (newest version ingested, figures
  extracted, quarantined or released: int_document_changes) differs from the record, plus those
  that are new or gone. A figure's derived columns read only rows of its own region (the
  region's latest document, the levels of the growth check), so the frame is built for every
  document of the regions those documents are in (now and as recorded), closed over both
  region columns (fct_figure's and raw.documents').
- Row-level expectations (not_null, in_set, between, match_regex): the whole mart's counts are
  the scope's counts plus the record's for every other document; the verdict is GX's rule on
  them (`mostly` of the rows with a value; every row for not_be_null).
- Expectations that span documents keep their whole-table form as a cheap SQL count over the
  mart itself, not the frame: expect_table_row_count_to_be_between,
  expect_column_values_to_be_unique, expect_compound_columns_to_be_unique (the frame has one row
  per mart row, so the counts are GX's). A suite with any other kind of expectation, or two
  expectations with one check name, is judged whole.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .frames import SQL_DIR, SCOPED_FRAMES, UNIT_SOURCES

COUNTS_TABLE = "raw.mart_check_counts"
ROW_LEVEL = {"expect_column_values_to_not_be_null", "expect_column_values_to_be_in_set",
             "expect_column_values_to_be_between", "expect_column_values_to_match_regex"}
TABLE_LEVEL = {"expect_table_row_count_to_be_between", "expect_column_values_to_be_unique",
               "expect_compound_columns_to_be_unique"}

_DDL = f"""CREATE TABLE IF NOT EXISTS {COUNTS_TABLE} (
    suite            VARCHAR NOT NULL,
    basis            VARCHAR NOT NULL,
    document_id      VARCHAR NOT NULL,
    changed_at       TIMESTAMP,
    region_codes     VARCHAR[],
    check_name       VARCHAR NOT NULL,
    element_count    BIGINT NOT NULL,
    counted          BIGINT NOT NULL,
    unexpected_count BIGINT NOT NULL,
    judged_at        TIMESTAMP NOT NULL,
    run_id           VARCHAR
)"""
# added after the table first shipped: what else, besides changed_at, the unit's state holds
_ADD_STATE = f"ALTER TABLE {COUNTS_TABLE} ADD COLUMN IF NOT EXISTS unit_state VARCHAR"


def _ensure(con) -> None:
    con.execute(_DDL)
    con.execute(_ADD_STATE)


def supported(suite: dict, cols: set[str], con=None, rel: str | None = None) -> bool:
    """Whether this suite can be judged scoped on a mart with these columns (a frame whose units
    come from elsewhere, UNIT_SOURCES, also needs ``con`` and ``rel`` to say it can)."""
    meta = suite.get("meta") or {}
    if meta.get("frame") not in SCOPED_FRAMES or not {c for c in unit(suite) if c} | {"region_code"} <= cols:
        return False
    source = UNIT_SOURCES.get(meta["frame"])
    if source is not None and (con is None or source(con, rel) is None):
        return False
    types = [e["type"] for e in suite["expectations"]]
    if any(t not in ROW_LEVEL | TABLE_LEVEL for t in types):
        return False
    checks = [check_name(e) for e in suite["expectations"]]
    return len(set(checks)) == len(checks)


def unit(suite: dict) -> tuple[str, str, str | None]:
    """(document column, changed-at column, state column or None) of the suite's frame."""
    return SCOPED_FRAMES[(suite.get("meta") or {})["frame"]]


def check_name(e: dict) -> str:
    """The check name collect() gives the result of stored expectation `e`."""
    kw = e.get("kwargs") or {}
    column = kw.get("column") or (",".join(kw["column_list"]) if "column_list" in kw else None)
    return (e.get("meta") or {}).get("check") or f"{e['type']}:{column}"


def basis(con, suite: dict, ref: dict) -> str:
    """Digest of what a recorded count depends on besides the documents' own rows."""
    h = hashlib.sha256()
    h.update(json.dumps(suite, sort_keys=True, ensure_ascii=False).encode())
    h.update(json.dumps(ref, sort_keys=True, ensure_ascii=False).encode())
    for p in sorted(SQL_DIR.glob("*.sql")) + [Path(__file__).with_name("frames.py"), Path(__file__)]:
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    try:
        row = con.execute("SELECT project_digest FROM raw.build_inputs ORDER BY built_at DESC LIMIT 1").fetchone()
    except Exception:  # noqa: BLE001 - no build record (a fixture warehouse): the digest says so
        row = None
    h.update(repr(row).encode())
    return h.hexdigest()


def _documents(con, rel: str, suite: dict) -> dict[str, tuple]:
    """document -> (changed_at, state, sorted region codes of its mart rows and raw.documents)."""
    key, changed, state = unit(suite)
    source = UNIT_SOURCES.get((suite.get("meta") or {})["frame"])
    if source is not None:   # the rows are the unit's state (a hash each, summed: order-free)
        units, state_sql = source(con, rel), "CAST(sum(CAST(t.st AS HUGEINT)) AS VARCHAR)"
    else:
        units = f"SELECT {key} AS k, {changed} AS at, {state or 'NULL'} AS st, region_code FROM {rel}"
        state_sql = "CAST(max(t.st) AS VARCHAR)" if state else "NULL"
    rows = con.execute(f"""
        SELECT t.k, max(t.at), {state_sql},
               list_sort(list_distinct(list(DISTINCT t.region_code) || list(DISTINCT d.region_code)))
        FROM ({units}) t
        LEFT JOIN (SELECT document_id, any_value(region_code) AS region_code FROM raw.documents
                   GROUP BY document_id) d ON d.document_id = t.k
        GROUP BY t.k""").fetchall()
    return {d: (at, st, tuple(r or ())) for d, at, st, r in rows}


def plan(con, rel: str, suite: dict, digest: str) -> tuple[list[str] | None, dict[str, tuple] | None]:
    """The documents a scoped judgement must read, or None to judge the whole mart (no record
    under this basis); and the units' state it read (for record(), or None)."""
    _ensure(con)
    recorded = {d: ((at, st), tuple(r or ())) for d, at, st, r in con.execute(
        f"SELECT document_id, any_value(changed_at), any_value(unit_state), any_value(region_codes) "
        f"FROM {COUNTS_TABLE} WHERE suite = ? AND basis = ? GROUP BY document_id", [suite["name"], digest]).fetchall()}
    if not recorded:
        return None, None
    documents = _documents(con, rel, suite)
    current = {d: ((at, st), r) for d, (at, st, r) in documents.items()}
    touched = {d for d, v in current.items() if d not in recorded or recorded[d][0] != v[0]}
    touched |= set(recorded) - set(current)
    regions = set()
    for d in touched:
        regions |= set(current.get(d, (None, ()))[1]) | set(recorded.get(d, (None, ()))[1])
    scope = {d for d in touched if d in current}
    while True:  # whole regions, closed over both region columns
        more = {d for d, (_, r) in current.items() if d not in scope and regions & set(r)}
        if not more:
            return sorted(scope), documents
        scope |= more
        for d in more:
            regions |= set(current[d][1])


def per_document(frame, results, failing, suite: dict) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(document, check) -> (rows, rows with a value, unexpected rows) of the row-level results."""
    import pandas as pd

    out: dict[tuple[str, str], tuple[int, int, int]] = {}
    if not len(frame):
        return out
    docs = frame[unit(suite)[0]].astype(str)
    rows = docs.value_counts()
    for er in results:
        if er.expectation not in ROW_LEVEL:
            continue
        col = er.column if er.column in frame.columns else None
        counted = (frame[col].notna() if col and er.expectation != "expect_column_values_to_not_be_null"
                   else pd.Series(True, index=frame.index)).groupby(docs).sum()
        bad = [rk for rk, fails in failing.items() if any(x is er for *_, x in fails)]
        unexpected = docs.iloc[bad].value_counts() if bad else pd.Series(dtype="int64")
        for doc, n in rows.items():
            out[(doc, er.check)] = (int(n), int(counted.get(doc, 0)), int(unexpected.get(doc, 0)))
    return out


def record(con, suite: dict, digest: str, run_id: str, at, rel: str, scope: list[str] | None,
           counts: dict[tuple[str, str], tuple[int, int, int]], checks: list[str],
           documents: dict[str, tuple] | None = None) -> None:
    """Replace the record of the judged documents (all of them when scope is None); drop gone ones.
    ``documents``: the units' state as plan() read it (the judgement does not change the mart, so
    reading it again, a pass over the whole mart, would give the same)."""
    _ensure(con)
    name = suite["name"]
    current = documents if documents is not None else _documents(con, rel, suite)
    if scope is None:
        con.execute(f"DELETE FROM {COUNTS_TABLE} WHERE suite = ?", [name])
        judged = list(current)
    else:
        con.execute(f"DELETE FROM {COUNTS_TABLE} WHERE suite = ? AND (basis <> ? OR document_id IN "
                    "(SELECT unnest(?::VARCHAR[])) OR document_id NOT IN (SELECT unnest(?::VARCHAR[])))",
                    [name, digest, list(scope), list(current)])
        judged = scope
    rows = []
    for d in judged:
        changed_at, state, regions = current[d]
        for check in checks:
            n, counted, bad = counts.get((d, check), (0, 0, 0))
            rows.append((name, digest, d, changed_at, list(regions), check, n, counted, bad, at, run_id, state))
    if rows:  # one INSERT from a frame: executemany costs milliseconds a row (minutes at 1,000 reports)
        import pandas as pd

        frame = pd.DataFrame(rows, columns=["suite", "basis", "document_id", "changed_at", "region_codes", "check_name",
                                            "element_count", "counted", "unexpected_count", "judged_at", "run_id",
                                            "unit_state"])
        con.register("_zb_counts", frame)
        try:
            con.execute(f"INSERT INTO {COUNTS_TABLE} BY NAME SELECT * FROM _zb_counts")
        finally:
            con.unregister("_zb_counts")


def whole_results(con, suite: dict, digest: str, rel: str, results) -> None:
    """Give each result the whole mart's counts and verdict (in place): row-level ones from the
    record, those that span documents from SQL on the mart."""
    totals = {c: (n, k, u) for c, n, k, u in con.execute(
        f"SELECT check_name, sum(element_count), sum(counted), sum(unexpected_count) FROM {COUNTS_TABLE} "
        "WHERE suite = ? AND basis = ? GROUP BY 1", [suite["name"], digest]).fetchall()}
    stored = {check_name(e): e for e in suite["expectations"]}
    for er in results:
        e = stored.get(er.check)
        if e is None or er.exception:
            continue
        kw = e.get("kwargs") or {}
        if er.expectation in ROW_LEVEL:
            n, counted, bad = (int(x or 0) for x in totals.get(er.check, (0, 0, 0)))
            _set(er, n, counted, bad, kw.get("mostly"))
        elif er.expectation == "expect_table_row_count_to_be_between":
            (n,) = con.execute(f"SELECT count(*) FROM {rel}").fetchone()
            lo, hi = kw.get("min_value"), kw.get("max_value")
            er.observed = n
            er.success = (lo is None or n >= lo) and (hi is None or n <= hi)
        else:  # unique, one column or a compound key: rows whose value occurs twice or more
            cols = kw.get("column_list") or [kw["column"]]
            from ..identifiers import quote_ident

            key = ", ".join(quote_ident(c) for c in cols)
            present = " AND ".join(f"{quote_ident(c)} IS NOT NULL" for c in cols) if \
                er.expectation == "expect_column_values_to_be_unique" else \
                "NOT (" + " AND ".join(f"{quote_ident(c)} IS NULL" for c in cols) + ")"
            n, counted, bad = con.execute(f"""
                SELECT (SELECT count(*) FROM {rel}), coalesce(sum(k), 0), coalesce(sum(k) FILTER (WHERE k > 1), 0)
                FROM (SELECT count(*) AS k FROM {rel} WHERE {present} GROUP BY {key})""").fetchone()
            _set(er, int(n), int(counted), int(bad), kw.get("mostly"))


def _set(er, n: int, counted: int, bad: int, mostly) -> None:
    er.element_count, er.unexpected_count = n, bad
    er.unexpected_percent = 100.0 * bad / counted if counted else 0.0
    er.success = counted == 0 or (counted - bad) / counted >= (1.0 if mostly is None else float(mostly))

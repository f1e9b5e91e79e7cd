"""The quarantine (raw.quarantine): figures a pre-dbt suite rejected, kept out of the marts by dbt
staging, and the audit trail of every rejection.

Every row failing an expectation whose `meta.quarantine` is true gets an active row (one per
figure and check); an active row of a validated figure that no longer fails is released
(released_at set). Rows are never deleted.
"""
from __future__ import annotations

from datetime import datetime

import duckdb

from .db import first_row
from .results import FIGURE_KEY, PROVENANCE, jsonable


def rejected_rows(figs, failing: dict[int, list], suite: str) -> list[dict]:
    """One row per figure of `figs` and quarantining check it failed, with a reason a person can
    act on (the value, the text, unit, measure and indicator)."""
    qrows = []
    for rk, fails in sorted(failing.items()):
        row = figs.iloc[rk]
        for check, reason, value, er in fails:
            if not er.quarantine:
                continue
            detail = (f"{reason} ({er.column}={jsonable(value)}; text {row['text']!r}, unit {row['unit']!r}, "
                      f"measure {row['measure']}, indicator {row['indicator_text']!r})")
            qrows.append({"document_id": row["document_id"], "version": int(row["version"]),
                          "figure_no": int(row["figure_no"]), "suite": suite, "check_name": check,
                          "reason": detail, **{c: jsonable(row.get(c)) for c in PROVENANCE if c != "sentence"}})
    return qrows


def apply_quarantine(con, run_id: str, suite: str, figs, qrows: list[dict], now: datetime) -> tuple[int, int]:
    """Insert new active rows, release active rows of validated figures that passed. One transaction."""
    import pandas as pd

    validated = figs[list(FIGURE_KEY)].copy()
    failing = pd.DataFrame(qrows, columns=[*FIGURE_KEY, "suite", "check_name", "reason"])
    failing = failing.astype({"document_id": object, "suite": object, "check_name": object, "reason": object})
    con.register("_zb_validated", validated)
    con.register("_zb_failing", failing)
    con.execute("BEGIN TRANSACTION")
    try:
        released = first_row(con.execute("""
            UPDATE raw.quarantine q SET released_at = $now, released_run_id = $run
            WHERE q.released_at IS NULL AND q.suite = $suite
              AND EXISTS (SELECT 1 FROM _zb_validated v WHERE v.document_id = q.document_id
                          AND v.version = q.version AND v.figure_no = q.figure_no)
              AND NOT EXISTS (SELECT 1 FROM _zb_failing x WHERE x.document_id = q.document_id
                          AND x.version = q.version AND x.figure_no = q.figure_no AND x.check_name = q.check_name)
        """, {"now": now, "run": run_id, "suite": suite}))[0]
        inserted = first_row(con.execute("""
            INSERT INTO raw.quarantine
            SELECT x.document_id, x.version, x.figure_no, x.suite, x.check_name, x.reason, $run, $now, NULL, NULL,
                   f.text, f.start_offset, f.end_offset, f.value, f.unit, f.measure, f.indicator_text, f.sentence
            FROM _zb_failing x
            LEFT JOIN raw.figures f USING (document_id, version, figure_no)
            WHERE NOT EXISTS (SELECT 1 FROM raw.quarantine q WHERE q.released_at IS NULL
                              AND q.document_id = x.document_id AND q.version = x.version
                              AND q.figure_no = x.figure_no AND q.check_name = x.check_name)
        """, {"now": now, "run": run_id}))[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_zb_validated")
        con.unregister("_zb_failing")
    return int(inserted), int(released)



def quarantine_rows(con: duckdb.DuckDBPyConnection, include_released: bool = False,
                    include_superseded: bool = False) -> list[dict]:
    """Quarantine rows for `zhibiao quarantine`, newest first.

    Each dict has the raw.quarantine columns: document_id, version, figure_no, suite,
    check_name, reason, run_id, quarantined_at, released_at, released_run_id, text,
    start_offset, end_offset, value, unit, measure, indicator_text, sentence.
    By default only what keeps figures out of the marts now: active rows (released_at IS NULL)
    of each document's latest version. include_released adds the released history,
    include_superseded the rows of older versions (dbt reads only the latest). Works on a
    read-only connection; does not import GX.
    """
    if not first_row(con.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = 'raw' "
                              "AND table_name = 'quarantine'")):
        return []  # read-only connection to a warehouse that never validated
    where = ["TRUE"]
    if not include_released:
        where.append("q.released_at IS NULL")
    if not include_superseded:
        where.append("q.version = (SELECT max(d.version) FROM raw.documents d WHERE d.document_id = q.document_id)")
    cur = con.execute(f"SELECT q.* FROM raw.quarantine q WHERE {' AND '.join(where)} "
                      "ORDER BY q.quarantined_at DESC, q.document_id, q.version, q.figure_no, q.check_name")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]

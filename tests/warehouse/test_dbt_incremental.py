"""Incremental dbt builds give the marts a full rebuild gives, row for row.

Real shipped reports go through the real ingestion and extractor into one DuckDB file, which
dbt builds after each step: three reports; two more, and the year before of the first (a
region's second document: its targets meet their outcomes); then a revised version of the
first, some figures of the second quarantined (and one of them released again), every figure of
the third quarantined (a document left with no rows at all) and the year after of the fourth;
then the year after of the fifth; then the fifth removed from the raw tables (its region keeps
the newer report, so only the region's document count tells the change). A copy of the final
file is then built with `--full-refresh`, and every mart and every incremental model must hold
the same rows in both (EXCEPT ALL both ways). The second build also proves it was incremental:
a row of an unchanged document, and one of an unchanged region's pairs, altered by hand in
between, are not rebuilt.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration import ingest, load, warehouse
from tests.support.dbt import run_dbt
from tests.support.paths import ROOT as ROOT_DIR

pytestmark = pytest.mark.slow  # real dbt builds

ROOT = ROOT_DIR
REPORTS = ["hainan-2026-government-work-report", "ningxia-2026-government-work-report",
           "qinghai-2026-government-work-report", "tibet-2025-government-work-report",
           "jilin-2025-government-work-report"]
# the same regions' other years: a target of one meets its outcome in the other
LATER = {"hainan": "hainan-2025-government-work-report", "tibet": "tibet-2026-government-work-report",
         "jilin": "jilin-2026-government-work-report"}
# every incremental model: keyed on the document (the first five), on the region (the next three)
# or on the indicator phrase (the last four)
PHRASE_MODELS = ["int_indicator_phrase_keys", "int_indicator_phrase_cuts", "int_indicator_phrase_matches",
                 "int_indicator_phrase_classes"]
INCREMENTAL = ["int_figure_indicators", "int_figure_units", "int_figures_enriched",
               "int_figure_observations", "fct_figure", "fct_target_outcome", "fct_estimate_revision",
               "mart_key_indicators", *PHRASE_MODELS]
# when a phrase was first stored: the build's time, so a full refresh has its own (macros/incremental_phrases.sql)
BUILD_TIME = "phrase_built_at"


def _source(doc_id: str) -> Path:
    (path,) = [p for p in (ROOT / "raw").rglob(f"{doc_id}.txt")]
    return path


def _add(con, raw: Path, doc_id: str, text: str | None = None) -> int:
    dest = raw / "reports" / f"{doc_id}.txt"
    dest.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        shutil.copyfile(_source(doc_id), dest)
    else:
        dest.write_text(text, encoding="utf-8")
    (rf,) = [f for f in ingest.scan(raw)[0] if f.document_id == doc_id]
    version = load.load_document(con, ingest.read(rf), run_id="test").version
    load.load_figures(con, doc_id, run_id="test")
    return version


def _remove(con, doc_id: str) -> None:
    """Remove a document from the raw tables, as an operator would (no product path does)."""
    for table in ("quarantine", "figures", "extractions", "documents"):
        con.execute(f"DELETE FROM raw.{table} WHERE document_id = ?", [doc_id])


def _quarantine(con, doc_id: str, figure_nos: list[int] | None = None) -> None:
    """Quarantine rows as validate.py writes them (now, active)."""
    where = "" if figure_nos is None else f"AND figure_no IN ({', '.join(map(str, figure_nos))})"
    con.execute(f"""
        INSERT INTO raw.quarantine (document_id, version, figure_no, suite, check_name, reason, run_id,
                                    quarantined_at)
        SELECT document_id, version, figure_no, 'raw_figures', 'test_check', 'test', 'test', ?
        FROM raw.figures
        WHERE document_id = ? AND version = (SELECT max(version) FROM raw.figures WHERE document_id = ?) {where}""",
                [load.now_utc(), doc_id, doc_id])


# What `zhibiao run` leaves out of an incremental build (defs/launch.py): the views, which hold
# only their SQL, and dim_region (made from seeds alone), all unchanged since the first build (and
# the seeds, which `dbt run` leaves out).
AS_A_RUN = ("--exclude", "config.materialized:view", "dim_region")


def _build(db: Path, tmp: Path, *extra: str) -> None:
    result = run_dbt(["run", *extra], db, tmp)
    assert result.returncode == 0, result.stdout[-4000:]


def _rows(con, relation: str) -> str:
    """The relation's rows to compare, without the build time a phrase table keeps."""
    cols = {d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description}
    return f"SELECT * EXCLUDE ({BUILD_TIME}) FROM {relation}" if BUILD_TIME in cols else f"SELECT * FROM {relation}"


def same_rows(con, a: str, b: str) -> None:
    n = con.execute(f"SELECT count(*) FROM {a}").fetchone()[0]
    assert n == con.execute(f"SELECT count(*) FROM {b}").fetchone()[0], (a, b)
    for x, y in ((a, b), (b, a)):
        diff = con.execute(f"SELECT count(*) FROM ({_rows(con, x)} EXCEPT ALL {_rows(con, y)})").fetchone()[0]
        assert diff == 0, f"{diff} rows of {x} not in {y}"


def _relations(con, catalog: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = ?", [catalog]).fetchall()
    return sorted((s, t) for s, t in rows
                  if t.startswith(("dim_", "fct_", "mart_")) or t in INCREMENTAL)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dbt_incremental")
    raw, inc, rebuilt = tmp / "raw", tmp / "inc.duckdb", tmp / "rebuilt.duckdb"
    a, b, c, d, e = REPORTS
    assert run_dbt(["seed"], inc, tmp).returncode == 0
    with warehouse.connect(inc) as con:
        for doc in (a, b, c):
            _add(con, raw, doc)
    _build(inc, tmp)

    # an unchanged document's row and an unchanged region's pair, altered by hand: an
    # incremental build must leave them alone
    with duckdb.connect(str(inc)) as con:
        con.execute("UPDATE main.fct_figure SET text = text || '·' WHERE document_id = ? AND figure_no = 1", [a])
        (pair,) = con.execute("SELECT min(target_outcome_id) FROM main.fct_target_outcome WHERE target_document_id = ?",
                              [b]).fetchall()[0]
        con.execute("UPDATE main.fct_target_outcome SET target_text = target_text || '·' WHERE target_outcome_id = ?",
                    [pair])
    with warehouse.connect(inc) as con:
        for doc in (d, e, LATER["hainan"]):
            _add(con, raw, doc)
    _build(inc, tmp, *AS_A_RUN)
    second = {r["unique_id"] for r in json.loads((tmp / "target" / "run_results.json").read_text())["results"]}
    with duckdb.connect(str(inc)) as con:
        (kept,) = con.execute("SELECT text FROM main.fct_figure WHERE document_id = ? AND figure_no = 1", [a]).fetchone()
        con.execute("UPDATE main.fct_figure SET text = rtrim(text, '·') WHERE document_id = ? AND figure_no = 1", [a])
        (kept_pair,) = con.execute("SELECT target_text FROM main.fct_target_outcome WHERE target_outcome_id = ?",
                                   [pair]).fetchall()[0]
        con.execute("UPDATE main.fct_target_outcome SET target_text = rtrim(target_text, '·') "
                    "WHERE target_outcome_id = ?", [pair])
        added = con.execute("SELECT count(DISTINCT document_id) FROM main.fct_figure").fetchone()[0]
        met = con.execute("SELECT count(*) FROM main.fct_target_outcome WHERE target_document_id = ? "
                          "AND outcome_document_id = ?", [LATER["hainan"], a]).fetchall()[0][0]

    with warehouse.connect(inc) as con:
        text = _source(a).read_text(encoding="utf-8")
        cut = text.index("。", len(text) // 3) + 1         # a revision: a sentence from a third in dropped
        revised = _add(con, raw, a, text[:len(text) // 3 - 200] + text[cut:])
        _quarantine(con, b, [1, 2, 3])
        _quarantine(con, c)
        _add(con, raw, LATER["tibet"])
    _build(inc, tmp, *AS_A_RUN)
    with warehouse.connect(inc) as con:
        con.execute("UPDATE raw.quarantine SET released_at = ?, released_run_id = 'test2' "
                    "WHERE document_id = ? AND figure_no = 2", [load.now_utc(), b])
        _add(con, raw, LATER["jilin"])
    _build(inc, tmp, *AS_A_RUN)
    with warehouse.connect(inc) as con:
        before_removal = con.execute("SELECT count(*) FROM main.fct_target_outcome WHERE target_document_id = ?",
                                     [e]).fetchall()[0][0]
        _remove(con, e)
    _build(inc, tmp, *AS_A_RUN)

    shutil.copyfile(inc, rebuilt)
    _build(rebuilt, tmp, "--full-refresh")
    return {"inc": inc, "rebuilt": rebuilt, "kept": kept, "kept_pair": kept_pair, "added": added, "met": met,
            "revised": revised, "docs": REPORTS, "second": second, "before_removal": before_removal}


def test_second_build_only_added_the_new_documents(builds):
    assert builds["kept"].endswith("·")          # document a's rows were not rebuilt
    assert builds["kept_pair"].endswith("·")     # nor the pairs of b's region (no new document there)
    assert builds["added"] == 6
    assert builds["met"] > 0                     # hainan 2025's targets met their outcomes in hainan 2026
    # ... and left the views as the first build made them (stg_figures is one)
    assert "model.zhibiao.fct_figure" in builds["second"]
    assert "model.zhibiao.stg_figures" not in builds["second"]


def test_incremental_marts_equal_a_full_refresh_row_for_row(builds):
    with duckdb.connect(str(builds["inc"]), read_only=True) as con:
        con.execute(f"ATTACH '{builds['rebuilt']}' AS rebuilt (READ_ONLY)")
        mine, theirs = _relations(con, "inc"), _relations(con, "rebuilt")
        assert mine == theirs and len(mine) >= 10, (mine, theirs)
        assert {n for _, n in mine} >= set(INCREMENTAL)
        for schema, name in mine:
            same_rows(con, f'inc."{schema}"."{name}"', f'rebuilt."{schema}"."{name}"')


def test_the_phrase_tables_were_built_by_phrase(builds):
    """Each build stored only the phrases new to it: the first build's phrases keep its time."""
    with duckdb.connect(str(builds["inc"]), read_only=True) as con:
        for name in PHRASE_MODELS:
            times = con.execute(f"SELECT count(DISTINCT {BUILD_TIME}) FROM intermediate.{name}").fetchone()[0]
            assert times >= 3, name         # the first build, the second's new reports, the revision's
        gone = con.execute("""SELECT count(*) FROM intermediate.int_indicator_phrase_keys
                              WHERE indicator_text NOT IN (SELECT indicator_text FROM raw.figures
                                                           WHERE indicator_text IS NOT NULL)""").fetchone()[0]
        assert gone == 0


def test_the_increments_took_effect(builds):
    a, b, c, *_ = builds["docs"]
    with duckdb.connect(str(builds["inc"]), read_only=True) as con:
        versions = dict(con.execute("SELECT document_id, max(version) FROM main.fct_figure GROUP BY 1").fetchall())
        assert builds["revised"] == 2 and versions[a] == 2
        assert c not in versions                       # every figure quarantined: no row left
        held = {n for (n,) in con.execute(
            "SELECT figure_no FROM raw.quarantine WHERE document_id = ? AND released_at IS NULL", [b]).fetchall()}
        shown = {n for (n,) in con.execute("SELECT figure_no FROM main.fct_figure WHERE document_id = ?", [b]).fetchall()}
        assert held == {1, 3} and not held & shown and 2 in shown
        assert con.execute("SELECT count(*) FROM main.fct_figure WHERE document_id = ? AND version = 1", [a]).fetchone()[0] == 0


def test_the_removed_document_left_every_mart(builds):
    e = builds["docs"][4]
    assert builds["before_removal"] > 0           # it had targets (met by jilin 2026's outcomes)
    with duckdb.connect(str(builds["inc"]), read_only=True) as con:
        for table, col in (("fct_figure", "document_id"), ("dim_document", "document_id"),
                           ("fct_target_outcome", "target_document_id"), ("fct_target_outcome", "outcome_document_id"),
                           ("fct_estimate_revision", "estimate_document_id"),
                           ("fct_estimate_revision", "final_document_id")):
            assert con.execute(f"SELECT count(*) FROM main.{table} WHERE {col} = ?", [e]).fetchall()[0][0] == 0, table
        # its region keeps jilin 2026, and its rows say the region now has one document
        (docs,) = con.execute("SELECT DISTINCT region_documents FROM main.fct_target_outcome WHERE target_document_id = ?",
                              [LATER["jilin"]]).fetchall()
        assert docs == (1,)


def test_data_tests_read_the_rows_changed_since_the_last_finished_build(builds, tmp_path):
    """The `where: __changed_documents__` / `__changed_regions__` tests (macros/changed_rows_where.sql)."""
    db = tmp_path / "t.duckdb"
    shutil.copyfile(builds["inc"], db)
    b = builds["docs"][1]
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO raw.builds VALUES (now()::TIMESTAMP + INTERVAL 1 DAY, 'test')")   # a finished build
        con.execute("UPDATE main.fct_figure SET region_code = '000000' WHERE document_id = ? AND figure_no = 2", [b])
        con.execute("UPDATE main.fct_target_outcome SET target_document_id = NULL WHERE target_outcome_id = "
                    "(SELECT min(target_outcome_id) FROM main.fct_target_outcome)")

    def tests() -> tuple[int, str]:
        r = run_dbt(["test", "--select", "fct_figure", "fct_target_outcome"], db, tmp_path)
        return r.returncode, r.stdout

    code, out = tests()
    assert code == 0, out[-3000:]              # rows of no document changed since that build: not read
    with duckdb.connect(str(db)) as con:       # as if this build had rebuilt b and the pair's region
        con.execute("UPDATE main.fct_figure SET document_changed_at = now()::TIMESTAMP + INTERVAL 2 DAY "
                    "WHERE document_id = ?", [b])
        con.execute("UPDATE main.fct_target_outcome SET region_changed_at = now()::TIMESTAMP + INTERVAL 2 DAY "
                    "WHERE target_document_id IS NULL")
    code, out = tests()
    assert code == 1 and "relationships_fct_figure_region_code" in out and "not_null_fct_target_outcome_target_document_id" in out
    with duckdb.connect(str(db)) as con:       # no finished build recorded: every row is read
        con.execute("UPDATE main.fct_figure SET document_changed_at = document_changed_at - INTERVAL 3 DAY "
                    "WHERE document_id = ?", [b])
        con.execute("DELETE FROM raw.builds")
    code, out = tests()
    assert code == 1 and "relationships_fct_figure_region_code" in out


def _drop_seed_rows(csv: Path, column: str, value: str) -> int:
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines[0].rstrip("\n").split(",").index(column)
    kept = [lines[0]] + [ln for ln in lines[1:] if ln.rstrip("\n").split(",")[at] != value]
    csv.write_text("".join(kept), encoding="utf-8")
    return len(lines) - len(kept)


def test_a_seed_change_recomputes_every_phrase(builds, tmp_path):
    """The seeds the phrase tables read changed (an indicator's aliases and a class's heads gone)
    and a plain incremental build (no --full-refresh) gives the phrase tables a full refresh gives."""
    with duckdb.connect(str(builds["inc"]), read_only=True) as con:
        (alias_id,) = con.execute("""SELECT alias_indicator_id FROM intermediate.int_indicator_phrase_matches
                                     WHERE alias_match = 'exact' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""").fetchone()
        (class_id,) = con.execute("""SELECT indicator_id FROM intermediate.int_indicator_phrase_classes
                                     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""").fetchone()
    project = tmp_path / "project"
    shutil.copytree(ROOT / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    assert _drop_seed_rows(project / "seeds" / "indicator_aliases.csv", "indicator_id", alias_id) > 0
    assert _drop_seed_rows(project / "seeds" / "indicator_classes.csv", "indicator_id", class_id) > 0
    changed, rebuilt = tmp_path / "changed.duckdb", tmp_path / "rebuilt.duckdb"
    shutil.copyfile(builds["inc"], changed)
    phrases = ["--select", "int_indicator_alias_keys", *PHRASE_MODELS]
    for db, extra in ((changed, ()), (rebuilt, ("--full-refresh",))):
        (tmp_path / db.stem).mkdir()
        for step in (["seed", "--select", "indicator_aliases", "indicator_classes"], ["run", *phrases, *extra]):
            done = run_dbt(step, db, tmp_path / db.stem, project=project)
            assert done.returncode == 0, done.stdout[-4000:]
        if db == changed:
            shutil.copyfile(changed, rebuilt)       # the same raw tables and seeds, rebuilt whole next
    with duckdb.connect(str(changed), read_only=True) as con:
        con.execute(f"ATTACH '{rebuilt}' AS rebuilt (READ_ONLY)")
        con.execute(f"ATTACH '{builds['inc']}' AS before (READ_ONLY)")
        for name in PHRASE_MODELS:
            same_rows(con, f"changed.intermediate.{name}", f"rebuilt.intermediate.{name}")
        gone = con.execute("SELECT count(*) FROM intermediate.int_indicator_phrase_matches WHERE alias_indicator_id = ?",
                           [alias_id]).fetchone()[0]
        was = con.execute("SELECT count(*) FROM before.intermediate.int_indicator_phrase_matches "
                          "WHERE alias_indicator_id = ?", [alias_id]).fetchone()[0]
        assert was > 0 and gone == 0
        assert con.execute("SELECT count(*) FROM intermediate.int_indicator_phrase_classes WHERE indicator_id = ?",
                           [class_id]).fetchone()[0] == 0

"""Post-dbt validation: a real `dbt build` of dbt_project/ on a tmp warehouse whose raw figures
went through validate_figures first, then the mart suites and the blocking Dagster checks."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pytest

from orchestration import validate
from orchestration.config import DBT_PROJECT_DIR
from orchestration.defs.checks import asset_checks
from tests.support.validation import good_2025, good_2026, open_db

DBT = str(Path(sys.executable).with_name("dbt"))


def dbt_build(db: Path, work: Path) -> None:
    env = {**os.environ, "ZHIBIAO_DUCKDB": str(db), "DO_NOT_TRACK": "1"}
    subprocess.run([DBT, "build", "--quiet", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
                    "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
                   env=env, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Two reports, the share of 130 % in the second quarantined before dbt, then dbt build."""
    work = tmp_path_factory.mktemp("marts")
    db = work / "w.work.duckdb"
    con = open_db(db)
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    out = validate.validate_figures(con, "run-1", None)
    assert [(r["document_id"], r["figure_no"]) for r in validate.quarantine_rows(con)] == [("hz-2026", 3)]
    assert out.quarantined == 1
    con.close()
    dbt_build(db, work)
    return db


@pytest.fixture
def db(built, tmp_path) -> Path:
    """A private copy per test: tests corrupt the marts."""
    p = tmp_path / "w.work.duckdb"
    shutil.copy(built, p)
    return p


@pytest.mark.slow
def test_marts_exclude_the_quarantined_figure_and_pass(db):
    with duckdb.connect(str(db)) as con:
        figs = {r[0] for r in con.execute("SELECT figure_no FROM fct_figure WHERE document_id = 'hz-2026'").fetchall()}
        assert figs == {1, 2, 4, 5, 6, 7, 8}
        for table in ("fct_figure", "dim_indicator", "fct_target_outcome", "dim_document"):
            out = validate.validate_table(con, table, "run-2")
            assert out.success, (table, [(r.check, r.observed, r.exception) for r in out.failed_expectations])
            assert [r.check for r in out.results if r.exception] == [], table
            assert out.failed_count == 0
        assert con.execute("SELECT count(*) FROM fct_target_outcome").fetchall()[0][0] > 0


@pytest.mark.slow
def test_released_figure_comes_back_after_the_next_build(db, tmp_path):
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE raw.figures SET value = 55.0 WHERE document_id = 'hz-2026' AND figure_no = 3")
        assert validate.validate_figures(con, "run-2", ["hz-2026"]).released == 1
    dbt_build(db, tmp_path)
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT value FROM fct_figure WHERE document_id = 'hz-2026' AND figure_no = 3").fetchall() == [(55.0,)]
        assert validate.validate_table(con, "fct_figure", "run-3").success


@pytest.mark.slow
def test_quarantined_figure_leaking_into_the_mart_fails(db):
    with duckdb.connect(str(db)) as con:
        con.execute("""INSERT INTO raw.quarantine (document_id, version, figure_no, suite, check_name, reason, run_id, quarantined_at)
                       VALUES ('hz-2026', 1, 5, 'raw_figures', 'manual', 'test', 'run-x', now())""")
        out = validate.validate_table(con, "fct_figure", "run-2")
    assert not out.success
    assert {r.check for r in out.failed_expectations} == {"no_quarantined_figure"}
    assert out.failed_count == 1 and out.sample_rows[0]["figure_no"] == 5


@pytest.mark.slow
def test_corrupted_offsets_and_share_in_fct_figure_fail(db):
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE fct_figure SET start_offset = start_offset + 1 WHERE document_id = 'hz-2026' AND figure_no = 1")
        con.execute("UPDATE fct_figure SET measure = 'share', value = 130 WHERE document_id = 'hz-2026' AND figure_no = 2")
        out = validate.validate_table(con, "fct_figure", "run-2")
        stored = con.execute("""SELECT check_name FROM raw.validation_results WHERE run_id = 'run-2'
                                AND NOT success ORDER BY 1""").fetchall()
    assert {"text_matches_source", "share_in_0_100"} <= {r.check for r in out.failed_expectations}
    assert out.failed_count == 2
    assert ("share_in_0_100",) in stored and ("text_matches_source",) in stored


@pytest.mark.slow
def test_unit_family_against_dim_indicator(db):
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE fct_figure SET unit_family = 'area' WHERE document_id = 'hz-2026' AND figure_no = 1")
        frame = validate.mart_figures_frame(con, "main.fct_figure").set_index(["document_id", "figure_no"])
        assert frame.loc[("hz-2026", 1), "indicator_unit_family"] == "money"
        assert not frame.loc[("hz-2026", 1), "unit_fits_dim_indicator"]
        assert frame.loc[("hz-2026", 4), "unit_fits_dim_indicator"]


@pytest.mark.slow
def test_growth_check_keeps_a_scoped_headline_out_of_the_regions_series(db):
    with duckdb.connect(str(db)) as con:
        frame = validate.mart_figures_frame(con, "main.fct_figure")
        judged = frame[frame["growth_level_gap"].notna()][["document_id", "figure_no"]].values.tolist()
        assert judged     # a growth judged against the region's own levels
        doc, no = judged[0]
        con.execute("""UPDATE fct_figure SET indicator_match = 'scoped_headline', indicator_scope = '北部'
                       WHERE document_id = ? AND figure_no = ?""", [doc, int(no)])
        frame = validate.mart_figures_frame(con, "main.fct_figure").set_index(["document_id", "figure_no"])
    # the same figure as gdp of 北部 has no levels of its own series to be judged by
    assert pd.isna(frame.loc[(doc, no), "growth_level_gap"])
    assert frame["growth_level_gap"].notna().sum() == len(judged) - 1


@pytest.mark.slow
def test_dim_indicator_missing_key_indicator_fails(db):
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM dim_indicator WHERE indicator_id = 'gdp'")
        out = validate.validate_table(con, "dim_indicator", "run-2")
    assert not out.success
    assert {r.check for r in out.failed_expectations} == {"key_indicators_present"}


@pytest.mark.slow
def test_target_outcome_pointing_at_a_missing_figure_fails(db):
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE fct_target_outcome SET target_figure_no = 99 WHERE target_outcome_id = "
                    "(SELECT min(target_outcome_id) FROM fct_target_outcome)")
        out = validate.validate_table(con, "fct_target_outcome", "run-2")
    assert {r.check for r in out.failed_expectations} == {"target_is_published_target"}
    assert out.failed_count == 1


@pytest.mark.slow
def test_rules_whose_dbt_tests_were_repeats_fail_in_the_suites(db):
    """dbt no longer tests these rules (docs/performance.md, "Tests"): the indicators seed's
    id, names, kind and direction, fct_target_outcome's is_met, fct_figure's key columns not
    null. The blocking suites are where they are checked, so a mart breaking them fails there."""
    with duckdb.connect(str(db)) as con:
        con.execute("""INSERT INTO dim_indicator SELECT * FROM dim_indicator
                       WHERE indicator_id = (SELECT min(indicator_id) FROM dim_indicator WHERE indicator_id <> 'gdp')""")
        con.execute("UPDATE dim_indicator SET name_en = NULL, kind = 'other', direction = 'sideways' WHERE indicator_id = 'gdp'")
        indicators = validate.validate_table(con, "dim_indicator", "run-2")
        con.execute("""UPDATE fct_target_outcome SET is_met = true, is_outcome_known = false
                       WHERE target_outcome_id = (SELECT min(target_outcome_id) FROM fct_target_outcome)""")
        outcomes = validate.validate_table(con, "fct_target_outcome", "run-2")
        # figure_id is document_id:version:figure_no (dbt.concat): null when one of them is
        (null_part,) = con.execute("SELECT 'hz-2026' || ':' || CAST(NULL AS VARCHAR) || ':' || CAST(3 AS VARCHAR)").fetchall()[0]
        con.execute("UPDATE fct_figure SET figure_id = NULL WHERE document_id = 'hz-2026' AND figure_no = 1")
        figures = validate.validate_table(con, "fct_figure", "run-2")
    assert {r.check for r in indicators.failed_expectations} == {
        "indicator_id_unique", "name_zh_unique", "required_name_en", "kind_allowed", "direction_allowed"}
    assert {r.check for r in outcomes.failed_expectations} == {"is_met_needs_outcome"}
    assert null_part is None
    assert "required_figure_id" in {r.check for r in figures.failed_expectations}
    assert not (indicators.success or outcomes.success or figures.success)


@pytest.mark.slow
def test_report_without_gdp_in_the_marts_is_a_warning(db):
    with duckdb.connect(str(db)) as con:
        frame = validate.documents_marts_frame(con, "main.dim_document").set_index("document_id")
        assert frame.loc["hz-2026", "has_gdp_figure"] and frame.loc["hz-2026", "key_indicators_found"] == 5
        assert frame.loc["hz-2025", "key_indicators_found"] == 2  # GDP and budget revenue only
        before = validate.validate_table(con, "dim_document", "run-2")
        con.execute("DELETE FROM fct_figure WHERE document_id = 'hz-2026' AND indicator_id = 'gdp'")
        after = validate.validate_table(con, "dim_document", "run-3")
    assert {r.check for r in before.failed_expectations} == {"key_indicators_present"}
    gdp = next(r for r in after.results if r.check == "key_indicator_gdp_present")
    assert not gdp.success and gdp.unexpected_count == 1 and gdp.severity == "warning"
    assert before.success and after.success  # suspicious, not wrong: warnings do not block


@pytest.mark.slow
def test_two_latest_versions_of_a_document_fail(db):
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO dim_document SELECT * REPLACE (2 AS version) FROM dim_document WHERE document_id = 'hz-2026'")
        out = validate.validate_table(con, "dim_document", "run-2")
    assert not out.success
    assert "one_latest_version" in {r.check for r in out.failed_expectations}


def test_missing_mart_is_a_failed_outcome(tmp_path):
    con = open_db(tmp_path / "empty.duckdb")
    out = validate.validate_table(con, "fct_figure", "run-1")
    con.close()
    assert not out.success and out.results[0].check == "table_exists"


class _Warehouse(dg.ConfigurableResource):
    path: str

    @property
    def working_db(self) -> Path:
        return Path(self.path)


def _materialize_with_publish(db: Path):
    """Stand-ins for the dbt mart assets and the publishing asset, with the real checks."""
    published = []

    tables = ("fct_figure", "dim_indicator", "fct_target_outcome", "dim_document")

    @dg.multi_asset(specs=[dg.AssetSpec(t) for t in tables])
    def marts():
        for t in tables:
            yield dg.MaterializeResult(asset_key=t)

    @dg.asset(deps=list(tables))
    def published_warehouse():
        published.append(True)

    checks = [c for c in asset_checks if c.check_keys and next(iter(c.check_keys)).asset_key.to_user_string() != "figures"]
    result = dg.materialize([marts, published_warehouse, *checks], resources={"warehouse": _Warehouse(path=str(db))},
                            raise_on_error=False)
    return result, published


@pytest.mark.slow
def test_blocking_checks_let_publishing_run_on_good_marts(db):
    result, published = _materialize_with_publish(db)
    evals = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert evals == {"fct_figure_valid": True, "dim_indicator_valid": True, "fct_target_outcome_valid": True,
                     "dim_document_valid": True}
    assert published == [True]


@pytest.mark.slow
def test_failed_blocking_check_stops_publishing(db):
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE fct_figure SET start_offset = start_offset + 1 WHERE document_id = 'hz-2026' AND figure_no = 1")
    result, published = _materialize_with_publish(db)
    evals = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not evals["fct_figure_valid"].passed
    assert evals["fct_figure_valid"].metadata["failed_count"].value == 1
    assert published == []


def _counts(outcome) -> dict:
    return {r.check: (r.success, r.element_count, r.unexpected_count) for r in outcome.results}


def _copy_to_beijing(con, *marts: str) -> None:
    """A third report in another region: hz-2025 copied as bj-2025 under Beijing, in raw.documents
    and the given marts (dim_document, fct_figure)."""
    renamed = {"raw.documents": "'bj.txt' AS source_path", "dim_document": "'bj.txt' AS source_path",
               "fct_figure": "'bj-' || figure_id AS figure_id"}
    for table in ("raw.documents", *marts):
        con.execute(f"INSERT INTO {table} SELECT * REPLACE ('bj-2025' AS document_id, '110000' AS region_code, "
                    f"{renamed[table]}) FROM {table} WHERE document_id = 'hz-2025'")


def _touch(con, document_id: str) -> None:
    """What an incremental dbt build does to a document it rebuilt: a newer document_changed_at."""
    con.execute("UPDATE fct_figure SET document_changed_at = document_changed_at + INTERVAL 1 HOUR "
                "WHERE document_id = ?", [document_id])


@pytest.mark.slow
def test_scoped_judgement_reads_the_changed_regions_and_gives_the_whole_marts_counts(db):
    with duckdb.connect(str(db)) as con:
        _copy_to_beijing(con, "fct_figure")   # a third report in another region
        n_bj = con.execute("SELECT count(*) FROM fct_figure WHERE document_id = 'bj-2025'").fetchone()[0]
        n_all = con.execute("SELECT count(*) FROM fct_figure").fetchone()[0]
        first = validate.validate_table(con, "fct_figure", "run-1", docs_dir=False, scoped=True)
        assert first.success and first.row_count == n_all      # no record yet: the whole mart

        same = validate.validate_table(con, "fct_figure", "run-2", docs_dir=False, scoped=True)
        assert same.success and same.row_count == 0            # nothing changed: nothing read
        assert _counts(same) == _counts(first)

        # a share of 130 % in a rebuilt hz-2026: both Hangzhou reports are read, Beijing's is not
        measure, value = con.execute("SELECT measure, value FROM fct_figure WHERE document_id = 'hz-2026' "
                                     "AND figure_no = 2").fetchone()
        con.execute("UPDATE fct_figure SET measure = 'share', value = 130 WHERE document_id = 'hz-2026' AND figure_no = 2")
        _touch(con, "hz-2026")
        scoped = validate.validate_table(con, "fct_figure", "run-3", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "fct_figure", "run-4", docs_dir=False)
        assert scoped.row_count == n_all - n_bj and whole.row_count == n_all
        assert not scoped.success and {r.check for r in scoped.failed_expectations} == {"share_in_0_100"}
        assert _counts(scoped) == _counts(whole)

        # fixed again, and Beijing's region code lost (a `mostly` check counts over every document)
        con.execute("UPDATE fct_figure SET measure = ?, value = ? WHERE document_id = 'hz-2026' AND figure_no = 2",
                    [measure, value])
        _touch(con, "hz-2026")
        con.execute("UPDATE fct_figure SET region_code = NULL WHERE document_id = 'bj-2025'")
        _touch(con, "bj-2025")
        scoped = validate.validate_table(con, "fct_figure", "run-5", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "fct_figure", "run-6", docs_dir=False)
        region = next(r for r in scoped.results if r.column == "region_code")
        assert region.element_count == n_all and region.unexpected_count == n_bj and not region.success
        assert {r.check for r in scoped.failed_expectations} == {region.check}
        assert _counts(scoped) == _counts(whole)

        # a figure_id repeated across documents, in a document not rebuilt: the whole-table SQL sees it
        con.execute("UPDATE fct_figure SET region_code = '110000' WHERE document_id = 'bj-2025'")
        _touch(con, "bj-2025")
        run7 = validate.validate_table(con, "fct_figure", "run-7", docs_dir=False, scoped=True)
        assert run7.success, [(r.check, r.element_count, r.unexpected_count) for r in run7.failed_expectations]
        con.execute("UPDATE fct_figure SET figure_id = (SELECT min(figure_id) FROM fct_figure WHERE document_id = 'hz-2025') "
                    "WHERE document_id = 'bj-2025' AND figure_no = 1")
        scoped = validate.validate_table(con, "fct_figure", "run-8", docs_dir=False, scoped=True)
        assert scoped.row_count == 0
        unique = next(r for r in scoped.results if r.expectation == "expect_column_values_to_be_unique")
        assert not unique.success and unique.unexpected_count == 2 and not scoped.success

        # Beijing's report gone: its counts leave the record
        con.execute("DELETE FROM fct_figure WHERE document_id = 'bj-2025'")
        scoped = validate.validate_table(con, "fct_figure", "run-9", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "fct_figure", "run-10", docs_dir=False)
        assert scoped.success and _counts(scoped) == _counts(whole)
        assert next(r for r in scoped.results if r.column == "region_code").element_count == n_all - n_bj


def _touch_region(con, region_code: str, documents: int | None = None) -> None:
    """What an incremental dbt build does to a region it rebuilt: a newer region_changed_at (a
    document of it changed) or another region_documents (one removed)."""
    if documents is None:
        con.execute("UPDATE fct_target_outcome SET region_changed_at = region_changed_at + INTERVAL 1 HOUR "
                    "WHERE region_code = ?", [region_code])
    else:
        con.execute("UPDATE fct_target_outcome SET region_documents = ? WHERE region_code = ?", [documents, region_code])


@pytest.mark.slow
def test_scoped_target_outcome_judgement_reads_the_changed_regions_only(db):
    with duckdb.connect(str(db)) as con:
        (region,) = con.execute("SELECT DISTINCT region_code FROM fct_target_outcome WHERE outcome_document_id IS NOT NULL"
                                ).fetchall()[0]
        docs = [d for (d,) in con.execute("SELECT DISTINCT document_id FROM fct_figure WHERE region_code = ?",
                                          [region]).fetchall()]
        # the same pairs under Beijing: both reports and their figures copied, so both ends are found
        for d in docs:
            con.execute("INSERT INTO raw.documents SELECT * REPLACE ('bj-' || document_id AS document_id, "
                        "'110000' AS region_code, 'bj-' || source_path AS source_path) FROM raw.documents "
                        "WHERE document_id = ?", [d])
            con.execute("INSERT INTO fct_figure SELECT * REPLACE ('bj-' || document_id AS document_id, "
                        "'110000' AS region_code, 'bj-' || figure_id AS figure_id) FROM fct_figure WHERE document_id = ?",
                        [d])
        con.execute("INSERT INTO fct_target_outcome SELECT * REPLACE ('bj-' || target_outcome_id AS target_outcome_id, "
                    "'bj-' || target_document_id AS target_document_id, '110000' AS region_code, "
                    "'bj-' || outcome_document_id AS outcome_document_id) FROM fct_target_outcome WHERE region_code = ?",
                    [region])
        n_bj = con.execute("SELECT count(*) FROM fct_target_outcome WHERE region_code = '110000'").fetchone()[0]
        n_all = con.execute("SELECT count(*) FROM fct_target_outcome").fetchone()[0]
        assert 0 < n_bj < n_all
        first = validate.validate_table(con, "fct_target_outcome", "run-1", docs_dir=False, scoped=True)
        assert first.success and first.row_count == n_all      # no record yet: the whole mart
        same = validate.validate_table(con, "fct_target_outcome", "run-2", docs_dir=False, scoped=True)
        assert same.success and same.row_count == 0 and _counts(same) == _counts(first)

        # a pair of Beijing's broken and its region rebuilt: only Beijing's pairs are read
        con.execute("UPDATE fct_target_outcome SET measure = 'bogus' WHERE target_outcome_id = "
                    "(SELECT min(target_outcome_id) FROM fct_target_outcome WHERE region_code = '110000')")
        _touch_region(con, "110000")
        scoped = validate.validate_table(con, "fct_target_outcome", "run-3", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "fct_target_outcome", "run-4", docs_dir=False)
        assert scoped.row_count == n_bj and whole.row_count == n_all
        assert not scoped.success and scoped.failed_count == 1 and _counts(scoped) == _counts(whole)

        # the other region loses a document (its newest change unmoved): its pairs are read again,
        # and Beijing's broken pair, not read, still counts from the record
        _touch_region(con, region, documents=99)
        scoped = validate.validate_table(con, "fct_target_outcome", "run-5", docs_dir=False, scoped=True)
        assert scoped.row_count == n_all - n_bj and not scoped.success and _counts(scoped) == _counts(whole)


@pytest.mark.slow
def test_scoped_document_judgement_reads_the_changed_documents_and_gives_the_whole_marts_counts(db):
    with duckdb.connect(str(db)) as con:
        _copy_to_beijing(con, "dim_document", "fct_figure")   # a third report, its row and figures too
        n_all = con.execute("SELECT count(*) FROM dim_document").fetchone()[0]
        n_bj = con.execute("SELECT count(*) FROM dim_document WHERE document_id = 'bj-2025'").fetchone()[0]
        first = validate.validate_table(con, "dim_document", "run-1", docs_dir=False, scoped=True)
        assert first.success and first.row_count == n_all      # no record yet: the whole mart
        same = validate.validate_table(con, "dim_document", "run-2", docs_dir=False, scoped=True)
        assert same.success and same.row_count == 0 and _counts(same) == _counts(first)

        # hz-2026 rebuilt without its GDP figure: the Hangzhou reports are read, Beijing's is not
        con.execute("DELETE FROM fct_figure WHERE document_id = 'hz-2026' AND indicator_id = 'gdp'")
        _touch(con, "hz-2026")
        scoped = validate.validate_table(con, "dim_document", "run-3", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "dim_document", "run-4", docs_dir=False)
        assert scoped.row_count == n_all - n_bj and whole.row_count == n_all
        gdp = next(r for r in scoped.results if r.check == "key_indicator_gdp_present")
        assert not gdp.success and gdp.unexpected_count == 1 and _counts(scoped) == _counts(whole)

        # every figure of Beijing's report gone (no row left to carry a newer change): it is read again
        con.execute("DELETE FROM fct_figure WHERE document_id = 'bj-2025'")
        scoped = validate.validate_table(con, "dim_document", "run-5", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "dim_document", "run-6", docs_dir=False)
        assert scoped.row_count == n_bj and _counts(scoped) == _counts(whole)
        assert next(r for r in scoped.results if r.check == "key_indicator_gdp_present").unexpected_count == 2

        # a second latest version of Beijing's report in dim_document alone (its figures unchanged):
        # the document's rows are its state, so it is read, and the blocking check fails
        con.execute("INSERT INTO dim_document SELECT * REPLACE (2 AS version) FROM dim_document "
                    "WHERE document_id = 'bj-2025'")
        scoped = validate.validate_table(con, "dim_document", "run-7", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "dim_document", "run-8", docs_dir=False)
        assert scoped.row_count == n_bj + 1 and not scoped.success
        assert "one_latest_version" in {r.check for r in scoped.failed_expectations}
        assert _counts(scoped) == _counts(whole)

        # and gone: its counts leave the record
        con.execute("DELETE FROM dim_document WHERE document_id = 'bj-2025'")
        scoped = validate.validate_table(con, "dim_document", "run-9", docs_dir=False, scoped=True)
        whole = validate.validate_table(con, "dim_document", "run-10", docs_dir=False)
        assert scoped.success and scoped.row_count == 0 and _counts(scoped) == _counts(whole)
        assert next(r for r in scoped.results if r.check == "required_document_id").element_count == n_all - n_bj

"""Pre-dbt validation: real GX runs of expectations/raw_*.json on a DuckDB file in tmp_path."""
import csv
import json
import shutil
import subprocess
import sys

import pytest

from orchestration import validate
from orchestration.config import DBT_PROJECT_DIR, EXPECTATIONS_DIR, PROJECT_ROOT
from tests.support.validation import REPORT_2026, add_document, good_2025, good_2026, open_db


@pytest.fixture
def con(tmp_path):
    c = open_db(tmp_path / "w.work.duckdb")
    yield c
    c.close()


def active(con):
    return {(r["document_id"], r["figure_no"], r["check_name"]): r for r in validate.quarantine_rows(con)}


def failed_checks(outcome):
    return {r.check for r in outcome.results if not r.success}


def test_good_figures_pass_and_nothing_is_quarantined(con):
    good_2025(con)
    good_2026(con)
    out = validate.validate_figures(con, "run-1", ["hz-2026"])
    assert out.success, [r for r in out.results if not r.success]
    assert [r.check for r in out.results if r.exception] == []  # every column a suite names exists
    assert out.row_count == 8
    assert out.failed_count == 0 and out.quarantined == 0
    assert active(con) == {}
    # Every expectation of both suites is recorded for the run.
    n = len(validate.load_suite("raw_figures")["expectations"]) + len(validate.load_suite("raw_documents")["expectations"])
    assert con.execute("SELECT count(*) FROM raw.validation_results WHERE run_id = 'run-1'").fetchall()[0][0] == n


def test_share_of_130_percent_is_quarantined_with_reason(con):
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    out = validate.validate_figures(con, "run-1", ["hz-2026"])
    assert not out.success
    assert failed_checks(out) == {"share_in_0_100", "report_has_figures"}  # the latter: a warning (8 < 10)
    q = active(con)
    assert set(q) == {("hz-2026", 3, "share_in_0_100")}
    row = q[("hz-2026", 3, "share_in_0_100")]
    assert "130" in row["reason"] and row["run_id"] == "run-1" and row["suite"] == "raw_figures"
    # Provenance travels with the quarantine row.
    assert (row["text"], row["start_offset"], row["value"]) == ("55.0%", REPORT_2026.index("55.0%"), 130.0)
    assert row["sentence"] == REPORT_2026 and row["indicator_text"] == "第三产业"
    assert out.failed_count == 1 and out.quarantined == 1
    assert out.sample_rows[0]["figure_no"] == 3


def test_a_share_of_a_plan_may_pass_100_percent_but_not_fall_below_0(con):
    # 完成年计划的130%: how far a plan was met is no part of a whole; a negative share is still wrong
    good_2025(con)
    good_2026(con, {3: dict(value=130.0, of="年计划"), 6: dict(text="5%", value=-5.0, unit="%", measure="share",
                                                            of="年度目标任务")})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    assert set(active(con)) == {("hz-2026", 6, "share_in_0_100")}


def test_a_share_of_a_named_plan_word_inside_the_whole_is_still_held_to_100(con):
    # (the whole must END in 计划/目标/任务: 计划单列市 is a kind of city, a share of it stays a share)
    good_2025(con)
    good_2026(con, {3: dict(value=130.0, of="计划单列市")})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    assert set(active(con)) == {("hz-2026", 3, "share_in_0_100")}


def test_bonds_may_be_counted_as_well_as_summed(con):
    # 企业发行各类债券1193只: a count fits a bond issue; GDP in 只 still does not
    good_2025(con)
    good_2026(con, {4: dict(unit="只", indicator="企业发行各类债券"), 6: dict(unit="只", indicator="专项债券"),
                    1: dict(unit="只")})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    assert {(k[1], k[2]) for k in active(con)} == {(1, "unit_fits_indicator")}


def test_a_cut_by_a_fraction_is_a_growth(con):
    # 种类压减三分之一: a growth written as a fraction fits the growth measure; a rank written so does not
    good_2025(con)
    good_2026(con, {2: dict(value=-1 / 3, unit="fraction"), 5: dict(unit="fraction")})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    assert set(active(con)) == {("hz-2026", 5, "unit_fits_measure")}


def test_unit_that_does_not_fit_indicator_or_measure(con):
    good_2025(con)
    good_2026(con, {1: dict(unit="万平方米"),            # GDP as an area
                    2: dict(unit="亿元")})               # a growth in 亿元
    out = validate.validate_figures(con, "run-1", ["hz-2026"])
    q = active(con)
    assert ("hz-2026", 1, "unit_fits_indicator") in q
    assert ("hz-2026", 2, "unit_fits_measure") in q
    assert {k[1] for k in q} == {1, 2}
    assert {"unit_fits_indicator", "unit_fits_measure"} <= failed_checks(out)
    assert not out.success


def test_offsets_that_do_not_match_the_text(con):
    good_2025(con)
    s = REPORT_2026.index("300亿元")
    good_2026(con, {4: dict(start=s + 1, end=s + 6),                     # shifted by one
                    6: dict(start=len(REPORT_2026) - 2, end=len(REPORT_2026) + 5)})  # past the end
    out = validate.validate_figures(con, "run-1", ["hz-2026"])
    q = active(con)
    assert ("hz-2026", 4, "text_matches_source") in q
    assert ("hz-2026", 4, "offsets_inside_document") not in q
    assert ("hz-2026", 6, "offsets_inside_document") in q
    assert {k[1] for k in q} == {4, 6}
    assert {"text_matches_source", "offsets_inside_document"} <= failed_checks(out)


def test_growth_that_contradicts_two_levels(con):
    good_2025(con)                              # GDP 2024: 4700亿元
    good_2026(con, {2: dict(value=25.0)})       # GDP 2025: 5000亿元, "growth 25%" (4700 × 1.25 = 5875)
    out = validate.validate_figures(con, "run-1", ["hz-2026"])
    q = active(con)
    assert set(q) == {("hz-2026", 2, "growth_consistent_with_levels")}
    frame = validate.figures_frame(con, ["hz-2026"])
    gap = frame.set_index("figure_no").loc[2, "growth_level_gap"]
    assert gap == pytest.approx(abs(4700 * 1.25 - 5000) / 5000)
    assert not out.success


def test_consistent_growth_across_documents_has_a_small_gap(con):
    good_2025(con)
    good_2026(con)
    frame = validate.figures_frame(con, ["hz-2026"]).set_index("figure_no")
    assert frame.loc[2, "growth_level_gap"] == pytest.approx(abs(4700 * 1.06 - 5000) / 5000)
    assert frame["growth_level_gap"].notna().sum() == 1  # only the 2025 actual growth has both levels


def test_period_outside_document_years_and_status(con):
    good_2025(con)
    good_2026(con, {6: dict(period=2012),                      # far before the review
                    7: dict(period=2030)})                     # five-year goal: allowed
    validate.validate_figures(con, "run-1", ["hz-2026"])
    q = active(con)
    assert ("hz-2026", 6, "period_in_document_years") in q
    assert not any(k[1] == 7 for k in q)


def test_rank_below_one_and_unknown_measure(con):
    good_2025(con)
    good_2026(con, {5: dict(value=0), 6: dict(measure="volume")})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    q = active(con)
    assert ("hz-2026", 5, "rank_at_least_1") in q
    assert ("hz-2026", 6, "measure_allowed") in q


@pytest.mark.slow
def test_rerun_releases_a_fixed_figure_and_keeps_one_active_row(con):
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    second = validate.validate_figures(con, "run-2", ["hz-2026"])  # still bad: no duplicate
    assert second.quarantined == 0
    assert len(validate.quarantine_rows(con)) == 1
    con.execute("UPDATE raw.figures SET value = 55.0 WHERE document_id = 'hz-2026' AND figure_no = 3")
    third = validate.validate_figures(con, "run-3", ["hz-2026"])
    assert third.success and third.released == 1
    assert validate.quarantine_rows(con) == []
    hist = validate.quarantine_rows(con, include_released=True)
    assert [(r["figure_no"], r["run_id"], r["released_run_id"]) for r in hist] == [(3, "run-1", "run-3")]


def test_quarantine_rows_of_a_superseded_version_are_not_listed(con):
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    add_document(con, "hz-2026", REPORT_2026 + "\n", 2025, 2026, version=2)  # a corrected file: no figures yet
    assert validate.quarantine_rows(con) == []
    assert [r["version"] for r in validate.quarantine_rows(con, include_superseded=True)] == [1]


def test_only_the_given_documents_are_validated(con):
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    out = validate.validate_figures(con, "run-1", ["hz-2025"])
    assert out.row_count == 4 and active(con) == {}


def test_report_without_gdp_is_a_warning_not_a_failure(con):
    good_2025(con)
    good_2026(con, {1: dict(indicator="财政收入"), 2: dict(indicator="财政收入"), 7: dict(indicator="财政收入")})
    out = validate.validate_figures(con, "run-1", ["hz-2026"])
    gdp = next(r for r in out.results if r.check == "key_indicator_gdp_present")
    assert not gdp.success and gdp.severity == "warning"
    assert out.success and active(con) == {}


@pytest.mark.slow
def test_editing_a_suite_threshold_changes_the_verdict(con, tmp_path):
    suites = tmp_path / "suites"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    before = validate.validate_figures(con, "run-1", ["hz-2026"], suites_dir=suites)
    assert not before.success and ("hz-2026", 3, "share_in_0_100") in active(con)

    path = suites / "raw_figures.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    exp = next(e for e in suite["expectations"] if e["meta"]["check"] == "share_in_0_100")
    exp["kwargs"]["max_value"] = 150
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")

    after = validate.validate_figures(con, "run-2", ["hz-2026"], suites_dir=suites)
    assert after.success and after.released == 1
    assert active(con) == {}
    # The repository's suite is untouched: it still rejects 130 %.
    assert not validate.validate_figures(con, "run-3", ["hz-2026"]).success


@pytest.mark.slow
def test_mostly_from_the_suite_file_decides_the_verdict_not_the_quarantine(con, tmp_path):
    suites = tmp_path / "suites"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    good_2025(con)
    good_2026(con, {6: dict(unit="连优")})  # one unknown unit of 8 figures: 87.5 % known
    assert "unit_known" in failed_checks(validate.validate_figures(con, "run-1", ["hz-2026"], suites_dir=suites))

    path = suites / "raw_figures.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    next(e for e in suite["expectations"] if e["meta"]["check"] == "unit_known")["kwargs"]["mostly"] = 0.8
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    out = validate.validate_figures(con, "run-2", ["hz-2026"], suites_dir=suites)
    assert "unit_known" not in failed_checks(out) and out.success
    assert ("hz-2026", 6, "unit_known") in active(con)  # the row itself stays out of the marts


@pytest.mark.slow
def test_validation_results_and_data_docs_for_the_latest_run(con, tmp_path):
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    validate.validate_figures(con, "run-1", ["hz-2026"])
    out = validate.validate_figures(con, "run-2", ["hz-2026"])
    row = con.execute("""SELECT success, unexpected_count, observed_value, batch FROM raw.validation_results
                         WHERE run_id = 'run-2' AND check_name = 'share_in_0_100'""").fetchall()
    assert len(row) == 1 and row[0][0] is False and row[0][1] == 1 and row[0][3] == "hz-2026"
    assert json.loads(row[0][2])["partial_unexpected_list"] == [130.0]
    docs = tmp_path / "data_docs"
    # Validation stores results; rendering waits for build_data_docs (once per run).
    assert out.docs_path == str(docs / "index.html") and not (docs / "index.html").exists()
    assert validate.build_data_docs(con) == str(docs / "index.html") and (docs / "index.html").is_file()
    runs = sorted(p.name for p in (docs / "validations" / "raw_figures").iterdir())
    assert runs == ["run-2"]
    assert "share_pct" in next((docs / "validations" / "raw_figures" / "run-2").rglob("*.html")).read_text()
    # Per-document runs (one Dagster run per partition) keep one page per document.
    validate.validate_figures(con, "run-3", ["hz-2025"])
    validate.build_data_docs(tmp_path / "w.work.duckdb")
    pages = sorted((p.parent.parent.name, p.name) for p in (docs / "validations" / "raw_figures").rglob("*.html"))
    assert pages == [("run-2", "raw_figures-hz-2026.html"), ("run-3", "raw_figures-hz-2025.html")]
    index = (docs / "index.html").read_text()
    assert "run-3" in index and "raw_figures-hz-2025" in index


@pytest.mark.slow
def test_data_docs_render_only_what_changed(con, tmp_path):
    good_2025(con)
    good_2026(con)
    validate.validate_figures(con, "run-1", ["hz-2025"])
    validate.validate_figures(con, "run-1", ["hz-2026"])
    docs = tmp_path / "data_docs"
    validate.build_data_docs(con)
    page_2025 = next((docs / "validations" / "raw_figures").rglob("raw_figures-hz-2025.html"))
    index = docs / "index.html"
    before = page_2025.stat().st_mtime_ns, index.stat().st_mtime_ns
    validate.build_data_docs(con)  # nothing new: nothing rendered
    assert (page_2025.stat().st_mtime_ns, index.stat().st_mtime_ns) == before
    validate.validate_figures(con, "run-2", ["hz-2026"])
    validate.build_data_docs(con)  # the new result is rendered and listed; the other page is kept as is
    assert page_2025.stat().st_mtime_ns == before[0] and index.stat().st_mtime_ns > before[1]
    assert "run-2" in index.read_text()
    assert not list((docs / "validations" / "raw_figures" / "run-1").rglob("raw_figures-hz-2026.html"))


@pytest.mark.slow
def test_an_edited_suite_takes_effect_in_the_same_process_without_rebuilding_anything_else(con, tmp_path):
    suites = tmp_path / "suites"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    ctx = validate.gx_context(tmp_path / "data_docs")
    assert not validate.validate_figures(con, "run-1", ["hz-2026"], suites_dir=suites).success
    path = suites / "raw_documents.json"  # an edit to the other suite leaves share_in_0_100 failing
    suite = json.loads(path.read_text(encoding="utf-8"))
    suite["meta"]["edited"] = True
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    out = validate.validate_figures(con, "run-2", ["hz-2026"], suites_dir=suites)
    assert "share_in_0_100" in failed_checks(out)
    assert validate.gx_context(tmp_path / "data_docs") is ctx  # one context per docs folder and process
    assert ctx.suites.get("raw_documents").meta.get("edited") is True


def test_metadata_is_json_serialisable(con):
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    meta = validate.validate_figures(con, "run-1", ["hz-2026"]).metadata()
    back = json.loads(json.dumps(meta))
    assert back["failed_count"] == 1 and back["quarantined"] == 1
    assert back["sample_rows"][0]["check_name"] == "share_in_0_100"


@pytest.mark.slow
def test_nothing_to_validate_does_not_import_great_expectations(tmp_path):
    code = f"""
import sys
sys.path[:0] = [{str(PROJECT_ROOT)!r}]
from tests.support.validation import open_db
from orchestration import validate
import orchestration.defs.checks
con = open_db({str(tmp_path / 'w.duckdb')!r})
out = validate.validate_figures(con, "run-1", [])
assert out.success and not out.validated
out = validate.validate_figures(con, "run-2", ["no-such-document"])
assert out.success and not out.validated
print("great_expectations" in sys.modules)
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "False"


def test_every_unit_of_the_dbt_units_seed_is_known():
    ref = validate.load_reference()
    with open(DBT_PROJECT_DIR / "seeds" / "units.csv", encoding="utf-8") as f:
        units = [r["unit"] for r in csv.DictReader(f)]
    unknown = [u for u, fam, *_ in validate.unit_table(units, ref) if fam is None]
    assert unknown == []


def test_unit_parsing_splits_scale_and_family():
    ref = validate.load_reference()
    rows = {u: (fam, scale) for u, fam, scale, _ in validate.unit_table(["万亿元", "亿千瓦时", "万场次", "万", "%", "个百分点", "万元/人", "连优"], ref)}
    assert rows == {"万亿元": ("currency", 1e12), "亿千瓦时": ("energy", 1e8), "万场次": ("count", 1e4),
                    "万": ("number", 1e4), "%": ("percent", 1.0), "个百分点": ("pp", 1.0),
                    "万元/人": ("rate", 1.0), "连优": (None, 1.0)}


@pytest.mark.slow
def test_revalidate_all_applies_an_edited_suite_to_every_document(con, tmp_path):
    suites = tmp_path / "suites"
    shutil.copytree(EXPECTATIONS_DIR, suites)
    good_2025(con)
    good_2026(con)
    validate.validate_figures(con, "run-1", ["hz-2025"], suites_dir=suites)
    validate.validate_figures(con, "run-1", ["hz-2026"], suites_dir=suites)
    assert active(con) == {}
    # A stricter suite: shares above 50 % are now out of range (hz-2026's 55.0 %).
    path = suites / "raw_figures.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    next(e for e in suite["expectations"] if e["meta"]["check"] == "share_in_0_100")["kwargs"]["max_value"] = 50
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")

    out = validate.revalidate_all(con, "run-2", suites_dir=suites)
    assert set(out) == {"figures"}  # no marts built in this warehouse: none validated
    assert out["figures"].row_count == 12 and out["figures"].quarantined == 1
    assert set(active(con)) == {("hz-2026", 3, "share_in_0_100")}
    assert (tmp_path / "data_docs" / "index.html").is_file()
    batches = {r[0] for r in con.execute("SELECT DISTINCT batch FROM raw.validation_results WHERE run_id = 'run-2'").fetchall()}
    assert batches == {"documents"}


@pytest.mark.slow
def test_one_batch_of_documents_keeps_each_documents_own_verdict(con):
    # hz-2026 alone fails (a 130 % share); validated in one batch with hz-2025, only it is named,
    # and the quarantine is the one it gets alone
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    out = validate.validate_figures(con, "run-1", ["hz-2025", "hz-2026"])
    assert not out.success
    assert out.failing_documents == ["hz-2026"]
    assert set(active(con)) == {("hz-2026", 3, "share_in_0_100")}
    alone = validate.validate_figures(con, "run-2", ["hz-2025"])
    assert alone.success and alone.failing_documents == []

"""The validation package's own contracts: a mart missing a column fails loudly, the SQL it runs
lives in files, and the marts it judges are the suites on disk."""
import json

import pytest

from orchestration import validate
from orchestration.config import EXPECTATIONS_DIR
from orchestration.validate.frames import SQL_DIR, MissingColumns
from tests.support.validation import good_2025, good_2026, open_db

# fct_figure as dbt builds it, minus nothing: what the figure checks read of it.
FCT_COLUMNS = ("document_id, version, figure_no, indicator_text AS indicator_id, indicator_text, measure, status, "
               "qualifier, value, value_high, unit, 'money' AS unit_family, value AS value_base, period, text, "
               "start_offset, end_offset, \"of\"")


def _warehouse_with_fct_figure(path, columns: str):
    con = open_db(path)
    good_2025(con)
    good_2026(con)
    con.execute(f"CREATE TABLE main.fct_figure AS SELECT {columns} FROM raw.figures")
    return con


def test_a_mart_missing_a_judged_column_is_a_failed_outcome_naming_it(tmp_path):
    con = _warehouse_with_fct_figure(tmp_path / "w.duckdb", FCT_COLUMNS.replace("unit, ", "").replace("period, ", ""))
    with pytest.raises(MissingColumns) as err:
        validate.mart_figures_frame(con, '"main"."fct_figure"')
    assert err.value.missing == ["period", "unit"]
    out = validate.validate_table(con, "fct_figure", "run-1", docs_dir=False)
    stored = con.execute("SELECT check_name, success, exception FROM raw.validation_results WHERE run_id = 'run-1'").fetchall()
    con.close()
    assert not out.success
    assert [(r.check, r.severity, r.success) for r in out.results] == [("columns_exist", "critical", False)]
    assert "period, unit" in out.results[0].exception
    assert stored == [("columns_exist", False, out.results[0].exception)]


def test_the_document_columns_a_mart_lacks_come_from_raw_documents(tmp_path):
    con = _warehouse_with_fct_figure(tmp_path / "w.duckdb", FCT_COLUMNS)
    frame = validate.mart_figures_frame(con, '"main"."fct_figure"').set_index(["document_id", "figure_no"])
    con.close()
    assert frame.loc[("hz-2026", 1), "review_year"] == 2025 and frame.loc[("hz-2026", 1), "plan_year"] == 2026
    assert frame.loc[("hz-2026", 1), "region_code"] == "330100"
    assert frame["text_matches_source"].all()


def test_every_sql_file_is_used_and_every_placeholder_filled(tmp_path, monkeypatch):
    con = _warehouse_with_fct_figure(tmp_path / "w.duckdb", FCT_COLUMNS)
    used = []
    real = validate.frames._template

    def spy(name):
        used.append(name)
        return real(name)

    monkeypatch.setattr(validate.frames, "_template", spy)
    try:
        validate.figures_frame(con, ["hz-2026"])
        validate.documents_frame(con, ["hz-2026"])
        validate.mart_figures_frame(con, '"main"."fct_figure"')
        con.execute("CREATE TABLE main.fct_target_outcome (target_document_id VARCHAR, target_figure_no INTEGER, "
                    "outcome_document_id VARCHAR, outcome_figure_no INTEGER, period INTEGER, is_met BOOLEAN, "
                    "is_outcome_known BOOLEAN)")
        validate.target_outcomes_frame(con, '"main"."fct_target_outcome"')
        con.execute("CREATE TABLE main.dim_document AS SELECT document_id, version, kind, TRUE AS is_latest FROM raw.documents")
        con.execute("CREATE TABLE main.dim_indicator AS SELECT DISTINCT indicator_text AS indicator_id, "
                    "'money' AS unit_family, TRUE AS is_key FROM raw.figures")
        validate.documents_marts_frame(con, '"main"."dim_document"')
        con.execute("DROP TABLE main.fct_figure")
        validate.target_outcomes_frame(con, '"main"."fct_target_outcome"')
        validate.documents_marts_frame(con, '"main"."dim_document"')
    finally:
        con.close()
    assert sorted(set(used)) == sorted(p.stem for p in SQL_DIR.glob("*.sql"))


def test_marts_are_the_suites_that_are_not_raw():
    suites = {json.loads(p.read_text(encoding="utf-8"))["name"] for p in EXPECTATIONS_DIR.glob("*.json")}
    assert set(validate.MARTS) == {s for s in suites if s not in validate.FIGURE_SUITES}
    assert set(validate.FIGURE_SUITES) <= suites

"""The dbt project end to end: made-up reports in, `dbt build`, the analyst questions as SQL.

Documents go through the real ingestion and loader (so region detection and versioning are
exercised); their figures are written straight into raw.figures from
tests/fixtures/dbt/figures.csv, so every answer below is known exactly (see the fixture
README). One `dbt build` serves the whole module.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.support.dbt import run_dbt

pytestmark = pytest.mark.slow

ANJI = "330523"


@pytest.fixture(scope="module")
def built(fixture_warehouse) -> Path:
    return fixture_warehouse


def q(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


# --- the analyst questions (the same SQL as in the README's warehouse section) ---------------

GDP_BY_YEAR = """
select period, level, level_base_unit, growth_pct, target_growth_pct, target_growth_qualifier,
       estimate_level, estimate_growth_pct, is_final
from mart_key_indicators
where region_code = ? and indicator_id = 'gdp'
order by period
"""

TARGETS_MET = """
select i.indicator_id, t.target_value, t.target_qualifier, t.outcome_value, t.outcome_status, t.is_met
from fct_target_outcome t
left join dim_indicator i on t.indicator_id = i.indicator_id
where t.region_code = ? and t.period = ?
order by i.indicator_id
"""

ESTIMATE_REVISIONS = """
select indicator_id, measure, estimate_value, estimate_unit, final_value, final_unit,
       revision, revision_unit, relative_revision
from fct_estimate_revision
where region_code = ? and is_final_known
order by indicator_id, measure
"""

PROVINCE_GDP_TARGETS = """
select r.name_zh, m.target_growth_pct, m.target_growth_high_pct, m.target_growth_qualifier
from mart_key_indicators m
join dim_region r on m.region_code = r.region_code
where r.level = 'province' and m.period = ? and m.indicator_id = 'gdp'
order by r.region_code
"""

LISTED_COMPANIES = """
select r.name_zh, f.period, f.status, f.indicator_id, f.indicator_text, f.value, f.unit
from fct_figure f
join dim_region r on f.region_code = r.region_code
left join dim_indicator i on f.indicator_id = i.indicator_id
where i.name_zh like '%上市公司%' or f.indicator_text like '%上市公司%'
order by r.region_code, f.period, f.document_id, f.figure_no
"""


def test_gdp_of_a_region_every_year_in_yuan_with_growth(built):
    rows = q(built, GDP_BY_YEAR, [ANJI])
    assert [r[0] for r in rows] == [2023, 2024, 2025]
    y2023, y2024, y2025 = rows
    assert y2023[1] == pytest.approx(580e8) and y2023[2] == "yuan" and y2023[3] == pytest.approx(5.8)
    # 2023 is stated by the 2024 report alone: preliminary, not final (no later document restated it).
    assert y2023[8] is False
    # 2024: the bulletin's final (6315000 万元, 6.3%) beats the report's estimate (620 亿元, 6.1%),
    # and the estimate is the one of the latest version of the report (v1 said 600 亿元).
    assert y2024[1] == pytest.approx(631.5e8) and y2024[3] == pytest.approx(6.3)
    assert y2024[6] == pytest.approx(620e8) and y2024[7] == pytest.approx(6.1)
    assert (y2024[4], y2024[5]) == (pytest.approx(6.0), "approx")
    # 2025: only the plan so far.
    assert y2025[1] is None and y2025[3] is None and y2025[8] is False
    assert y2025[4] == pytest.approx(6.0)


def test_which_targets_were_met(built):
    rows = {r[0]: r[1:] for r in q(built, TARGETS_MET, [ANJI, 2024])}
    assert set(rows) == {"gdp", "general_budget_revenue", "urban_unemployment_rate", "cpi",
                         "energy_intensity", "new_listed_companies"}
    assert rows["gdp"] == (6.0, "approx", pytest.approx(6.3), "actual", True)   # bulletin's actual
    assert rows["general_budget_revenue"][2:] == (pytest.approx(3.8), "actual", False)  # 5% 以上
    assert rows["urban_unemployment_rate"][-1] is True        # 4.6 within 5% 以内
    assert rows["cpi"][-1] is True                            # 0.4 under a 3% 左右 ceiling
    assert rows["energy_intensity"][2:] == (pytest.approx(-2.5), "actual", False)  # fell 2.5, not 3
    assert rows["new_listed_companies"][2:] == (3.0, "actual", True)
    # Next year's targets have no outcome yet: is_met is null, nothing is guessed.
    later = q(built, TARGETS_MET, [ANJI, 2025])
    assert len(later) == 2 and all(r[3] is None and r[5] is None for r in later)


def test_how_far_estimates_were_from_finals(built):
    rows = q(built, ESTIMATE_REVISIONS, [ANJI])
    assert [(r[0], r[1]) for r in rows] == [("gdp", "growth"), ("gdp", "level")]
    growth, level = rows
    assert growth[2:4] == (6.1, "%") and growth[4] == 6.3
    assert growth[6] == pytest.approx(0.2) and growth[7] == "%"
    # 620 亿元 vs 6315000 万元: different units, compared in yuan.
    assert level[6] == pytest.approx(11.5e8) and level[7] == "yuan"
    assert level[8] == pytest.approx(11.5 / 620)


def test_gdp_growth_target_of_every_province(built):
    rows = q(built, PROVINCE_GDP_TARGETS, [2026])
    assert rows == [("江苏省", pytest.approx(5.0), pytest.approx(5.5), "range"),
                    ("浙江省", pytest.approx(5.0), None, "approx")]


def test_all_listed_company_figures_across_regions(built):
    rows = q(built, LISTED_COMPANIES)
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in rows] == [
        ("江苏省", 2025, "actual", "new_listed_companies", 30.0),
        ("浙江省", 2025, "actual", "listed_companies", 800.0),
        ("安吉县", 2023, "actual", "listed_companies", 10.0),
        ("安吉县", 2024, "target", "new_listed_companies", 2.0),
        ("安吉县", 2024, "actual", "new_listed_companies", 3.0),
        ("安吉县", 2024, "actual", "listed_companies", 13.0),
    ]


# --- what the marts keep and drop ------------------------------------------------------------

def test_fct_figure_holds_latest_versions_minus_active_quarantine(built):
    (raw_latest,) = q(built, """
        select count(*) from raw.figures f
        where version = (select max(version) from raw.documents d where d.document_id = f.document_id)""")[0]
    (facts,) = q(built, "select count(*) from fct_figure")[0]
    assert facts == raw_latest - 1                       # the one actively quarantined figure
    assert q(built, "select count(*) from fct_figure where value = 600") == [(0,)]   # v1 only
    assert q(built, "select count(*) from fct_figure where value = 130") == [(0,)]   # quarantined
    assert q(built, "select count(*) from fct_figure where value = 95") == [(1,)]    # released
    assert q(built, """select version, is_latest from dim_document
                       where document_id = 'anji-2025-report' order by version""") == [(1, False), (2, True)]


def test_unmapped_phrases_are_kept_and_listed(built):
    # 新增公园 (5座) is no alias; its head 公园 with a count unit makes it the class parks.
    assert q(built, """select indicator_id, indicator_match, indicator_scope, value from fct_figure
                       where indicator_text = '新增公园'""") == [("parks", "class", "新增", 5.0)]
    # The worklist lists exactly the phrases neither aliases nor classes map, with their counts.
    listed = dict(q(built, "select indicator_text, figure_count from intermediate.int_unmapped_indicators"))
    unmapped = dict(q(built, """select indicator_text, count(*) from fct_figure
                                where indicator_match = 'unmapped' and indicator_text is not null group by 1"""))
    assert listed == unmapped and "新增公园" not in listed
    # 全省地区生产总值 is no alias, but 地区生产总值 after the scope word is.
    assert q(built, """select indicator_id, indicator_match from fct_figure
                       where indicator_text = '全省地区生产总值'""") == [("gdp", "scope_prefix")]


def test_scaling_to_base_units(built):
    rows = dict((r[0], r[1:]) for r in q(built, """
        select text, scale, value_base, base_unit from fct_figure
        where document_id in ('fixture-zhejiang-2026-report', 'anji-2024-bulletin') and measure = 'level'"""))
    assert rows["9.1万亿元"] == (1e12, pytest.approx(9.1e12), "yuan")
    assert rows["6315000万元"] == (1e4, pytest.approx(631.5e8), "yuan")
    assert rows["800家"] == (1.0, 800.0, "count")


def test_dim_region_and_period(built):
    assert q(built, "select name_zh, level, parent_code from dim_region where region_code = ?", [ANJI]) == [
        ("安吉县", "district", "330500")]
    assert q(built, "select level, name_en from dim_region where region_code = '100000'") == [("national", "China")]
    assert q(built, "select name_en from dim_region where region_code = '330000'") == [("Zhejiang",)]
    assert q(built, """select five_year_plan_no, is_five_year_plan_final_year from dim_period
                       where period in (2025, 2026) order by period""") == [(14, True), (15, False)]


def test_docs_generate_works_and_every_built_column_is_documented(built, tmp_path):
    result = run_dbt(["docs", "generate"], built, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    missing = {}
    for uid, node in catalog["nodes"].items():
        if not uid.startswith("model."):
            continue
        built_cols = {c.lower() for c in node["columns"]}
        documented = {c.lower() for c, meta in manifest["nodes"][uid]["columns"].items() if meta.get("description")}
        if built_cols - documented:
            missing[uid] = sorted(built_cols - documented)
    assert len([u for u in catalog["nodes"] if u.startswith("model.")]) >= 21
    assert missing == {}


def test_run_summary_takes_gdp_from_the_mart_not_the_first_figure(built):
    # The Jiangsu fixture opens its review with 过去五年…年均增长5.7% (a five-year average,
    # stated first): the run's GDP summary must print the year's own 增长5.2%, as the mart does.
    from orchestration import cli

    rows = {r[0]: r for r in q(built, cli.GDP_QUERY)}
    region, year, level, unit, growth, plan_year, target, target_high = rows["江苏省"]
    assert (year, unit, plan_year) == (2025, "yuan", 2026)
    assert level == pytest.approx(14e12) and growth == pytest.approx(5.2)
    assert (target, target_high) == (pytest.approx(5.0), pytest.approx(5.5))
    (line,) = [ln for ln in cli.gdp_lines(rows.values()) if "江苏省" in ln]
    assert "140,000.0 亿元" in line and "+5.2%" in line and "2026 target 5–5.5%" in line


def test_marts_carry_dbt_descriptions_as_comments(built):
    # persist_docs: what `zhibiao serve` copies to PostgreSQL for BI tools' table and column docs.
    (table,) = q(built, "select comment from duckdb_tables() where table_name = 'mart_key_indicators'")
    assert table[0].startswith("Region × year × key indicator")
    cols = dict(q(built, "select column_name, comment from duckdb_columns() where table_name = 'mart_key_indicators'"))
    assert cols["is_final"].startswith("True when an actual is known and a later document restated")

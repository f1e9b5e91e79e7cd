"""Indicator phrases → canonical indicators: the seeds (indicators.csv, indicator_aliases.csv,
indicator_classes.csv) and the matching models (int_indicator_phrase_matches, int_indicator_phrase_classes,
int_figure_indicators), checked two ways.

- The seeds as data: every unit family is one the units seed and the dim_indicator suite know,
  lower-is-better indicators say `down`, the guidelines' headline indicators are `is_key`, and
  a change phrase (新增…) never names a stock; head-noun classes are never key, their heads
  agree with the class's unit family and are no headline's alias.
- Phrases as reports write them, through a real `dbt build` of int_figure_indicators and
  dim_indicator on a tiny warehouse: which indicator each gets and how it was matched.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from orchestration import warehouse
from tests.support.dbt import DBT_DIR, run_dbt
from tests.support.paths import ROOT

SEEDS = DBT_DIR / "seeds"


def _seed(name: str) -> list[dict]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


INDICATORS = {r["indicator_id"]: r for r in _seed("indicators")}
HEADLINES = {i for i, r in INDICATORS.items() if r["kind"] == "headline"}
CLASSES = {i for i, r in INDICATORS.items() if r["kind"] == "class"}
ALIASES = _seed("indicator_aliases")
HEADS = _seed("indicator_classes")

# GUIDELINES.md's headline list, plus the plan year's main targets (growth, prices, jobs, income,
# grain, energy): figures of these must be flagged key whatever the extractor said.
KEY = {"gdp", "fiscal_revenue_total", "general_budget_revenue", "fixed_asset_investment", "retail_sales",
       "digital_economy_core_value_added", "industrial_value_added", "rd_intensity", "patents", "talent",
       "listed_companies", "new_listed_companies", "cpi", "urban_unemployment_rate", "new_urban_jobs",
       "disposable_income_per_capita", "urban_disposable_income_per_capita",
       "rural_disposable_income_per_capita", "grain_output", "energy_intensity",
       "invention_patents_granted", "patent_applications", "academicians", "skilled_workers"}
LOWER_IS_BETTER = {"cpi", "urban_unemployment_rate", "registered_urban_unemployment_rate", "energy_intensity",
                   "carbon_intensity", "pm25", "urban_rural_income_ratio", "logistics_cost_ratio",
                   "work_safety_accidents", "work_safety_deaths", "industrial_energy_intensity",
                   "water_intensity", "criminal_cases", "road_traffic_deaths", "deficit_ratio", "petitions", "services_trade_deficit",
                   "npl_ratio", "industrial_debt_ratio", "telecom_fraud_cases", "public_security_cases",
                   "average_tariff_level", "coal_mine_deaths_per_mt", "road_deaths_per_10k_vehicles",
                   "work_safety_injuries", "engel_coefficient",
                   "costs"}  # a class: costs, burdens and losses (成本, 负担, 损失)


def test_unit_families_are_known_to_the_units_seed_and_the_suite():
    suite = json.loads((ROOT / "expectations" / "dim_indicator.json").read_text())
    (allowed,) = [e["kwargs"]["value_set"] for e in suite["expectations"]
                  if e["meta"]["check"] == "unit_family_known"]
    families = {r["unit_family"] for r in _seed("units")}
    bad = {i: r["unit_family"] for i, r in INDICATORS.items()
           if r["unit_family"] not in allowed or r["unit_family"] not in families}
    assert bad == {}


def test_directions_and_key_flags():
    assert {i for i, r in INDICATORS.items() if r["direction"] == "down"} == LOWER_IS_BETTER
    not_key = {i for i in KEY if INDICATORS[i]["is_key"] != "true"}
    assert not_key == set()
    # Regional sub-aggregates are context, not headlines.
    assert INDICATORS["trade_with_asean"]["is_key"] == "false"


def test_every_indicator_has_an_alias_and_names_are_unique():
    assert {r["kind"] for r in INDICATORS.values()} == {"headline", "class"}
    aliased = {a["indicator_id"] for a in ALIASES}
    assert HEADLINES - aliased == set()
    assert aliased - HEADLINES == set()     # an alias never names a class
    headed = {h["indicator_id"] for h in HEADS}
    assert CLASSES - headed == set()
    assert headed - CLASSES == set()        # a head never names a headline indicator
    names = [r["name_zh"] for r in INDICATORS.values()]
    assert len(names) == len(set(names))
    assert all(r["name_en"].strip() for r in INDICATORS.values())


def test_classes_are_never_key_and_their_heads_fit_them():
    assert {i for i in CLASSES if INDICATORS[i]["is_key"] != "false"} == set()
    # A head's unit family (the gate int_figure_indicators applies per figure) is its class's,
    # or one the suites treat as the same (企业 counted in 户: household for a count).
    compatible = {tuple(p) for p in json.loads((ROOT / "expectations" / "reference" / "units.json").read_text())
                  ["dbt_family_compatible"]}
    assert [(h["head"], h["indicator_id"]) for h in HEADS
            if h["unit_family"] != INDICATORS[h["indicator_id"]]["unit_family"]
            and (INDICATORS[h["indicator_id"]]["unit_family"], h["unit_family"]) not in compatible] == []
    pairs = [(h["head"], h["unit_family"]) for h in HEADS]
    assert len(pairs) == len(set(pairs))
    # A head that is a headline's alias would put its variants under a class beside the
    # headline (人才 is talent, 专利 patents): such phrases want an alias, not a class.
    aliases = {a["alias"] for a in ALIASES}
    assert [h["head"] for h in HEADS if h["head"] in aliases] == []
    # Heads are nouns: none is a verb of doing that ends so many phrases (建设, 改造, 推进).
    assert [h["head"] for h in HEADS if h["head"] in {"建设", "改造", "推进", "实施", "新增", "增加", "提升"}] == []
    # (300 until issue-11 share-75 added the rank, retail-category, capacity, rate and household heads: 338;
    # share-75b added 奖 and 数据集; 县区 and 县市区, measure words since extractor 0.9.25, joined counties: 342)
    assert 30 <= len(CLASSES) and len(HEADS) <= 345


def test_change_phrases_never_name_a_stock():
    """新增上市公司 is its own indicator, not 上市公司 (GUIDELINES: 新增 stays in the name)."""
    wrong = [(a["alias"], a["indicator_id"]) for a in ALIASES
             if any(w in a["alias"] for w in ("新增", "净增", "新引进", "新晋", "新当选"))
             and not ("新增" in INDICATORS[a["indicator_id"]]["name_zh"]
                      or "新引进" in INDICATORS[a["indicator_id"]]["name_zh"]
                      or a["indicator_id"].startswith("new_"))]
    assert wrong == []


# Phrase as written → (indicator_id, indicator_match), through the real seeds and model.
PHRASES = {
    "地区生产总值": ("gdp", "exact"),
    "规上工业增加值": ("industrial_value_added", "exact"),
    "规模工业增加值": ("industrial_value_added", "exact"),
    "全省规模以上工业增加值": ("industrial_value_added", "scope_prefix"),
    "全自治区地区生产总值": ("gdp", "scope_prefix"),
    "2025年全省地区生产总值": ("gdp", "scope_prefix"),
    "到2030年人均地区生产总值": ("gdp_per_capita", "scope_prefix"),
    "“十五五”时期地区生产总值": ("gdp", "scope_prefix"),
    "单位生产总值能耗": ("energy_intensity", "exact"),
    "研究与试验发展经费支出与地区生产总值之比": ("rd_intensity", "exact"),
    "R&D 经费投入强度": ("rd_intensity", "exact"),
    "PM_2.5平均浓度": ("pm25", "exact"),
    "“两院”院士": ("academicians", "exact"),
    "进出口总值": ("foreign_trade", "exact"),
    "外贸进出口总额": ("foreign_trade", "exact"),
    "外贸出口": ("exports", "exact"),
    "高新技术企业数": ("high_tech_enterprises", "scope_prefix"),
    "上市公司": ("listed_companies", "exact"),
    "新增上市公司": ("new_listed_companies", "exact"),
    "新增上市公司数": ("new_listed_companies", "scope_prefix"),
    "发明专利授权量": ("invention_patents_granted", "exact"),
    "专利授权量": ("patents", "exact"),
    "每万人发明专利拥有量": ("invention_patents_owned_per_10k", "exact"),
    "每万人口高价值发明专利拥有量": ("invention_patents_per_10k", "exact"),
    "城乡居民收入倍差": ("urban_rural_income_ratio", "exact"),
    "三产增加值": ("service_value_added", "exact"),
    "城镇调查失业率": ("urban_unemployment_rate", "exact"),
    "居民消费价格指数": ("cpi", "exact"),
    # A change of an amount is its own indicator, never the stock.
    "一般公共预算收入增加": ("general_budget_revenue_increase", "exact"),
    # Left unmapped on purpose: a phrase that names no indicator by itself, a period's figure, an
    # inflow (引进) that is no stock of talent.
    "死亡人数": (None, "unmapped"),
    "全省": (None, "unmapped"),
    # A sub-annual period is a scope of its own (gdp:一季度), never the year's series.
    "一季度国内生产总值": ("gdp", "scoped_headline"),
    # An inflow (引进) is no stock of talent: the flow's own headline, keyed on its prefix.
    "引进顶尖人才": ("talent_inflow", "scoped_headline"),
    "遴选支持创新创业领军人才": ("talent_selected", "scoped_headline"),
    # A scope, then a headline's alias: the headline, keyed on its scope (never the region's own).
    "兰州新区经济总量": ("gdp", "scoped_headline"),
    "东部地区生产总值": ("gdp", "scoped_headline"),
    "民营企业进出口额": ("foreign_trade", "scoped_headline"),
    "省级高层次人才": ("talent", "scoped_headline"),
    # The class rule (every figure here is a growth in %, family ratio): a rate class fits by
    # its unit; an amount class by its head, since a growth's unit says nothing of the thing; an
    # average over years keeps 年均 in its scope (output_mass:年均煤炭产量), apart from the year's.
    "5G网络覆盖率": ("coverage_rate", "class"),
    "省重点项目": ("projects", "class"),
    "年均煤炭产量": ("output_mass", "class"),
    # issue-11 share-75: the total of things counted is their count (公园总数 → parks; a growth of an
    # amount class by its head), a retail category's growth is its retail sales' (化妆品类); a class
    # whose family is no amount (index_ranks: ranks only, treatment_capacity: 万吨/日) takes no
    # growth in %.
    "公园总数": ("parks", "class"),
    "研发人员总量": ("personnel", "class"),
    "化妆品类": ("retail_categories", "class"),
    "综合算力指数": (None, "unmapped"),
    "污水处理能力": (None, "unmapped"),
    "黑臭水体消除率": ("completion_rate", "class"),     # a rate class by its unit (% is a ratio)
    "城市公交新能源车替代率": ("penetration_rate", "class"),
    # new headline statistics, as reports write them (a change of one stays unmapped: 净增 is its own)
    "空气质量优良天数": ("good_air_days", "exact"),
    "优良天数比例": ("good_air_days_ratio", "exact"),
    "最低工资标准": ("minimum_wage", "exact"),
    "社会融资规模增量": ("social_financing_increment", "exact"),
    "数字贸易": ("digital_trade", "exact"),
    "刑事立案数": ("criminal_cases", "exact"),
    "经营主体净增": ("new_business_entities_net", "exact"),
    "民营经营主体净增": ("new_business_entities_net", "scoped_headline"),
    "不良贷款率": ("npl_ratio", "exact"),
    # issue-11 share-75b: statistics of the national bulletin and the reports, a flow kept apart from its stock
    # (人均预期寿命提高 is the years gained, never life_expectancy), awards and datasets as classes
    "肉牛屠宰加工量": ("cattle_slaughtered", "exact"),
    "人均预期寿命提高": ("life_expectancy_increase", "exact"),
    "全国国有建设用地供应总量": ("state_land_supply", "scope_prefix"),
    "实际使用内资": ("domestic_capital_utilised", "exact"),
    "货物贸易": ("foreign_trade", "exact"),
    "刑事立案数量": ("criminal_cases", "exact"),
    "获国家科技奖": ("awards", "class"),
    "行业高质量数据集": ("datasets", "class"),
}


@pytest.fixture(scope="module")
def mapped(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("dbt_indicator_mapping")
    db = tmp / "work.duckdb"
    with warehouse.connect(db) as con:
        con.execute("""insert into raw.documents (document_id, version, sha256, kind, source_path, byte_size,
                           encoding, original_text, normalized_text, offset_map, ingested_at,
                           review_year, plan_year)
                       values ('d', 1, 'x', 'report', 'reports/d.txt', 1, 'utf_8', '1%', '1%', '[]', now(),
                               2025, 2026)""")
        for no, phrase in enumerate(PHRASES, start=1):
            con.execute("""insert into raw.figures (document_id, version, figure_no, text, start_offset, end_offset,
                               value, unit, measure, status, qualifier, indicator_text, is_key,
                               extractor_version, extracted_at)
                           values ('d', 1, ?, '1%', 0, 2, 1, '%', 'growth', 'actual', 'eq', ?, false, 't', now())""",
                        [no, phrase])
    result = run_dbt(["build"], db, tmp)
    assert result.returncode == 0, result.stdout[-6000:]
    return db


@pytest.mark.slow
def test_phrases_map_to_their_indicator(mapped):
    with duckdb.connect(str(mapped), read_only=True) as con:
        rows = con.execute("""select indicator_text, indicator_id, indicator_match
                              from intermediate.int_figure_indicators""").fetchall()
    assert {r[0]: (r[1], r[2]) for r in rows} == PHRASES


@pytest.mark.slow
def test_dim_indicator_carries_the_seed(mapped):
    with duckdb.connect(str(mapped), read_only=True) as con:
        rows = {r[0]: r[1:] for r in con.execute(
            "select indicator_id, name_en, unit_family, direction, is_key, alias_count, kind from dim_indicator").fetchall()}
    assert len(rows) == len(INDICATORS)
    assert rows["cpi"][2:4] == ("down", True)
    assert rows["pm25"][1:3] == ("concentration", "down")
    assert rows["industrial_value_added"][0] == "Value added of industry above designated size"
    assert rows["new_listed_companies"][3] is True and rows["listed_companies"][3] is True
    assert min(r[4] for r in rows.values()) >= 1
    assert {i for i, r in rows.items() if r[5] == "class"} == CLASSES
    assert rows["projects"][1:4] == ("count", "up", False)
    heads = sum(1 for h in HEADS if h["indicator_id"] == "projects")
    assert rows["projects"][4] == heads >= 2

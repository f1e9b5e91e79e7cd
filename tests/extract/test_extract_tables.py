"""extract.tables: statistical tables (CSV/TSV) → Figures, one rule a test, on made-up tables."""
import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration import ingest, load, warehouse
from orchestration.extract.tables import describe_table, extract_table, looks_like_table
from tests.support.documents import TINY_REPORT
from tests.support.paths import FIXTURES as ALL_FIXTURES
from tests.support.paths import RAW_REPORTS

FIXTURES = ALL_FIXTURES / "tables"
XUGOU = FIXTURES / "xugou-2025-main-indicators.csv"
EXPORT = FIXTURES / "xugou-province-annual-export.csv"
FARM = FIXTURES / "shili-2025-farm-output.tsv"


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:   # keep the CRLF line ends: offsets count them
        return f.read()


def _by_text(figs):
    return {(f.indicator, f.text): f for f in figs}


def _exact(text, figs):
    for f in figs:
        assert text[f.start:f.end] == f.text, f
        assert text[f.sentence_start:f.sentence_end] == f.sentence, f
        assert "\n" not in f.sentence and "\r" not in f.sentence


SIMPLE = """示例县2024年主要经济指标
指标,单位,绝对数,比上年增长(%)
地区生产总值,亿元,"1,234.5",5.2
  第一产业增加值,亿元,56.7,-3.1
"""


# ---- offsets ---------------------------------------------------------------------------------

def test_offsets_point_into_the_original_text_through_quotes():
    figs = extract_table(SIMPLE)
    start = SIMPLE.index("1,234.5")
    gdp = figs[0]
    assert (gdp.start, gdp.end, gdp.text, gdp.value) == (start, start + 7, "1,234.5", 1234.5)
    row = "地区生产总值,亿元,\"1,234.5\",5.2"
    assert (gdp.sentence, gdp.sentence_start) == (row, SIMPLE.index(row))
    _exact(SIMPLE, figs)
    assert len(figs) == 4


def test_offsets_with_crlf_line_ends_and_a_bom():
    text = "\ufeff" + SIMPLE.replace("\n", "\r\n")
    figs = extract_table(text)
    _exact(text, figs)
    assert [f.text for f in figs] == ["1,234.5", "5.2", "56.7", "-3.1"]
    assert figs[3].start == text.index("-3.1")


def test_quoted_cell_with_an_escaped_quote_and_a_delimiter_in_the_name():
    text = ('指标,单位,2025年\n'
            '"工业""三化""改造项目, 新开工",个,37\n'
            '高新技术企业,家,215\n')
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.value) for f in figs] == [('工业"三化"改造项目, 新开工', 37.0), ("高新技术企业", 215.0)]
    assert figs[0].start == text.index("37")


def test_quoted_header_cells_wrapped_over_lines():
    text = '指标,单位,"2025年\n绝对数","比上年\r\n增长(%)"\n地区生产总值,亿元,1200,5.0\n财政总收入,亿元,150,-3.0\n'
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.text, f.measure, f.period, f.unit) for f in figs] == [
        ("1200", "level", 2025, "亿元"), ("5.0", "growth", 2025, "%"),
        ("150", "level", 2025, "亿元"), ("-3.0", "growth", 2025, "%")]


def test_a_stray_quote_does_not_swallow_the_rest_of_the_file():
    text = '指标,单位,绝对数\n"生产总值,亿元,100\n财政收入,亿元,20\n常住人口,万人,98\n'
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.value) for f in figs] == [("生产总值", 100.0), ("财政收入", 20.0), ("常住人口", 98.0)]


def test_unquoted_thousands_separator_is_joined_back():
    text = "指标,单位,绝对数,增长%\n地区生产总值,亿元,1,234.5,5.2\n常住人口,万人,98.7,0.4\n"
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.text, f.value, f.measure) for f in figs[:2]] == [("1,234.5", 1234.5, "level"), ("5.2", 5.2, "growth")]


def test_trailing_empty_cells_do_not_make_two_numbers_one():
    text = "指标,2024年,2025年\n新登记企业(户),12,345,,,\n注册资本(亿元),8,9,,,\n"
    assert [(f.text, f.period) for f in extract_table(text)] == [("12", 2024), ("345", 2025), ("8", 2024), ("9", 2025)]


# ---- delimiters ------------------------------------------------------------------------------

def test_chinese_commas_and_thousands_separators_inside_cells():
    text = "指标名称，计量单位，2025年，增长%\n粮食产量，万吨，1,024.6，2.0\n生猪出栏，万头，86.1，-4.5\n"
    assert looks_like_table(text)
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.value, f.unit, f.measure) for f in figs] == [
        ("粮食产量", 1024.6, "万吨", "level"), ("粮食产量", 2.0, "%", "growth"),
        ("生猪出栏", 86.1, "万头", "level"), ("生猪出栏", -4.5, "%", "growth")]


def test_full_width_digits_signs_and_percent():
    text = "指标，单位，绝对数，增长％\n地区生产总值，亿元，１２００，５．０\n财政总收入，亿元，150，－3.0\n"
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.text, f.value, f.unit) for f in figs] == [("１２００", 1200.0, "亿元"), ("５．０", 5.0, "%"),
                                                         ("150", 150.0, "亿元"), ("－3.0", -3.0, "%")]


def test_tab_separated_table():
    text = "指标\t单位\t绝对数\t比上年±%\n进出口总额\t亿元\t301.2\t-7.7\n  出口\t亿元\t200.0\t3.0\n"
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.value, f.measure) for f in figs] == [
        ("进出口总额", 301.2, "level"), ("进出口总额", -7.7, "growth"), ("出口", 200.0, "level"), ("出口", 3.0, "growth")]


# ---- measure and sign ------------------------------------------------------------------------

def test_growth_sign_as_written_including_unicode_minus():
    text = "指标,单位,绝对数,比上年增长(%)\nA指标,亿元,10,-0.8\nB指标,亿元,20,−1.2\nC指标,亿元,30,+2.5\n"
    figs = [f for f in extract_table(text) if f.measure == "growth"]
    assert [(f.value, f.text) for f in figs] == [(-0.8, "-0.8"), (-1.2, "−1.2"), (2.5, "+2.5")]
    assert all(f.unit == "%" for f in figs)


def test_share_rank_and_percentage_point_columns():
    text = ("指标,绝对数(亿元),占全市比重(%),全市位次,比上年增减(百分点)\n"
            "数字经济核心产业增加值,88.8,12.3,2,0.6\n")
    figs = extract_table(text)
    assert [(f.measure, f.unit, f.of, f.value) for f in figs] == [
        ("level", "亿元", "", 88.8), ("share", "%", "全市", 12.3), ("rank", "rank", "全市", 2.0),
        ("pp_change", "百分点", "", 0.6)]
    assert figs[0].key is True


def test_bracketed_number_is_a_percentage_point_change():
    text = "指标,单位,绝对数,比上年增长(%)\n某项指标,万人,5.1,[-0.2]\n城镇新增就业,万人,1.2,0.4\n"
    figs = extract_table(text)
    assert [(f.measure, f.value, f.unit, f.text) for f in figs[:2]] == [
        ("level", 5.1, "万人", "5.1"), ("pp_change", -0.2, "百分点", "-0.2")]
    assert (figs[3].measure, figs[3].unit) == ("growth", "%")


def test_growth_column_of_a_rate_row_is_a_percentage_point_change():
    text = "指标,单位,绝对数,比上年增长(%)\n常住人口城镇化率,%,67.2,0.6\n森林覆盖率（%）,,61.2,0.1\n常住人口,万人,98.7,0.6\n"
    figs = extract_table(text)
    assert [(f.measure, f.unit) for f in figs] == [("level", "%"), ("pp_change", "百分点"), ("level", "%"),
                                                   ("pp_change", "百分点"), ("level", "万人"), ("growth", "%")]


def test_a_cell_written_in_percentage_points():
    [f] = extract_table("指标,比上年\n城镇化率提高,0.6个百分点\n")
    assert (f.measure, f.unit, f.text) == ("pp_change", "个百分点", "0.6个百分点")


def test_absolute_change_column_is_a_level_with_the_change_word():
    text = "指标,单位,2025年,比上年增加\n年末存款余额,亿元,900.5,45.1\n"
    figs = extract_table(text)
    assert [(f.measure, f.unit, f.indicator) for f in figs] == [("level", "亿元", "年末存款余额"), ("level", "亿元", "年末存款余额增加")]


def test_share_named_by_the_indicator_in_a_level_column():
    text = "指标,单位,绝对数\n第三产业增加值占GDP比重,%,60.4\n常住人口,万人,98.7\n"
    share, people = extract_table(text)
    assert (share.measure, share.of, share.unit) == ("share", "GDP", "%")
    assert people.measure == "level"


def test_share_of_a_sub_item_is_of_the_row_above_it():
    text = ("指标,绝对数(万人),比重(%)\n"
            "常住人口,98.7,100\n"
            "  城镇人口,70.1,71.0\n"
            "其中：户籍人口,40.0,40.5\n"
            "  乡村人口,28.6,29.0\n"
            "    留守老人,2.0,2.0\n"
            "就业人员,50.0,50.7\n")
    shares = [(f.indicator, f.of) for f in extract_table(text) if f.measure == "share"]
    assert shares == [("常住人口", ""), ("城镇人口", "常住人口"), ("户籍人口", "城镇人口"), ("乡村人口", "常住人口"),
                      ("留守老人", "乡村人口"), ("就业人员", "")]


# ---- units -----------------------------------------------------------------------------------

def test_unit_from_the_unit_column():
    figs = extract_table("指标,单位,绝对数\n金融机构存款,亿元,12.5\n新登记企业,户,3400\n")
    assert [f.unit for f in figs] == ["亿元", "户"]


def test_unit_from_the_header_overrides_nothing_else_to_take():
    figs = extract_table("指标,绝对数（亿元）,比上年增长%\n税收收入,77.7,8.8\n")
    assert [(f.unit, f.measure) for f in figs] == [("亿元", "level"), ("%", "growth")]


def test_header_unit_wins_over_the_unit_column_for_its_own_column():
    figs = extract_table("指标,单位,绝对数,增速(%)\n旅游收入,亿元,120,15.5\n")
    assert [f.unit for f in figs] == ["亿元", "%"]


def test_unit_in_brackets_after_the_indicator_and_a_table_unit_line():
    text = "单位：万元\n指标,2024年,2025年\n人均生产总值（元）,81000,86000\n研发经费,5600,6100\n"
    figs = extract_table(text)
    assert [(f.indicator, f.unit) for f in figs] == [
        ("人均生产总值", "元"), ("人均生产总值", "元"), ("研发经费", "万元"), ("研发经费", "万元")]


def test_unit_written_inside_the_cell():
    text = "指标,数值\n森林覆盖率,61.2%\n新建5G基站,1200个\n"
    figs = extract_table(text)
    assert [(f.text, f.value, f.unit) for f in figs] == [("61.2%", 61.2, "%"), ("1200个", 1200.0, "个")]


# ---- indicators ------------------------------------------------------------------------------

def test_sub_item_names_without_indentation_or_qizhong():
    text = ("指标,单位,绝对数\n"
            "规模以上工业增加值,亿元,400\n"
            "  其中：高技术制造业,亿元,90\n"
            "其中:装备制造业,亿元,120\n"
            "#农业,亿元,30\n"
            "\u3000\u3000（一）建筑业,亿元,50\n")
    figs = extract_table(text)
    assert [f.indicator for f in figs] == ["规模以上工业增加值", "高技术制造业", "装备制造业", "农业", "建筑业"]
    assert figs[0].key is True and figs[1].key is False


def test_table_by_year_takes_indicators_from_the_header():
    text = "年份,地区生产总值(亿元),比上年增长(%),常住人口(万人)\n2024,1100.0,4.9,98.1\n2025年,1200.0,5.2,98.7\n"
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.period, f.measure, f.unit) for f in figs[3:]] == [
        ("地区生产总值", 2025, "level", "亿元"), ("地区生产总值", 2025, "growth", "%"), ("常住人口", 2025, "level", "万人")]
    assert figs[0].period == 2024 and "2024" not in [f.text for f in figs]


def test_column_names_join_the_row_name_in_tables_by_region_or_product():
    text = ("地区,生产总值(亿元),比上年增长(%),一般公共预算收入(亿元)\n"
            "甲区,300.5,5.5,20.1\n乙县,120.0,-1.0,8.8\n")
    figs = extract_table(text)
    assert [(f.indicator, f.measure, f.unit) for f in figs[:3]] == [
        ("甲区生产总值", "level", "亿元"), ("甲区生产总值", "growth", "%"), ("甲区一般公共预算收入", "level", "亿元")]
    products = extract_table("产品名称,计量单位,产量,比上年增长%\n钢材,万吨,12.3,4.0\n水泥,万吨,50.1,-8.2\n")
    assert [f.indicator for f in products] == ["钢材产量", "钢材产量", "水泥产量", "水泥产量"]


def test_generic_column_names_name_nothing():
    text = "指标,计量单位,绝对值,本年数,数量,比上年同期增长(%)\n进出口总额,亿元,301.2,301.2,301.2,-7.7\n"
    assert {f.indicator for f in extract_table(text)} == {"进出口总额"}


def test_note_marks_after_an_indicator_are_dropped():
    text = "指标,单位,绝对数\n地区生产总值①,亿元,1200\n财政总收入*,亿元,150\n城镇化率（注2）,%,67.2\n"
    assert [f.indicator for f in extract_table(text)] == ["地区生产总值", "财政总收入", "城镇化率"]


def test_row_numbers_column_and_this_year_column():
    text = "序号,指标名称,计量单位,本年实绩,上年同期,比上年±%\n1,社会消费品零售总额,亿元,512.3,490.7,4.4\n2,进出口总额,亿元,301.2,326.3,-7.7\n"
    figs = extract_table(text, title_hint="示例县2025年统计公报")
    assert [(f.indicator, f.value, f.period, f.measure) for f in figs[:3]] == [
        ("社会消费品零售总额", 512.3, 2025, "level"), ("社会消费品零售总额", 490.7, 2024, "level"),
        ("社会消费品零售总额", 4.4, 2025, "growth")]
    assert len(figs) == 6 and 1.0 not in [f.value for f in figs]


# ---- periods ---------------------------------------------------------------------------------

def test_bare_years_head_columns_only_under_an_indicator_header():
    text = "指标,2024,2025\n地区生产总值(亿元),1100,1200\n规上工业企业(家),2031,2040\n"
    figs = extract_table(text)
    assert [(f.indicator, f.value, f.period, f.unit) for f in figs] == [
        ("地区生产总值", 1100.0, 2024, "亿元"), ("地区生产总值", 1200.0, 2025, "亿元"),
        ("规上工业企业", 2031.0, 2024, "家"), ("规上工业企业", 2040.0, 2025, "家")]


def test_period_from_the_title_line():
    assert {f.period for f in extract_table(SIMPLE)} == {2024}


def test_period_from_each_column_year_and_shared_by_the_growth_column():
    text = "指标,单位,2024年,2025年,增长(%)\n地区生产总值,亿元,1100,1200,5.2\n"
    assert [f.period for f in extract_table(text)] == [2024, 2025, 2025]


def test_period_from_the_title_hint_and_last_year_column():
    text = "指标,单位,本年,上年,增长%\n粮食产量,万吨,50,48,4.2\n"
    assert [f.period for f in extract_table(text)] == [None, None, None]
    assert [f.period for f in extract_table(text, title_hint="示例县2023年统计公报")] == [2023, 2022, 2023]


def test_status_and_qualifier():
    assert {(f.status, f.qualifier) for f in extract_table(SIMPLE)} == {("actual", "eq")}


# ---- what is not a figure --------------------------------------------------------------------

def test_empty_cells_and_dashes_are_not_figures():
    text = "指标,单位,绝对数,增长%\nA项,个,—,\nB项,个,12,-\nC项,个,…,x\nD项,个,,3.0\n"
    figs = extract_table(text)
    assert [(f.indicator, f.value) for f in figs] == [("B项", 12.0), ("D项", 3.0)]


def test_notes_below_the_table_are_not_figures():
    text = ("指标,单位,绝对数\n"
            "地区生产总值,亿元,1200\n"
            "注：1.生产总值按现价计算，增速按可比价计算。\n"
            "2.2025,100,200\n"
            "\n"
            "资料来源,统计局,2026\n")
    figs = extract_table(text)
    assert [f.text for f in figs] == ["1200"]


def test_a_note_row_that_holds_numbers_is_not_a_figure():
    text = "指标,单位,绝对数\n新登记企业,户,3400\n注：其中含个体转企,户,120\n  续注,户,80\n\n"
    assert [f.text for f in extract_table(text)] == ["3400"]


def test_a_starred_indicator_is_data_and_a_starred_line_is_a_note():
    text = "指标,单位,绝对数\n*规模以上工业增加值,亿元,400\n常住人口,万人,98.7\n* 带*号指标为快报数。\n合计,亿元,1\n"
    figs = extract_table(text)
    assert [(f.indicator, f.value) for f in figs] == [("规模以上工业增加值", 400.0), ("常住人口", 98.7)]


def test_long_notes_do_not_make_a_table_prose():
    notes = "".join(f"{i}.本表第{i}项数据为初步统计数，最终以年鉴为准。\n" for i in range(2, 7))
    text = SIMPLE + "注：1.绝对数按现价计算，增长速度按不变价格计算。\n" + notes
    assert looks_like_table(text)
    assert len(extract_table(text)) == 4


def test_title_header_and_section_rows_are_not_figures():
    text = "示例县2025年农业生产情况\n指标,单位,2025年,增长%\n一、种植业,,,\n粮食产量,万吨,10.5,1.0\n二、畜牧业\n肉类产量,万吨,2.5,-1.0\n"
    figs = extract_table(text)
    assert [f.text for f in figs] == ["10.5", "1.0", "2.5", "-1.0"]
    assert {f.indicator for f in figs} == {"粮食产量", "肉类产量"}


def test_two_row_header_is_joined():
    text = "指标,单位,2025年,\n,,绝对数,比上年增长(%)\n社会消费品零售总额,亿元,512.3,4.4\n"
    figs = extract_table(text)
    assert [(f.measure, f.period, f.unit) for f in figs] == [("level", 2025, "亿元"), ("growth", 2025, "%")]


def test_two_tables_in_one_file_each_with_its_own_header_and_year():
    text = ("表1 2025年主要指标\n指标,单位,绝对数\n财政总收入,亿元,150\n\n"
            "表2 2024年人口\n指标,绝对数(万人),比重(%)\n常住人口,98.7,100\n  城镇人口,70.1,71.0\n")
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.period, f.unit, f.measure) for f in figs] == [
        ("财政总收入", 2025, "亿元", "level"), ("常住人口", 2024, "万人", "level"), ("常住人口", 2024, "%", "share"),
        ("城镇人口", 2024, "万人", "level"), ("城镇人口", 2024, "%", "share")]


# ---- table or prose ----------------------------------------------------------------------------

def test_a_table_is_recognized():
    assert looks_like_table(SIMPLE)
    assert looks_like_table(_read(XUGOU))


def test_prose_is_not_a_table():
    assert not looks_like_table(TINY_REPORT)
    assert not looks_like_table("全年生产总值1234亿元，比上年增长5.2%，高于全省0.3个百分点。\n"
                                "一般公共预算收入98.6亿元，增长3.1%。\n")


def test_a_single_header_row_with_one_data_row_is_not_enough():
    assert not looks_like_table("指标,单位,绝对数\n生产总值,亿元,100\n")


def test_prose_with_a_small_table_inside_stays_prose():
    prose = "".join(f"第{i}段：全市经济运行总体平稳，主要指标好于预期，发展质量持续提升。\n" for i in range(6))
    assert not looks_like_table(prose + SIMPLE + prose)


@pytest.mark.parametrize("path", sorted(RAW_REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_the_shared_reports_are_not_tables(path):
    assert not looks_like_table(path.read_text(encoding="utf-8"))


# ---- the document ------------------------------------------------------------------------------

def test_describe_table_title_review_year_and_kind():
    info = describe_table(_read(XUGOU))
    assert (info.title, info.review_year, info.plan_year, info.kind) == (
        "虚构市2025年国民经济和社会发展主要指标", 2025, None, "bulletin")
    assert describe_table(_read(FARM)).title == "表3 示例县2025年主要农产品产量"
    export = describe_table(_read(EXPORT))
    assert (export.title, export.review_year) == ("", 2025)     # only 键：值 lines above its header
    assert (export.issuer, info.issuer) == ("虚构省统计局", "")   # named in 数据来源：…


# ---- the fixture, whole ------------------------------------------------------------------------

def test_fixture_bulletin_table_every_figure():
    text = _read(XUGOU)
    figs = extract_table(text)
    _exact(text, figs)
    got = [(f.indicator, f.text, f.value, f.unit, f.measure, f.period) for f in figs]
    assert got == [
        ("地区生产总值", "1,234.5", 1234.5, "亿元", "level", 2025),
        ("地区生产总值", "5.2", 5.2, "%", "growth", 2025),
        ("第一产业增加值", "56.7", 56.7, "亿元", "level", 2025),
        ("第一产业增加值", "3.1", 3.1, "%", "growth", 2025),
        ("第二产业增加值", "432.1", 432.1, "亿元", "level", 2025),
        ("第二产业增加值", "-0.8", -0.8, "%", "growth", 2025),
        ("工业增加值", "398.0", 398.0, "亿元", "level", 2025),
        ("工业增加值", "−1.2", -1.2, "%", "growth", 2025),
        ("第三产业增加值", "745.7", 745.7, "亿元", "level", 2025),
        ("第三产业增加值", "6.9", 6.9, "%", "growth", 2025),
        ("规模以上工业企业", "1,056", 1056.0, "家", "level", 2025),
        ("一般公共预算收入", "98.6", 98.6, "亿元", "level", 2025),
        ("城镇调查失业率", "5.1", 5.1, "%", "level", 2025),
        ("城镇调查失业率", "-0.2", -0.2, "百分点", "pp_change", 2025),
        ("社会消费品零售总额", "512.3", 512.3, "亿元", "level", 2025),
        ("社会消费品零售总额", "4.4", 4.4, "%", "growth", 2025),
        ("第三产业增加值占比", "60.4", 60.4, "%", "share", 2025),
    ]


def test_fixture_statistics_database_export_by_year_columns():
    text = _read(EXPORT)
    assert looks_like_table(text)
    figs = extract_table(text)
    _exact(text, figs)
    assert len(figs) == 14          # 5 rows x 3 years, one cell empty; the notes' 2024 is no figure
    gdp = [(f.text, f.period, f.unit, f.indicator) for f in figs[:3]]
    assert gdp == [("5,678.9", 2025, "亿元", "地区生产总值"), ("5,401.2", 2024, "亿元", "地区生产总值"),
                   ("5,102.3", 2023, "亿元", "地区生产总值")]
    index = figs[6]
    assert (index.value, index.unit, index.indicator) == (105.1, "", "地区生产总值指数(上年=100)")
    assert (figs[9].value, figs[9].unit) == (86210.0, "元/人")
    assert [(f.value, f.period, f.unit) for f in figs[12:]] == [(2.9, 2025, "%"), (3.1, 2024, "%")]


def test_fixture_tab_separated_two_row_header_and_table_unit():
    text = _read(FARM)
    figs = extract_table(text)
    _exact(text, figs)
    assert [(f.indicator, f.text, f.unit, f.measure, f.period) for f in figs] == [
        ("粮食", "12,345.6", "万吨", "level", 2025), ("粮食", "1.8", "%", "growth", 2025),
        ("稻谷", "8,001.2", "万吨", "level", 2025), ("稻谷", "-2.4", "%", "growth", 2025),
        ("油料", "45.6", "万吨", "level", 2025), ("油料", "10.2", "%", "growth", 2025),
        ("生猪出栏", "102.3", "万头", "level", 2025), ("生猪出栏", "-5.0", "%", "growth", 2025)]


def test_a_row_without_values_does_not_end_or_restart_the_table():
    text = "指标,单位,绝对数,增长%\n粮食,万吨,10,1.0\n小麦,万吨\n油料,万吨,2,3.0\n"
    figs = extract_table(text)
    assert [(f.indicator, f.unit, f.measure) for f in figs] == [
        ("粮食", "万吨", "level"), ("粮食", "%", "growth"), ("油料", "万吨", "level"), ("油料", "%", "growth")]


# ---- end to end ----------------------------------------------------------------------------------

def test_table_file_end_to_end_into_duckdb(tmp_path):
    raw = tmp_path / "raw"
    (raw / "bulletins").mkdir(parents=True)
    shutil.copy(XUGOU, raw / "bulletins")
    db = tmp_path / "w.duckdb"
    [f] = ingest.scan(raw)[0]
    doc = ingest.read(f)
    assert doc.kind == "bulletin"
    with warehouse.connect(db) as con:
        res = load.load_document(con, doc, "r")
        load.load_figures(con, f.document_id, res.version, "r")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""SELECT f.text, f.value, f.unit, f.measure, f.period, f.indicator_text,
                                     substr(d.original_text, f.start_offset + 1, f.end_offset - f.start_offset) = f.text
                              FROM raw.figures f JOIN raw.documents d USING (document_id, version)
                              ORDER BY f.figure_no""").fetchall()
    assert len(rows) == 17
    assert all(r[6] for r in rows)
    assert rows[0][:6] == ("1,234.5", 1234.5, "亿元", "level", 2025, "地区生产总值")
    assert rows[13][:4] == ("-0.2", -0.2, "百分点", "pp_change")



def test_table_document_row_has_the_bulletin_years_and_title(tmp_path):
    raw = tmp_path / "raw"
    (raw / "bulletins").mkdir(parents=True)
    shutil.copy(XUGOU, raw / "bulletins")
    db = tmp_path / "w.duckdb"
    [f] = ingest.scan(raw)[0]
    with warehouse.connect(db) as con:
        load.load_document(con, ingest.read(f), "r")
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT kind, title, review_year, plan_year FROM raw.documents").fetchone()
    assert row == ("bulletin", "虚构市2025年国民经济和社会发展主要指标", 2025, None)


def test_gbk_encoded_tsv_end_to_end(tmp_path):
    raw = tmp_path / "raw"
    (raw / "bulletins").mkdir(parents=True)
    (raw / "bulletins" / "farm.tsv").write_bytes(_read(FARM).encode("gb18030"))
    db = tmp_path / "w.duckdb"
    [f] = ingest.scan(raw)[0]
    doc = ingest.read(f)
    with warehouse.connect(db) as con:
        res = load.load_document(con, doc, "r")
        load.load_figures(con, f.document_id, res.version, "r")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""SELECT f.text, f.indicator_text, d.encoding,
                                     substr(d.original_text, f.start_offset + 1, f.end_offset - f.start_offset) = f.text
                              FROM raw.figures f JOIN raw.documents d USING (document_id, version)
                              ORDER BY f.figure_no""").fetchall()
    assert doc.encoding != "utf_8"
    assert [r[:2] for r in rows[:2]] == [("12,345.6", "粮食"), ("1.8", "粮食")]
    assert len(rows) == 8 and all(r[3] for r in rows)

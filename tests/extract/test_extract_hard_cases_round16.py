"""Indicator, measure and figure on the hard cases held-out rounds 16, 16e and 16f found
(tests/data/heldout/src/README.md), through the public extract() on sentences written for the test: 城乡低保 split
into 城市 and 农村, a spec or size class between a count and its noun, a name written before a circumstance
(X在…的情况下增长N%), two measures joined by 与 before a 分别 pair, a gap below the rate compared with, a place
clause before a verb of building, and the amount a share's part passes."""
from tests.extract.test_extract_hard_cases import _figures


def test_the_minimum_living_allowance_of_town_and_country_is_the_citys_and_the_countrys():
    figures = _figures("城乡低保标准分别提高到每月760元和590元。")
    assert [figures[t].indicator for t in ("760元", "590元")] == ["城市低保标准", "农村低保标准"]
    figures = _figures("城乡居民人均可支配收入分别增长4.8%和6.1%。")
    assert figures["4.8%"].indicator == "城镇居民人均可支配收入"


def test_a_spec_between_a_count_and_its_noun_defines_what_is_counted():
    figures = _figures("新建15个220千伏变电站，建成3个10万吨级泊位。")
    assert [figures[t].indicator for t in ("15个", "3个")] == ["变电站", "泊位"]


def test_a_name_written_before_a_circumstance_names_the_figure_after_it():
    figures = _figures("工业出口在原材料价格上涨超2成的情况下增长8%。")
    assert figures["8%"].indicator == "工业出口"
    assert figures["2成"].indicator == "原材料价格"


def test_two_measures_joined_by_yu_before_a_pair_are_the_pairs_items():
    figures = _figures("引进项目数与投资额分别增长12.3%、9.8%。")
    assert [figures[t].indicator for t in ("12.3%", "9.8%")] == ["引进项目数", "投资额"]


def test_a_gap_below_the_rate_compared_with_is_negative():
    figures = _figures("城镇调查失业率5.1%、低于全国0.2个百分点，工业增加值增长6%、高于全国0.4个百分点。")
    assert (figures["0.2个百分点"].measure, figures["0.2个百分点"].value) == ("pp_change", -0.2)
    assert figures["0.4个百分点"].value == 0.4


def test_a_place_clause_before_a_verb_of_building_names_nothing():
    f = _figures("在沿海港口、风能富集区域布局建设300万千瓦海上风电项目。")["300万千瓦"]
    assert f.indicator == "海上风电项目"


def test_the_amount_a_shares_part_passes_is_no_figure():
    figures = _figures("全县，90%以上的行政村集体经济收入超过20万元。")
    assert "90%" in figures and "20万元" not in figures
    assert "20万元" in _figures("行政村集体经济收入超过20万元。")

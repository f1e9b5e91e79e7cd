"""Indicator on the hard cases held-out rounds 20, 20b and 20c found (tests/data/heldout/src/README.md), through the
public extract() on sentences written for the test: a pair of growths with no 分别, in a clause of only the growth verb,
after a pair of amounts; an amount taken by the bare verb 使用 with its noun after it; and a clause that opens with its
place alone (我市…) before an amount whose noun follows it."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_pair_of_growths_with_no_respectively_pairs_with_the_amounts_before():
    figures = _figures("2030年，全市接待游客1.5亿人次、实现旅游收入2100亿元，增长12.3%和15.6%。")
    assert [figures[t].indicator for t in ("12.3%", "15.6%")] == ["接待游客", "旅游收入"]


def test_a_single_growth_after_a_bare_verb_clause_stays_with_the_amount_before():
    figures = _figures("2030年，全市实现旅游收入2100亿元，增长12.3%。")
    assert figures["12.3%"].indicator == "旅游收入"


def test_an_amount_used_is_named_by_the_noun_after_it():
    figures = _figures("2030年，继续稳岗。使用200亿元就业补助资金支持技能培训。")
    assert figures["200亿元"].indicator == "就业补助资金"


def test_a_places_amount_is_of_the_noun_after_it_not_the_figure_before():
    figures = _figures("2030年，引进投资95亿元，我市46亿元特色农产品销往省外。")
    assert figures["46亿元"].indicator.startswith("特色农产品")
    assert figures["95亿元"].indicator == "引进投资"


def test_counts_before_amount_classes_in_a_list_are_of_the_noun_after_the_last():
    figures = _figures("2030年，加快推进甲园区、乙电厂等8个百亿元、25个20亿元以上项目建设。")
    assert [figures[t].indicator[:2] for t in ("8个", "25个")] == ["项目", "项目"]


def test_a_count_of_steps_of_an_amount_is_no_class_of_things():
    figures = _figures("2030年，地区生产总值跨越2个千亿元台阶，达到0.9万亿元。")
    assert figures["0.9万亿元"].indicator == "地区生产总值"

"""Measure, indicator and recall on the hard cases held-out round 14 found (tests/data/heldout/src/README.md),
through the public extract() on sentences written for the test: a rate noun with 分别 before its copula
(X增速分别达A、B is two growths), a class noun (行业, 产业 …) that starts a list's shared head after a last
item longer than the first (A、有色金属行业增加值), and a rank after its field held as a standing (全国第N的地位)."""
import pytest

from tests.extract.test_extract_hard_cases import _figures


@pytest.mark.parametrize("sentence, texts", [
    ("全市存贷款增速分别达6.5%、7%。", ("6.5%", "7%")),
    ("农业、工业增速均为4%。", ("4%",)),
    ("城乡居民收入增速分别为5.1%和6.2%。", ("5.1%", "6.2%")),
])
def test_a_rate_noun_with_respectively_before_its_copula_gives_growths(sentence, texts):
    got = _figures(sentence)
    assert [got[t].measure for t in texts] == ["growth"] * len(texts)


def test_a_rate_noun_is_still_needed_for_a_growth():
    # (分别达 with no rate noun before: the values are levels)
    got = _figures("全市存贷款余额分别达1.2万亿元、9000亿元。")
    assert got["1.2万亿元"].measure == "level"


def test_a_rate_noun_on_the_last_item_leaves_an_item_that_is_a_rate_of_its_own():
    got = _figures("城镇登记失业率、商品房价格涨幅分别控制在4.5%和2%以内。")
    assert (got["4.5%"].measure, got["2%"].measure) == ("level", "growth")


@pytest.mark.parametrize("sentence, indicators", [
    ("纺织、有色金属行业增加值分别增长6.1%、9.4%。", ("纺织行业增加值", "有色金属行业增加值")),
    ("食品、生物医药产业产值分别增长3.2%、12.5%。", ("食品产业产值", "生物医药产业产值")),
    ("钢铁、电子行业增加值分别增长3%、5%。", ("钢铁行业增加值", "电子行业增加值")),
    # (a first item that is a sector itself: the class noun is the last item's own word)
    ("服务业、高新技术产业投资分别增长4%、9%。", ("服务业投资", "高新技术产业投资")),
    ("茶叶、中药材全产业链产值分别达到300亿元、150亿元。", ("茶叶全产业链产值", "中药材全产业链产值")),
])
def test_a_class_noun_starts_the_shared_head_of_a_longer_last_item(sentence, indicators):
    got = list(_figures(sentence).values())
    assert tuple(f.indicator for f in got) == indicators


def test_items_with_no_class_noun_keep_the_length_of_the_shortest():
    got = _figures("老旧供水、燃气、排水管网分别改造120公里、80公里、60公里。")
    assert [f.indicator for f in got.values()] == ["老旧供水管网", "燃气管网", "排水管网"]


@pytest.mark.parametrize("sentence, indicator", [
    ("棉花产量达到500万吨，全国第3的地位更加稳固。", "棉花产量"),
    ("外贸总额全省第2的位次保持不变。", "外贸总额"),
])
def test_a_rank_held_as_a_standing_is_a_figure_of_the_amount_named(sentence, indicator):
    f = _figures(sentence)
    rank = next(f for f in f.values() if f.measure == "rank")
    assert (rank.value, rank.of, rank.indicator) == (3 if "第3" in sentence else 2,
                                                      "全国" if "全国" in sentence else "全省", indicator)


def test_an_ordinal_before_de_with_no_standing_is_no_rank():
    assert not [f for f in _figures("举办全国第3的届次会议。").values() if f.measure == "rank"]

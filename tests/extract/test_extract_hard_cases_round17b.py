"""Indicator, value and figure on the hard cases held-out rounds 17d, 17e and 17f found
(tests/data/heldout/src/README.md), through the public extract() on sentences written for the test: the award a
count of firms won, ending where a rank of the count begins (…工厂、居全省第2位), a rank written straight after a
regional field (西北第一), a count of places in their own measure word after the list of them (A、B3县区), a ratio
of one to many, the rank a move starts from (从第N名提升至第M名), the share of a society-wide total, and a rank
after a figure of its own clause, a 分别 list before."""
from tests.extract.test_extract_hard_cases import _figures


def test_the_award_a_count_of_firms_won_ends_where_its_rank_begins():
    figures = _figures("5家企业入选国家级绿色工厂、居全省第2位。")
    assert figures["5家"].indicator == "国家级绿色工厂"
    assert (figures["第2位"].measure, figures["第2位"].of) == ("rank", "全省")
    # (a count of results keeps its own name, as the floor files annotate it)
    assert _figures("全年9项成果获国家科学技术奖。")["9项"].indicator == "成果"


def test_a_rank_written_straight_after_a_regional_field():
    figures = _figures("快递业务量增速西南第一，数字政府建设水平华东第三。")
    f = figures["第一"]
    assert (f.measure, f.value, f.of, f.indicator) == ("rank", 1, "西南", "快递业务量")
    assert (figures["第三"].of, figures["第三"].indicator) == ("华东", "数字政府建设水平")


def test_a_count_of_places_after_the_list_of_them_is_named_by_the_place_word():
    f = _figures("武山、甘谷、秦安3县区完成撤并建制村试点。")["3县区"]
    assert (f.value, f.unit, f.indicator) == (3, "县区", "县区")


def test_a_ratio_of_one_to_many_is_the_many():
    assert _figures("新开工项目与储备项目比例达到1∶2.6。")["1∶2.6"].value == 2.6
    assert _figures("城乡居民收入比缩小到2.34∶1。")["2.34∶1"].value == 2.34


def test_the_rank_a_move_starts_from():
    figures = _figures("该区在全市营商环境评价中从第12名提升至第5名。")
    assert (figures["第12名"].measure, figures["第12名"].value) == ("rank", 12)
    assert figures["第5名"].value == 5
    assert figures["第12名"].period == figures["第5名"].period - 1


def test_a_part_of_a_society_wide_total_just_named_is_a_share_of_it():
    f = _figures("全社会研发经费投入增长9.1%，规上企业研发经费占比达到75%。")["75%"]
    assert (f.measure, f.of) == ("share", "全社会研发经费投入")


def test_a_rank_after_a_figure_of_its_own_clause_is_that_figures_after_a_list():
    figures = _figures("铁路旅客发送量、民航旅客吞吐量分别增长8.7%、16.5%，开行铁海联运班列184列、居中部第二。")
    assert figures["第二"].indicator == figures["184列"].indicator
    # (a rank whose clause names nothing is every item's)
    f = _figures("货运量、客运量分别增长8%、6%，增速均居中部第二。")["第二"]
    assert f.indicator.startswith("货运量、客运量")

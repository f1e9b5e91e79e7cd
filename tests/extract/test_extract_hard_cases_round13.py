"""Measure, of and indicator on the hard cases held-out round 13 found (tests/data/heldout/src/README.md),
through the public extract() on sentences written for the test: a streak written inside a name (X连续N年净增,
X连续N年居…), the count that says how big the set of X中…占比 is, a rate followed by 的 and the growth it is
(保持N%以上的增长), a subtype written once on an amount before a bare share (A发电量…、装机占比), and the digital
economy's value added as a part of the gross product; a quote the source left open (专精特新“小巨人企业N家，…“单项冠军”),
a one-character place after N%的 (N%的县建成…) as the whole, the 列 of 班列, 台套 as a unit, and a list printed
without its commas (园区12个基地7个、…), the sectors of 一、二、三产 (the 产 written once), money after an amount
crossed (超N亿元补贴…), the 排 of 减排, and 头只 as a unit."""
import pytest

from tests.extract.test_extract_hard_cases import _figures


@pytest.mark.parametrize("sentence, text, indicator", [
    ("林地面积连续5年净增累计超过80万亩。", "80万亩", "林地面积净增"),
    ("茶叶单产连续6年居全国第2位。", "第2位", "茶叶单产"),
    ("新设企业连续3年每年新增20万户以上。", "20万户", "新设企业新增"),
    ("旅游收入连续两年超过500亿元。", "500亿元", "旅游收入"),
])
def test_a_streak_inside_the_name_is_no_part_of_it(sentence, text, indicator):
    assert _figures(sentence)[text].indicator == indicator


def test_a_streak_alone_keeps_the_words_there_are():
    # (nothing but the streak before the rank: the phrase is left as it was, never emptied)
    f = _figures("连续7年居全国第一。")["第一"]
    assert (f.measure, f.of) == ("rank", "全国")


def test_the_count_of_the_set_is_no_part_of_the_whole():
    f = _figures("全市85个监测断面中优良水质占比92.3%。")["92.3%"]
    assert (f.measure, f.of) == ("share", "监测断面")
    f = _figures("全市监测断面中优良水质占比92.3%。")["92.3%"]
    assert f.of == "监测断面"


@pytest.mark.parametrize("sentence, text, measure", [
    ("专精特新企业达到800家，连续3年保持15%以上的增长。", "15%", "growth"),
    ("外贸进出口实现8%左右的较快增长。", "8%", "growth"),
    ("全市30%以上的企业实现增长。", "30%", "share"),           # (the firms are the whole: a share)
    ("30%以上的增长来自新产业。", "30%", "share"),             # (的增长 goes on as a noun: no growth of its own)
])
def test_a_rate_followed_by_the_growth_it_is(sentence, text, measure):
    assert _figures(sentence)[text].measure == measure


def test_a_subtype_written_on_the_amount_before_carries_to_the_bare_share():
    got = _figures("清洁能源发电量达到800亿千瓦时、装机占比突破60%。")
    assert (got["60%"].measure, got["60%"].of, got["60%"].indicator) == ("share", "装机", "清洁能源装机")
    # (an amount with no subtype of energy or owner lends none)
    got = _figures("全市发电量达到800亿千瓦时、装机占比突破60%。")
    assert got["60%"].indicator != "全市装机"


def test_the_digital_economys_value_added_is_a_part_of_the_gross_product():
    f = _figures("数字经济增加值占比达到45%。")["45%"]
    assert (f.measure, f.of, f.indicator) == ("share", "地区生产总值", "数字经济增加值")


def test_a_quote_the_source_left_open_hides_no_figure():
    got = _figures("培育专精特新“小巨人企业300家，制造业“单项冠军”企业40家。")
    assert got["300家"].indicator.endswith("专精特新“小巨人企业")
    assert got["40家"].indicator == "制造业“单项冠军”企业"
    assert _figures("出台“民营经济32条”。") == {}          # (a closed quote still holds a name)


def test_a_one_character_place_after_de_is_the_whole():
    f = _figures("公共服务扩面提质，90%的县建成三级医院。")["90%"]
    assert (f.measure, f.of, f.indicator) == ("share", "县", "县建成三级医院")
    f = _figures("全省80%的市场主体实现盈利。")["80%"]      # (县/市/村… that open a longer noun are that noun)
    assert f.of == "市场主体"


def test_the_lie_of_banlie_is_no_ranking_verb():
    got = _figures("全年开行中欧班列1800列、增长9.5%。")
    assert got["1800列"].indicator.endswith("中欧班列")
    assert got["9.5%"].indicator.endswith("中欧班列")
    assert _figures("粮食产量列全国第5位。")["第5位"].indicator == "粮食产量"     # (列 alone still ranks)


def test_tai_tao_is_a_unit():
    f = _figures("完成工业领域设备更新12.5万台套。")["12.5万台套"]
    assert (f.value, f.unit) == (12.5, "万台套")
    assert _figures("购置农机5000台，套种面积2万亩。")["5000台"].unit == "台"


def test_a_list_printed_without_its_commas_keeps_each_count_with_its_noun():
    got = _figures("累计建设省级现代农业园区12个特色产业基地7个、龙头企业85家。")
    assert got["12个"].indicator.endswith("省级现代农业园区")
    assert got["7个"].indicator == "特色产业基地"
    assert got["85家"].indicator == "龙头企业"
    # (a count whose next count has a noun of its own keeps the noun between: 12个方面200多项改革)
    got = _figures("落实确定的12个方面200多项重要改革。")
    assert (got["12个"].indicator, got["200多项"].indicator) == ("方面", "重要改革")
    assert _figures("中职学校由60所优化整合为41所。")["60所"].indicator == "中职学校"


def test_sectors_listed_with_marks_take_the_chan_written_once():
    got = _figures(plan="主要预期目标是：全省地区生产总值增长6%左右，其中一、二、三产增加值分别增长4%以上、8%左右、6%以上。")
    assert [got[t].indicator for t in ("4%", "8%", "6%@2")] == ["一产增加值", "二产增加值", "三产增加值"]
    assert _figures("一二三产增加值分别增长3%、5%、6%。")["5%"].indicator == "二产增加值"


def test_money_after_an_amount_crossed_is_that_money():
    got = _figures("设备投资增长80%，在全国率先扩围智能家电等以旧换新产品，超20亿元补贴直达消费者。")
    assert (got["20亿元"].value, got["20亿元"].qualifier) == (20, "ge")
    assert got["20亿元"].indicator.startswith("补贴")
    assert "100亿元" not in _figures("营收超100亿元企业达到20家。")      # (a category by amount stays none)


def test_the_pai_of_jianpai_and_tou_zhi_as_a_unit():
    assert _figures("带动碳减排500万吨以上。")["500万吨"].indicator.endswith("碳减排")
    assert _figures("粮食产量排全国第5位。")["第5位"].indicator == "粮食产量"
    f = _figures("牛羊出栏800万头只。")["800万头只"]
    assert (f.value, f.unit) == (800, "万头只")

"""Measure, of and indicator on the hard cases held-out round 11 found (tests/data/heldout/src/README.md),
through the public extract() on a small report written for the test: 降价 as a fall, a 分别 list that
opens its clause pairing with the last things its sentence named (shares before a 分别提高…个百分点,
growths before 占…比重分别提高到), a subtype written once for a list of bare shares (清洁能源装机占比…、
发电量占比…; 民营A、B占比分别为…), 中 inside a word (高中) marking no whole, a rate named by the growth
target after it, and a year glued to a name without 年."""
import pytest

from tests.extract.test_extract_hard_cases import _figures


def test_a_price_cut_is_a_fall():
    f = _figures("集中采购药品平均降价52.3%。")["52.3%"]
    assert (f.measure, f.value, f.indicator) == ("growth", -52.3, "集中采购药品")


def test_points_changes_pair_with_the_shares_just_named():
    got = _figures("甲类产品出口占出口比重40.1%，乙类产品进口占进口比重30.2%，分别提高2.1、3.2个百分点。")
    assert (got["2.1"].measure, got["2.1"].indicator) == ("pp_change", "甲类产品出口")
    assert got["3.2个百分点"].indicator == "乙类产品进口"


def test_shares_pair_with_the_growths_just_named_not_the_counts_before():
    got = _figures("新增省级企业技术中心12家，服务型企业达300家，电子信息、汽车制造业增加值分别增长10.5%、9.1%，"
                   "占规模以上工业比重分别提高到20.2%、15.3%。")
    assert got["20.2%"].indicator == got["10.5%"].indicator != "服务型企业"
    assert got["15.3%"].indicator == got["9.1%"].indicator
    assert got["20.2%"].of == "规模以上工业"


@pytest.mark.parametrize("sentence, text, of, indicator", [
    ("可再生能源装机占比60.5%、发电量占比45.2%。", "45.2%", "发电量", "可再生能源发电量"),
    ("民营工业增加值、进出口总额占比分别为50.1%、40.2%。", "40.2%", "进出口总额", "民营进出口总额"),
    ("民营企业、国有企业占比分别为60.5%、30.5%。", "30.5%", "企业", "国有企业"),     # its own subtype: none carried
])
def test_a_subtype_written_once_is_carried_over_a_list_of_bare_shares(sentence, text, of, indicator):
    f = _figures(sentence)[text]
    assert (f.measure, f.of, f.indicator) == ("share", of, indicator)


def test_an_industry_subtype_is_not_carried():
    f = _figures("高技术制造业、装备制造业增加值占比分别为21.7%、33.6%。")["33.6%"]
    assert f.indicator == "装备制造业增加值"


def test_zhong_inside_a_word_marks_no_whole():
    f = _figures("优质普通高中在校生占比70.5%。")["70.5%"]
    assert f.measure == "share" and f.of == "普通高中在校生"


def test_a_rate_named_by_the_growth_target_after_it():
    f = _figures(plan="确定5%左右的增长目标，在实际工作中努力争取更好结果。")["5%"]
    assert (f.measure, f.indicator, f.status, f.period, f.qualifier) == ("growth", "增长目标", "target", 2031, "approx")


def test_a_year_glued_to_a_name_is_not_part_of_it():
    f = _figures("2030全球港口发展指数排名跻身全球前15名。")["前15名"]
    assert (f.measure, f.value, f.of, f.indicator) == ("rank", 15, "全球", "全球港口发展指数")
    assert _figures("2030年总量达到900亿元。")["900亿元"].indicator == "2030年总量"     # a bare amount noun keeps its year
    assert _figures("2030年总量比2025年增加超900亿元。")["900亿元"].indicator == "总量增加"


# round 11b: a stretch target after a floor, a 分别 item named as a rate, 等 closing a list, sibling shares


def test_a_stretch_target_after_a_floor_is_the_same_growth():
    got = _figures(plan="主要预期目标是：地区生产总值增长6%以上、力争达到7%，固定资产投资增长9%以上、争取达到12%。")
    assert (got["7%"].measure, got["7%"].indicator, got["7%"].status) == ("growth", "地区生产总值", "target")
    assert (got["12%"].measure, got["12%"].indicator) == ("growth", "固定资产投资")


def test_a_listed_item_named_as_a_rate_is_a_growth():
    got = _figures("城镇调查失业率、居民消费价格涨幅分别控制在5.2%和2.5%以内。")
    assert (got["5.2%"].measure, got["5.2%"].qualifier) == ("level", "le")
    assert (got["2.5%"].measure, got["2.5%"].indicator, got["2.5%"].qualifier) == ("growth", "居民消费价格", "le")


def test_deng_closing_a_list_is_no_part_of_its_last_item():
    got = _figures("纺织、建材、冶金等产业增加值分别增长3.5%、4.5%、5.5%。")
    assert [got[t].indicator for t in ("3.5%", "4.5%", "5.5%")] == ["纺织产业增加值", "建材产业增加值", "冶金产业增加值"]
    got = _figures("高中阶段毛入学率、高等教育毛入学率分别达到95.5%、64.3%。")     # 等 inside a word stays
    assert got["64.3%"].indicator == "高等教育毛入学率"


def test_a_share_just_named_is_a_sibling_not_the_whole():
    got = _figures("工业投资比重提升至40.5%、提高2.5个百分点，民间投资占比45.5%。")
    assert (got["40.5%"].of, got["45.5%"].of) == ("固定资产投资", "固定资产投资")


def test_a_year_written_before_a_name_is_its_period_not_its_name():
    got = _figures("初步统计，2030年全省地区生产总值61234亿元、增长5.1%。")
    assert (got["61234亿元"].indicator, got["61234亿元"].period) == ("地区生产总值", 2030)
    assert got["5.1%"].indicator == "地区生产总值"


# round 11c: a compound written with 、 inside it, a qualified contribution rate, a count before a count


def test_a_compound_written_with_a_list_mark_inside_is_its_pair():
    got = _figures("全省金融机构人民币存、贷款余额分别达到2.5万亿元、2.1万亿元。")
    assert got["2.5万亿元"].indicator == "金融机构人民币存款余额"
    assert got["2.1万亿元"].indicator == "金融机构人民币贷款余额"


def test_a_qualified_contribution_rate_is_a_share_of_what_it_drives():
    f = _figures("文化产业对地区生产总值直接贡献率达12.5%。")["12.5%"]
    assert (f.measure, f.of) == ("share", "地区生产总值")


def test_a_count_right_before_a_second_count_is_of_the_same_things():
    got = _figures("累计推出9批120项改革创新案例。")
    assert got["9批"].indicator == got["120项"].indicator == "改革创新案例"


@pytest.mark.parametrize("sentence, want", [
    ("硕士点、博士点分别新增12个和5个。", {"12个": "硕士点", "5个": "博士点"}),     # no stock: 新增 goes
    ("地方法规、政府规章分别新增3部、6部，累计分别达到30部、60部。",
     {"3部": "新增地方法规", "30部": "地方法规", "60部": "政府规章"}),         # the stock given: 新增 stays, not on the stock
])
def test_a_new_shared_by_a_list_stays_only_with_its_stock(sentence, want):
    got = _figures(sentence)
    assert {t: got[t].indicator for t in want} == want

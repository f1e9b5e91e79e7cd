"""Measure, of and indicator on the hard cases held-out round 12 found (tests/data/heldout/src/README.md),
through the public extract() on a small report written for the test: values listed after a pair word or a
list of items without 分别 (城乡居民…增长A、B; 内外资; A、B产量稳定在全国1/4、1/3), a streak counted in
seasons (连续N个榨季) before a rank, counts by size tier (2个千亿级、5个百亿级…项目), a comparison then a
change verb (较“十三五”末净增), an amount crossed that is spent (超N亿元用于), a clause that names the thing
and its record before the figure's clause (X创历史新高，达到…), a growth of a sibling in a clause before
a bare 比重, a total named by the part's last word (机电产品出口占比 → 出口), the set a sentence opens with
as the whole of its shares (在监测的N个城市中，…占…), and a pollutant's concentration 改善 as a fall."""
import pytest

from tests.extract.test_extract_hard_cases import _figures


@pytest.mark.parametrize("sentence, first, second, a, b", [
    ("城乡居民人均收入年均增长6.1%、8.2%。", "6.1%", "8.2%", "城镇居民人均收入", "农村居民人均收入"),
    ("实际使用内外资分别增长12%、3.4%。", "12%", "3.4%", "实际使用内资", "实际使用外资"),
    ("茶叶、柑橘产量稳定在全国1/5、1/6。", "1/5", "1/6", "茶叶产量", "柑橘产量"),
])
def test_values_listed_after_a_pair_or_a_list_take_its_items(sentence, first, second, a, b):
    got = _figures(sentence)
    assert (got[first].indicator, got[second].indicator) == (a, b)


def test_a_fraction_is_one_value_of_a_list():
    got = _figures("茶叶、柑橘产量稳定在全国1/5、1/6。")
    assert (got["1/6"].measure, got["1/6"].of, got["1/6"].value) == ("share", "全国", pytest.approx(1 / 6))


def test_a_streak_of_seasons_is_no_figure_and_leaves_the_rank_its_name():
    got = _figures("甘蔗产量连续21个榨季排全国第一，茶叶产量连续5年排全国第二。")
    assert "21个" not in got
    assert (got["第一"].indicator, got["第一"].of) == ("甘蔗产量", "全国")
    assert got["第二"].indicator == "茶叶产量"


def test_counts_by_size_tier_are_of_the_noun_after_the_last_tier():
    got = _figures("建成3个千亿级、5个百亿级产业集群。")
    assert got["3个"].indicator == "千亿级产业集群"
    assert got["5个"].indicator == "百亿级产业集群"


def test_a_comparison_then_a_change_verb_is_the_change_of_the_thing_just_named():
    f = _figures("经济总量达到2.1万亿元、年均增长5.4%，较“十三五”末净增6000亿元。")["6000亿元"]
    assert (f.measure, f.indicator) == ("level", "经济总量净增")


def test_an_amount_crossed_that_is_spent_is_a_figure():
    f = _figures("统筹各级财政资金超300亿元用于产业发展。")["300亿元"]
    assert (f.value, f.qualifier, f.indicator) == (300, "ge", "统筹各级财政资金")
    assert "500亿元" not in _figures("营收超500亿元企业达到12家。")     # (a category by amount stays none)


def test_the_thing_named_with_its_record_before_the_figures_clause():
    got = _figures("对东盟进出口增长12.3%，全省外贸进出口总额再创历史新高，达到3000亿元、增长8.5%。")
    assert got["3000亿元"].indicator == "外贸进出口总额"
    assert got["8.5%"].indicator == "外贸进出口总额"
    assert got["12.3%"].indicator == "对东盟进出口"


def test_a_growth_of_a_sibling_in_a_clause_before_is_not_the_whole():
    f = _figures(plan="力争规模以上工业增加值年均增长6%左右，数字经济核心产业增加值比重达到12%。")["12%"]
    assert (f.measure, f.of) == ("share", "地区生产总值")      # (the value added of all industries is the product)
    # in the same clause the growth's subject is the whole
    g = _figures("对外直接投资增长10%、对东盟投资占40%以上。")["40%"]
    assert g.of == "对外直接投资"


def test_a_bare_share_of_a_kind_of_export_is_of_all_exports():
    got = _figures("集成电路出口增长30.1%，机电产品出口占比80%。")
    assert (got["80%"].measure, got["80%"].of) == ("share", "出口")


def test_the_set_a_sentence_opens_with_is_the_whole_of_its_shares():
    got = _figures("在监测的120个县级城市中，空气质量达标的城市占70.5%，未达标的城市占29.5%。"
                   "200个省控断面中，水质优良断面比例为91.2%，劣Ⅴ类断面比例为0.4%。")
    assert (got["70.5%"].measure, got["70.5%"].of) == ("share", "县级城市")
    assert got["29.5%"].of == "县级城市"
    assert (got["91.2%"].measure, got["91.2%"].of, got["91.2%"].indicator) == ("share", "省控断面", "水质优良断面比例")
    assert got["0.4%"].of == "省控断面"
    # a 比例 with no set named stays the indicator itself
    assert _figures("地表水考核断面水质优良比例98.2%。")["98.2%"].measure == "level"


def test_a_concentration_that_improves_falls():
    f = _figures("全市PM2.5浓度改善8.3%，优良天数增加10天。")["8.3%"]
    assert (f.measure, f.value, f.indicator) == ("growth", -8.3, "PM2.5浓度")


# round 12b (after round 12's fixes)
@pytest.mark.parametrize("sentence, text, indicator", [
    ("高速公路通车里程突破9000公里、全国第一。", "第一", "高速公路通车里程"),
    ("棉花总产500万吨、全国排名上升到第2位。", "第2位", "棉花总产"),
])
def test_a_rank_whose_words_are_only_its_field_is_of_the_amount_just_named(sentence, text, indicator):
    f = _figures(sentence)[text]
    assert (f.measure, f.of, f.indicator) == ("rank", "全国", indicator)


def test_a_change_in_output_keeps_its_verb():
    assert _figures("粮食增产30.5亿斤，总产400亿斤。")["30.5亿斤"].indicator == "粮食增产"
    assert _figures("棉花产量500万吨，减产2万吨。")["2万吨"].indicator == "棉花产量减产"


# round 12c (after round 12b's fixes)
def test_yuesheng_is_a_ranking_verb():
    f = _figures("规上企业利润增长9%，大豆加工能力跃升全国首位。")["首位"]
    assert (f.measure, f.of, f.indicator) == ("rank", "全国", "大豆加工能力")


def test_the_mark_an_amount_crosses_names_nothing():
    got = _figures("棉花总产量再上新台阶，突破500万吨大关，连续10年居全国首位。")
    assert (got["500万吨"].indicator, got["500万吨"].qualifier) == ("棉花总产量", "ge")
    assert got["首位"].indicator == "棉花总产量"


def test_a_bare_count_word_before_a_rank_is_the_count_just_named():
    got = _figures("6个项目入选国家试点，数量列西部地区首位。")
    assert got["首位"].indicator.startswith(got["6个"].indicator)      # (国家试点: the list the projects entered)
    # with a clause that holds no figure between, the count word stays (it is of what that clause names)
    got = _figures("绿色工厂达到20家，乳业、现代煤化工入选国家级集群，数量居西部省份第2位。")
    assert got["第2位"].indicator == "数量"


def test_the_part_of_a_set_that_did_something():
    f = _figures("全省营商环境指标中超六成达到国内一流。")["六成"]
    assert (f.measure, f.of, f.indicator, f.qualifier) == ("share", "营商环境指标", "达到国内一流", "ge")   # (the scope word goes)


# round 12d (after round 12c's fixes)
def test_a_share_word_that_describes_a_thing_marks_no_share():
    got = _figures("将营业收入占比最高的行业税率从16%降至13%。")
    assert (got["16%"].measure, got["13%"].measure) == ("level", "level")
    assert _figures("高技术制造业增加值占比达到20%。")["20%"].measure == "share"

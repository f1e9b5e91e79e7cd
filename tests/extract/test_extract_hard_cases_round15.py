"""Figure, unit, measure, of and indicator on the hard cases held-out round 15 and the leftovers of round 14 found
(tests/data/heldout/src/README.md), through the public extract() on sentences written for the test: a report's
note marker （［7］） inside a name or the noun after a count, a class label after an ordinal (首个1类…), 辆次 as a unit,
the base of a comparison alone (较3年前增长…), places of one character counted (N个区、N个镇获评…), two verbs joined
before an amount (新建和改造提升N万亩…), quoted words listed before a counted noun, a percentage opening its clause
with the noun after it (…，90%以上村庄达到…), a count in 颗 named by its noun after, and a rank after a 分别 list
(A、B分别下降…，降幅居…) shared by the items."""
import pytest

from tests.extract.test_extract_hard_cases import _figures


@pytest.mark.parametrize("sentence, text, indicator", [
    ("三大支柱产业［3］增加值占比提高2个百分点。", "2个百分点", "三大支柱产业增加值"),
    ("全年支持58个“两个高地”［2］项目。", "58个", "“两个高地”项目"),
    ("两张“负面”清单［5］作用显现，受益企业3000家。", "两张", "“负面”清单"),
])
def test_a_note_marker_is_no_part_of_a_name(sentence, text, indicator):
    assert _figures(sentence)[text].indicator == indicator


def test_a_class_label_after_an_ordinal_is_no_figure():
    figures = _figures("本市首个2类新药获批上市，全年新增创新药5个。")
    assert "2类" not in figures and figures["5个"].indicator == "创新药"
    assert _figures("出台4类扶持政策。")["4类"].indicator == "扶持政策"     # (a count of classes stays)


def test_vehicle_trips_are_a_unit():
    f = _figures("跨江大桥日均车流量超6万辆次。")["6万辆次"]
    assert (f.value, f.unit, f.qualifier) == (6, "万辆次", "ge") and f.indicator.endswith("日均车流量")


def test_the_base_of_a_comparison_alone_names_nothing():
    f = _figures("外资企业超2000户、较5年前增长60%。")["60%"]
    assert (f.measure, f.indicator) == ("growth", "外资企业")


def test_places_of_one_character_are_what_is_counted():
    figures = _figures("城乡收入比缩小至2.1:1，9个区、3个县（市）、40个镇获评全国百强区、百强县、千强镇。")
    assert [figures[t].indicator for t in ("9个", "40个")] == ["区", "镇"]
    assert figures["2.1:1"].indicator == "城乡收入比"


def test_two_verbs_joined_before_an_amount_name_nothing():
    assert _figures("新建和改造提升85万亩高标准农田。")["85万亩"].indicator == "高标准农田"


def test_quoted_words_listed_before_the_noun_qualify_it():
    ind = _figures("自贸片区推出12项全国“首创”、“首批”开放政策。")["12项"].indicator
    assert ind.endswith("开放政策")


@pytest.mark.parametrize("sentence, of", [
    ("建成60条美丽乡村示范带，85%以上村庄达到美丽乡村标准。", "村庄"),
    ("完成整治，85%以上村落达到美丽乡村标准。", "村落"),
])
def test_a_percentage_opening_its_clause_is_a_share_of_the_noun_after(sentence, of):
    f = _figures(sentence)["85%"]
    assert (f.measure, f.of, f.qualifier) == ("share", of, "ge")
    assert "美丽乡村标准" in f.indicator


def test_a_rate_after_a_clause_stays_a_level():
    f = _figures("建成60条美丽乡村示范带，达标率85%以上。")["85%"]     # (a rate of its own stays a level)
    assert f.measure == "level"


def test_a_count_in_ke_is_named_by_its_noun_after():
    assert _figures("“星河一号”60颗卫星在轨运行。")["60颗"].indicator.startswith("卫星")


def test_a_rank_after_a_list_with_respectively_is_of_every_item():
    figures = _figures("交通事故起数、受伤人数分别下降12.5%、9.8%，降幅居全国前3位。")
    assert figures["前3位"].indicator == "交通事故起数、受伤人数降幅"
    assert (figures["12.5%"].indicator, figures["9.8%"].indicator) == ("交通事故起数", "交通事故受伤人数")
    # (ranks listed with 分别 still pair item by item)
    figures = _figures("粮食、油料产量分别达118万吨、33万吨，分别居全国第5、第6位。")
    assert (figures["第5"].indicator, figures["第6位"].indicator) == ("粮食产量", "油料产量")


def test_money_given_over_a_bare_scale_word_is_a_figure():
    f = _figures("发放超亿元的暑期“消费红包”。")["亿元"]
    assert (f.value, f.unit, f.qualifier) == (1, "亿元", "ge")
    assert "亿元" not in _figures("营收超亿元的龙头企业达到50家。")      # (a category of firms by their size)


def test_a_policy_noun_opening_with_a_verb_is_what_is_counted():
    assert _figures("推出稳定房地产市场十条支持政策。")["十条"].indicator == "支持政策"
    assert _figures("出台促进民营经济发展8项惠企措施。")["8项"].indicator == "惠企措施"

"""Misreadings the raw figure suite quarantined on the shipped reports (issue 11), through the public
extract() on sentences written for the test: a growth named after its rate without 的 (保持N%以上增长),
a share of a plan met (完成年计划的N%), a cut of a long noun phrase (压减…经费15%), an amount passed that
names a place (超百亿县), and a count whose noun runs into the verb after it (N家企业发行债券M只).
Each failed before its fix; the warehouse side (a share of a plan may pass 100 %) is tested in
tests/validation/test_validate_figures.py."""
import pytest

from tests.extract.test_extract_hard_cases import _figures


@pytest.mark.parametrize("sentence, text", [
    ("机器人等新兴产业营收保持15%以上增长。", "15%"),
    ("重点景区接待游客、门票收入均保持8%以上增长。", "8%"),
    ("外贸出口实现6%左右增长。", "6%"),
])
def test_a_growth_named_after_its_rate_without_de_is_a_growth(sentence, text):
    f = _figures(sentence)[text]
    assert (f.measure, f.value) == ("growth", float(text.rstrip("%")))


def test_a_growth_point_after_the_rate_is_still_no_growth():
    # (增长点 is a noun: the rate is not a growth of anything here)
    assert _figures("全市30%以上增长点来自数字经济。")["30%"].measure != "growth"


@pytest.mark.parametrize("sentence, text, indicator, of", [
    ("全年城镇新增就业完成年计划的121.5%。", "121.5%", "城镇新增就业", "年计划"),
    ("植树造林完成年度目标任务的86%。", "86%", "植树造林", "年度目标任务"),
])
def test_a_share_of_a_plan_met_is_a_share_of_the_plan(sentence, text, indicator, of):
    f = _figures(sentence)[text]
    assert (f.measure, f.of, f.indicator, f.value) == ("share", of, indicator, float(text.rstrip("%")))


def test_each_item_of_a_list_meeting_its_plan_is_a_share_of_the_plan():
    got = _figures("招商引资、技改投资分别完成年计划的130.2%、97%。")
    assert [(got[t].measure, got[t].of, got[t].indicator) for t in ("130.2%", "97%")] == [
        ("share", "年计划", "招商引资"), ("share", "年计划", "技改投资")]


def test_a_rate_reached_with_no_plan_named_stays_a_level():
    assert _figures("城镇新增就业完成年度任务，登记失业率为4.1%。")["4.1%"].measure == "level"


@pytest.mark.parametrize("sentence, text", [
    ("压减市级党政机关一般性支出12%。", "12%"),
    ("压减市级以下会议、培训、庆典活动35%。", "35%"),
])
def test_a_cut_of_a_long_noun_phrase_is_a_fall(sentence, text):
    f = _figures(sentence)[text]
    assert (f.measure, f.value) == ("growth", -float(text.rstrip("%")))


@pytest.mark.parametrize("sentence, text, measure", [
    ("压减市级党政机关一般性支出后占比为12%。", "12%", "share"),
    ("压减市级党政机关一般性支出达到12%。", "12%", "level"),
])
def test_a_cut_object_that_states_a_share_or_level_is_no_fall(sentence, text, measure):
    assert _figures(sentence)[text].measure == measure


def test_an_amount_passed_by_a_place_is_no_figure_and_names_the_count():
    got = _figures("全省工业产值超千亿县增至12个。")
    assert "千亿县" not in got
    assert (got["12个"].indicator, got["12个"].value) == ("工业产值超千亿县", 12.0)


def test_a_count_of_places_is_still_a_figure():
    assert _figures("全省建成美丽乡村示范县8个。")["8个"].value == 8.0


def test_a_count_before_a_verb_is_of_the_noun_and_the_count_after_is_of_what_was_done():
    got = _figures("全省120家企业发行各类债券860只，直接融资5000亿元。")
    assert got["120家"].indicator == "企业"
    assert got["860只"].indicator == "企业发行各类债券"


def test_a_count_before_invest_and_a_number_is_of_the_investors():
    got = _figures("产业基金带动36只子基金投资420个项目。")
    assert (got["36只"].indicator, got["420个"].indicator) == ("子基金", "项目")


def test_invest_opening_the_noun_after_a_count_is_kept():
    # (nothing before 投资: it is the noun's own first word, cut at the number as before)
    assert _figures("开工5个投资100亿元以上项目。")["5个"].indicator == "投资"


@pytest.mark.parametrize("sentence", ["全市一般公共预算支出960亿元，78%以上用于民生。", "全市一般公共预算支出960亿元，其中78%以上用于民生。"])
def test_a_part_spent_after_a_comma_is_a_share_of_the_amount_just_given(sentence):
    f = _figures(sentence)["78%"]
    assert (f.measure, f.of, f.indicator) == ("share", "一般公共预算支出", "民生")


def test_a_part_spent_after_a_growth_is_no_share_of_it():
    assert _figures("全市一般公共预算支出增长6%，78%以上用于民生。")["78%"].measure == "level"

"""Names of counts on the hard cases held-out round 22 found (tests/data/heldout/src/README.md), through the public
extract() on sentences written for the test: two specs joined by 和 or 、 between a count and its noun define the
kind of thing counted, as one spec does; what a verb of weathering (经受) meets is what is counted."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_count_before_two_joined_specs_is_named_by_the_noun_after_them():
    figures = _figures("全年建成15个500千伏和220千伏输变电工程。")
    assert figures["15个"].indicator == "输变电工程"


def test_a_count_before_specs_listed_with_a_comma_is_named_by_the_noun_after_them():
    figures = _figures("新开工8个110千伏、35千伏变电站。")
    assert figures["8个"].indicator == "变电站"


def test_what_a_weathering_verb_meets_is_what_is_counted():
    figures = _figures("去年全市经受了12轮强降雨考验。")
    assert figures["12轮"].indicator.startswith("强降雨")



def test_a_structure_ratio_after_a_growth_is_named_by_the_structure_clause_before_it():
    figures = _figures("高技术制造业增加值增长9.6%，三次产业结构持续优化，调整为7.1∶38.5∶54.4。")
    assert {figures[t].indicator for t in ("7.1", "38.5", "54.4")} == {"三次产业结构"}


def test_a_count_after_a_verb_and_its_object_counts_that_object_not_the_place_list():
    figures = _figures("在德国、波兰等8个国家设立办事处12个。")
    assert figures["12个"].indicator == "办事处"

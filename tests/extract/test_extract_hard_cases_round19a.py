"""Indicator and whole on the hard cases held-out rounds 19, 19b and 19c found (tests/data/heldout/src/README.md),
through the public extract() on sentences written for the test: a 分别 pair whose head (消费) is written once, after
the second item, with the clause's verb before the first; a 分别 pair whose items each follow a count; two counts of
one noun written back to back, the first with a scale (万户…万名); a share of 先进产能 inside its type (X先进产能占比
of X产能); and a bare 占比 right after a total in its clause (总装机…、Y占比 of the total)."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_pairs_head_written_after_the_second_item_is_the_firsts_too():
    figures = _figures("2030年，以旧换新带动智能家居、服装类消费分别增长20.1%、10.5%。")
    assert [figures[t].indicator for t in ("20.1%", "10.5%")] == ["智能家居消费", "服装类消费"]


def test_a_pairs_items_each_after_a_count_are_its_items():
    figures = _figures("2030年，12条市级重点产业链、9个市级特色小镇营业收入分别增长8.1%、7%。")
    assert [figures[t].indicator for t in ("8.1%", "7%")] == ["市级重点产业链营业收入", "市级特色小镇营业收入"]
    assert figures["12条"].indicator == "市级重点产业链"


def test_two_counts_of_one_noun_back_to_back_with_a_scale_are_both_its():
    figures = _figures("2030年，持续做好帮扶工作，2.3万户5.6万名低收入人口实现增收。")
    assert [figures[t].indicator for t in ("2.3万户", "5.6万名")] == ["低收入人口", "低收入人口"]


def test_a_share_of_advanced_capacity_is_of_its_types_capacity():
    f = _figures("2030年，钢铁先进产能占比达到70%。")["70%"]
    assert (f.measure, f.of, f.indicator) == ("share", "钢铁产能", "钢铁先进产能")


def test_a_bare_share_after_a_total_in_its_clause_is_of_the_total():
    f = _figures("2030年，发电总装机达到8000万千瓦、清洁能源占比超80%。")["80%"]
    assert (f.measure, f.of) == ("share", "发电总装机")


def test_each_item_of_a_pair_of_advanced_capacities_is_of_its_own_type():
    figures = _figures("2030年，炼铁、炼钢先进产能占比分别达到60.1%、58.2%。")
    assert [figures[t].of for t in ("60.1%", "58.2%")] == ["炼铁产能", "炼钢产能"]

"""Counts the held-out round 21e found (tests/data/heldout/src/README.md), through the public extract() on sentences
written for the test: a prize by its grade (一等奖, 特等奖) is the noun after the count, and 等 inside it is no 等 closing
a list of examples, so the name is not the winner before the verb (获评) nor the first count's prize; and round 21d's
分别 list of shares written right after a total (电力总装机…，清洁能源、新能源装机占比分别达A、B) is of that total; a count's noun stops at 全部 before 完工/竣工/交付 (…240个项目全部完工 → 项目)."""
from tests.extract.test_extract_hard_cases import _figures


def test_counts_of_prizes_by_grade_are_named_by_the_grade():
    got = _figures("2025年，某某研究院获评2个一等奖、3个二等奖。")
    assert (got["2个"].indicator, got["3个"].indicator) == ("一等奖", "二等奖")


def test_a_grand_prize_keeps_its_name_and_examples_still_close_at_deng():
    got = _figures("2025年，全市荣获5项特等奖，引进高校、院所等12家研发机构。")
    assert got["5项"].indicator == "特等奖"
    assert got["12家"].indicator == "研发机构"


def test_a_list_of_shares_after_a_total_is_of_the_total():
    got = _figures("2025年，全市电力总装机突破900万千瓦，清洁能源、新能源装机占比分别达80.5%、52.1%。")
    assert (got["80.5%"].measure, got["52.1%"].measure) == ("share", "share")
    assert (got["80.5%"].of, got["52.1%"].of) == ("电力总装机", "电力总装机")


def test_the_noun_after_a_count_stops_at_all_done():
    got = _figures("2025年，某某片区改造120个项目全部完工，安置住房3000套全部交付。")
    assert got["120个"].indicator == "项目"
    assert got["3000套"].indicator == "安置住房"

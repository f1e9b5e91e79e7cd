"""Of on the hard case held-out round 21b found (tests/data/heldout/src/README.md), through the public extract() on
sentences written for the test: a bare 占比 whose part is named alone, in the clause of a growth just named (A增长x%、
B占比y), is of A; a growth in a clause before stays a sibling's (round 6's kind)."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_bare_share_after_a_growth_in_its_own_clause_is_of_that_total():
    figures = _figures("2030年，外送电量年均增长8%、清洁电力占比超四成。")
    assert figures["四成"].of == "外送电量"


def test_a_bare_share_after_a_growth_in_a_clause_before_is_of_no_sibling():
    figures = _figures("2030年，规模以上工业增加值增长6.5%，数字经济核心产业增加值占比达到9.5%。")
    assert figures["9.5%"].of != "规模以上工业增加值"

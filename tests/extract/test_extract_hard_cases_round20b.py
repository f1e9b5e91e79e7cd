"""Shares the held-out rounds 20d and 20e found (tests/data/heldout/src/README.md), through the public extract() on
sentences written for the test: a market share with its scope written before it (全国市场占有率) is a share of that
scope, not a level; and the whole of N%的X由Y牵头 is X, not the clause with who leads it."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_market_share_with_its_scope_is_a_share_of_the_scope():
    f = _figures("2030年，某某牌光伏组件全球市场占有率达到35.5%。")["35.5%"]
    assert (f.measure, f.of) == ("share", "全球")


def test_the_whole_of_a_share_led_by_someone_stops_at_you():
    f = _figures("2030年，70%以上的市级重点研发项目由高校承担。")["70%"]
    assert (f.measure, f.of) == ("share", "市级重点研发项目")

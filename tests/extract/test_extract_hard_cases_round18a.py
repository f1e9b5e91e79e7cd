"""Indicator on the hard cases held-out rounds 18, 18b and 18c found (tests/data/heldout/src/README.md), through the
public extract() on sentences written for the test: money a bare verb raises named by what it is to support, a count
whose noun runs into 全部 and a verb of success, a rank of the share a clause names after an amount, a gap 高出 the
national rate after a growth in the clause before, a 分别 pair whose items stand in the clause before, and a generic
subject counted by the list it entered, a place word with its alternatives in brackets (县（市、区）), and the whole of
N%的X就读Y (X, what the part does after it), and a 分别 pair of waters sharing 水质优良 (one character in common is no
shared word)."""
from tests.extract.test_extract_hard_cases import _figures


def test_money_a_bare_verb_raises_is_named_by_what_it_supports():
    f = _figures("五年来，统筹2100.5亿元支持城乡基础设施更新改造，成效明显。")["2100.5亿元"]
    assert f.indicator == "城乡基础设施更新改造"


def test_a_count_before_all_succeeded_is_named_without_the_predicate():
    f = _figures("全年，卫星运载火箭12次发射全部成功。")["12次"]
    assert f.indicator == "发射"


def test_a_rank_after_a_share_word_ranks_the_share_of_the_amount_before():
    f = _figures("2025年，充电桩保有量突破30万个、占比居全国第三。")["第三"]
    assert f.indicator.endswith("占比") and f.of == "全国"


def test_a_gap_gao_chu_the_national_rate_after_a_comma_is_the_growths():
    f = _figures("2025年，工业投资增长6.3%，高出全国平均水平4.2个百分点。")["4.2个百分点"]
    assert f.indicator == "工业投资" and f.measure == "pp_change"


def test_a_pair_after_a_clause_of_its_items_takes_them():
    figures = _figures("五年来，千亿产业、国家级创新平台从无到有，分别达5个、12个。")
    assert [figures[t].indicator for t in ("5个", "12个")] == ["千亿产业", "国家级创新平台"]


def test_a_generic_subject_that_entered_a_list_is_named_by_the_list():
    f = _figures("2025年，21个项目进入国家智能制造示范名录。")["21个"]
    assert f.indicator == "国家智能制造示范名录"


def test_a_places_alternatives_in_brackets_are_no_part_of_the_name():
    figures = _figures("2025年，9个县（市、区）通过国家县域商业体系评估，建成6个县（市、区）级物流配送中心。")
    assert [figures[t].indicator for t in ("9个", "6个")] == ["县", "县级物流配送中心"]


def test_the_whole_of_a_part_named_by_what_it_does_stops_at_the_verb():
    f = _figures("2025年，58.2%的中职毕业生就读高职院校。")["58.2%"]
    assert (f.measure, f.of) == ("share", "中职毕业生")


def test_a_pair_of_waters_shares_the_quality_head_whole():
    figures = _figures("2025年，地表水、近岸海域水质优良比例分别达95.1%、98.3%。")
    assert [figures[t].indicator for t in ("95.1%", "98.3%")] == ["地表水水质优良", "近岸海域水质优良"]
    figures = _figures("2025年，地下水、近岸海域水质优良率分别为80%、96%。")
    assert [figures[t].indicator for t in ("80%", "96%")] == ["地下水水质优良率", "近岸海域水质优良率"]

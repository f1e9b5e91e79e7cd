"""Indicator and whole on the hard cases held-out rounds 18d, 18e and 18f found (tests/data/heldout/src/README.md),
through the public extract() on sentences written for the test: a per-head word (人均) that starts a list's shared
head, an adverb (一次性) before a verb and an amount, counts of one unit listed before one noun, money given by a
clause before 的, 优质特色 as one quality prefix of a share's part, and the set (X中，) that opens the clause before
a share."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_per_head_word_on_the_last_item_starts_the_shared_head():
    figures = _figures("低保、特困人均月标准分别提高到980元、1500元。")
    assert [figures[t].indicator for t in ("980元", "1500元")] == ["低保人均月标准", "特困人均月标准"]
    figures = _figures("居民医保和公共卫生服务经费人均补助标准分别提高40元和8元。")
    assert figures["40元"].indicator.startswith("居民医保人均补助标准")
    figures = _figures("城镇和农村居民人均可支配收入分别增长4.8%、6.1%。")
    assert figures["4.8%"].indicator == "城镇居民人均可支配收入"


def test_an_adverb_before_the_verb_names_nothing():
    assert _figures("一次性发放3亿元补贴。")["3亿元"].indicator == "补贴"
    assert "债务限额" in _figures("一次性增加2万亿元债务限额。")["2万亿元"].indicator


def test_counts_of_one_unit_listed_before_one_noun_all_count_it():
    figures = _figures("先后出台12条、8条配套措施。")
    assert [figures[t].indicator for t in ("12条", "8条")] == ["配套措施", "配套措施"]
    figures = _figures("新增重点实验室10家、累计38家。")
    assert figures["10家"].indicator == "重点实验室"


def test_money_given_by_a_clause_before_de_is_named_by_the_noun_after_it():
    assert _figures("用好省里下达的20亿元以旧换新资金。")["20亿元"].indicator == "以旧换新资金"


def test_a_quality_prefix_of_two_words_leaves_the_whole():
    f = _figures("优质特色高中在校生占比68%。")["68%"]
    assert (f.measure, f.of) == ("share", "高中在校生")


def test_the_set_opening_the_clause_before_a_share_is_its_whole():
    f = _figures("加快补链强链，15个重点产业链中，高技术企业营收占比超过40%。")["40%"]
    assert (f.measure, f.of) == ("share", "重点产业链")

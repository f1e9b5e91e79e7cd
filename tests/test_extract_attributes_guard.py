"""The first-character guard of attributes' `$`-anchored tail pattern: a speed device that must
never change a match."""
import re

from orchestration.extract import attributes as A


def test_first_chars_of_small_patterns():
    assert A._first_chars(r"a?b") == "[ab]"
    assert A._first_chars(r"(?:ab|\dc)+$") == "[\\da]"
    assert A._first_chars(r"(?<=x)y") == "[y]"          # a lookbehind consumes nothing
    assert A._first_chars(r"a?") is None                 # may match empty
    assert A._first_chars(r"[^y]z") is None              # any character may start
    assert A._first_chars(r"(?i:a)") is None             # inline flags: not told


def test_guarded_pattern_keeps_every_match():
    g = A._guarded(r"(?<=[\u4e00-\u9fff])全国|增长|\d{4}年的?")
    assert g.pattern.startswith("(?=[")
    for s in ["比上年增长", "高于全国", "全国", "2025年的", "x增长y", "快于2024年"]:
        assert g.sub("", s) == re.sub(r"(?<=[\u4e00-\u9fff])全国|增长|\d{4}年的?", "", s)


def test_tail_guard_agrees_with_the_plain_tail():
    assert A._TAIL_GUARDED.pattern != A._TAIL.pattern    # the guard is in place
    segs = ["地区生产总值比上年增长", "规模以上工业增加值同比增长", "粮食产量稳定在", "居全国第", "较2020年末",
            "高于全国平均水平", "连续12年", "新增", "净增", "比“十三五”末", "占全省比重达到", "2025年的",
            "城镇新增就业", "进出口总额", "增", "：", "预计全年增长"]
    for s in segs:
        for i in range(len(s)):
            assert A._TAIL_GUARDED.sub("", s[i:]) == A._TAIL.sub("", s[i:]), s[i:]

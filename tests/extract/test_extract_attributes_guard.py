"""The first-character guard of `$`-anchored patterns (lexicon.guarded): a speed device that must
never change a match."""
import re

from orchestration.extract import phrases
from orchestration.extract.rules import measure, status_period
from orchestration.extract import lexicon as L


def test_first_chars_of_small_patterns():
    assert L.first_chars(r"a?b") == "[ab]"
    assert L.first_chars(r"(?:ab|\dc)+$") == "[\\da]"
    assert L.first_chars(r"(?<=x)y") == "[y]"          # a lookbehind consumes nothing
    assert L.first_chars(r"a?") is None                 # may match empty
    assert L.first_chars(r"[^y]z") is None              # any character may start
    assert L.first_chars(r"(?i:a)") is None             # inline flags: not told


def test_guarded_pattern_keeps_every_match():
    g = L.guarded(r"(?<=[\u4e00-\u9fff])全国|增长|\d{4}年的?")
    assert g.pattern.startswith("(?=[")
    for s in ["比上年增长", "高于全国", "全国", "2025年的", "x增长y", "快于2024年"]:
        assert g.sub("", s) == re.sub(r"(?<=[\u4e00-\u9fff])全国|增长|\d{4}年的?", "", s)


GUARDED = [(phrases, "_TAIL"), (measure, "_FALL_END"), (measure, "_RISE_END"), (measure, "_REACH_END"),
           (measure, "_SHARE"), (measure, "_SCOPE_SHARE_END"), (status_period, "_YEAR_BEFORE"), (phrases, "_RIGHT_STOP")]
SEGMENTS = ["地区生产总值比上年增长", "规模以上工业增加值同比增长", "粮食产量稳定在", "居全国第", "较2020年末",
            "高于全国平均水平", "连续12年", "新增", "净增", "比“十三五”末", "占全省比重达到", "从2020年的", "2025年的",
            "城镇新增就业", "进出口总额", "增", "：", "预计全年增长", "提高到", "下降了", "在全国", "增速为", "万户居全省"]


def test_guarded_patterns_agree_with_the_plain_ones():
    for module, name in GUARDED:
        g = getattr(module, name)
        assert g.pattern.startswith("(?=["), name                 # the guard is in place
        plain = re.compile(g.pattern[g.pattern.index("])(?:") + 5:-1])   # the pattern without it
        for s in SEGMENTS:
            for i in range(len(s)):
                a, b = g.search(s[i:]), plain.search(s[i:])
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (name, s[i:])
                assert g.sub("", s[i:]) == plain.sub("", s[i:])

"""The extractor's speed devices give what the plain forms they replace give (issue 10: output
byte-identical). Each device is checked against its plain form, written out here."""
from __future__ import annotations

import random
import re
import sys

from orchestration.extract import mention_context, mentions, phrases
from orchestration.extract.numbers import RANK_EXPRESSION

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_no_spaces_removes_what_backslash_s_matches():
    assert phrases.no_spaces(_ALL) == re.sub(r"\s+", "", _ALL)
    assert phrases.no_spaces(" 地区\u3000生产\n总值\t") == "地区生产总值"


def test_isdecimal_is_backslash_d():
    assert "".join(c for c in _ALL if c.isdecimal()) == "".join(re.findall(r"\d", _ALL))


def _walk_back(text: str, pos: int, lo: int) -> int:
    i = pos
    while i > lo and text[i - 1] not in "，,；;。！？!?：:\n":
        i -= 1
    return i


def test_clause_start_is_the_walk_back():
    rng = random.Random(7)
    pieces = ["地区生产总值", "增长5.5%", "，", "；", "。", "\n", "：", "比上年", "规模以上工业增加值" * 9]
    text = "".join(rng.choice(pieces) for _ in range(400))
    for _ in range(5000):
        pos = rng.randrange(len(text) + 1)
        lo = max(0, pos - rng.choice([0, 1, 12, 40, 63, 64, 65, 90, 400]))
        assert mention_context.clause_start(text, pos, lo) == _walk_back(text, pos, lo)
    assert mention_context.clause_start(text, 5, 9) == 5          # pos before lo: pos, as the walk


def test_cut_tail_is_the_tail_pattern_cut():
    assert phrases._TAIL_REACH is not None and phrases._TAIL_REACH < 100
    heads = ["地区生产总值", "城镇居民人均可支配收入" * 4, "全市规模以上工业企业营业收入利润总额" * 2]
    tails = ["", "比上年增长", "同比", "较上年末", "连续" + "1" * 20 + "年", "连续" + "三" * 17 + "年",
             "跨上" + "1" * 18 + "个新台阶", "高于全国平均水平", "达到", "居全国"]
    for h in heads:
        for t in tails:
            for s in (h + t, t + h, h + t + t):
                assert phrases._cut_tail(s) == phrases._TAIL.sub("", s), s
    # one word a pass (noun_head repeats the cut): 增长 goes first, past the reach of a long head
    assert phrases._cut_tail("城镇居民人均可支配收入" * 4 + "比上年增长") == "城镇居民人均可支配收入" * 4 + "比上年"


def test_strip_lead_needs_one_pass():
    def to_fixpoint(s: str) -> str:
        s = s.strip().strip("*").strip()
        prev = None
        while prev != s:
            prev, s = s, phrases._LEAD.sub("", s)
        return s

    for s in ("其中全省新增", "、，全年累计完成", "1.全市实现", "一是推动", "12、继续", "同时此外另外新建",
              "全省规模以上工业增加值", "*今年全市*"):
        assert phrases.strip_lead(s) == to_fixpoint(s)
    assert phrases.strip_lead("其中全省新增就业") == "就业"


def test_rank_expressions_are_the_pattern_scan():
    assert set(mentions._RANK_START.pattern[1:-1]) == {"第", "首", "榜", "前"}     # read from the pattern
    text = ("经济总量居全国第4位、第十二名，首位榜首前三前10强；第第5位前前一，榜首位首首位。第二十次会议"
            "前1%的企业，第1\n第") * 3
    for lo, hi in ((0, len(text)), (3, 40), (7, 8), (0, 0)):
        got = [(m.span(), m.groupdict()) for m in mentions.rank_expressions(text, lo, hi)]
        assert got == [(m.span(), m.groupdict()) for m in RANK_EXPRESSION.finditer(text, lo, hi)]
    assert [m.group() for m in mentions.rank_expressions("居全国第4位", 0, 6)] == ["第4位"]

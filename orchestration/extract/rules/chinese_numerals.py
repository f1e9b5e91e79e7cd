"""Vetoes on a number written in Chinese numerals (十二条, 两成, 三十多个): most such phrases in a
report are words, ordinals or the report's own structure, not figures. Stage `chinese`, after the
numeral's value is read (`c.value`); tried in this order."""
from __future__ import annotations

import re

from ..mention_context import before_word
from ..numbers import APPROX_BEFORE, CN_UNITS, GE_BEFORE
from .base import Rule

# the text after a count that opens the report's own list: 有十个突出亮点：一是…
OWN_LIST_OPENING = re.compile(r"[\u4e00-\u9fff]{0,8}[：:]\s*(?:一是|一、|（一）|\(一\)|首先|第一)")
# a heading line (三、全力抓好七项重点工作) up to the number
HEADING_LINE = re.compile(r"[ \t　]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^。\n]{0,30}$")
# a glossary entry's number at a line start: ［10］两个基地：
GLOSSARY_MARK = re.compile(r"[［\[【]\d+[］\]】]")
# 三四个: two adjacent digits
ADJACENT_DIGITS = re.compile(r"[一二两三四五六七八九]{2}")
# a change verb right before 一倍/一成/一个百分点
CHANGE_BEFORE = re.compile(r"(?:增长|增加|提高|提升|扩大|翻|上升|下降|减少|降低|缩小|回落|近|超过|超|约)了?[ \t]?$")
THRESHOLD_VERBS = ("超", "突破", "破", "超过", "逾")


def _not_a_numeral(c) -> bool:
    return c.value is None


def _not_a_counting_unit(c) -> bool:
    return not c.scale and c.unit not in CN_UNITS


def _zero_starts_a_word(c) -> bool:
    return c.num[0] in "零〇"


def _after_closing_quote(c) -> bool:
    return bool(c.prev) and c.prev in "”’"


def _two_places(c) -> bool:
    return c.unit == "地" and not (c.after(1) and c.after(1) in "（(州市")


def _own_headings(c) -> bool:
    return "方面" in c.text[c.num_end:c.e + 2] and c.after(2) != "民生"


def _own_list_or_heading(c) -> bool:
    text, s = c.text, c.s
    return bool(OWN_LIST_OPENING.match(text, c.e) or HEADING_LINE.match(text, text.rfind("\n", 0, s) + 1, s))


def _glossary_headword(c) -> bool:
    text, s, e = c.text, c.s, c.e
    line_end = text.find("\n", e, e + 200)
    return bool(GLOSSARY_MARK.match(text, text.rfind("\n", 0, s) + 1)) and "：" in text[e:line_end if line_end > 0 else e + 200]


def _er_is_ordinal(c) -> bool:
    return c.num == "二"


def _adjacent_digits(c) -> bool:
    return bool(ADJACENT_DIGITS.search(c.num))


def _lone_numeral_word(c) -> bool:
    text, s, lo, num, scale, unit = c.text, c.s, c.lo, c.num, c.scale, c.unit
    if num not in ("一", "百", "千") or (scale and before_word(text, s, lo, THRESHOLD_VERBS)) \
            or (num == "一" and unit in ("倍", "成", "个百分点") and CHANGE_BEFORE.search(text, max(lo, s - 4), s)):
        return False                      # 超百万吨; 增长一倍, 下降一成, 提高一个百分点 are changes
    if num != "一" and not scale and before_word(text, s, lo, GE_BEFORE + APPROX_BEFORE):
        pass                              # 近百家企业, 超千名: a round count with its qualifier
    elif not (num != "一" and scale):
        return True
    return not before_word(text, s, lo, GE_BEFORE + ("近",)) and c.after(2) != "以上"


RULES = [
    Rule("not-a-numeral", _not_a_numeral, "no figure: the characters read as no number (cn2an refuses them)",
         positive=("十十个",), negative=("十二个",), stages=("chinese",)),
    Rule("not-a-counting-unit", _not_a_counting_unit,
         "no figure: after a Chinese numeral only counting words make a figure (三米 is too often a word)",
         positive=("三米高",), negative=("三个项目",), stages=("chinese",)),
    Rule("zero-starts-a-word", _zero_starts_a_word, "no figure: 零 starts words and slogans (零部件, 零增长)",
         positive=("零部件企业",), negative=("两家企业",), stages=("chinese",)),
    Rule("count-after-quote", _after_closing_quote,
         "no figure: a count right after a closing quote sums up the quoted names",
         positive=("坚持“稳、准、快”三项原则",), negative=("坚持三项原则",), stages=("chinese",)),
    Rule("two-places", _two_places, "no figure: 两地 names the places, it counts nothing",
         positive=("推动两地互认",), negative=("建成三地（市）联动",), stages=("chinese",), units=frozenset({"地"})),
    Rule("own-headings", _own_headings, "no figure: the report counting its own headings (从八个方面发力)",
         positive=("从八个方面发力",), negative=("推进十方面民生实事",), stages=("chinese",)),
    Rule("own-list-or-heading", _own_list_or_heading,
         "no figure: a count that opens the report's own list or sits in a heading line",
         positive=("有十个突出亮点：一是", "三、全力抓好七项重点工作"), negative=("完成七项重点工作",),
         stages=("chinese",)),
    Rule("glossary-headword", _glossary_headword, "no figure: the headword of a glossary entry",
         positive=("［10］两个基地：指", ), negative=("建成两个基地：指",), stages=("chinese",)),
    Rule("er-is-an-ordinal", _er_is_ordinal,
         "no figure: 二 with a measure word is an ordinal or a name (二次供水, 二级医院); a count says 两",
         positive=("改造二次供水设施",), negative=("建设两个中心",), stages=("chinese",)),
    Rule("adjacent-digits", _adjacent_digits, "no figure: two adjacent digits are an estimate (三四个)",
         positive=("建成三四个园区",), negative=("建成三十个园区",), stages=("chinese",)),
    Rule("lone-numeral-word", _lone_numeral_word,
         "no figure: 一/百/千 alone are words (一批, 千方百计) unless a threshold verb or qualifier makes them a number",
         positive=("推出一批项目", "千家万户"), negative=("超百万吨", "增长一倍", "近百家企业"), stages=("chinese",)),
]

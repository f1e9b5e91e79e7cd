"""Two readings of a list that names its figures elsewhere than before them: a clause of only a growth verb and its
values (…，增长18.6%和23.4%), which pair with the amounts before as after 分别; and counts whose noun follows an amount
that classes what is counted (12个百亿元、70个30亿元以上项目)."""
from __future__ import annotations

import re

from .phrases import noun_after, no_spaces

_BARE_CHANGE_CLAUSE = ("增长", "同比增长", "比上年增长")
# a value of a list (a fraction 1/4 is one value, not two); indicator.py counts 分别 lists with it too
LIST_VALUE = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?|第[一二三四五六七八九十]+")

# an amount, with 以上/级, right after a count: the class of the things counted (30亿元以上项目, 千亿元级产业集群)
_CLASS_AMOUNT = r"(?:\d+(?:\.\d+)?|[十百千])[万亿]?元(?:以上|级)?"
_AMOUNT_CLASS = re.compile("^" + _CLASS_AMOUNT)
_NEXT_COUNT_CLASS = re.compile(r"^[、和及]\d+(?:个|家|项|座|所)" + _CLASS_AMOUNT)
# 跨越3个千亿元台阶: steps of the amount, which the figure after names; no class of things
_STEP_NOUNS = ("台阶", "大关", "关口")


def bare_change_list(text: str, clause_start: int, clause_end: int, prev_in_clause, mention) -> bool:
    """A clause of only a growth verb and a list of two or more values (…，增长18.6%和23.4%): the values pair with
    the amounts named before, as after 分别; a single value, or a verb with a noun, is read as before."""
    first = prev_in_clause[0].start if prev_in_clause else mention.start
    if no_spaces(text[clause_start:first]) not in _BARE_CHANGE_CLAUSE:
        return False
    return sum(1 for _ in LIST_VALUE.finditer(text, first, clause_end)) >= 2


def noun_after_amount_class(after: str) -> str:
    """The noun a count names when an amount classes it (`after` is the text right after the count): past the
    amount and any further counts of the list with their classes, 12个百亿元、70个30亿元以上项目 → 项目…; "" otherwise."""
    ac = _AMOUNT_CLASS.match(after)
    if not ac or after[ac.end():].startswith(_STEP_NOUNS):
        return ""
    rest = after[ac.end():]
    nc = _NEXT_COUNT_CLASS.match(rest)
    while nc:
        rest = rest[nc.end():]
        nc = _NEXT_COUNT_CLASS.match(rest)
    noun = noun_after(rest)
    return noun if len(noun) >= 2 else ""

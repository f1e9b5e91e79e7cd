"""Headings and paragraph openers: whether a line is a heading, the parts a heading announces
(review, five-year review, five-year plan, plan year, glossary, trailer), and the part a
paragraph's opening words switch to (今年是…, 五年来…)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as L
from ..phrases import no_spaces
from .document import FYP, FYP_REVIEW, GLOSSARY, PLAN, REVIEW, TRAILER
from .five_year_plans import five_year_span, fyp_mentions

YEAR = re.compile(r"(\d{4})\s*年")

TOP = re.compile(rf"^\s*(?:[{L.CN_NUM}]+、|第[{L.CN_NUM}]+部分|[IVX]+[、.．])")
_SUB = re.compile(rf"^\s*(?:[（(][{L.CN_NUM}\d]+[）)]|\d+[.、．])")


_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")


def is_heading(line: str) -> bool:
    s = line.strip().strip("*").strip()
    if not s or len(s) > 60:
        return False
    if TOP.match(s):
        return "。" not in s[:-1] and not s.endswith(("：", ":"))
    if _SUB.match(s):
        return False
    # an unnumbered heading: a short line without sentence punctuation
    return len(s) <= 32 and not _SENTENCE_PUNCT.search(s)


TRAILER_HEAD = re.compile(L.TRAILER_HEAD)
_GLOSSARY_HEAD = re.compile(L.GLOSSARY_HEAD)
_SELF_HEAD = re.compile(L.SELF_HEAD)
REVIEW_HEAD = re.compile(L.REVIEW_HEAD)
_FYP_HEAD = re.compile(L.FYP_HEAD)
ANNEX_HEAD = re.compile(rf"^{L.ANNEX_HEAD}")


def heading_kinds(h: str, review_year: int | None, plan_year: int | None) -> list[str]:
    """The parts a heading announces, in the order it names them."""
    h = no_spaces(h)
    found: list[tuple[int, str]] = []
    if TRAILER_HEAD.search(h):
        return [TRAILER]
    if _GLOSSARY_HEAD.search(h):
        return [GLOSSARY]
    if _SELF_HEAD.search(h):
        return [PLAN]
    is_review = REVIEW_HEAD.search(h)
    is_fyp_goal = _FYP_HEAD.search(h)
    for pos, n in fyp_mentions(h):
        first, last = five_year_span(n)
        if review_year is not None and last <= review_year:
            found.append((pos, FYP_REVIEW))
        elif is_fyp_goal or plan_year is None or first >= plan_year:
            # a plan period named with goal words: the five-year plan chapter
            if is_fyp_goal:
                found.append((pos, FYP))
    for m in YEAR.finditer(h):
        y = int(m.group(1))
        if y == review_year and (is_review or re.search(r"工作", h)):
            found.append((m.start(), REVIEW))
        elif y == plan_year or (review_year is not None and y == review_year + 1):
            found.append((m.start(), PLAN))
    fm5 = re.search(r"今后五年|未来五年", h)
    if fm5 and is_fyp_goal:
        found.append((fm5.start(), FYP))
    if re.search(r"今年|明年", h):
        found.append((h.find("今年") if "今年" in h else h.find("明年"), PLAN))
    if not found:
        if is_review:
            found.append((is_review.start(), REVIEW))
        elif re.search(r"重点工作|工作安排|工作任务|工作思路|重点任务", h):
            found.append((0, PLAN))
    found.sort()
    kinds: list[str] = []
    for _, k in found:
        if not kinds or kinds[-1] != k:
            kinds.append(k)
    return kinds


_SALUTE_OPEN = re.compile(r"^(?:各位代表|同志们)[！!，,：:]")
_PLAN_OPEN = re.compile(r"政府工作的总体要求|今年经济社会")
_YEAR_REVIEW_OPEN = re.compile(r"(?:刚刚过去的|过去的一年|过去一年|一年来|这一年)")
_FIVE_YEARS_NEAR = re.compile(r"五年来|这五年|过去五年|五年间")
_FIVE_YEARS_OPEN = re.compile(r"(?:五年来|这五年|过去五年|过去的五年|回顾五年|五年间)")
_FIVE_YEARS_THIS = re.compile(r"这是.{0,20}的五年")
_FYP_OPEN = re.compile(r"(?:今后五年|未来五年|根据.{0,40}(?:第十[一二三四五六七八九]个五年规划|五年规划)的建议|《纲要草案》|规划纲要)")


@lru_cache(maxsize=64)
def _plan_cues(py: str) -> tuple[re.Pattern, re.Pattern]:
    """Openers of the plan year's part for plan year `py` (今年是…, 2026年是…; 做好今年…)."""
    return (re.compile(rf"(?:今年|{py}年)(?:是|经济社会发展|政府工作|的主要|主要预期|全市|全省|全区|我们)"),
            re.compile(rf"(?:做好|抓好)(?:今年|{py}年)"))


def paragraph_cue(p: str, review_year: int | None, plan_year: int | None) -> str | None:
    """The part a paragraph's opening announces, if it announces one."""
    head = no_spaces(p[:80]).lstrip("—-*")
    head = _SALUTE_OPEN.sub("", head)
    if not head:
        return None
    py = str(plan_year) if plan_year else "\x00"
    ry = str(review_year) if review_year else "\x00"
    plan_open, plan_do = _plan_cues(py)
    if plan_open.match(head) or plan_do.match(head) or _PLAN_OPEN.match(head):
        return PLAN
    if _YEAR_REVIEW_OPEN.match(head):
        return REVIEW
    if _FIVE_YEARS_NEAR.search(head[:40]):
        return FYP_REVIEW
    if head.startswith(ry + "年"):
        return REVIEW
    if _FIVE_YEARS_OPEN.match(head) or _FIVE_YEARS_THIS.match(head):
        return FYP_REVIEW
    fm = fyp_mentions(head[:12])
    if fm and fm[0][0] <= 1:
        first, last = five_year_span(fm[0][1])
        if review_year is not None and last <= review_year:
            return FYP_REVIEW
        return FYP
    if _FYP_OPEN.match(head):
        return FYP
    return None

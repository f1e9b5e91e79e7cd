"""Entry points of the extractor (a first cut: numbers with units and their offsets)."""
from __future__ import annotations

import re

from .model import DocumentInfo, Figure
from .normalize import normalize

EXTRACTOR_VERSION = "0.1.0"

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = r"(?:个百分点|万亿元|亿元|万元|亿美元|万平方米|平方米|万人次|万人|%|家|件|个|人|项|座|公里)"
_FIG = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
_SENT_END = re.compile(r"[。！？；\n]")
_YEAR_HEADING = re.compile(r"(20\d\d)年")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = start
    while s > 0 and not _SENT_END.match(text[s - 1]):
        s -= 1
    e = end
    while e < len(text) and not _SENT_END.match(text[e]):
        e += 1
    return s, min(e + 1, len(text))


def describe_document(text: str) -> DocumentInfo:
    years = [int(y) for y in _YEAR_HEADING.findall(text[:3000])]
    plan = max(years) if years else None
    return DocumentInfo(plan_year=plan, review_year=plan - 1 if plan else None)


def extract(original: str) -> list[Figure]:
    norm = normalize(original)
    info = describe_document(norm.text)
    out = []
    for m in _FIG.finditer(norm.text):
        start, end = norm.original_span(m.start(), m.end())
        s0, s1 = _sentence_bounds(norm.text, m.start(), m.end())
        os0, os1 = norm.original_span(s0, s1)
        out.append(Figure(
            start=start, end=end, text=original[start:end],
            value=float(m.group("num").replace(",", "")), unit=m.group("unit"),
            period=info.review_year, sentence=original[os0:os1], sentence_start=os0, sentence_end=os1,
        ))
    return out

"""Sentence and clause bounds in normalized text.

A sentence ends after 。！？!? or at a line break (a heading is a sentence of its own).
A closing quote or bracket right after the end mark stays with the sentence. The
status flag 预计 scopes to its sentence, so the split is on those marks only; ；
separates clauses inside a sentence (see `clause_bounds`).
"""
from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")
_CLAUSE_END = "，,；;。！？!?：:\n"


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[(start, end)] of the non-blank sentences in text[start:end], in order."""
    return list(iter_sentences(text, start, end))


def iter_sentences(text: str, start: int = 0, end: int | None = None):
    """The (start, end) of each non-blank sentence in text[start:end], in order, one at a time."""
    end = len(text) if end is None else end
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.span()
        if s < e and text[s].isspace():
            while s < e and text[s].isspace():
                s += 1
        if e > s and text[e - 1].isspace():
            while e > s and text[e - 1].isspace():
                e -= 1
        if e > s:
            yield s, e
        if m.end() >= end:
            break


def clause_bounds(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The clause around text[start:end]: back to the last ，；。： and on to the next, within [lo, hi)."""
    hi = len(text) if hi is None else hi
    s = start
    while s > lo and text[s - 1] not in _CLAUSE_END:
        s -= 1
    e = end
    while e < hi and text[e] not in _CLAUSE_END:
        e += 1
    return s, e

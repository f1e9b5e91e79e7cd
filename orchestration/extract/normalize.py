"""Repair PDF-extract artefacts and keep a map back to the original offsets.

Rules (each keeps `to_original`, so every normalized span maps back exactly):

1. Full-width digits, letters and signs (０-９, ．, ％, ～, ：…), the minus signs − and － and
   the no-break space become their ASCII forms, one character for one, so the detectors need one alphabet only.
2. Windows line ends: the \r of \r\n is removed, so every later step sees \n only.
3. A page break inside a paragraph is removed: a line break (with any blank lines and
   indentation) is joined when the line before it does not end a sentence (。！？：；…”」)
   but is a body line - it stops inside a clause (，、；“), or it already holds a 。 and has
   at least `MIN_BODY_LINE` characters, or it is longer than any heading (`LONG_LINE`) -
   and the next line does not open a heading, a list item or a speech turn. A PDF extract
   cuts words and numbers that way ("预\\n\\n计", "7651\\n\\n万元"); a web page's short
   heading or speaker line ("一、2019年工作回顾", "省长 李某") stays a line of its own,
   because the layout reader needs lines. A break whose blank lines hold a zero-width space (a
   web page's page marker) is joined after any line that does not end a sentence.

`Normalized.original_offset(i)` / `original_span(start, end)` map back; `to_original` is the
same map as a list (one entry per character plus one for the end).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MIN_BODY_LINE = 30
LONG_LINE = 80
_INSIDE_CLAUSE = set("，,、；;“《（(")

_FULLWIDTH = dict(zip("０１２３４５６７８９．％～＋／－−\xa0", "0123456789.%~+/-- "))
_FULLWIDTH_RE = re.compile("[" + "".join(_FULLWIDTH) + "]")
# The line before a break ends a sentence or a heading when its last visible character is one of these.
_ENDS_SENTENCE = set("。！？!?：:；;…”」』）)")
# A next line that opens a heading, a numbered item or a speech turn is never glued on.
_OPENS_BLOCK = re.compile(
    r"[ \t　]*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d)"
    r"|第[一二三四五六七八九十\d]+[章节部篇]|各位代表|——|附件|名词解释)"
)
# a line break with the blank lines and indentation after it; the spaces before it are found by
# walking back (a pattern that starts with them would rescan a long run of spaces at every space)
_BREAK = re.compile(r"\n[\s　\u200b]*")
_TRAILING = " \t　\r"


@dataclass
class Normalized:
    """Normalized text and its map back: a run of text copied from the original starts at
    normalized offset `runs_norm[k]` and original offset `runs_orig[k]`; only removed line
    breaks separate runs, so most documents are a single run."""
    text: str
    runs_norm: list[int]
    runs_orig: list[int]
    original_length: int

    def original_offset(self, i: int) -> int:
        """The original index of normalized character i (i == len(text) maps to the end)."""
        if i >= len(self.text):
            return self.original_length if i == len(self.text) else i
        if len(self.runs_norm) == 1:      # most documents: one run
            return self.runs_orig[0] + (i - self.runs_norm[0])
        k = bisect_right(self.runs_norm, i) - 1
        return self.runs_orig[k] + (i - self.runs_norm[k])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of normalized [start, end)."""
        if end <= start:
            o = self.original_offset(start)
            return o, o
        return self.original_offset(start), self.original_offset(end - 1) + 1

    @property
    def to_original(self) -> list[int]:
        """original index of every normalized character, plus one entry for the end."""
        out: list[int] = []
        bounds = self.runs_norm[1:] + [len(self.text)]
        for n0, o0, n1 in zip(self.runs_norm, self.runs_orig, bounds):
            out.extend(range(o0, o0 + n1 - n0))
        out.append(self.original_length)
        return out


def _is_page_break(original: str, start: int, end: int) -> bool:
    """start, end: the break with the spaces before it and the blank lines after it."""
    line_start = original.rfind("\n", 0, start) + 1
    line = original[line_start:start].strip().rstrip("*")
    if not line or line[-1] in _ENDS_SENTENCE or end >= len(original):
        return False
    if "\u200b" in original[start:end]:
        # a web page's page marker (a line holding only a zero-width space) cuts wherever it falls,
        # after a short line too (…全年目标拟定\n\u200b\n为4.5%左右)
        return not _OPENS_BLOCK.match(original, end)
    # a body line: it already holds a sentence end, stops inside a clause, or is longer than a heading
    body = (len(line) >= MIN_BODY_LINE and "。" in line) or line[-1] in _INSIDE_CLAUSE or len(line) >= LONG_LINE
    return body and not _OPENS_BLOCK.match(original, end)


def normalize(original: str) -> Normalized:
    folded = _FULLWIDTH_RE.sub(lambda m: _FULLWIDTH[m.group()], original)
    out: list[str] = []
    runs_norm, runs_orig = [0], [0]
    pos = n = 0
    for m in _BREAK.finditer(folded):
        start, end = m.start(), m.end()
        while start > pos and folded[start - 1] in _TRAILING:
            start -= 1
        if _is_page_break(folded, start, end):
            cuts = [(start, end)]
        elif "\r" in folded[start:end]:
            cuts = [(i, i + 1) for i in range(start, end) if folded[i] == "\r"]
        else:
            continue
        for a, b in cuts:
            out.append(folded[pos:a])
            n += a - pos
            pos = b
            runs_norm.append(n)
            runs_orig.append(pos)
    out.append(folded[pos:])
    return Normalized("".join(out), runs_norm, runs_orig, len(original))

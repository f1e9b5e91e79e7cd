"""Repair PDF-extract artefacts and keep a map back to the original offsets.

Rules (each keeps `to_original`, so every normalized span maps back exactly):

1. Full-width digits, letters and signs (０-９, ．, ％, ～, ：…) become their ASCII
   forms, one character for one, so the detectors need one alphabet only.
2. A page break inside a paragraph is removed: a line break (with any blank lines and
   indentation) is joined when the line before it is a body line (at least
   `MIN_BODY_LINE` characters) that does not end a sentence (。！？：；…”」) and the
   next line does not open a heading, a list item or a speech turn. A PDF extract
   cuts words and numbers that way ("预\\n\\n计", "7651\\n\\n万元"); a web page's short
   heading or speaker line ("一、2019年工作回顾", "省长 李某") stays a line of its own,
   because the layout reader needs lines.

`to_original[i]` is the original index of normalized character i, with one extra entry
at the end for the end offset.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MIN_BODY_LINE = 30

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％～＋／",
    "0123456789.%~+/",
)
# The line before a break ends a sentence or a heading when its last visible character is one of these.
_ENDS_SENTENCE = set("。！？!?：:；;…”」』）)")
# A next line that opens a heading, a numbered item or a speech turn is never glued on.
_OPENS_BLOCK = re.compile(
    r"[ \t　]*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d)"
    r"|第[一二三四五六七八九十\d]+[章节部篇]|各位代表|——|附件|名词解释)"
)
_BREAK = re.compile(r"[ \t　]*\n[\s　]*")


@dataclass
class Normalized:
    text: str
    to_original: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of normalized [start, end)."""
        if end <= start:
            o = self.to_original[start]
            return o, o
        return self.to_original[start], self.to_original[end - 1] + 1

    def original_offset(self, i: int) -> int:
        return self.to_original[i]


def _is_page_break(original: str, m: re.Match) -> bool:
    line_start = original.rfind("\n", 0, m.start()) + 1
    line = original[line_start:m.start()].strip().rstrip("*")
    if len(line) < MIN_BODY_LINE or not line or line[-1] in _ENDS_SENTENCE:
        return False
    if m.end() >= len(original):
        return False
    return not _OPENS_BLOCK.match(original, m.end())


def normalize(original: str) -> Normalized:
    folded = original.translate(_FULLWIDTH)
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _BREAK.finditer(folded):
        if not _is_page_break(folded, m):
            continue
        out.append(folded[pos:m.start()])
        idx.extend(range(pos, m.start()))
        pos = m.end()
    out.append(folded[pos:])
    idx.extend(range(pos, len(folded)))
    idx.append(len(folded))
    return Normalized("".join(out), idx)

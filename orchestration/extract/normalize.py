"""Repair PDF-extract artefacts and keep a map back to the original offsets.

Rule: a line break (with blank lines) between two CJK characters is a page or line
break inside a word ("预\n\n计" -> "预计"), so it is removed. Everything else is kept.
`to_original[i]` is the original index of normalized character i (one extra entry at
the end for the end offset).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = r"\u4e00-\u9fff"
_BROKEN = re.compile(rf"(?<=[{_CJK}，、；])[ \t]*\n[\s]*(?=[{_CJK}])")


@dataclass
class Normalized:
    text: str
    to_original: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_original[start], self.to_original[end - 1] + 1 if end > start else self.to_original[start]


def normalize(original: str) -> Normalized:
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _BROKEN.finditer(original):
        out.append(original[pos:m.start()])
        idx.extend(range(pos, m.start()))
        pos = m.end()
    out.append(original[pos:])
    idx.extend(range(pos, len(original)))
    idx.append(len(original))
    return Normalized("".join(out), idx)

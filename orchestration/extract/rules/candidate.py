"""The number a veto rule judges: the match, what stands before it, and its unit and end as read
so far (a later stage sees the unit after a noun took it back: 242万偏远 -> unit "", end at 万)."""
from __future__ import annotations

import re


class NumberCandidate:
    __slots__ = ("text", "m", "is_cn", "lo", "hi", "at", "s", "num", "num_end", "prev", "scale", "unit", "e",
                 "value")

    def __init__(self, text: str, m: re.Match, is_cn: bool, lo: int, hi: int, at: int):
        self.text, self.m, self.is_cn, self.lo, self.hi, self.at = text, m, is_cn, lo, hi, at
        self.s = m.start()
        num, scale, unit = m.group("num", "scale", "unit")
        self.num = num
        self.num_end = m.end("num")
        self.prev = text[at - 1] if at > lo else ""      # the character before the number (and its sign)
        self.scale = scale or ""
        self.unit = unit or ""
        self.e = m.end()
        self.value: float | None = None

    def after(self, n: int) -> str:
        """The n characters after the mention as read so far."""
        return self.text[self.e:self.e + n]

    def before(self, n: int) -> str:
        """The n characters before the number (before its sign), within the bounds."""
        return self.text[max(self.lo, self.at - n):self.at]

"""Finding value expressions (number + unit) in normalized text. [owner: detection]

A Mention is the span of one figure's value expression, from the first character of
the number to the end of its unit, with the value as written, the unit as written,
the qualifier (eq/ge/le/approx/range) and value_high for ranges. Offsets are into the
normalized text; the pipeline maps them back to the original.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    start: int
    end: int
    value: float
    unit: str = ""
    qualifier: str = "eq"
    value_high: float | None = None
    rank: bool = False          # 第N / 首位 / 前N位 expressions (unit "rank")


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    raise NotImplementedError

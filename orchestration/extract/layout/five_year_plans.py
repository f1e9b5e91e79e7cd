"""Five-year plans: the years of the n-th plan, which plan a year lies in or ends, the plans a
text names (“十四五”, 第十五个五年规划), and the Chinese numerals up to 99 those names use."""
from __future__ import annotations

import re

from .. import lexicon as L

def five_year_span(n: int) -> tuple[int, int]:
    """The n-th five-year plan's years: the 3rd ran 1966–1970 and the plans have run back to back since."""
    first = 1966 + 5 * (n - 3)
    return first, first + 4


def fyp_number_of(year: int) -> int:
    return (year - 1966) // 5 + 3


def fyp_number_ending(year: int) -> int | None:
    n = fyp_number_of(year)
    return n if five_year_span(n)[1] == year else None


# (lexicon.guarded: an optional opening quote would leave the engine no skip-ahead)
_FYP = L.guarded(r"[“\"‘]?(十[一二三四五六七八九]?|[一二三四五六七八九])五[”\"’]?(?:规划|时期|期间|末|以来)?")
_FYP_ORDINAL = re.compile(r"第(十[一二三四五六七八九]?)个五年规划")


def cn_int(s: str) -> int | None:
    """A Chinese numeral up to 99 (十四, 二十七) or digits."""
    if s.isdigit():
        return int(s)
    if not s or any(c not in L.CN_NUM for c in s):
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        return (L.CN_DIGITS.get(a, 1) if a else 1) * 10 + (L.CN_DIGITS.get(b, 0) if b else 0)
    if len(s) == 1:
        return L.CN_DIGITS.get(s)
    return int("".join(str(L.CN_DIGITS[c]) for c in s))


def fyp_mentions(s: str) -> list[tuple[int, int]]:
    """(position, plan number) of each five-year plan named in s (“十四五”, 第十五个五年规划)."""
    out = []
    for m in _FYP.finditer(s):
        n = cn_int(m.group(1))
        # a bare 五 after a numeral (“十五五”) must be quoted or followed by 时期/规划 to be a plan name
        if n and n >= 9 and (m.group(0)[0] in "“\"‘" or m.group(0).endswith(("时期", "规划", "期间", "末", "以来"))):
            out.append((m.start(), n))
    for m in _FYP_ORDINAL.finditer(s):
        n = cn_int(m.group(1))
        if n:
            out.append((m.start(), n))
    return sorted(out)

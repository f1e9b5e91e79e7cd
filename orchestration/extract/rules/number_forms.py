"""Vetoes on the form of a number: what it is glued to, and numbers that are years.

Stages: `before` (the character before the number), `arabic` (an Arabic number with its unit).
(A year or a number glued to letters needs no rule here: with no unit it goes the index's way,
which drops years and numbers a letter follows.)
"""
from __future__ import annotations

from ..mention_context import bad_prefix
from ..numbers import UNITS
from .base import Rule


def _glued_to_word_before(c) -> bool:
    return bad_prefix(c.prev, c.is_cn)



def _letters_run_on(c) -> bool:
    nxt = c.after(1)
    return c.unit.isascii() and c.unit.isalpha() and nxt.isascii() and nxt.isalnum()



RULES = [
    Rule("glued-to-word-before", _glued_to_word_before,
         "no figure: the number continues a word, an ordinal or a code (第七次, 每3人, C919, v2.5)",
         positive=("每3人一组", "第5批次", "型号C919客机"), negative=("3人一组", "新增客机919架"),
         stages=("before",)),
    Rule("letters-run-on", _letters_run_on,
         "no figure: an ASCII unit whose letters run on into a name (5GWh2 …)",
         positive=("建设10MWh2号储能站",), negative=("建设10MWh储能站",), stages=("arabic",),
         units=frozenset(u for u in UNITS if u.isascii() and u.isalpha())),
]

"""The vetoes of number detection, in the order mentions.py tries them: a number with its unit is
a figure unless one of these names it something else."""
from __future__ import annotations

from . import chinese_numerals, context_vetoes, number_forms
from .base import RuleSet

MENTION_VETOES = RuleSet(
    "mention-vetoes",
    "a number with its unit is no figure when …  (stages: before, arabic or chinese, context or context-cn)",
    number_forms.RULES + chinese_numerals.RULES + context_vetoes.RULES,
)

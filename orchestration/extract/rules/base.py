"""A rule is a named unit: what it looks at (a test), what it yields, and example phrases on
which it fires (positive) and does not (negative), in the manner of Duckling's Rules.hs +
Corpus.hs. A RuleSet keeps its rules in the order they are tried, can disable one by name, and
can record which rules fired (for tests and `python -m orchestration.extract rules --explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable, Iterator


@dataclass(frozen=True)
class Rule:
    name: str
    test: Callable[[Any], Any]          # truthy (or the value yielded) when the rule applies
    yields: str                         # what the rule gives when it fires, in words
    positive: tuple[str, ...]           # phrases on which it fires
    negative: tuple[str, ...]           # near misses on which it must not fire
    stages: tuple[str, ...] = ("",)     # where in its set's sequence it is tried
    # only tried for these units (a speed device: the test checks the unit itself too); None: any
    units: frozenset[str] | None = None
    doc: str = field(default="", compare=False)


class RuleSet:
    """Rules tried in order; `active(stage)` is what the hot path loops over."""

    def __init__(self, name: str, about: str, rules: list[Rule]):
        names = [r.name for r in rules]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"{name}: rule names used twice: {sorted(dupes)}")
        self.name, self.about, self.rules = name, about, list(rules)
        self.disabled: set[str] = set()
        self.fired: list[str] | None = None      # a list while a trace is on
        # stage -> ({unit: the rules that may apply to it}, the rules for any other unit)
        self.stages: dict[str, tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...]]] = {}
        self._rebuild()

    def _rebuild(self) -> None:
        # (the same dict, updated in place: a hot path may hold it as `stages`)
        self.stages.clear()
        for stage in dict.fromkeys(s for r in self.rules for s in r.stages):
            rules = [r for r in self.rules if stage in r.stages and r.name not in self.disabled]
            units = {u for r in rules if r.units for u in r.units}
            by_unit = {u: tuple(r for r in rules if r.units is None or u in r.units) for u in units}
            self.stages[stage] = (by_unit, tuple(r for r in rules if r.units is None))

    def active(self, stage: str = "", unit: str | None = None) -> tuple[Rule, ...]:
        """The enabled rules of a stage, in order; with a unit, only those that may apply to it."""
        by_unit, general = self.stages.get(stage, ({}, ()))
        return by_unit.get(unit, general)

    def names(self) -> list[str]:
        return [r.name for r in self.rules]

    def __getitem__(self, name: str) -> Rule:
        for r in self.rules:
            if r.name == name:
                return r
        raise KeyError(f"{self.name}: no rule named {name!r}")

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def disable(self, *names: str) -> None:
        for n in names:
            self[n]                              # an unknown name is an error, not a no-op
        self.disabled.update(names)
        self._rebuild()

    def enable(self, *names: str) -> None:
        self.disabled.difference_update(names)
        self._rebuild()

    def note(self, rule: Rule) -> None:
        """Called by the hot path when a rule fires: records it only while a trace is on."""
        if self.fired is not None:
            self.fired.append(rule.name)

"""A rule is a named unit: what it looks at (a test), what it yields, and example phrases on
which it fires (positive) and does not (negative), in the manner of Duckling's Rules.hs +
Corpus.hs. A RuleSet keeps its rules in the order they are tried, can disable one by name, and
can record which rules fired (for tests and `python -m orchestration.extract rules --explain`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator


@dataclass(frozen=True)
class Rule:
    name: str
    test: Callable[[Any], Any]          # truthy (or the value yielded) when the rule applies
    yields: str                         # what the rule gives when it fires, in words
    positive: tuple[str, ...]           # phrases on which it fires
    negative: tuple[str, ...]           # near misses on which it must not fire
    stages: tuple[str, ...] = ("",)     # where in its set's sequence it is tried
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
        self._active: dict[str, tuple[Rule, ...]] = {}
        self._rebuild()

    def _rebuild(self) -> None:
        self._active = {}
        for r in self.rules:
            if r.name not in self.disabled:
                for stage in r.stages:
                    self._active[stage] = self._active.get(stage, ()) + (r,)

    def active(self, stage: str = "") -> tuple[Rule, ...]:
        return self._active.get(stage, ())

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

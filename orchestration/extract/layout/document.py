"""What the layout reader gives: the part kinds and the default status of a figure in each, a
part (`Context`: kind, default status and period, the five-year span it is about, where it starts)
and the document's `Layout` (title, issuer, date, years, parts, main targets)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .five_year_plans import five_year_span, fyp_number_ending, fyp_number_of

REVIEW, FYP_REVIEW, FYP, PLAN, GLOSSARY, FRONT, TRAILER = (
    "review", "fyp_review", "fyp", "plan", "glossary", "front", "trailer")
STATUS = {REVIEW: "actual", FYP_REVIEW: "actual", FYP: "target", PLAN: "target", GLOSSARY: "actual",
          FRONT: "actual", TRAILER: "actual"}


@dataclass
class Context:
    kind: str                      # review | fyp_review | fyp | plan | glossary | front | trailer
    status: str                    # default status of a figure here
    period: int | None             # default period of a figure here
    span: tuple[int, int] | None = None   # the five-year plan period this part is about, if any
    offset: int = 0                # where this part starts

    @property
    def in_body(self) -> bool:
        return self.kind not in (FRONT, TRAILER)


@dataclass
class Layout:
    title: str = ""
    issuer: str = ""
    date: date | None = None
    review_year: int | None = None
    plan_year: int | None = None
    kind: str = "report"           # report | bulletin
    body_start: int = 0
    body_end: int = 0
    parts: list[Context] = field(default_factory=list)
    main_targets: list[str] = field(default_factory=list)   # indicators the plan year's main targets name

    def context(self, offset: int) -> Context:
        # the parts' offsets are listed once and kept while `parts` is the same, unchanged list
        # (context is asked for every sentence)
        cached = self.__dict__.get("_starts")
        if cached is None or cached[0] is not self.parts or len(cached[1]) != len(self.parts):
            cached = (self.parts, [p.offset for p in self.parts])
            self.__dict__["_starts"] = cached
        starts = cached[1]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return Context(FRONT, "actual", self.review_year, None, 0)
        return self.parts[i]

    def names_main_target(self, indicator: str) -> bool:
        """A main target of 3 characters or more is in the indicator, or the indicator (of 4 or more)
        in one (投资 of 完成投资 is not 固定资产投资). The targets are read into one pattern and one
        string once, kept while `main_targets` is the same list of the same length (asked for every figure)."""
        cached = self.__dict__.get("_targets")
        if cached is None or cached[0] is not self.main_targets or cached[1] != len(self.main_targets):
            long = [t for t in self.main_targets if len(t) >= 3]
            # (an indicator without \x00 found in the targets joined by \x00 is inside one of them)
            cached = (self.main_targets, len(self.main_targets),
                      re.compile("|".join(map(re.escape, long))) if long else None, "\x00".join(long))
            self.__dict__["_targets"] = cached
        rx = cached[2]
        return rx is not None and (rx.search(indicator) is not None
                                   or (len(indicator) >= 4 and "\x00" not in indicator and indicator in cached[3]))

    def fyp_span(self, number: int) -> tuple[int, int]:
        return five_year_span(number)

    @property
    def review_span(self) -> tuple[int, int] | None:
        """The five-year plan period that ends in the review year, if one does."""
        if self.review_year is None:
            return None
        n = fyp_number_ending(self.review_year)
        return five_year_span(n) if n else None

    @property
    def plan_span(self) -> tuple[int, int] | None:
        """The five-year plan period that the plan year opens or lies in."""
        if self.plan_year is None:
            return None
        return five_year_span(fyp_number_of(self.plan_year))

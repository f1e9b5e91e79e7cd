"""Every rule set of the extractor, with the call that runs an example phrase through it: list,
disable and test rules by name (`python -m orchestration.extract rules --help`)."""
from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Callable, Iterator

from .base import Rule, RuleSet
from .indicator_rules import INDICATOR_RULES
from .measure import MEASURE_RULES
from .mention_vetoes import MENTION_VETOES
from .status_period import STATUS_PERIOD_RULES


def _find_mentions(text: str):
    from ..mentions import find_mentions
    return [(m.start, m.end, m.value, m.unit, m.qualifier, m.value_high) for m in find_mentions(text)]


def _extract(text: str):
    from ..pipeline import extract
    return [(f.start, f.end, f.value, f.unit, f.measure, f.of, f.status, f.period, f.indicator)
            for f in extract(text)]


def _extract_in_report(example: str):
    """`part|sentence`: the sentence placed in that part (review, fyp, plan) of a made-up report."""
    part, _, sentence = example.partition("|")
    head = {"review": "一、2030年和“十五五”时期工作回顾", "fyp": "二、“十六五”时期主要目标任务", "plan": "三、2031年重点工作"}
    parts = {"review": "全省经济平稳。", "fyp": "要努力实现目标。", "plan": "要扎实做好工作。", part: sentence}
    text = "\n".join(["2031年某某省政府工作报告", "——2031年1月20日在某某省第十五届人民代表大会第五次会议上", "各位代表：",
                      head["review"], "2030年极不平凡。", parts["review"], head["fyp"], "“十六五”时期是关键时期。",
                      parts["fyp"], head["plan"], "今年是“十六五”开局之年。", parts["plan"], ""])
    return _extract(text)


# name -> (rule set, what runs an example through it)
RULE_SETS: dict[str, tuple[RuleSet, Callable[[str], list]]] = {
    MENTION_VETOES.name: (MENTION_VETOES, _find_mentions),
    MEASURE_RULES.name: (MEASURE_RULES, _extract),
    STATUS_PERIOD_RULES.name: (STATUS_PERIOD_RULES, _extract_in_report),
    INDICATOR_RULES.name: (INDICATOR_RULES, _extract),
}


def find(name: str) -> tuple[RuleSet, Rule]:
    """The rule of that name in whichever set holds it."""
    for rs, _ in RULE_SETS.values():
        if name in rs.names():
            return rs, rs[name]
    raise KeyError(f"no rule named {name!r}; `python -m orchestration.extract rules` lists them")


@contextmanager
def disabled(*names: str) -> Iterator[None]:
    """Rules switched off by name for the duration (the extractor as if they were not written)."""
    found = [find(n) for n in names]
    try:
        for rs, r in found:
            rs.disable(r.name)
        yield
    finally:
        for rs, r in found:
            rs.enable(r.name)


def fired_on(name: str, text: str) -> tuple[bool, list]:
    """Whether the named rule fires while its set runs `text`, and what the set yields."""
    rs, r = find(name)
    probe = RULE_SETS[rs.name][1]
    rs.fired = []
    try:
        out = probe(text)
        return r.name in rs.fired, out
    finally:
        rs.fired = None


def check(name: str) -> list[str]:
    """What is wrong with a rule's examples (empty: it behaves as it says): it fires on each
    positive, on none of the negatives, and switching it off changes what some positive yields."""
    rs, r = find(name)
    probe = RULE_SETS[rs.name][1]
    problems = []
    if not r.positive or not r.negative:
        problems.append(f"{name}: needs a positive and a negative example")
    changes = False
    for text in r.positive:
        fires, out = fired_on(name, text)
        if not fires:
            problems.append(f"{name}: does not fire on its positive example {text!r}")
        with disabled(name):
            changes = changes or probe(text) != out
    if r.positive and not changes:
        problems.append(f"{name}: switching it off changes no positive example's result")
    for text in r.negative:
        if fired_on(name, text)[0]:
            problems.append(f"{name}: fires on its negative example {text!r}")
    return problems

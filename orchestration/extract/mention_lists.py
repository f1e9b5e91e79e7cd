"""Mentions joined by 、/和/及 form a list: they share a lead, a sign, a unit and a qualifier."""
from __future__ import annotations

from .numbers import (Mention, LIST_CONNECTOR, ELLIPSIS_ITEM, LEAD_TAIL, RESPECTIVELY)
from .mention_context import (QUALIFIER_AFTER, clause_start, qualifier_before, sign_of)
from .lexicon import start_set

_CONNECTOR_START = start_set(LIST_CONNECTOR.pattern)     # (most gaps between two numbers start otherwise)

# the last characters of LEAD_TAIL's words (分别, 达到, 不少于 …): a lead ending in none has no such tail
_LEAD_TAIL_LAST = "别均各为到达是了在过超近约破于"


def group_lists(text: str, found: list[Mention], lo: int, hi: int) -> None:
    """Group mentions joined only by 、/和/及 and give each its lead and sign."""
    next_id = 0
    prev = None
    for mn in found:
        joined = prev is not None and prev.kind not in ("rank", "ratio") and mn.kind not in ("rank", "ratio") \
            and text[prev.end:prev.end + 1] in _CONNECTOR_START \
            and LIST_CONNECTOR.fullmatch(text, prev.end, mn.start) is not None
        if joined:
            if prev.list_id is None:
                prev.list_id = next_id
                next_id += 1
            mn.list_id = prev.list_id
            mn.respectively = prev.respectively
            mn.lead = prev.lead
            mn.sign = prev.sign
        else:
            # the lead runs back to the clause start or the previous mention, at most 40 characters
            floor = max(lo, mn.start - 40, prev.end if prev is not None else lo)
            lead = text[clause_start(text, mn.start, floor):mn.start]
            mn.lead = lead[-12:] if not mn.lead or mn.kind != "rank" else mn.lead
            tail = lead.rstrip()
            t12 = tail[-12:]              # (RESPECTIVELY opens with 分别, 均 or 各 within these)
            mn.respectively = ("分别" in t12 or "均" in t12 or "各" in t12) and \
                bool(RESPECTIVELY.search(tail, max(0, len(tail) - 12)))
            # (LEAD_TAIL ends in one of its words, and tail in no space: most leads end in another character)
            mn.sign = sign_of(LEAD_TAIL.sub("", tail) if tail[-1:] in _LEAD_TAIL_LAST else tail)
            if not mn.sign and prev is not None and prev.sign and ELLIPSIS_ITEM.fullmatch(text, prev.end, mn.start):
                mn.sign = prev.sign       # 压减时间58%、材料52%: the verb is not repeated
        prev = mn


def share_in_lists(text: str, found: list[Mention]) -> None:
    """分别达1409万、1305万人次, 快于全国3.4个、1个百分点: the last item's unit covers bare items and
    items that hold only its head; 分别超98.5%和99%: a qualifier before the first item covers the
    rest, and 分别增长5%、6.5%左右: one after the last item covers the others."""
    groups: dict[int, list[Mention]] = {}
    for mn in found:
        if mn.list_id is not None:
            groups.setdefault(mn.list_id, []).append(mn)
    for items in groups.values():
        last = items[-1]
        for mn in items[:-1]:
            if mn.kind in ("bare", "number") and last.unit and (
                mn.unit == "" or (last.unit.startswith(mn.unit) and last.unit != mn.unit)
            ):
                # 3.4个、1个百分点: the 个 of the first item is the head of the shared unit
                if text[mn.end:mn.end + len(last.unit) - len(mn.unit)] != last.unit[len(mn.unit):]:
                    mn.unit = last.unit
                    mn.kind = "number"
        # 分别增长5%、6.5%左右: the qualifier after the last item covers every item
        if last.qualifier in ("ge", "le", "approx") and QUALIFIER_AFTER.match(text, last.end):
            for mn in items[:-1]:
                if mn.qualifier == "eq" and mn.kind != "range":
                    mn.qualifier = last.qualifier
        first = items[0]
        if first.qualifier in ("ge", "le", "approx") and qualifier_before(text, first.start, 0):
            for mn in items[1:]:
                if mn.qualifier == "eq":
                    mn.qualifier = first.qualifier
    for mn in found:
        if mn.kind == "bare":
            mn.kind = "drop"

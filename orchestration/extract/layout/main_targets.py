"""The plan year's main targets: the indicators its list of main targets names."""
from __future__ import annotations

import re

from .document import PLAN, Layout

_MAIN_TARGETS = re.compile(r"主要(?:预期)?目标(?:是|为)?[：:]([^。]{10,600})。")
_TARGET_VERB = re.compile(r"(?:年均)?(?:增长|增速|涨幅|控制在|保持在|稳定在|达到|达|下降|降低|提高|提升|完成|不低于|不少于|"
                          r"不超过|以上|左右|以内|\d)")


def find_main_targets(text: str, lay: Layout) -> list[str]:
    """The indicators named in the plan year's list of main targets (主要预期目标是：A增长5%，B…)."""
    out: list[str] = []
    for m in _MAIN_TARGETS.finditer(text, lay.body_start, lay.body_end):
        if lay.context(m.start()).kind != PLAN:
            continue
        for piece in re.split(r"[，；、,;]", m.group(1)):
            v = _TARGET_VERB.search(piece)
            name = piece[:v.start()] if v else ""
            name = re.sub(r"^(?:全省|全市|全区|全国|全县|其中|和|与|及)", "", name).strip()
            if 2 <= len(name) <= 16 and name not in out:
                out.append(name)
        break
    return out

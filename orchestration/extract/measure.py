"""The measure of a figure (level, growth, share, rank, pp_change), its sign and the whole a
share or rank is of, from the words before it."""
from __future__ import annotations

import re

from . import lexicon as L

from .lexicon import (RANK_VERB, SCOPE)
from .phrases import (SPACES)


_FALL_END = L.guarded(rf"(?:{L.FALL})(?:了)?(?:分别|均|约|近|超过|超|逾|达|高达)?$")
_RISE_END = L.guarded(rf"(?:{L.RISE}|翻)(?:了)?(?:分别|均|约|近|超过|超|逾|达|高达|近|超)?$")
_FALL_OBJ_END = re.compile(r"(?:压减|精简|压缩|缩减|削减|减少|降低)[\u4e00-\u9fff]{1,4}?(?:比例)?(?:了)?(?:约|近|超过|超|逾|达)?$")
_RATE_END = re.compile(rf"{L.RATE_NOUN}(?:为|达|达到|是|保持在|控制在|在)?(?:分别|均|约|近|超过|超|逾)?$")
_REACH_END = L.guarded(rf"(?:{L.RISE}|{L.FALL}|降|增|保持|稳定|控制|维持)(?:{L.REACH})(?:了)?(?:分别|均|约|近|超过|超|逾)?$")
_SHARE = L.guarded(r"在(?P<of3>[^，。；、\d]{2,12}?)(?:的)?占比|占(?!有|用|领|地面积)(?P<of>[^，。；、\d]{0,20}?)(?:的)?(?:比重|比例|份额)|(?P<bare>占比|比重|份额)|占(?!有|用|领|地面积)(?P<of2>[^，。；、\d]{0,12}?)(?:的)?(?:近|超过|超|约|逾|达|的)*$")
_RANK_OF = re.compile(rf"{RANK_VERB}(?P<of>[^，。；、\d第首前]{{1,12}}?)(?:的)?(?:第|首|前|$)")



_RATIO_LEFT = re.compile(r"(?:\d+(?:\.\d+)?\s*[∶:]\s*)+$")


_RATIO_RIGHT = re.compile(r"^(?:\s*[∶:]\s*\d+(?:\.\d+)?)+")


def ratio_members(text: str, mention) -> int:
    """How many numbers the ratio chain through this mention has (4.0∶37.7∶58.3 -> 3); 1 if none."""
    n = 1
    before = text[max(0, mention.start - 40):mention.start]
    if "∶" in before or ":" in before:       # no ratio mark near: no chain (the common case)
        left = _RATIO_LEFT.search(before)
        if left:
            n += left.group(0).count("∶") + left.group(0).count(":")
    after = text[mention.end:mention.end + 40]
    if "∶" in after or ":" in after:
        right = _RATIO_RIGHT.match(after)
        if right:
            n += right.group(0).count("∶") + right.group(0).count(":")
    return n


_SCOPE_END = re.compile(rf"({SCOPE})$")
_RANK_OF_NOISE = re.compile(rf"(?:有望|将|可望|预计)?(?:上升|提升|跃升|前移|提高)?(?:{RANK_VERB})?")
_SCOPE_RANKING = re.compile(rf"(?:在)?({SCOPE})(?:的)?(?:排名|排位|位次)")
_RANKED_AMONG = re.compile(r"在([^，。；、\d]{2,16}?)中(?:[^，。；]{0,6})$")     # 在中部六省中居第2位
_SHARE_WORD = re.compile(r"占|份额|比重|占比")
# 对经济增长的贡献率达60%, 覆盖全省93%: a share of what follows 对/覆盖
_CONTRIBUTION = re.compile(r"(?:对(?P<of>[^，。；、\d]{1,12}?)(?:的)?贡献(?:率)?|覆盖(?![率面])(?P<cov>[^，。；、\d]{0,16}?))(?:的)?(?:达到|达|超过|超|近|约|逾|为)*$")
_OF_NOUN_AFTER = re.compile(r"^(?:以上|左右|多)?的[\u4e00-\u9fff“]")
_SCOPE_SHARE_END = L.guarded(rf"(?:在|占|为)?({SCOPE})(?:的)?(?:近|约|超过|超|逾)?$")


def measure_of(seg: str, clause: str, right: str, unit: str, is_rank: bool, previous) -> tuple[str, int, str]:
    s = SPACES.sub("", seg)
    if is_rank:
        m = None
        c = SPACES.sub("", clause)
        for m in _RANK_OF.finditer(c):
            pass
        of = m.group("of") if m else ""
        if _RANK_OF_NOISE.fullmatch(of):
            of = ""     # 在全国排名有望上升至第20位: the words between 排名 and 第 name no field
        sc = _SCOPE_END.search(of) or (None if of else (_SCOPE_END.search(c) or _SCOPE_RANKING.search(c)))
        if sc:
            of = sc.group(1)
        elif not of:
            im = _RANKED_AMONG.search(c)
            of = im.group(1) if im else ""
        return "rank", 1, _clean_of(of)
    if unit in L.PP_UNITS:
        return "pp_change", (-1 if _FALL_END.search(s) else 1), ""
    if unit in L.GROWTH_UNITS or unit.endswith("%") or unit in ("", "fraction"):
        if unit == "" and not _SHARE_WORD.search(s):
            return "level", 1, ""
        if _REACH_END.search(s):
            sm = _SHARE.search(s)
            if sm and (sm.group("of") is not None or sm.group("bare") or sm.group("of3")):
                return "share", 1, _clean_of(sm.group("of") or sm.group("of3") or "")
            return "level", 1, ""
        if _FALL_END.search(s) or _FALL_OBJ_END.search(s):
            return "growth", -1, ""
        if _RISE_END.search(s) or _RATE_END.search(s) or unit in ("倍", "番"):
            return "growth", 1, ""
        sm = _SHARE.search(s)
        if sm:
            of = sm.group("of") if sm.group("of") is not None else (sm.group("of2") or sm.group("of3") or "")
            return "share", 1, _clean_of(of)
        cm = _CONTRIBUTION.search(s)
        if cm:
            return "share", 1, _clean_of(cm.group("of") or cm.group("cov") or "")
        if unit == "成" and _RATE_OWN_END.search(s):
            return "level", 1, ""       # 上云率近六成: a rate is the indicator itself
        if _OF_NOUN_AFTER.match(right) or unit in ("fraction", "成"):
            sc = _SCOPE_SHARE_END.search(s)
            return "share", 1, sc.group(1) if sc else ""
    return "level", 1, ""


_RATE_OWN_END = re.compile(r"率(?:达到|达|为|是|近|约|超过|超|逾|保持在|稳定在|提高到|提升至|升至|增至)*$")
_OF_LEAD = re.compile(r"^(?:的|了)")
_OF_TAIL = re.compile(r"(?:的|中|内)$")


def _clean_of(of: str) -> str:
    of = _OF_LEAD.sub("", of or "")
    of = _OF_TAIL.sub("", of)
    return of

"""The whole a share is of: X of X中Y占比, the set a sentence opens with, the amount just named, the
whole a subtype names (可再生能源装机占比 of 装机), and the subtype a list of bare shares carries."""
from __future__ import annotations

import re

from . import lexicon as L
from .phrases import strip_lead

_SUBTYPE_PREFIX = re.compile(L.SUBTYPE_PREFIX)
_CARRIED = re.compile(L.CARRIED_SUBTYPE)
_TOTAL_HEAD = re.compile(L.TOTAL_HEAD)
_INNER_SUBTYPE = re.compile(L.INNER_SUBTYPE)


def implied_whole(indicator: str) -> str:
    """The whole of a bare 占比 whose part names a subtype of it (lexicon.SUBTYPE_PREFIX)."""
    m = _SUBTYPE_PREFIX.match(indicator or "")
    if not m:
        iw = inner_whole(indicator)
        if iw:
            return iw
        tm = _TOTAL_HEAD.search(indicator or "")
        return tm.group() if tm else ""
    whole = indicator[m.end():]
    while whole[:1] in ("和", "、", "及", "与"):
        # 可再生能源和新能源装机占比: the subtypes listed together are still subtypes of one whole
        mm = _SUBTYPE_PREFIX.match(whole[1:])
        if not mm:
            break
        whole = whole[1:][mm.end():]
    return L.TOTAL_NAME.get(whole, whole)


def inner_whole(indicator: str) -> str:
    """煤炭先进产能 -> 煤炭产能: the type whose share a quality word inside its name (lexicon.INNER_SUBTYPE) marks
    out; "" when the name has none. Each item of a 分别 list has its own (炼铁、炼钢先进产能占比分别…)."""
    im = _INNER_SUBTYPE.search(indicator or "")
    return indicator[:im.start()] + indicator[im.end():] if im else ""


def carried_subtype(indicator: str, prev_in_clause) -> tuple[str, str] | None:
    """清洁能源装机占比54.8%、发电量占比51.3%; 民营A、B、C占比分别为…: a subtype written once on the first
    item of a list of bare shares is the subtype of every item after it, so each later item is the
    whole of its share: (of, indicator) = (the item, the subtype + the item)."""
    if len(indicator or "") < 2 or _SUBTYPE_PREFIX.match(indicator) or _CARRIED.match(indicator):
        return None
    for p in prev_in_clause:
        if (p.measure == "share" and p.of and len(p.indicator) > len(p.of) and p.indicator.endswith(p.of)
                and implied_whole(p.indicator) == p.of and _CARRIED.fullmatch(p.indicator[:-len(p.of)])):
            return indicator, p.indicator[:-len(p.of)] + indicator
    # 可再生能源发电量超1000亿度、装机占比突破50%: the subtype written on an amount first in the clause is the
    # subtype of the bare share after it too
    first = prev_in_clause[0] if prev_in_clause else None
    cm = _CARRIED.match(first.indicator or "") if first is not None and first.measure != "share" else None
    if cm and len(first.indicator) - cm.end() >= 2 and implied_whole(cm.group() + indicator) == indicator:
        return indicator, cm.group() + indicator
    return None


_SET_COUNT = re.compile(r"^\d+(?:\.\d+)?(?:万|亿)?[个家所座条项处](?=[\u4e00-\u9fff“]{2})")
# X中Y占比; 中 inside a word (高中, 初中, 集中, 城中村) marks no whole (优质特色高中就读学生占比)
_WHOLE_OF_PART = re.compile(r"([^，。；、]{2,20}?)(?<![高初集其空城心当适命途])中[^，。；]*?(?:占比|比重|比例)")


def share_whole(clause: str, previous, indicator: str = "", in_clause: bool = False) -> str:
    """The whole of a bare 占比: X in X中Y占比, or the amount just named when the part is of its kind
    (发电装机…，可再生能源装机占比; 实际使用外资…，其中制造业外资占比)."""
    m = _WHOLE_OF_PART.search(clause)
    if m:
        # (全省160个国控断面中…占比: the count says how big the set is, the set is the whole)
        return _SET_COUNT.sub("", strip_lead(m.group(1)))
    m = _PASSING_PART.search(clause)
    if m:
        return m.group("whole")     # 收入50万元以上的行政村占比: the villages that pass, of all villages
    if previous and previous[-1].measure not in ("share", "pp_change"):
        tm = _SOCIETY_TOTAL.search(previous[-1].indicator or "")
        if tm and len(indicator) > len(tm.group("stem")) and indicator.endswith(tm.group("stem")):
            # 全社会研发经费投入年均增长12.8%，企业研发经费占比超过80%: a society-wide total just named is the
            # whole of its part's share, even after a growth in a clause before (a sibling's growth is not)
            return tm.group()
        # (a share just named, or its change in points, is of a sibling part, not the whole:
        # 产业投资比重55.7%、提高4.7个百分点，民间投资占比34%)
        # (a growth of a thing of the same kind in a clause before is of a sibling too: 规模以上工业增加值年均增长
        # 6.5％，数字经济核心产业增加值比重达到9.5％; in the same clause, or after 其中, it is of the whole:
        # 实际对外直接投资增长10%、对共建“一带一路”国家投资占50%以上)
        p = previous[-1].indicator
        if in_clause and previous[-1].measure == "level" and p and p != indicator and _TOTAL_END.search(p):
            # 电力总装机突破1.5亿千瓦、绿电占比超90%: a total just named in the share's own clause is its whole
            return p
        if in_clause and previous[-1].measure == "growth" and len(p or "") >= 2 and p != indicator:
            # 外送电量年均增长6%、绿电占比超三成: a part named alone, in the clause of a growth just named, is a
            # share of that total (the clause reads as one quantity: how it grew, what part of it is of a kind)
            return p
        sibling_growth = previous[-1].measure == "growth" and not in_clause
        if p and (("其中" in clause) or (len(p) >= 2 and indicator[-2:] == p[-2:] and not sibling_growth)) \
                and p != indicator:
            rm = _RATE_OF.fullmatch(p)
            if rm and len(rm.group("pop")) >= 2 and indicator.endswith(rm.group("act")):
                return rm.group("pop")      # 毕业生就业率…，其中区外就业占12%: a share of the graduates, not of the rate
            return p
    return ""


# 电力总装机突破7100万千瓦，清洁能源、新能源装机占比分别达A、B: a 分别 list of shares whose shared head ends as the
# total just named before the clause ends (装机) is a list of parts of that total, every item's whole
_LIST_SHARE_HEAD = re.compile(r"(?P<head>[\u4e00-\u9fff]{2,})(?:占比|比重)分别")


def total_before_a_share_list(clause: str, before) -> str:
    """The whole of every item of a 分别 list of shares: the total (…总X) named by the figure just before the
    clause, when the list's head ends as it does; "" otherwise. `before` are the sentence's figures before the
    clause."""
    m = _LIST_SHARE_HEAD.search(clause) if "分别" in clause else None
    last = before[-1] if m and before else None
    if last is None or last.measure != "level" or not _TOTAL_END.search(last.indicator or ""):
        return ""
    return last.indicator if m.group("head")[-2:] == last.indicator[-2:] else ""


# 在监测的339个地级及以上城市中，…; 3641个国家地表水考核断面中，…: a sentence that opens with the set its
# shares are of (中 inside a word, 高中 or 集中, names no set)
_OPENING_SET = re.compile(r"(?:在)?(?:[^，。；：\d]{1,6}的)?(?:\d+(?:\.\d+)?[个家所座条])?(?P<w>[^，。；：、\d]{2,20}?)"
                          r"(?<![高初集其空城心当适命途])中[，,]")


def opening_whole(text: str, s_open: int, clause_start: int) -> str:
    """The set a sentence opens with (X中，), when a later clause of it holds the share: its whole."""
    if clause_start <= s_open or "中" not in text[s_open:clause_start]:
        return ""
    m = _OPENING_SET.match(text, s_open, clause_start)
    if m is None or m.end() > clause_start:
        # (加强头部企业配套，22个重点产业集群中，战略性新兴产业营业收入占比…: the set opens the clause just
        # before the share's, not the sentence)
        lo = max(text.rfind(c, s_open, clause_start - 1) for c in "，,；") + 1
        m = _OPENING_SET.match(text, lo, clause_start) if lo > s_open else None
        m = m if m is not None and m.end() == clause_start else None
    return strip_lead(m.group("w")) if m and m.end() <= clause_start else ""


_TOTAL_END = re.compile(r"(?<=[\u4e00-\u9fff])总[\u4e00-\u9fff]{1,3}$")
_SOCIETY_TOTAL = re.compile(r"全社会(?P<stem>[\u4e00-\u9fff]{2,8}?)(?:投入|支出|总额|总量)?$")
_PASSING_PART = re.compile(r"(?:以上|以下|超过|达标|合格)的(?P<whole>[^，。；、的\d]{2,12}?)(?:占比|比重|比例)(?:为|达到|达|超过|超)*$")
_RATE_OF = re.compile(r"(?P<pop>.+?)(?P<act>[\u4e00-\u9fff]{2})率")

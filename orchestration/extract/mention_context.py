"""What the text around a number says about it: the word before it (an ordinal, a sign), what
follows its unit (a noun, a threshold), quotes around it and qualifier words (used by mentions.py)."""
from __future__ import annotations

import re

from .lexicon import start_set, starts
from .numbers import (APPROX_AFTER, APPROX_BEFORE, BEFORE_HYPHEN, GE_AFTER, GE_BEFORE, LE_AFTER, LE_BEFORE,
    MEASURE_UNITS, NOUN_AFTER, PLACE_CLASS, POPULATION_CLASS, QUOTES, SCALE_HEAD, SIGN_VERB, THRESHOLD_LINK)


# the characters a change verb starts with (read from SIGN_VERB): most leads end with none of them
_SIGN_START = starts(SIGN_VERB.pattern)     # (matches anything when no precheck can be told)


def sign_of(lead: str) -> int:
    """-1/+1 when the last change verb of the lead is at most 4 characters before its end
    (下降3%, 压减时间58%), else 0."""
    last = None
    # a verb that ends at most 4 characters before the end starts within the last 6: look there only
    a = max(0, len(lead) - 8)
    if _SIGN_START.search(lead, a) is None:
        return 0
    for last in SIGN_VERB.finditer(lead, a):  # noqa: B007 - keeps the last match
        pass
    if last is None or len(lead) - last.end() > 4:
        return 0
    return -1 if last.group(1) else 1

_OPENING = re.compile("[" + "".join(QUOTES) + "]")


def inside_quotes(text: str, start: int, end: int, lo: int) -> bool:
    """The span sits in a short quoted name or book title: “5050计划”, 《三年行动计划》."""
    if _OPENING.search(text, max(lo, start - 16), start) is None:
        return False                      # most spans: no opening mark nearby
    for i in range(start - 1, max(lo, start - 16) - 1, -1):
        ch = text[i]
        if ch in "”》」’\n。；":
            return False
        if ch in QUOTES:
            close = QUOTES[ch]
            j = text.find(close, end, end + 16)
            # (an opening mark before that close opens the quote it closes: the one before the span was
            # left open by the source, 专精特新“小巨人企业414家，制造业“单项冠军”企业51家)
            return j != -1 and "。" not in text[end:j] and (close == ch or ch not in text[end:j])
    return False


def noun_follows(unit: str, nxt: str) -> bool:
    """nxt: the text right after the unit (a character or more)."""
    base = unit.split("/")[0]
    if nxt.startswith(("以上", "以下", "以内", "左右")):
        return False
    return bool(nxt) and nxt[0] in NOUN_AFTER.get(base[-1:], "")


def base_unit(unit: str) -> str:
    u = unit.split("/")[0]
    return SCALE_HEAD.sub("", u) if u[:1] in _SCALE_FIRST else u      # (_strip_scale, one call less)


_SCALE_FIRST = ("十", "百", "千", "万", "亿")


def _strip_scale(unit: str) -> str:
    return SCALE_HEAD.sub("", unit) if unit[:1] in _SCALE_FIRST else unit


def before_word(text: str, pos: int, lo: int, words) -> str | None:
    t = text[max(lo, pos - 4):pos].rstrip(" \t")
    for w in words:
        if t.endswith(w):
            return w
    return None


_BEFORE_Q = sorted([(w, "ge") for w in GE_BEFORE] + [(w, "le") for w in LE_BEFORE]
                   + [(w, "approx") for w in APPROX_BEFORE], key=lambda x: -len(x[0]))
_AFTER_Q = sorted([(w, "ge") for w in GE_AFTER] + [(w, "le") for w in LE_AFTER]
                  + [(w, "approx") for w in APPROX_AFTER], key=lambda x: -len(x[0]))
# 约 inside a word (签约, 节约, 合约) is no qualifier
_NOT_APPROX = "签节合公契条预制邀特简相履违集"


_Q_OF = dict(_BEFORE_Q + _AFTER_Q)
_BEFORE_RX = re.compile("(" + "|".join(re.escape(w) for w, _ in _BEFORE_Q) + r")[ \t]*(?:占|为)?[ \t]*$")
QUALIFIER_AFTER = re.compile(r"[ \t]*(" + "|".join(re.escape(w) for w, _ in _AFTER_Q) + ")")
_AFTER_Q_START = start_set(QUALIFIER_AFTER.pattern)


def qualifier_before(text: str, start: int, lo: int) -> str | None:
    """约占三分之一, 超过5%, 不少于28万人; 约 inside a word (签约) is no qualifier."""
    a = max(lo, start - 6)
    m = _BEFORE_RX.search(text, a, start)
    if m is None:
        return None
    w = m.group(1)
    if w == "约" and m.start(1) > 0 and text[m.start(1) - 1] in _NOT_APPROX:
        return None
    if m.group(0).rstrip().endswith("为") and w != "约":
        return None
    return _Q_OF[w]


def qualifier_of(text: str, start: int, end: int, lo: int, hi: int) -> str:
    # (most numbers are followed by none of the characters a qualifier word starts with)
    m = QUALIFIER_AFTER.match(text, end, hi) if text[end:end + 1] in _AFTER_Q_START else None
    if m is not None:
        return _Q_OF[m.group(1)]
    return qualifier_before(text, start, lo) or "eq"


# 应纳税所得额100万元至300万元部分, 超过5000元的部分: the amounts bound a bracket of what is taxed
_BRACKET = re.compile(r"(?:\s*(?:至|到|—|－|-|~)\s*\d+(?:\.\d+)?\s*[万亿千百]?[\u4e00-\u9fff]{0,2}?)?(?:以下|以上)?(?:的)?"
                      r"部分(?!地区|城市|企业|省|市|县|区|国家|行业|领域|产品|人群)")


def is_threshold(text: str, end: int, hi: int, unit: str) -> bool:
    """10亿元以上重大项目, 30万吨级, 60岁以上老人, 50米内换乘: the amount defines what is counted."""
    after = text[end:min(hi, end + 6)]
    # (a bracket ends in 部分 within the 16 characters _BRACKET may read: most numbers have none)
    if after.startswith("级") or (text.find("部分", end, min(hi, end + 16)) != -1
                                 and _BRACKET.match(text, end, min(hi, end + 16))):
        return True
    base = base_unit(unit)
    if not base:
        # 20万以上人口县: a population defines the places counted; 30万以上孕产妇 counts people
        return bool(POPULATION_CLASS.match(after))
    if base in ("户", "人") and PLACE_CLASS.match(after):
        return True                       # 20户以上自然村, 100人以上企业: the size of the places counted
    if base not in MEASURE_UNITS:
        return False
    m = THRESHOLD_LINK.match(after)
    if not m:
        return False
    link, nxt = m.group(1), m.group(2)
    cjk = "\u4e00" <= nxt <= "\u9fff"
    if not link:
        return base == "岁" and nxt in "儿婴幼老人青少学妇男女"
    return nxt == "的" or (cjk and nxt not in "，。；、")


_OWN_POINTS = re.compile(r"(?:个)?(?:方面|件大事|大事)(?:的)?(?:工作|重点)?[ \t]*[：:。；]?")


def own_points(text: str, s: int, e: int, unit: str) -> bool:
    """The report counting its own sections: 重点做好十个方面工作：, 以下五个方面。, 干好四件大事："""
    tail = text[e - len(unit):e + 6]
    if "方面" not in tail and "大事" not in tail:
        return False
    m = _OWN_POINTS.match(tail)
    if not m or not ("方面" in m.group(0) or "大事" in m.group(0)):
        return False
    closes = m.group(0).endswith(("：", ":", "。", "工作", "；"))
    return closes or text[max(0, s - 3):s].endswith(("以下", "做好", "抓好", "干好", "把握好", "把握"))

def looks_like_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2100


def bad_prefix(ch: str, is_cn: bool) -> bool:
    if is_cn:
        return bool(ch) and (ch in "第统唯之同单初周逐专某每上万千百十零〇一二两三四五六七八九数几" or ch.isdigit())
    return bool(ch) and (ch.isascii() and (ch.isalnum() or ch in "./-_") or ch in "第前每")


_CLAUSE_MARKS = "，,；;。！？!?：:\n"
# the last clause mark of a stretch: the greedy .* runs to the stretch's end and backs up to it
_LAST_CLAUSE_MARK = re.compile(r".*[" + _CLAUSE_MARKS + "]", re.S)


def clause_start(text: str, pos: int, lo: int) -> int:
    """Just after the last clause mark before pos (not before lo). The 64 characters before pos are
    searched in one regex pass (most clauses are shorter), the rest walked back."""
    if pos <= lo:
        return pos
    a = pos - 64 if pos - 64 > lo else lo
    m = _LAST_CLAUSE_MARK.match(text, a, pos)
    if m is not None:
        return m.end()
    i = a
    while i > lo and text[i - 1] not in _CLAUSE_MARKS:
        i -= 1
    return i

def minus_before(text: str, s: int, lo: int) -> bool:
    """-1.56‰, 增长-2.5%: a hyphen (normalize folds − and － into it) is a minus sign unless it
    follows letters or digits (C-919, 2020-2035) or a number with its unit (5%-6%, 3万-4万元)."""
    if s <= lo or text[s - 1] != "-":
        return False
    if s - 1 == lo:
        return True
    ch = text[s - 2]
    if ch.isascii() and (ch.isalnum() or ch in "./-_+"):
        return False
    return BEFORE_HYPHEN.search(text, max(lo, s - 12), s - 1) is None

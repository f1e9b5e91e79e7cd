"""Names a figure takes from the clauses around it when its own words name nothing: the subject of
its sentence, the figures a list of ranks pairs with, the 分别 list a rank follows, a clause that says
a record was set, the name written before a circumstance (在…的情况下), the items of a figureless clause a
分别 clause after it takes."""
from __future__ import annotations

import re

from . import lexicon as L
from .phrases import noun_head, paired_items, verbs_only
from .sentence_reading import SentenceContext


_SUBCLAUSE_SPLIT = re.compile(r"[，；：,;:]")
_TIME_HEAD = re.compile(L.TIME_HEAD)
_TIME_HEAD_LAST = "五”期间年来中"        # the characters a match of TIME_HEAD can end with


def is_time_head(head: str) -> bool:
    """_TIME_HEAD.fullmatch(head), tried only on a head ending as a time span can: most end otherwise."""
    return head[-1:] in _TIME_HEAD_LAST and _TIME_HEAD.fullmatch(head) is not None


def sentence_subject(ctx: SentenceContext, s0: int, end: int) -> str:
    """The head of the first clause of text[s0:end] (split at ，；：) that names something; "" if none.
    The clauses already read for an earlier figure of the sentence are not read again (ctx.subject)."""
    text = ctx.text
    memo = ctx.subject
    if memo is not None and memo[0] == s0 and memo[1] <= end:
        if memo[2] is not None:
            return memo[2]
        pos = memo[1]
    else:
        pos = s0
    for m in _SUBCLAUSE_SPLIT.finditer(text, pos, end):
        h = noun_head(text[pos:m.start()])
        pos = m.end()
        if len(h) >= 2 and h not in L.EMPTY_HEADS and not is_time_head(h):
            ctx.subject = (s0, pos, h)
            return h
    ctx.subject = (s0, pos, None)
    h = noun_head(text[pos:end])          # the last clause, which the next figure may see longer
    return h if len(h) >= 2 and h not in L.EMPTY_HEADS and not is_time_head(h) else ""


_RANK_LIST = re.compile(r"第[一二三四五六七八九十\d]+(?:位)?(?:[、和]第[一二三四五六七八九十\d]+(?:位)?)+")


def paired_rank(text, clause_start, clause_end, mention, prev_in_clause, previous) -> str:
    """居全国第五和第六 after 分别增长4.8%、7%: a list of ranks in a clause that names nothing
    itself pairs, in order, with the figures just named before the clause."""
    lm = _RANK_LIST.search(text, clause_start, clause_end)
    if not lm or not (lm.start() <= mention.start < lm.end()):
        return ""
    if noun_head(text[clause_start:lm.start()]) not in L.EMPTY_HEADS:
        return ""
    n = lm.group().count("第")
    k = sum(1 for p in prev_in_clause if p.start >= lm.start())
    named = [p for p in previous if p.start < clause_start and p.measure != "rank" and p.indicator][-n:]
    if len(named) == n and len({p.indicator for p in named}) == n and k < n:
        return named[k].indicator
    return ""


_RANKED_RATE = re.compile(r"(?:降幅|增幅|增速|涨幅)(?=(?:均|都)?(?:位居|居|列|排名|排))")


def rank_of_the_list_before(text: str, s_open: int, clause_start: int, previous, seg: str) -> str:
    """生产安全事故起数、死亡人数分别下降40.5％、32.7％，降幅居全国前5位: a rank whose clause names nothing,
    right after a 分别 list of values, is of every item; it keeps the combined phrase (with the rate it ranks)."""
    lo = max(s_open, max(text.rfind(c, s_open, clause_start - 1) for c in "，；：,;:") + 1)
    fb = text.find("分别", lo, clause_start)
    if fb < 0:
        return ""
    named = [q for q in previous if fb < q.start < clause_start]
    if len(named) < 2 or len({q.indicator for q in named}) < len(named) or any(q.measure == "rank" for q in named):
        return ""
    h = noun_head(text[lo:fb])
    if "、" not in h and "和" not in h:
        return ""
    rm = _RANKED_RATE.search(seg)
    return h + (rm.group() if rm else "")


# 全省进出口总值创历史新高，达到5379亿元: the clause before names the thing and says it hit a record
_RECORD_CLAUSE = re.compile(r"(?P<n>[^，；：、\d]{2,20}?)(?:再|又|均|双双)?(?:创|刷新)(?:了)?(?:历史)?(?:新高|纪录|最好水平|最高水平)"
                            r"[，,]\s*$")
# …分别增长13.8%、18.1%，三次产业结构进一步优化，调整为8.3∶41.4∶50.3: the clause before names the structure
# the ratio after it gives, not the growth before it
_STRUCTURE_CLAUSE = re.compile(r"(?P<n>[^，；：、\d]{0,16}?结构)(?:进一步|持续|不断|逐步)?(?:优化|改善|调整)[，,]\s*$")


def record_clause_before(text: str, lo: int, clause_start: int) -> str:
    """The thing a clause with no figure names just before a figure's clause whose words name nothing
    (…分别增长37.2％、19％，全省进出口总值创历史新高，达到5379亿元): that thing, not the figure before it."""
    between = text[lo:clause_start]
    if clause_start - lo < 6 or "创" not in between and "刷新" not in between and "结构" not in between:
        return ""
    last = max(text.rfind(c, lo, clause_start - 1) for c in "，；：,;:") + 1
    m = (_RECORD_CLAUSE.fullmatch(text, max(lo, last), clause_start)
         or _STRUCTURE_CLAUSE.fullmatch(text, max(lo, last), clause_start))
    if not m:
        return ""
    h = noun_head(m.group("n"))
    return h if len(h) >= 2 and h not in L.EMPTY_HEADS and not verbs_only(h) else ""


# 外贸进出口在对美贸易下降超3成的情况下增长12%: a circumstance (在…的情况下) between a name and its figure
_FRAME_HEADS = ("情况下", "背景下", "形势下", "前提下", "条件下")
_FRAME_CLAUSE = re.compile(r"\s*(?P<n>[^，。；：、\d]{2,20}?)在(?P<f>[^，。；：]{2,40}?)的(?:" + "|".join(_FRAME_HEADS) + ")")


def framed_name(text: str, clause_start: int, mention, head: str) -> str:
    """The name of a figure written after a circumstance (X在…的情况下增长12%: X), and of a figure inside it
    (…在对美贸易下降超3成的情况下: 对美贸易, not X joined to it)."""
    m = _FRAME_CLAUSE.match(text, clause_start, mention.start + 60)
    if not m:
        return ""
    if head.endswith(_FRAME_HEADS) and mention.start >= m.end():
        h = noun_head(m.group("n"))
    elif m.start("f") <= mention.start < m.end("f"):
        h = noun_head(text[m.start("f"):mention.start])
    else:
        return ""
    return h if len(h) >= 2 and h not in L.EMPTY_HEADS and not verbs_only(h) else ""


def items_of_the_clause_before(text, s_open, clause_start, previous, n) -> list[str]:
    """万亿产业、国家先进制造业集群从无到有，分别达2个、3个: a clause holding no figure and as many items as the
    values, right before the clause that 分别 opens, lists what those values are of."""
    seg = text[s_open:clause_start].rstrip("，；,; ")
    lo = max(max(seg.rfind(c) for c in "，；,;") + 1, 0) + s_open
    if n < 2 or any(lo <= p.start < clause_start for p in previous):
        return []
    items = paired_items(noun_head(text[lo:s_open + len(seg)]), n)
    return items if len(items) == n else []

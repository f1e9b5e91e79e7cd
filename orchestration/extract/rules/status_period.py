"""Status and period rules: each, in order, may change the status (actual / estimate / target)
and the period of a figure from the part's default (review -> actual, plan -> target) by what its
sentence says before it. Unlike the measure rules, every rule that applies does; a later one
overrides an earlier. classify() builds the StatusInput; a rule's test applies it and says so."""
from __future__ import annotations

import re

from .. import lexicon as L
from ..layout import FYP, FYP_REVIEW, GLOSSARY, PLAN, REVIEW, cn_int, five_year_span
from ..phrases import no_spaces
from .base import Rule, RuleSet

# a year that dates the figure: 2025年的14万元, 从2020年的, 到2030年; not a year compared with (快于2024年1.8个百分点)
_YEAR_BEFORE = L.guarded(r"(?:(?<=[从由到至在])(?P<y1>\d{4})年(?:底|末)?(?:的)?|(?P<y2>\d{4})年(?:底|末)?的)(?:约|近|超过|超)?$")
_FYP_END = re.compile(r"(?:较|比|从|由|与)[“\"‘]?(?P<n>十[一二三四五六七八九]?)五[”\"’]?(?:时期)?(?:末|期末)(?:的)?(?:约|近|超过|超)?$")
_SPAN_YEARS = re.compile(r"(?P<a>\d{4})年?(?:到|至|—|－|-|~)(?P<b>\d{4})年")
_FROM = re.compile(r"(?:从|由)(?:(?P<y>\d{4})年(?:底|末)?(?:的)?)?")
_TO_AFTER = re.compile(rf"^[^，。；：]*?(?:{L.RISE}|{L.FALL}|跃升|扩大|缩小|增至|降至|达到|达|升至|整合|合并|调整|优化)?(?:到|至)|^[^，。；：]*?(?:整合|合并|调整|优化|变|增|降|缩减|减|压减)为")
_REVIEW_TARGET = re.compile(r"原定|力争|预期目标|目标为|目标是")   # a target recalled in a review
_CLAUSE_MARK = re.compile(r"[，。；]")
# the words between 从 and A when A is of a part of the year the figure is of (从上半年5.5%, 由年初的…)
_PART_OF_THE_YEAR = re.compile(rf"(?:年初|年中|{L.PERIOD_OF_YEAR})(?:末|底)?(?:的)?")
# 超额完成国家下达的110万人年度任务, 实现三年引资1万亿元目标: the figure is the goal recalled
_TARGET_AFTER = re.compile(r"^(?:以上|左右)?(?:的)?(?:年度|全年)?(?:目标|任务)(?=$|[，。；、）)])"
                           # 完成每个乡镇配备3名调解员目标: the noun of the goal between, with no verb of its own
                           r"|^(?:以上|左右)?(?:的)?[^，。；：、\d完实达超]{1,10}?目标(?=$|[，。；）)])"
                           # 1亿农业转移人口在城镇落户目标顺利实现: the figure is the goal its clause says was met
                           r"|^[^，。；：\d]{0,24}?目标(?:任务)?(?:已|均|全面|顺利|如期|提前|超额)*(?:实现|完成|达成)")
_FIVE_YEARS = re.compile(r"五年来|这五年|过去五年|“十[一二三四五六七八九]?五”")


class StatusInput:
    """The figure's clause before it and sentence after it, its layout part (ctx) and document
    (layout), what its sentence says before it (left), and the Attributes being decided (att)."""

    __slots__ = ("text", "clause", "clause_ns", "right", "ctx", "layout", "left", "s_open", "to_b", "att", "at")

    def __init__(self, text, mention, clause, right, ctx, layout, left, s_open, to_b, att):
        self.text, self.clause, self.right = text, clause, right
        self.clause_ns = no_spaces(clause)
        self.ctx, self.layout, self.left, self.s_open = ctx, layout, left, s_open
        self.to_b, self.att, self.at = to_b, att, mention.start


def _estimate_before(c) -> bool:
    if c.left.has(c.left.estimate, 2, c.at):           # 预计 before the figure in its sentence
        c.att.status = "estimate"
        return True
    return False


def _target_recalled(c) -> bool:
    # (each form of _TARGET_AFTER holds 目标 or 任务: most sentences after a figure hold neither)
    goal_after = ("目标" in c.right or "任务" in c.right) and _TARGET_AFTER.match(c.right)
    if not c.left.has(c.left.estimate, 2, c.at) and c.ctx.kind in (REVIEW, FYP_REVIEW) \
            and (_REVIEW_TARGET.search(c.clause) or goal_after):
        c.att.status = "target"
        return True
    return False


def _since_this_year(c) -> bool:
    if c.ctx.kind in (REVIEW, FYP_REVIEW) and c.left.has(c.left.since, 4, c.at) and c.layout.date:
        c.att.period = c.layout.date.year
        return True
    return False


def _by_a_later_year(c) -> bool:
    ty = c.left.to_year(c.at)          # the last 到YYYY年 before the figure in its sentence
    lay = c.layout
    # (a glossary note is actual unless its text says otherwise: 到2030年 does)
    if ty and lay.review_year and ty > lay.review_year and c.ctx.kind in (PLAN, FYP, REVIEW, FYP_REVIEW, GLOSSARY):
        c.att.period = ty
        if c.att.status == "actual":
            c.att.status = "target"
        return True
    return False


def _year_written_before(c) -> bool:
    # (each pattern below needs a word of its own: a substring test passes most clauses at once)
    tail = c.clause_ns[-12:]
    ym = _YEAR_BEFORE.search(tail) if "年" in tail else None
    if ym:
        y = int(ym.group("y1") or ym.group("y2"))
        if 1980 <= y <= (c.layout.plan_year or y) + 20:
            c.att.period = y
            return True
    return False


def _five_year_plan_end(c) -> bool:
    tail = c.clause_ns[-14:]
    fe = _FYP_END.search(tail) if "五" in tail else None
    if fe:
        n = cn_int(fe.group("n"))
        if n and n >= 9:
            c.att.period = five_year_span(n)[1]     # 较“十三五”末的9323.1亿元: the base is the plan's last year
            return True
    return False


def _a_of_from_a_to_b(c) -> bool:
    clause = c.clause
    fm = None
    if "从" in clause or "由" in clause:
        for m in _FROM.finditer(clause):
            fm = m
    if not (fm and not c.to_b and not _CLAUSE_MARK.search(clause, fm.end()) and _TO_AFTER.match(c.right)):
        return False
    att, ctx, lay = c.att, c.ctx, c.layout
    att.base = True
    full_left = c.text[c.s_open:c.at]
    sy = _SPAN_YEARS.search(full_left)
    if fm.group("y"):
        att.period = int(fm.group("y"))
    elif _PART_OF_THE_YEAR.fullmatch(clause, fm.end()):
        pass        # 从上半年5.5%降到5.3%: the base is a part of B's own year
    elif sy:
        att.period = int(sy.group("a"))
    else:
        span = ctx.span if ctx.kind in (FYP_REVIEW, FYP) else None
        five = _FIVE_YEARS.search(full_left)
        if span is None and five:
            span = lay.review_span if ctx.kind in (REVIEW, FYP_REVIEW) else ctx.span
        if span is None and (ctx.kind == FYP_REVIEW or (five and ctx.kind == REVIEW)) and att.period is not None:
            span = (att.period - 4, att.period)     # 过去五年 with no plan named: the five years up to the review's
        if span:
            att.period = span[0] - 1
        elif att.period is not None:
            att.period = att.period - 1
    return True



# 将制造业等行业现行16%的税率降至13%: the rate now in force, which a change to another value follows, is of the
# year before the one the sentence is about, as the A of 从A降至B is (round 9's call for a plan's current threshold)
_NOW_IN_FORCE = re.compile(r"现行(?:的)?$")
_CHANGED_AFTER = re.compile(L.NOW_IN_FORCE_AFTER)


def _rate_now_in_force(c) -> bool:
    if c.to_b or not _NOW_IN_FORCE.search(c.clause_ns) or not _CHANGED_AFTER.match(c.right):
        return False
    c.att.base = True
    if c.att.period is not None:
        c.att.period -= 1
    return True


_YEARS_LIST = re.compile(r"(?P<years>\d{4}年(?:[、和及]\d{4}年)+)[^，。；、\d]{2,30}?分别")
_VALUE = re.compile(r"\d+(?:\.\d+)?")


def _years_listed_respectively(c) -> bool:
    # 2022年、2023年出口额分别为5亿元、6亿元: the k-th value is of the k-th year
    m = _YEARS_LIST.search(c.clause_ns) if "分别" in c.clause_ns else None
    if not m:
        return False
    years = [int(y) for y in re.findall(r"\d{4}", m.group("years"))]
    k = len(_VALUE.findall(c.clause_ns, m.end()))
    if k >= len(years):
        return False
    c.att.period = years[k]
    return True


STATUS_PERIOD_RULES = RuleSet("status-period", "status and period of a figure: each rule that applies overrides the part's default", [
    Rule("estimate-before", _estimate_before, "status estimate: 预计 before the figure in its sentence",
         positive=("review|预计全年增长5%。",), negative=("review|全年增长5%。",)),
    Rule("target-recalled", _target_recalled, "status target: in a review, a goal recalled (原定, 力争, …目标任务)",
         positive=("review|原定目标增长5%。", "review|超额完成110万人年度任务。", "review|50万农村人口进城落户目标顺利实现。",
                   "review|如期完成每个乡镇配备3名专职调解员目标。"),
         negative=("review|全年增长5%。", "review|50万农村人口进城落户，目标顺利实现。", "review|50个合作项目完成年度目标。")),
    Rule("since-this-year", _since_this_year, "period: the year the report is given, after 今年以来 in a review",
         positive=("review|今年以来，外贸增长5%。",), negative=("review|去年以来，外贸增长5%。",)),
    Rule("by-a-later-year", _by_a_later_year, "period and status target: 到YYYY年 for a year after the review's",
         positive=("plan|到2035年，人均收入达到10万元。",), negative=("plan|到2020年，人均收入达到10万元。",)),
    Rule("year-written-before", _year_written_before, "period: a year that dates the figure (2025年的14万元, 从2020年的)",
         positive=("review|较2025年的14万元增长10%。",), negative=("review|人均收入快于2024年1.8个百分点。",)),
    Rule("five-year-plan-end", _five_year_plan_end, "period: the last year of the plan named (较“十三五”末的9323.1亿元)",
         positive=("review|较“十三五”末的9323.1亿元增长40%。",), negative=("review|较上年的9323.1亿元增长40%。",)),
    Rule("years-listed-respectively", _years_listed_respectively,
         "period: the k-th year of a list of years before 分别 for the k-th value (2022年、2023年X分别为A、B)",
         positive=("review|2028年、2029年出口额分别为5亿元、6亿元。",), negative=("review|出口额、进口额分别为5亿元、6亿元。",)),
    Rule("a-of-from-a-to-b", _a_of_from_a_to_b,
         "the A of 从A到B (and of each item of 从A、A'到…) is a base: the year written, or the year before the span or B's",
         positive=("review|覆盖率从80%提高到90%。", "review|五年来，覆盖率从80%提高到90%。"),
         negative=("review|覆盖率提高到90%。",)),
    Rule("rate-now-in-force", _rate_now_in_force,
         "the rate now in force (现行A的税率降至B) is a base of the year before B's",
         positive=("plan|将制造业现行16%的税率降至13%。",), negative=("plan|将制造业16%的税率降至13%。",)),
])

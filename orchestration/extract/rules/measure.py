"""Measure rules: what a figure measures (level, growth, share, rank, pp_change), its sign and the
whole a share or rank is of, from the words before it. Tried in order, the first that applies
gives (measure, sign, of); none: a level. classify() builds the MeasureInput. Stage "" is tried
for every figure; stage "percent" only for a percentage-like unit (%, 倍, 番, 成, fraction, none)."""
from __future__ import annotations

import re

from .. import lexicon as L
from ..lexicon import RANK_VERB, SCOPE
from ..phrases import VERB_END, no_spaces, noun_after
from .base import Rule, RuleSet

_FALL_END = L.guarded(rf"(?:{L.FALL})(?:了)?(?:分别|均|约|近|超过|超|逾|达|高达)?$")
_RISE_END = L.guarded(rf"(?:{L.RISE}|翻)(?:了)?(?:分别|均|约|近|超过|超|逾|达|高达|近|超)?$")
_FALL_OBJ_END = re.compile(r"(?:压减|精简|压缩|缩减|削减|减少|降低)[\u4e00-\u9fff]{1,4}?(?:比例)?(?:了)?(?:约|近|超过|超|逾|达)?$")
# 压减省级机关事业单位公用经费15%: a cut whose object is a longer noun phrase is still a cut, as long as
# nothing in the object names a rate, a share or a level reached (压减…后占比为15% is no cut by 15%)
_FALL_LONG_OBJ_END = re.compile(r"(?:压减|精简|压缩|缩减|削减)(?P<obj>[\u4e00-\u9fff、]{5,20}?)(?:约|近|超过|超|逾)?$")
_NOT_A_CUT_OBJECT = re.compile(r"率|占|比重|比例|份额|为|达|至|到|后|是|在|增|升|提高")
_RATE_END = re.compile(rf"{L.RATE_NOUN}(?:为|达|达到|是|保持在|控制在|在)?(?:分别|均)?(?:约|近|超过|超|逾)?$")
# 分别 or 均 before the copula (存贷款增速分别达7.9%、8%): the rate noun names every item's measure, unless
# an item before it is a rate of its own (城镇调查失业率、居民消费价格涨幅分别控制在5%和3%: the 5% is a level)
_RATE_EACH_END = re.compile(rf"{L.RATE_NOUN}(?:分别|均)(?:为|达|达到|是|保持在|控制在|在)(?:约|近|超过|超|逾)?$")
_ITEM_OF_ITS_OWN_RATE = re.compile(r"率[、和及与]")
_REACH_END = L.guarded(rf"(?:{L.RISE}|{L.FALL}|降|增|保持|稳定|控制|维持)(?:{L.REACH})(?:了)?(?:分别|均|约|近|超过|超|逾)?$")
# (在 of 在校生, 在建, 在职 is no preposition: 普通高中在校生占比 has no whole 校生; 占比最高/比重较大 describes
# a thing, it marks no share of the number after: 将增值税收入占比最高、涉及行业广泛的税率从17%降至13%)
_SHARE = L.guarded(r"在(?![校读职岗建编线库])(?P<of3>[^，。；、\d]{2,12}?)(?:的)?占比|占(?!有|用|领|地面积)(?P<of>[^，。；、\d]{0,20}?)(?:的)?(?:比重|比例|份额)|(?P<bare>占比(?![最较])|比重(?![最较])|份额)|占(?!有|用|领|地面积|比)(?P<of2>[^，。；、\d]{0,12}?)(?:的)?(?:近|超过|超|约|逾|达|的)*$")
_RANK_OF = re.compile(rf"{RANK_VERB}(?P<of>(?!名)[^，。；、\d第首前]{{1,12}}?)(?:的)?(?:第|首|前|$)")   # (名 of 排名 names no field)



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
# (对GDP综合贡献率: 综合/直接/拉动 qualify the contribution, not the whole)
_CONTRIBUTION = re.compile(r"(?:对(?P<of>[^，。；、\d]{1,12}?)(?:的)?(?:综合|直接|间接|平均)?贡献(?:率)?|覆盖(?![率面])(?P<cov>[^，。；、\d]{0,16}?))(?:的)?(?:达到|达|超过|超|接近|将近|近|约|逾|为|高达)*$")
# (保持在4%左右的合理水平: a level or range named after 的 is a frame, not a whole)
# (现行25%的征收率: a rate named after 的 is the rate itself)
_OF_NOUN_AFTER = re.compile(r"^(?:以上|左右|多)?的(?![\u4e00-\u9fff]{0,4}(?:水平|区间|位置|幅度)(?:$|[，。；、]))"
                            r"(?!(?:税率|利率|费率|征收率|缴费比例))[\u4e00-\u9fff“]")
_SCOPE_SHARE_END = L.guarded(rf"(?:在|占|为)?({SCOPE})(?:的)?(?:近|约|超过|超|逾)?$")


class MeasureInput:
    """What a measure rule reads: the words before the figure since the previous one (seg, and s
    without spaces), its clause before it, the sentence after it, its unit, and how it follows the
    previous figure of its clause (list_cont: in a list; to_b: the B of 从A到B)."""

    __slots__ = ("text", "mention", "seg", "s", "clause", "right", "unit", "is_rank", "prev", "list_cont", "to_b",
                 "percent_like", "just_before")

    def __init__(self, text, mention, seg, clause, right, unit, is_rank, prev_in_clause, list_cont, to_b,
                 just_before=None):
        self.text, self.mention, self.seg, self.clause, self.right = text, mention, seg, clause, right
        self.s = no_spaces(seg)
        self.unit, self.is_rank = unit, is_rank
        self.prev = prev_in_clause[-1] if prev_in_clause else None
        self.list_cont, self.to_b = list_cont, to_b
        self.percent_like = unit in L.GROWTH_UNITS or unit.endswith("%") or unit in ("", "fraction")
        self.just_before = just_before      # the sentence's figure before, when only a comma stands between


_STRUCTURE = re.compile(r"(?:结构|比重|比例)")           # a two-member ratio that splits a whole


def _list_continues(c):
    p = c.prev
    if c.list_cont and (p.unit == c.unit or not c.unit or not p.unit):
        return p.measure, p.sign, p.of
    return None


# 压减时限40%、材料35%: a bare noun after 、 is the next object of the verb before the list
_NEXT_OBJECT = re.compile(r"\s*、\s*(?P<noun>[\u4e00-\u9fff]{1,6})\s*$")
_NOT_A_BARE_OBJECT = re.compile(rf"{L.RISE}|{L.FALL}|{L.RATE_NOUN}|占|比|率|达|为|是|至|到|在|保持|实现|完成|同比|年均")


# 增长7%以上、力争达到8%: the higher goal a plan strives for after a floor is the same growth
_STRETCH = re.compile(r"(?:以上|左右)?[、，,]?(?:力争|争取|努力)(?:达到|实现|达|到)?")


def _stretch_target_of_the_growth_before(c):
    p = c.prev
    if p is None or p.measure != "growth" or p.unit != c.unit or not c.percent_like or not _STRETCH.fullmatch(c.s):
        return None
    return p.measure, p.sign, p.of


def _verb_shared_by_a_list(c):
    p = c.prev
    if p is None or p.measure != "growth" or p.unit != c.unit or not c.percent_like:
        return None
    m = _NEXT_OBJECT.fullmatch(c.seg)
    if not m or _NOT_A_BARE_OBJECT.search(m.group("noun")):
        return None
    return p.measure, p.sign, p.of


def _ratio_splits_a_whole(c):
    members = ratio_members(c.text, c.mention)
    if members >= 3 or (members == 2 and _STRUCTURE.search(c.clause[-16:])):
        return "share", 1, ""
    return None


def _b_of_from_a_to_b(c):
    return (c.prev.measure, c.prev.sign, c.prev.of) if c.to_b else None


def _rank(c):
    if not c.is_rank:
        return None
    m = None
    cl = no_spaces(c.clause)
    for m in _RANK_OF.finditer(cl):  # noqa: B007 - keeps the last match
        pass
    of = m.group("of") if m else ""
    if _RANK_OF_NOISE.fullmatch(of):
        of = ""     # 在全国排名有望上升至第20位: the words between 排名 and 第 name no field
    sc = _SCOPE_END.search(of) or (None if of else (_SCOPE_END.search(cl) or _SCOPE_RANKING.search(cl)))
    if sc:
        of = sc.group(1)
    elif not of:
        im = _RANKED_AMONG.search(cl)
        of = im.group(1) if im else ""
    return "rank", 1, _clean_of(of)


# 增长4.7%、低于全国0.3个百分点: a gap below the rate compared with is negative, as a fall is (不低于 is a
# qualifier, no gap)
_GAP_BELOW_END = re.compile(r"(?<!不)(?:低于|慢于|落后于?)[^，。；、\d]{0,12}?(?:分别|均|约|近|超过|超|逾)?$")


def _points_change(c):
    if c.unit not in L.PP_UNITS:
        return None
    return ("pp_change", (-1 if _FALL_END.search(c.s) or _GAP_BELOW_END.search(c.s) else 1), "")


def _index_names_no_share(c):
    return ("level", 1, "") if c.percent_like and c.unit == "" and not _SHARE_WORD.search(c.s) else None


_TIMES_OF_BASE = re.compile(r"(?:到|至|为|是|相当于)[^，。；、\d到至为是]{2,16}?(?:的)?(?:约|近|超过|超)?$")
_GROWTH_HELD_AT = re.compile(r"(?:涨幅|上涨幅度|增幅)(?:控制|保持|稳定|维持)(?:在)?(?:约|近)?$")
_GROWTH_TARGET_END = re.compile(r"(?:增长|增速)(?:的)?(?:预期)?目标(?:为|是|定为|设定为|设定在)?(?:约|近)?$")
_FALL_RATE_END = re.compile(r"(?:降幅|跌幅|减幅)(?:为|达|达到|是|保持在|控制在|在)?(?:分别|均|约|近|超过|超|逾)?$")
# (贡献率达60% is contribution-or-coverage's; this one reads a rate held, or the A of a change)
_CONTRIBUTION_RATE = re.compile(r"对(?P<of>[^，。；、\d]{1,12}?)(?:的)?(?:综合|直接|间接|平均)?贡献率(?:保持在|稳定在|从|由)"
                                r"(?:分别|均|约|近|超过|超|逾|达到|达|为)*$")


def _multiple_of_a_named_base(c):
    return ("level", 1, "") if c.unit == "倍" and _TIMES_OF_BASE.search(c.s) else None


# (a rule whose pattern needs a word searches only a segment holding it: most segments hold none)

# 分别完成年计划的113.4%, 完成全年目标任务的105%: the share of a plan (or target) met; the whole is the plan as
# written, and it may pass 100 % (the figure checks hold a share of a plan to no upper bound)
_SHARE_OF_A_PLAN = re.compile(r"(?:完成|达到|为)(?:了)?(?P<of>(?:全年|年度|年|全年度|季度|月度)?(?:计划|目标)(?:任务)?|(?:全年|年度)?任务)"
                              r"(?:的)?(?:约|近|超过|超|逾)?$")


def _share_of_a_plan(c):
    pm = _SHARE_OF_A_PLAN.search(c.s) if c.percent_like and c.unit != "" and ("计划" in c.s or "目标" in c.s or "任务" in c.s) else None
    return ("share", 1, pm.group("of")) if pm else None


def _growth_rate_held(c):
    return ("growth", 1, "") if c.percent_like and "幅" in c.s and _GROWTH_HELD_AT.search(c.s) else None


def _growth_target(c):
    return ("growth", 1, "") if c.percent_like and "目标" in c.s and _GROWTH_TARGET_END.search(c.s) else None


# 确定4.5%左右的增长目标: the goal named after the rate is a growth's (not a whole the rate is a part of)
GROWTH_TARGET_AFTER = re.compile(r"^\s*(?:左右|以上)?的(?P<goal>(?:预期)?(?:经济)?(?:增长|增速)(?:预期)?目标)")


def _growth_target_named_after(c):
    # (every match holds 目标: a right side without it is passed with one substring test)
    return ("growth", 1, "") if c.percent_like and "目标" in c.right and GROWTH_TARGET_AFTER.match(c.right) else None


# 连续4年保持20%以上的增长, 实现5%左右的增长, 均保持10%以上增长 (的 left out): the growth named right after the
# rate, closing its clause, is the measure (not a whole the rate is a part of: 20%以上的企业 is a share)
_GROWTH_NAMED_AFTER = re.compile(r"^\s*(?:左右|以上|多)?的?(?:较快|快速|稳定|平稳|高速)?(?:增长|增速|增幅)(?=$|[，。；、,;）)])")


def _growth_named_after(c):
    return ("growth", 1, "") if c.percent_like and _GROWTH_NAMED_AFTER.match(c.right) else None


def _rate_of_fall(c):
    return ("growth", -1, "") if c.percent_like and "幅" in c.s and _FALL_RATE_END.search(c.s) else None


def _contribution_rate(c):
    cr = _CONTRIBUTION_RATE.search(c.s) if c.percent_like and "贡献率" in c.s else None
    return ("share", 1, _clean_of(cr.group("of"))) if cr else None


def _change_reaches_a_level(c):
    if not c.percent_like or not _REACH_END.search(c.s):
        return None
    sm = _SHARE.search(c.s)
    if sm and (sm.group("of") is not None or sm.group("bare") or sm.group("of3")):
        return "share", 1, _clean_of(sm.group("of") or sm.group("of3") or "")
    return "level", 1, ""


# 比上年贬值1.1%: a currency's value falls (升值: rises) by that rate
_VALUE_CHANGE_END = re.compile(r"(?P<v>贬值|升值)(?:了)?(?:约|近|超过|超|逾|达)?$")


def _currency_value_change(c):
    vm = _VALUE_CHANGE_END.search(c.s) if c.percent_like and "值" in c.s else None
    return ("growth", -1 if vm.group("v") == "贬值" else 1, "") if vm else None


# PM2.5浓度改善24.7%: a concentration of a pollutant improves by falling
_CONCENTRATION_IMPROVED_END = re.compile(r"浓度(?:累计|平均|年均)?改善(?:了)?(?:约|近|超过|超|逾|达)?$")


def _concentration_improved(c):
    return ("growth", -1, "") if c.percent_like and "改善" in c.s and _CONCENTRATION_IMPROVED_END.search(c.s) else None


def _fall(c):
    return ("growth", -1, "") if c.percent_like and (_FALL_END.search(c.s) or _FALL_OBJ_END.search(c.s)) else None


def _cut_of_a_long_object(c):
    lm = _FALL_LONG_OBJ_END.search(c.s) if c.percent_like and c.unit != "" else None
    return ("growth", -1, "") if lm and not _NOT_A_CUT_OBJECT.search(lm.group("obj")) else None


def _rise(c):
    if c.percent_like and (_RISE_END.search(c.s) or _RATE_END.search(c.s) or c.unit in ("倍", "番")):
        return "growth", 1, ""
    em = _RATE_EACH_END.search(c.s) if c.percent_like and ("分别" in c.s or "均" in c.s) else None
    if em and not _ITEM_OF_ITS_OWN_RATE.search(c.s, 0, em.start()):
        return "growth", 1, ""
    return None


def _share_marker(c):
    sm = _SHARE.search(c.s) if c.percent_like and ("占" in c.s or "比重" in c.s or "份额" in c.s) else None
    if not sm:
        return None
    of = sm.group("of") if sm.group("of") is not None else (sm.group("of2") or sm.group("of3") or "")
    return "share", 1, _clean_of(of)


# “晋华炉”产品全国市场占有率达到50%: a market share with its scope written right before it is a share of that
# scope (GUIDELINES: a 率 is a share when its whole is named); with no scope it stays the indicator itself, a level
_MARKET_SHARE_END = re.compile(rf"({SCOPE})(?:的)?市场占有率(?:达到|达|为|是|超过|超|近|约|逾|保持在|稳定在|升至|提高到)*$")


def _market_share_of_a_scope(c):
    mm = _MARKET_SHARE_END.search(c.s) if c.percent_like and "市场" in c.s else None
    return ("share", 1, mm.group(1)) if mm else None


def _contribution_or_coverage(c):
    cm = _CONTRIBUTION.search(c.s) if c.percent_like and ("贡献" in c.s or "覆盖" in c.s) else None
    if not cm:
        return None
    of = _clean_of(cm.group("of") or cm.group("cov") or "")
    if cm.group("of") is None and _NOUN_RIGHT_AFTER.match(c.right):
        # 覆盖九成以上城乡社区, 覆盖二级以上医疗机构97%门诊量: the noun right after is (the rest of) the whole
        noun = noun_after(c.right)
        pm = PREDICATE_IN.search(noun, 2)
        noun = noun[:pm.start()] if pm else noun
        of += re.sub(r"[（(][^）)]*$", "", noun)       # (县（市、区）: the list inside the bracket was cut)
    return ("share", 1, of)


def _rate_in_tenths(c):
    return ("level", 1, "") if c.percent_like and c.unit == "成" and _RATE_OWN_END.search(c.s) else None


def _share_of_what_follows(c):
    if c.percent_like and (_OF_NOUN_AFTER.match(c.right) or c.unit in ("fraction", "成")):
        sc = _SCOPE_SHARE_END.search(c.s)
        return "share", 1, sc.group(1) if sc else ""
    return None


_RATE_OWN_END = re.compile(r"率(?:达到|达|为|是|近|约|超过|超|逾|保持在|稳定在|提高到|提升至|升至|增至)*$")
# 财政支出八成以上投向民生领域, 衔接资金的62%用于产业: the part of a resource spent on something
SPENT_ON_AFTER = re.compile(r"^\s*(?:以上|左右|多)?(?:用于|投向|投入)(?P<obj>[^，。；：,;:、\d]{2,20})")
_SPENT_FROM = re.compile(r"^(?:[，、]|将|把|其中)*(?P<res>[^，。；：\d]{2,16}?)(?:的)?(?:近|约|超过|超|逾)?$")


def _share_spent_on(c):
    if not c.percent_like or c.unit == "fraction" or not SPENT_ON_AFTER.match(c.right):
        return None
    m = _SPENT_FROM.match(c.s)
    if m and m.group("res") != "其中":       # (其中 names no resource: the amount before is it)
        return "share", 1, m.group("res")
    p = c.just_before
    if p is not None and not c.s.strip("，, ").removeprefix("其中") and p.measure == "level" and p.indicator and p.unit \
            and not p.unit.endswith("%") and p.unit not in L.GROWTH_UNITS:
        return "share", 1, p.indicator      # 一般公共预算支出3.4万亿元，74%以上用于民生: a part of the amount just given
    return None


# 70%村卫生室实现…, 向基层投放50%以上号源: a percentage that opens its clause, or follows a verb of
# doing, and stands right before a noun is a share of that noun (as with 的: 93%的建制镇)
_OPENS_CLAUSE = re.compile(r"^(?:[，、；]|其中|每年|全年|超过|超|近|约|逾|全省|全市|全区|全国)*$")
PREDICATE_IN = re.compile(r"(?:实现|纳入|开通|稳定|用于|投向|基本|完成|达到|建成|开展|设立|参加|参与|享受|接入|覆盖|就读|"
                          r"通(?!信|道|用|讯)|为(?!民)|已|均|全部)")
_NOUN_RIGHT_AFTER = re.compile(r"^(?!(?:以上|左右|多)?的)(?:以上|左右|多)?[\u4e00-\u9fff“]")


def _share_of_the_noun_after(c):
    if not c.percent_like or c.unit == "fraction" or not _NOUN_RIGHT_AFTER.match(c.right):
        return None
    vm = VERB_END.search(c.s)
    # (the words since the figure before may end a clause of their own: …示范带，90%以上村庄达到…)
    own = c.s[max(c.s.rfind("，"), c.s.rfind("；")) + 1:]
    if not (_OPENS_CLAUSE.match(own) or (vm and vm.group() not in ("实现", "完成", "达成", "再", "为"))):
        return None
    of = noun_after(c.right)
    pm = PREDICATE_IN.search(of, 2)
    of = of[:pm.start()] if pm else of          # (60%乡镇开通公交: the towns, not what they did)
    return ("share", 1, of) if len(of) >= 2 else None


_OF_LEAD = re.compile(r"^(?:的|了)")
_OF_TAIL = re.compile(r"(?:的|中|内)$")


def _clean_of(of: str) -> str:
    of = _OF_LEAD.sub("", of or "")
    of = _OF_TAIL.sub("", of)
    return of


MEASURE_RULES = RuleSet("measure", "what a figure measures: the first rule that applies gives (measure, sign, of); none: level", [
    Rule("list-continues", _list_continues, "the measure, sign and whole of the list item before (增长5%、6%)",
         positive=("城镇和农村居民收入分别增长5%、6%。",), negative=("出口增长5%。",)),
    Rule("stretch-target-of-the-growth-before", _stretch_target_of_the_growth_before,
         "the measure and sign of the growth before, for the higher goal striven for after it (增长7%以上、力争达到8%)",
         positive=("地区生产总值增长7%以上、力争达到8%。",), negative=("地区生产总值增长7%以上、研发投入强度达到3%。",)),
    Rule("verb-shared-by-a-list", _verb_shared_by_a_list,
         "the measure and sign of the growth before, for a bare noun after 、 that the same verb governs (压减时限40%、材料35%)",
         positive=("平均压减审批时限40%、申报材料35%。",), negative=("平均压减审批时限40%、占比35%。", "出口增长5%、进口为6%。")),
    Rule("ratio-splits-a-whole", _ratio_splits_a_whole,
         "share: each member of a ratio of three, or of two that splits a structure (8.3∶41.4∶50.3)",
         positive=("三次产业结构为8.3∶41.4∶50.3。",), negative=("城乡收入比为2.1∶1。",)),
    Rule("b-of-from-a-to-b", _b_of_from_a_to_b, "the measure of the A of 从A提高到B",
         positive=("制造业占比从20%提高到30%。",), negative=("制造业占比提高到30%。",)),
    Rule("rank", _rank, "rank, of the field between the ranking verb and 第 (居全国第4位 -> 全国)",
         positive=("经济总量居全国第4位。",), negative=("经济总量增长4%。",)),
    Rule("points-change", _points_change,
         "pp_change, negative after a verb of fall or a gap below (下降0.4个百分点, 低于全国0.3个百分点)",
         positive=("高于全国0.4个百分点。", "低于全国0.3个百分点。"), negative=("增长0.4%。",), units=frozenset(L.PP_UNITS)),
    Rule("index-names-no-share", _index_names_no_share, "level: a unitless number with no share word",
         positive=("城乡居民收入比缩小0.04。", "满意度从84.7提升至89.6。"), negative=("比重为0.6。",), stages=("percent",),
         units=frozenset({""})),
    Rule("multiple-of-a-named-base", _multiple_of_a_named_base, "level: a multiple of a base the text names",
         positive=("工资待遇提高到当地最低工资标准2倍以上。",), negative=("营业收入增长2倍。",), stages=("percent",),
         units=frozenset({"倍"})),
    Rule("share-of-a-plan", _share_of_a_plan,
         "share of the plan or target met, the plan as written (完成年计划的113.4% -> of 年计划)",
         positive=("城镇新增就业完成年计划的113.4%。", "招商引资完成全年目标任务的105%。"),
         negative=("城镇新增就业完成113.4%。", "计划投资增长5%。"), stages=("percent",)),
    Rule("growth-rate-held", _growth_rate_held, "growth: a rate of rise held at a level (涨幅控制在2%左右)",
         positive=("居民消费价格上涨幅度控制在2%左右。",), negative=("居民消费价格控制在2%左右。",), stages=("percent",)),
    Rule("growth-target", _growth_target, "growth: the target of a growth (经济增长预期目标为5%左右)",
         positive=("经济增长预期目标为5%左右。",), negative=("预期目标为5%左右。",), stages=("percent",)),
    Rule("growth-target-named-after", _growth_target_named_after,
         "growth: a rate followed by the growth target it sets (确定4.5%左右的增长目标)",
         positive=("确定4.5%左右的增长目标。",), negative=("确定4.5%左右的目标。",), stages=("percent",)),
    Rule("growth-named-after", _growth_named_after,
         "growth: a rate followed by (的 and) the growth it is, closing its clause (保持20%以上的增长, 保持10%以上增长)",
         positive=("企业数量连续4年保持20%以上的增长。", "实现6%左右的较快增长。", "产业营收保持20%以上增长。"),
         negative=("20%以上的增长点来自新产业。", "20%以上的企业实现增长。", "20%以上增长点来自新产业。"), stages=("percent",)),
    Rule("rate-of-fall", _rate_of_fall, "growth, negative: a rate of fall (降幅超过3%)",
         positive=("单位地区生产总值能耗降幅超过3%。",), negative=("单位地区生产总值能耗增幅超过3%。",), stages=("percent",)),
    Rule("contribution-rate", _contribution_rate,
         "share of what a 贡献率 drives, also held or changed (贡献率保持在30%, 贡献率从17.1%提升到35.1%)",
         positive=("对全球经济增长的贡献率保持在30%左右。",), negative=("对全球经济增长的贡献保持在30%左右。",), stages=("percent",)),
    Rule("change-reaches-a-level", _change_reaches_a_level,
         "level reached after 到/至/为 (提高到3.3%), a share when a share marker names it (占比提高到30%)",
         positive=("研发投入强度提高到3.3%。", "投资增长达5%。"), negative=("研发投入强度提高0.3%。",), stages=("percent",)),
    Rule("currency-value-change", _currency_value_change,
         "growth: a currency's value changed by the rate, negative for 贬值 (比上年贬值1.1%, 升值2%)",
         positive=("欧元兑人民币比上年贬值2.3%。", "日元升值4%。"), negative=("汇率为2.3%。",), stages=("percent",)),
    Rule("concentration-improved", _concentration_improved,
         "growth, negative: a pollutant's concentration improved by the rate (PM2.5浓度改善10.8%) fell by it",
         positive=("关中5市PM2.5浓度改善24.7%。",), negative=("优良天数比例改善2%。",), stages=("percent",)),
    Rule("fall", _fall, "growth, negative: a verb of fall before the percentage (下降2%, 压减时间58%)",
         positive=("能耗下降2%。", "压减审批时间58%。"), negative=("能耗增长2%。",), stages=("percent",)),
    Rule("cut-of-a-long-object", _cut_of_a_long_object,
         "growth, negative: a verb of cutting, a noun phrase of 5 or more characters, then the percentage (压减公用经费支出15%)",
         positive=("压减省级机关事业单位公用经费15%。",), negative=("压减省级机关事业单位经费后占比15%。", "压减省级机关事业单位经费达到15%。"),
         stages=("percent",)),
    Rule("rise", _rise, "growth: a verb of rise or a rate noun before it (增长5.5%, 增速8%), or 倍/番",
         positive=("地区生产总值增长5.5%。", "增速8%。", "两项资金增幅均超过10%。"), negative=("地区生产总值为5.5%。", "资金均超过10%。"), stages=("percent",)),
    Rule("share-marker", _share_marker, "share of what 占 names (占全省比重12%, 占比30%)",
         positive=("占全省比重12%。", "其中制造业占比30%。"), negative=("其中制造业达30%。",), stages=("percent",)),
    Rule("market-share-of-a-scope", _market_share_of_a_scope, "share of the scope written before 市场占有率 (全国市场占有率50%)",
         positive=("产品全国市场占有率达到50%。", "全球市场占有率超过30%。"), negative=("产品市场占有率达到50%。",), stages=("percent",)),
    Rule("contribution-or-coverage", _contribution_or_coverage, "share of what 对…贡献 or 覆盖 names",
         positive=("对经济增长的贡献率达60%。", "覆盖全省93%。", "消费对增长贡献率接近70%。", "服务覆盖八成以上行政村。"), negative=("经济增长达60%。", "消费增长接近70%。"), stages=("percent",)),
    Rule("share-spent-on", _share_spent_on,
         "share of the resource named before it, for a part of it spent on something (资金80%以上用于X)",
         positive=("财政资金80%以上用于民生。", "专项资金的六成投向乡村。", "全市财政支出960亿元，75%以上用于民生。"),
         negative=("财政资金增长8%，用于民生。", "80%以上用于民生。", "全市财政支出增长6%，75%以上用于民生。"),
         stages=("percent",)),
    Rule("share-of-the-noun-after", _share_of_the_noun_after,
         "share of the noun right after a percentage that opens its clause or follows a verb of doing (60%乡镇通公交)",
         positive=("全区60%乡镇开通公交。", "向农村投放30%以上资金。", "建成12条示范带，90%以上村庄达到整洁标准。"),
         negative=("全区乡镇60%开通公交。", "实现100%交付使用。", "建成12条示范带，覆盖率90%以上。"),
         stages=("percent",)),
    Rule("rate-in-tenths", _rate_in_tenths, "level: a rate written in 成 is the indicator itself (上云率近六成)",
         positive=("企业上云率近六成。",), negative=("企业近六成上云。",), stages=("percent",),
         units=frozenset({"成"})),
    Rule("share-of-what-follows", _share_of_what_follows,
         "share: a percentage followed by 的 + noun (93%的建制镇), or a fraction or 成",
         positive=("全市93%的建制镇完成改造。", "三分之一的村庄完成改造。"), negative=("全市93个建制镇完成改造。", "失业率保持在5%左右的合理水平。"), stages=("percent",)),
])

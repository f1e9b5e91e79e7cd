"""Measure, of, status, period and indicator of a mention in its sentence.

`classify(text, sentence_start, sentence_end, mention, layout, previous, reading) -> Attributes`
where `previous` are the Attributes already returned for the same sentence, in text order (a
growth, share or rank that follows an amount inherits its indicator), and `reading` the
SentenceContext of the unit (what is read of it once for all its figures; made afresh if None).

Rules (GUIDELINES.md; each is a rule of how the reports are written, none names a sentence):
- measure: a rank expression is `rank` (its `of` is the field between the ranking verb and 第:
  居全国第4位 -> 全国); 个百分点 is `pp_change`; a percentage (or 倍/番/成) right after a verb of
  change (增长, 下降, 精简 …) or a rate noun (增速, 涨幅) is `growth`, negative for verbs of fall;
  a change verb followed by 到/至 gives the level reached (提高到3.3% -> level); a percentage
  with a share marker (占X比重, 占比, 份额, 占全省) or followed by 的+noun is `share`; else `level`.
  An absolute change of an amount (增加1800亿元) is a positive `level`.
- status: the part's default (review -> actual, plan and five-year plan -> target); 预计 before the
  figure in its sentence (up to the previous 。) -> estimate; in a review, 原定/力争/目标 in the
  clause -> target; 到YYYY年 for a later year -> target of that year.
- period: the part's default; a year written right before the figure (从2020年的10.5万元,
  2025年的14万元) or 到YYYY年 earlier in the sentence; the A of 从A提高到B with no year written
  takes the year before the five-year span in a five-year part, else the year before B's;
  今年以来 in a review -> the year the report is given.
- indicator: in a 分别 list, the k-th item joined to the shared head; else the noun phrase before
  the number within its clause (and after the previous figure), without the verbs and qualifiers
  that link it to the number; a count followed by its noun (出台20条举措, 500亿元的基金) takes that
  noun; nothing left (增长5.6% after an amount, 规模居全国第4位) -> the previous figure's indicator.
- key: the indicator names a headline macro indicator (lexicon.KEY_PATTERNS).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as L
from .layout import Layout
from .lexicon import (SCOPE)
from .sentence_reading import SentenceContext, find_clause_start, sentence_open
from .phrases import (VERB_END, no_spaces, noun_after, noun_head, strip_lead)
from .rules.measure import MEASURE_RULES, PREDICATE_IN, SPENT_ON_AFTER, MeasureInput
from .rules.status_period import STATUS_PERIOD_RULES, StatusInput
from .rules.indicator_rules import INDICATOR_RULES, IndicatorInput
from .change_names import change_named
from .indicator import indicator_of
from .wholes import carried_subtype, implied_whole, inner_whole, opening_whole, share_whole, total_before_a_share_list


@dataclass(slots=True)
class Attributes:
    start: int
    end: int
    value: float                # signed: negative for a growth written with a verb of fall
    sign: int = 1
    measure: str = "level"
    of: str = ""
    status: str = "actual"
    period: int | None = None
    indicator: str = ""
    key: bool = False
    unit: str = ""
    value_high: float | None = None
    base: bool = False          # the A of 从A到B
    right_noun: bool = False    # the indicator is the noun after the number (出台20条举措)


# what may stand between two items of one list (3.2万、4.5万; 5%以上和6%)
_LIST_GAP = re.compile(r"\s*(?:以上|左右|以内|多|余)?\s*(?:、|和|及|与|，|,)?\s*")
# what stands between the A and the B of 从A提高到B
_TO_B_GAP = re.compile(rf"\s*(?:以上|左右)?(?:分别)?(?:{L.RISE}|{L.FALL}|跃升|增至|降至|缩小|扩大)?(?:到|至)\s*")
_ONE_PLACE_AFTER = re.compile(r"^\s*(?:以上|左右|多)?的(?P<w>[县市村镇乡])")
_OF_AFTER = re.compile(r"^\s*(?:以上|左右|多|余)?的")      # 93%的建制镇: the noun after is the whole
# 80%以上的省科技攻坚项目由企业牵头: 由 brings in who does it; the whole is the noun before (not 自由…)
_BY_AGENT = re.compile(r"(?<!自)由(?=[^，。；]{1,10}?(?:牵头|承担|主导|负责|实施|参与|完成|办理))")
_CLAUSE_SPLIT = re.compile(r"[，。；：,;:]")
_QUALIFIER_AFTER = re.compile(r"^\s*(?:以上|左右|多)?")
_DONE_TO = re.compile(r"(?:(?:向|对|为|给)[^，、；：\d向对为给]{1,8})?" + VERB_END.pattern)
_DONE_LEAD = re.compile(r"^(?:实现|完成|用于|投向)(?=..)")
_SPENT_ON = re.compile(r"用于|投向")
_REACHED_END = re.compile(r"惠及(?:约|近|超过|超|逾)?$")
_BARE_SHARE_END = re.compile(r"(?:占比|比重|比例)(?:分别|均)?(?:为|达到|达|保持在|稳定在|提高到|提升至|增至|超过|超|突破|逾|接近|近|约)*$")
_KEY = re.compile(L.KEY_PATTERNS)
_YEAR_LEAD = re.compile(r"(?:19|20)\d{2}(?:年(?:底|末|度)?)?(?=[\u4e00-\u9fff“])")
_AMOUNT_WORDS = {"总量", "总额", "规模", "总数"}
_STANDING_AFTER = re.compile(L.STANDING_AFTER)
_RATE_NAMES = ("增速", "增幅", "涨幅", "增长率", "增长速度")
_RATE_NAME_END = re.compile(r"(?:增速|增幅|涨幅|增长率|增长速度)$")


def classify(text: str, sentence_start: int, sentence_end: int, mention, layout: Layout,
             previous: list[Attributes] | None = None, reading: SentenceContext | None = None) -> Attributes:
    if not previous:
        previous = []
    elif previous[-1].end > mention.start:       # (the pipeline gives only figures before this one)
        previous = [p for p in previous if p.end <= mention.start]
    ctx = layout.context(mention.start)
    unit = getattr(mention, "unit", "") or ""
    is_rank = bool(getattr(mention, "rank", False)) or unit == "rank"
    if reading is None or not reading.covers(text, sentence_start, sentence_end):
        reading = SentenceContext(text, sentence_start, sentence_end, reading)
    marks = reading.marks
    if marks.start <= mention.start <= marks.end:
        clause_start, s_open = marks.locate(mention.start)
    else:
        clause_start = find_clause_start(text, sentence_start, mention.start)
        s_open = sentence_open(text, mention.start)
    i = len(previous)                            # (previous come in text order)
    while i and previous[i - 1].end > clause_start:
        i -= 1
    prev_in_clause = previous[i:]
    seg_start = prev_in_clause[-1].end if prev_in_clause else clause_start
    seg = text[seg_start:mention.start]
    clause = text[clause_start:mention.start]
    right = text[mention.end:sentence_end]

    att = Attributes(mention.start, mention.end, float(mention.value), unit=unit,
                     value_high=getattr(mention, "value_high", None))

    # measure and sign
    measure_rule = ""
    list_cont = bool(prev_in_clause) and _LIST_GAP.fullmatch(seg) is not None
    to_b = bool(prev_in_clause) and prev_in_clause[-1].base and _TO_B_GAP.fullmatch(seg) is not None
    just_before = previous[-1] if previous and previous[-1].end >= s_open and \
        text[previous[-1].end:mention.start].strip().removesuffix("其中") in ("，", ",") else None
    mi = MeasureInput(text, mention, seg, clause, right, unit, is_rank, prev_in_clause, list_cont, to_b, just_before)
    # (with the unit: rules kept to other units, which their tests check anyway, are not tried)
    for rule in MEASURE_RULES.active("", unit) + (MEASURE_RULES.active("percent", unit) if mi.percent_like else ()):
        got = rule.test(mi)
        if got:
            MEASURE_RULES.note(rule)
            att.measure, att.sign, att.of = got
            measure_rule = rule.name
            break
    if att.measure == "rank" and not att.of and prev_in_clause and prev_in_clause[-1].measure == "rank":
        att.of = prev_in_clause[-1].of

    # status and period
    att.status, att.period = ctx.status, ctx.period
    si = StatusInput(text, mention, clause, right, ctx, layout, reading.left_of(s_open, mention.start), s_open, to_b,
                     att)
    for rule in STATUS_PERIOD_RULES.active():
        if rule.test(si):
            STATUS_PERIOD_RULES.note(rule)

    # indicator
    rp = "" if is_rank and _STANDING_AFTER.match(right) else noun_after(right)
    pm = _ONE_PLACE_AFTER.match(right) if not rp and att.measure == "share" else None
    if pm and PREDICATE_IN.match(right, pm.end()):
        rp = pm.group("w")      # 86%的县建成三级医院: a one-character place is the whole, what it did names the share
    att.indicator = indicator_of(reading, text, clause_start, seg, clause, right, mention, unit, previous, prev_in_clause, rp,
                               s_open)
    att.indicator = change_named(att.indicator, seg, att.measure, unit, is_rank, right)
    if att.measure in ("level", "pp_change") and att.indicator and (att.indicator + "比例") in mi.s:
        # 水质比例达98.7%: a 比例 that is the indicator itself is part of its name, and so when it
        # changes by points (优良天数比例提高6.1个百分点: the ratio's change, not the days')
        att.indicator += "比例"
    if att.measure == "level" and (unit.endswith("%") or unit in L.GROWTH_UNITS) and (
            _RATE_NAME_END.search(att.indicator)
            or (att.indicator and any(att.indicator + r in no_spaces(clause) for r in _RATE_NAMES))):
        # a percentage of a growth rate named apart from it (投资增速…目标设定为7%), or a 分别 item whose
        # own name is a rate (失业率、居民消费价格涨幅分别控制在5%和3%以内: the second is a growth)
        att.measure = "growth"
    att.right_noun = bool(rp) and att.indicator == rp
    if att.right_noun and _REACHED_END.search(mi.s):
        att.indicator = "惠及" + att.indicator      # 惠及80余万名婴幼儿: the people a measure reached, not all of them
    if is_rank and _RANKING_WORDS.search(att.indicator):
        # 总量在全国排名有望上升至第20位: the rank of the amount just named in the sentence
        own = _RANKING_WORDS.sub("", att.indicator)
        before = [p for p in previous if p.end > s_open and p.measure != "rank" and p.indicator
                  and not _RANKING_WORDS.search(p.indicator)]
        if own in L.EMPTY_HEADS and before:
            att.indicator = before[-1].indicator
        elif own not in L.EMPTY_HEADS:
            att.indicator = own
    same_sentence = [p for p in previous if p.end > s_open and p.indicator]
    if is_rank and att.indicator and (att.indicator == att.of or _SCOPE_ONLY.fullmatch(att.indicator)):
        # 高铁通车里程突破3000公里、全国第一; 总产466亿斤、全国排名上升到第13位: the field names no thing,
        # the rank is of the amount just named in the sentence
        named = [p for p in same_sentence if p.measure != "rank"]
        if named:
            att.indicator = named[-1].indicator
    if same_sentence and att.indicator in _CONVERTED:
        att.indicator = same_sentence[-1].indicator     # 175亿美元、折合1243亿元人民币: the same amount in yuan
    if same_sentence and (att.indicator in _NOT_NAMES or (is_rank and _STEP_NOUN.fullmatch(att.indicator))) \
            and (is_rank or same_sentence[-1].unit == unit):
        # 城镇新增就业超143万人、超额完成国家下达的110万人年度任务; 迈上14万亿元新台阶、连续36年居全国首位:
        # the goal or the step names nothing; the figure is of the amount just named
        att.indicator = same_sentence[-1].indicator
    ii = IndicatorInput(text, mention, seg, clause, right, unit, is_rank, att, same_sentence)
    for rule in INDICATOR_RULES.active():
        got = rule.test(ii)
        if got:
            INDICATOR_RULES.note(rule)
            if isinstance(got, tuple):          # (indicator, of): the rule also found the whole
                got, att.of = got
            att.indicator, att.right_noun = got, att.right_noun and got == rp
            break
    cm = _CONTRIBUTED_SHARE.search(mi.s) if att.measure == "share" and rp else None
    sm = SPENT_ON_AFTER.match(right) if att.measure == "share" and att.of else None
    if sm:
        att.indicator = sm.group("obj")     # 财政支出八成以上投向民生领域: what the part is spent on names it
    elif measure_rule == "share-of-the-noun-after" and not VERB_END.search(mi.s):
        # 70%村卫生室实现一体化管理: the share of the whole that did it is named by what it did
        tail = _QUALIFIER_AFTER.sub("", right)[len(att.of):]
        did = _DONE_LEAD.sub("", _CLAUSE_SPLIT.split(tail, 1)[0].strip())
        if len(did) >= 2:
            att.indicator = did
    elif measure_rule == "share-of-the-noun-after":
        # 医院向基层投放50%以上号源: what was done to the whole names the share (向基层投放号源)
        vm = _DONE_TO.search(mi.s)
        if vm:
            att.indicator = vm.group() + att.of
    elif cm and _OF_AFTER.match(right):
        att.of, att.indicator = cm.group(1), rp      # 贡献了全国38.7%的贸易增量: the scope is the whole
    elif att.measure == "share" and _OF_AFTER.match(right) and rp:
        # 93%的建制镇, 90%以上的矛盾纠纷化解在基层: the noun after is the whole; what is said of it
        # names the figure unless the clause has its own subject (美丽城镇建设覆盖全省93%的建制镇)
        vm = VERB_END.search(rp) or PREDICATE_IN.search(rp, 2) or _BY_AGENT.search(rp, 2)
        # 信访事项化解在基层 -> 信访事项; 67.5%的初中毕业生就读普通高中 -> 初中毕业生 (a verb inside: what the part does)
        att.of = rp[:vm.start()] if vm and vm.start() >= 2 else rp
        own = noun_head(seg)
        um = _SPENT_ON.search(rp)
        if um and um.start() >= 2 and len(rp) - um.end() >= 2:
            # 76%的财力用于民生事业: the noun before 用于 is the whole, what it is spent on names the figure
            att.of, att.indicator = rp[:um.start()], rp[um.end():]
        elif own in L.EMPTY_HEADS or len(own) < 2 or own.endswith(("和", "及", "与", "、")) or own == rp:
            tail = _OF_AFTER.sub("", right)
            att.indicator = _CLAUSE_SPLIT.split(tail, 1)[0].strip() or rp
        else:
            att.indicator = own
    if measure_rule == "share-of-a-plan" and att.indicator.endswith(att.of):
        # 城镇新增就业完成年计划的113.4%: the plan met is the whole, what met it names the figure
        cut = re.sub(r"(?:完成|达到|为)(?:了)?$", "", att.indicator[:-len(att.of)])
        if len(cut) >= 2 and cut != att.indicator[:-len(att.of)]:
            att.indicator = cut
    if att.measure == "share" and not att.of and _BARE_SHARE_END.search(mi.s):
        # 第一产业增加值占GDP比重为7.2%，第二产业增加值比重为37.2%: a bare 比重 after a share of a
        # named whole in the same sentence is a share of that whole
        named = [p for p in previous if p.measure == "share" and p.of and p.indicator != att.indicator
                 and len(att.indicator) >= 2 and p.indicator[-2:] == att.indicator[-2:]]     # siblings
        if named and named[-1].of != att.indicator and ("占" + named[-1].of) in text[s_open:mention.start]:
            att.of = named[-1].of
    if att.measure == "share" and prev_in_clause and (
            (not att.of and _BARE_SHARE_END.search(mi.s)) or (measure_rule == "list-continues" and _BARE_SHARE_END.search(
                no_spaces(text[clause_start:prev_in_clause[0].start])))):
        # (a 分别 item copied its whole from the first item: with the subtype carried, it is its own whole)
        carried = carried_subtype(att.indicator, prev_in_clause)
        if carried:
            att.of, att.indicator = carried
    sm = _SET_THEN_SHARE.search(no_spaces(clause)) if att.measure == "share" and not att.of and "中" in clause else None
    if sm:
        # 营商环境一级、二级指标中超七成达到国内一流: the part of the set that did something, named by what it did
        att.of = strip_lead(sm.group("w"))
        did = _DONE_LEAD.sub("", _CLAUSE_SPLIT.split(_QUALIFIER_AFTER.sub("", right), 1)[0].strip())
        if len(did) >= 2 and not _DIGIT_IN.search(did):
            att.indicator = did
    if att.measure == "share" and not att.of:
        att.of = total_before_a_share_list(clause, [q for q in previous if q.start < clause_start])
    if att.measure == "share" and not att.of:
        att.of = share_whole(clause, prev_in_clause or previous, att.indicator, in_clause=bool(prev_in_clause))
    if (att.measure == "share" and not att.of) or (
            att.measure == "level" and unit.endswith("%") and att.indicator.endswith(("比例", "占比", "比重"))):
        # 在监测的339个地级及以上城市中，空气质量达标的城市占65.5%; …断面中，Ⅳ类断面比例为7.8%: the set the
        # sentence opens with is the whole of the shares its clauses give
        whole = opening_whole(text, s_open, clause_start)
        if whole:
            att.measure, att.of = "share", whole
    if att.measure == "share" and not att.of and _BARE_SHARE_END.search(mi.s):
        att.of = implied_whole(att.indicator)
    if att.measure == "share" and inner_whole(att.indicator):
        att.of = inner_whole(att.indicator)      # (炼铁、炼钢先进产能占比分别…: not the first item's whole copied)
    ym = _YEAR_LEAD.match(att.indicator) if (att.indicator or "")[:1] in ("1", "2") else None
    if ym:
        # 2024年全省地区生产总值57761亿元: the year is the figure's period, not part of its name (a bare
        # amount noun keeps it: 2025年总量 names nothing without it)
        rest = strip_lead(att.indicator[ym.end():])
        if len(rest) >= 2 and rest not in L.EMPTY_HEADS and rest not in _AMOUNT_WORDS and not rest.startswith("以来"):
            att.indicator = rest
    att.key = bool(att.indicator) and (bool(_KEY.search(att.indicator)) or layout.names_main_target(att.indicator))
    if att.key and att.measure == "level" and not _key_unit_fits(att.indicator, unit):
        att.key = False     # 人才房 (套), 院士工作站 (家), 对外贸易“朋友圈” (个): the key word names another thing
    att.value = att.sign * abs(float(mention.value))
    if att.value_high is not None and att.sign < 0:
        att.value_high = -abs(float(att.value_high))
    return att


# A headline word counts a level only in its own kind of unit: trade and output in money, people in
# people, patents in items. A level in any other unit is of something the word merely qualifies.
_KEY_UNITS = (
    (re.compile(r"进出口|外贸|生产总值|GDP|经济总量|财政总收入|一般公共预算收入|固定资产投资|社会消费品零售总额|社零|"
                r"增加值|研发经费|研发投入|可支配收入|居民收入"), re.compile(r"元|亿$")),
    (re.compile(r"人才|院士|就业"), re.compile(r"(?:人|名|位|人次|万)$")),
    (re.compile(r"专利"), re.compile(r"(?:件|项)$")),
    (re.compile(r"上市公司"), re.compile(r"(?:家|户|个)$")),
    (re.compile(r"粮食"), re.compile(r"(?:斤|吨)$")),
)


def _key_unit_fits(indicator: str, unit: str) -> bool:
    if not unit or unit.endswith("%") or unit in L.PP_UNITS or unit in ("rank", "fraction", "倍", "番", "成"):
        return True
    words = [u for k, u in _KEY_UNITS if k.search(indicator)]
    return not words or any(u.search(unit) for u in words)


# what is left of a rank's phrase once its ranking words go: 总量在全国排名有望 -> 总量
_RANKING_WORDS = re.compile(rf"(?:(?:在)?(?:{SCOPE})(?:的)?(?:排名|排位|位次)|排名|位次)(?:有望|将|可望)?[^，。；、]*$")
# a set, then the share of it right before the number (…指标中超七成; 中 inside a word, 高中 or 集中, is no set)
_SET_THEN_SHARE = re.compile(r"(?P<w>[^，。；、\d]{2,20}?(?:、[^，。；、\d]{1,20}?)*)(?<![高初集其空城心当适命途])中"
                             r"(?:超过|超|近|约|逾|有|的)?$")
_DIGIT_IN = re.compile(r"\d")
_SCOPE_ONLY = re.compile(rf"(?:在)?(?:{SCOPE})(?:的)?")
_CONVERTED = {"约合", "折合", "合", "约合人民币", "折合人民币", "合人民币"}
_NOT_NAMES = {"年度任务", "任务", "目标", "年度目标", "目标任务", "总数", "总量"}
_STEP_NOUN = re.compile(r"(?:新)?(?:台阶|大关|关口)")
_CONTRIBUTED_SHARE = re.compile(rf"贡献(?:了)?({SCOPE})$")

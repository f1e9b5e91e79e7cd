"""Measure, of, status, period and indicator of a mention in its sentence. [owner: attributes]

`classify(text, sentence_start, sentence_end, mention, layout, previous) -> Attributes`
where `previous` are the Attributes already returned for the same sentence, in text order (a
growth, share or rank that follows an amount inherits its indicator).

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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from . import lexicon as L
from .layout import FYP, FYP_REVIEW, PLAN, REVIEW, Layout, cn_int, five_year_span


@dataclass
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


_CLAUSE_END = "，。；：！？,;:!?\n"
# Patterns searched for at the end of a segment are compiled with lexicon.guarded (same matches,
# a lookahead for their first characters lets the engine pass positions where none can start).
_CLASSIFIERS = set("个家项条名所座件台辆艘架部批只支处场次人户套间张门期例位种款类宗节棵株头匹根块篇册本份首集列趟班栋幢口眼对")
_FALL_END = L.guarded(rf"(?:{L.FALL})(?:了)?(?:分别|均|约|近|超过|超|逾|达|高达)?$")
_RISE_END = L.guarded(rf"(?:{L.RISE}|翻)(?:了)?(?:分别|均|约|近|超过|超|逾|达|高达|近|超)?$")
_FALL_OBJ_END = re.compile(r"(?:压减|精简|压缩|缩减|削减|减少|降低)[\u4e00-\u9fff]{1,4}?(?:比例)?(?:了)?(?:约|近|超过|超|逾|达)?$")
_RATE_END = re.compile(rf"{L.RATE_NOUN}(?:为|达|达到|是|保持在|控制在|在)?(?:分别|均|约|近|超过|超|逾)?$")
_REACH_END = L.guarded(rf"(?:{L.RISE}|{L.FALL}|降|增|保持|稳定|控制|维持)(?:{L.REACH})(?:了)?(?:分别|均|约|近|超过|超|逾)?$")
_SHARE = L.guarded(r"在(?P<of3>[^，。；、\d]{2,12}?)(?:的)?占比|占(?!有|用|领|地面积)(?P<of>[^，。；、\d]{0,20}?)(?:的)?(?:比重|比例|份额)|(?P<bare>占比|比重|份额)|占(?!有|用|领|地面积)(?P<of2>[^，。；、\d]{0,12}?)(?:的)?(?:近|超过|超|约|逾|达|的)*$")
_RANK_VERB = r"(?:从|由|进至|进入|稳居|跃居|位居|位列|跻身|进入|保持|排名|排在|排|居于|居|列|名列|升至|跃升至|上升至|提升至|至|到)"
_SCOPE = r"全国|全省|中国西部|中国中部|大陆|全市|全区|全州|全县|全球|全世界|世界|亚洲|全国同类城市|同类城市|各省区市|各省区|各省份|中西部|西部|东部|中部|东北|副省级城市|省会城市|计划单列市|全国百强区|百强区|长三角|珠三角"
_RANK_OF = re.compile(rf"{_RANK_VERB}(?P<of>[^，。；、\d第首前]{{1,12}}?)(?:的)?(?:第|首|前|$)")
# a year that dates the figure: 2025年的14万元, 从2020年的, 到2030年; not a year compared with (快于2024年1.8个百分点)
_YEAR_BEFORE = L.guarded(r"(?:(?<=[从由到至在])(?P<y1>\d{4})年(?:底|末)?(?:的)?|(?P<y2>\d{4})年(?:底|末)?的)(?:约|近|超过|超)?$")
_FYP_END = re.compile(r"(?:较|比|从|由|与)[“\"‘]?(?P<n>十[一二三四五六七八九]?)五[”\"’]?(?:时期)?(?:末|期末)(?:的)?(?:约|近|超过|超)?$")
_SPAN_YEARS = re.compile(r"(?P<a>\d{4})年?(?:到|至|—|－|-|~)(?P<b>\d{4})年")
_TO_YEAR = re.compile(r"(?:到|至|在)(?P<y>\d{4})年")     # (年底/年末/年前: the same year)
_FROM = re.compile(r"(?:从|由)(?:(?P<y>\d{4})年(?:底|末)?(?:的)?)?")
_TO_AFTER = re.compile(rf"^[^，。；：]*?(?:{L.RISE}|{L.FALL}|跃升|扩大|缩小|增至|降至|达到|达|升至|整合|合并|调整|优化)?(?:到|至)|^[^，。；：]*?(?:整合|合并|调整|优化|变|增|降|缩减|减|压减)为")

_TAIL_TOKENS = (
    r"(?:超过|突破|接近|高达|达到|保持在|稳定在|控制在|维持在|不低于|不少于|不超过|低于|高于|多于|少于|以上|左右|"
    r"共计|合计|累计|总计|分别|同比|比上年|较上年|年均|平均|多增|少增|增长|增加|提高|提升|上升|上涨|跃升|攀升|扩大|增产|减产|下降|减少|"
    r"降低|回落|精简|压减|压缩|缩减|缩小|削减|下滑|实现|完成|继续|再|仍然|仍|持续|连续\d+年|连续[一二三四五六七八九十]+年|连续|"
    r"达|为|是|至|到|了|共|均|已|仅|在|超|逾|近|约|从|由|的|："
    r"|同口径|可比口径|增速|增幅|涨幅|降幅|增至|降至|连续多年|多年|(?:高于|低于|快于|慢于|超出|领先)[^，。；、\d]{0,12}?|(?<=[\u4e00-\u9fff”）])(?:全国|全省|全市|全区|全球|世界|中部|西部|东部|中西部|大陆|中国西部|中国中部|东北)|(?<![新净])增|下降至|下降到|下降为|首次|再次|历史性|双双|稳步|大幅|明显|显著|进一步|逐步|预计|预期|力争|确保|争取|将|要|整合为|整合到|整合至|整合|合并|调整为|调整|压降|优化为|跨越|迈上|跨上|(?:连跨|跨越|跨上|迈上|跃上|跨过)[^，。；\d]{0,4}?(?:[\d一二三四五六七八九十两]+个)?[^，。；\d]{0,6}?台阶|连跨|跨过|跃上|稳定|微降|微涨|微升|按|(?:从|由)(?:上半年|年初|上年|去年|一季度|前三季度)|五年来|五年间|五年|(?:较|比|与)[^，。；、\d]{0,12}?(?:同期|末|末期|时期|上年|去年|年初|年末|上月|上季度|\d{4}年)(?:相比)?|\d{4}年(?:底|末)?的?|" + _RANK_VERB + r"(?:全国|全省|全市|全区|全球|全世界|世界|各省区|各省区市|中西部|西部|东部|同类城市|副省级城市)?)$"
)
_TAIL = L.guarded(_TAIL_TOKENS)
_LEAD = re.compile(
    r"^(?:[、，,（(]|以及|以上|左右|以内|继续|其中|五年来|过去五年|这五年|近五年|一年来|过去一年|全年|当年|今年|去年|年内|年末|年底|年初|截至年末|截至年底|同口径|目前|同时|此外|另外|以及|累计|共计|"
    r"全省|全市|全区|全县|全自治区|本市|本省|我省|我市|我区|我县|实现|完成|推动|推进|力争|确保|努力|争取|预计|"
    r"预期|计划|首次|首批|首期|并且|并|且|发生|抓好|抓实|用好|新增|新建|新认定|新培育|新入选|新开工|新签约|新引进|提出|包括|[一二三四五六七八九十]是|\d{1,2}[.．、](?!\d))+")
_RANK_PHRASE = re.compile(
    rf"(?:稳居|位居|居|列|位列|跻身|进入|保持)(?:{_SCOPE})?(?:前列|前[\d一二三四五六七八九十百]+(?:强|位|名)?|"
    rf"第[\d一二三四五六七八九十]+(?:位|名)?|首位)、?$")
_RIGHT_SKIP = re.compile(r"^(?:以上|左右|以内|多|余|的)+")
_RIGHT_STOP = L.guarded(rf"{L.RIGHT_STOP}|\d|第|居(?=全|前|首|第|世|中|西|东|同)")
_LIST_SPLIT = re.compile(r"、|以及|和")     # 及/与 join words inside one name (旅游及相关产业)
_SPACES = re.compile(r"\s+")
# what may stand between two items of one list (3.2万、4.5万; 5%以上和6%)
_LIST_GAP = re.compile(r"\s*(?:以上|左右|以内|多|余)?\s*(?:、|和|及|与|，|,)?\s*")
# what stands between the A and the B of 从A提高到B
_TO_B_GAP = re.compile(rf"\s*(?:以上|左右)?(?:分别)?(?:{L.RISE}|{L.FALL}|跃升|增至|降至|缩小|扩大)?(?:到|至)\s*")
_STRUCTURE = re.compile(r"(?:结构|比重|比例)")           # a two-member ratio that splits a whole
_REVIEW_TARGET = re.compile(r"原定|力争|预期目标|目标为|目标是")   # a target recalled in a review
_CLAUSE_MARK = re.compile(r"[，。；]")
# 超额完成国家下达的110万人年度任务, 实现三年引资1万亿元目标: the figure is the goal recalled
_TARGET_AFTER = re.compile(r"^(?:以上|左右)?(?:的)?(?:年度|全年)?(?:目标|任务)(?=$|[，。；、）)])")
_FIVE_YEARS = re.compile(r"五年来|这五年|过去五年|“十[一二三四五六七八九]?五”")
_OF_AFTER = re.compile(r"^\s*(?:以上|左右|多|余)?的")      # 93%的建制镇: the noun after is the whole
_CLAUSE_SPLIT = re.compile(r"[，。；：,;:]")
_SUBCLAUSE_SPLIT = re.compile(r"[，；：,;:]")
_BARE_SHARE_END = re.compile(r"(?:占比|比重|比例)(?:为|达到|达|保持在|稳定在|提高到|提升至|增至|超过|超)*$")
_KEY = re.compile(L.KEY_PATTERNS)


def classify(text: str, sentence_start: int, sentence_end: int, mention, layout: Layout,
             previous: list[Attributes] | None = None) -> Attributes:
    previous = [p for p in (previous or []) if p.end <= mention.start]
    ctx = layout.context(mention.start)
    unit = getattr(mention, "unit", "") or ""
    is_rank = bool(getattr(mention, "rank", False)) or unit == "rank"
    marks = _unit_marks(text, sentence_start, sentence_end)
    if marks.start <= mention.start <= marks.end:
        clause_start, s_open = marks.locate(mention.start)
    else:
        clause_start = _clause_start(text, sentence_start, mention.start)
        s_open = _walk_to_sentence_open(text, mention.start)
    prev_in_clause = [p for p in previous if p.end > clause_start]
    seg_start = prev_in_clause[-1].end if prev_in_clause else clause_start
    seg = text[seg_start:mention.start]
    clause = text[clause_start:mention.start]
    right = text[mention.end:sentence_end]

    att = Attributes(mention.start, mention.end, float(mention.value), unit=unit,
                     value_high=getattr(mention, "value_high", None))

    # measure and sign
    list_cont = bool(prev_in_clause) and _LIST_GAP.fullmatch(seg) is not None
    to_b = bool(prev_in_clause) and prev_in_clause[-1].base and _TO_B_GAP.fullmatch(seg) is not None
    if list_cont and (prev_in_clause[-1].unit == unit or not unit or not prev_in_clause[-1].unit):
        p = prev_in_clause[-1]
        att.measure, att.sign, att.of = p.measure, p.sign, p.of
    elif (members := _ratio_members(text, mention)) >= 3 or (members == 2 and _STRUCTURE.search(clause[-16:])):
        att.measure = "share"   # 三次产业结构8.3∶41.4∶50.3: each member a share of the whole
    elif to_b:
        p = prev_in_clause[-1]
        att.measure, att.sign, att.of = p.measure, p.sign, p.of
    else:
        att.measure, att.sign, att.of = _measure(seg, clause, right, unit, is_rank, previous)
    if att.measure == "rank" and not att.of and prev_in_clause and prev_in_clause[-1].measure == "rank":
        att.of = prev_in_clause[-1].of

    # status and period
    att.status, att.period = ctx.status, ctx.period
    left = _left_of(text, s_open, mention.start)
    if left.has(left.estimate, 2, mention.start):           # 预计 before the figure in its sentence
        att.status = "estimate"
    elif ctx.kind in (REVIEW, FYP_REVIEW) and (_REVIEW_TARGET.search(clause) or _TARGET_AFTER.match(right)):
        att.status = "target"
    if ctx.kind in (REVIEW, FYP_REVIEW) and left.has(left.since, 4, mention.start) and layout.date:
        att.period = layout.date.year
    ty = left.to_year(mention.start)          # the last 到YYYY年 before the figure in its sentence
    if ty and layout.review_year and ty > layout.review_year and ctx.kind in (PLAN, FYP, REVIEW, FYP_REVIEW):
        att.period = ty
        if att.status == "actual":
            att.status = "target"
    clause_ns = _SPACES.sub("", clause)
    # (each pattern below needs a word of its own: a substring test passes most clauses at once)
    ym = _YEAR_BEFORE.search(clause_ns[-12:]) if "年" in clause_ns[-12:] else None
    if ym:
        y = int(ym.group("y1") or ym.group("y2"))
        if 1980 <= y <= (layout.plan_year or y) + 20:
            att.period = y

    fe = _FYP_END.search(clause_ns[-14:]) if "五" in clause_ns[-14:] else None
    if fe:
        n = cn_int(fe.group("n"))
        if n and n >= 9:
            att.period = five_year_span(n)[1]     # 较“十三五”末的9323.1亿元: the base is the plan's last year

    # 从A到B: A takes the base year
    fm = None
    if "从" in clause or "由" in clause:
        for m in _FROM.finditer(clause):
            fm = m
    if fm and not to_b and not _CLAUSE_MARK.search(clause, fm.end()) and _TO_AFTER.match(right):
        att.base = True
        full_left = text[s_open:mention.start]
        sy = _SPAN_YEARS.search(full_left)
        if fm.group("y"):
            att.period = int(fm.group("y"))
        elif sy:
            att.period = int(sy.group("a"))
        else:
            span = ctx.span if ctx.kind in (FYP_REVIEW, FYP) else None
            if span is None and _FIVE_YEARS.search(full_left):
                span = layout.review_span if ctx.kind in (REVIEW, FYP_REVIEW) else ctx.span
            if span:
                att.period = span[0] - 1
            elif att.period is not None:
                att.period = att.period - 1
    elif prev_in_clause and prev_in_clause[-1].base and list_cont:
        att.base, att.period = True, prev_in_clause[-1].period

    # indicator
    rp = _right_phrase(right)
    att.indicator = _indicator(text, clause_start, seg, clause, right, mention, unit, previous, prev_in_clause, rp,
                               s_open)
    att.indicator = _change_named(att.indicator, seg, att.measure, unit, is_rank)
    att.right_noun = bool(rp) and att.indicator == rp
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
    if same_sentence and (att.indicator in _NOT_NAMES or (is_rank and _STEP_NOUN.fullmatch(att.indicator))) \
            and (is_rank or same_sentence[-1].unit == unit):
        # 城镇新增就业超143万人、超额完成国家下达的110万人年度任务; 迈上14万亿元新台阶、连续36年居全国首位:
        # the goal or the step names nothing; the figure is of the amount just named
        att.indicator = same_sentence[-1].indicator
    cm = _CONTRIBUTED_SHARE.search(_SPACES.sub("", seg)) if att.measure == "share" and rp else None
    if cm and _OF_AFTER.match(right):
        att.of, att.indicator = cm.group(1), rp      # 贡献了全国38.7%的贸易增量: the scope is the whole
    elif att.measure == "share" and _OF_AFTER.match(right) and rp:
        # 93%的建制镇, 90%以上的矛盾纠纷化解在基层: the noun after is the whole; what is said of it
        # names the figure unless the clause has its own subject (美丽城镇建设覆盖全省93%的建制镇)
        vm = _VERB_END.search(rp)
        att.of = rp[:vm.start()] if vm and vm.start() >= 2 else rp      # 信访事项化解在基层 -> 信访事项
        own = _head(seg)
        if own in L.EMPTY_HEADS or len(own) < 2 or own.endswith(("和", "及", "与", "、")) or own == rp:
            tail = _OF_AFTER.sub("", right)
            att.indicator = _CLAUSE_SPLIT.split(tail, 1)[0].strip() or rp
        else:
            att.indicator = own
    if att.measure == "share" and not att.of and _BARE_SHARE_END.search(_SPACES.sub("", seg)):
        # 第一产业增加值占GDP比重为7.2%，第二产业增加值比重为37.2%: a bare 比重 after a share of a
        # named whole in the same sentence is a share of that whole
        named = [p for p in previous if p.measure == "share" and p.of and p.indicator != att.indicator
                 and len(att.indicator) >= 2 and p.indicator[-2:] == att.indicator[-2:]]     # siblings
        if named and named[-1].of != att.indicator and ("占" + named[-1].of) in text[s_open:mention.start]:
            att.of = named[-1].of
    if att.measure == "share" and not att.of:
        att.of = _share_whole(clause, prev_in_clause or previous, att.indicator)
    if att.measure == "share" and not att.of and _BARE_SHARE_END.search(_SPACES.sub("", seg)):
        att.of = _implied_whole(att.indicator)
    att.key = bool(att.indicator) and (bool(_KEY.search(att.indicator)) or any(
        len(t) >= 3 and (t in att.indicator or (len(att.indicator) >= 4 and att.indicator in t))
        for t in getattr(layout, "main_targets", ())))     # (投资 of 完成投资 is not 固定资产投资)
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


# ---- pieces ------------------------------------------------------------------------------------

_RATIO_LEFT = re.compile(r"(?:\d+(?:\.\d+)?\s*[∶:]\s*)+$")
_RATIO_RIGHT = re.compile(r"^(?:\s*[∶:]\s*\d+(?:\.\d+)?)+")


def _ratio_members(text: str, mention) -> int:
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


_CLAUSE_END_MARK = re.compile("[" + re.escape(_CLAUSE_END) + "]")
_SENTENCE_ENDS = "。！？\n"


class _Marks:
    """The clause marks of one unit of classification (a sentence, or a piece of a long one), found
    once for all its figures, and where the sentence holding the unit opens (the previous 。 or line
    start, found once per unit). Looking up a figure's clause start or sentence open is then a
    bisect, not a walk back over the sentence for every figure in it."""

    __slots__ = ("text", "start", "end", "clause", "ends", "open")

    def __init__(self, text: str, start: int, end: int, before: _Marks | None):
        self.text, self.start, self.end = text, start, end
        self.clause = [m.start() for m in _CLAUSE_END_MARK.finditer(text, start, end)]
        self.ends = [p for p in self.clause if text[p] in _SENTENCE_ENDS]
        # a unit mostly starts right after its sentence's end mark: a short walk back finds it
        i = start
        floor = start - 16 if start > 16 else 0
        while i > floor and text[i - 1] not in _SENTENCE_ENDS:
            i -= 1
        if i > floor or i == 0 or text[i - 1] in _SENTENCE_ENDS:
            self.open = i
        elif before is not None and before.text is text and before.start <= start:
            # a piece of a long sentence: units come left to right, only the stretch since the
            # last unit's start is new
            last = max(text.rfind(c, before.start, start) for c in _SENTENCE_ENDS)
            self.open = last + 1 if last >= 0 else before.open
        else:
            self.open = _walk_to_sentence_open(text, i)

    def locate(self, at: int) -> tuple[int, int]:
        """(clause start, sentence open) of a position in the unit: just after the last clause
        mark before it (not before the unit's start), and just after the last 。！？ or line break."""
        clause = self.clause
        i = bisect_left(clause, at) - 1
        ends = self.ends
        j = bisect_left(ends, at) - 1
        return (clause[i] + 1 if i >= 0 else self.start), (ends[j] + 1 if j >= 0 else self.open)


_last_marks: _Marks | None = None      # the unit classified last (pipeline calls come unit by unit)


def _unit_marks(text: str, start: int, end: int) -> _Marks:
    global _last_marks
    m = _last_marks
    if m is None or m.text is not text or m.start != start or m.end != end:
        m = _Marks(text, start, end, m)
        _last_marks = m
    return m


class _Left:
    """What a sentence says before a figure, read once for all its figures as they come left to
    right (a long list of figures would otherwise read the sentence again for each): where 预计 and
    今年以来 first occur after the sentence's open, and the 到YYYY年 read so far."""

    __slots__ = ("text", "open", "upto", "estimate", "since", "years", "year_ends")

    def __init__(self, text: str, s_open: int):
        self.text, self.open, self.upto = text, s_open, s_open    # text[open:upto] has been read
        self.estimate = self.since = -1                           # first 预计 / 今年以来, -1: none yet
        self.years: list[int] = []                                # 到YYYY年 read, and where each ends
        self.year_ends: list[int] = []

    def read_to(self, at: int) -> None:
        if at <= self.upto:
            return
        text, lo, s_open = self.text, self.upto, self.open
        # a word may straddle what was read before: look again from its length back
        if self.estimate < 0:
            self.estimate = text.find("预计", lo - 1 if lo - 1 > s_open else s_open, at)
        if self.since < 0:
            self.since = text.find("今年以来", lo - 3 if lo - 3 > s_open else s_open, at)
        # (a 到YYYY年 is 6 characters and never overlaps another)
        for m in _TO_YEAR.finditer(text, lo - 5 if lo - 5 > s_open else s_open, at):
            if m.end() > lo:
                self.years.append(int(m.group("y")))
                self.year_ends.append(m.end())
        self.upto = at

    @staticmethod
    def has(first: int, length: int, at: int) -> bool:
        return first >= 0 and first + length <= at

    def to_year(self, at: int) -> int | None:
        i = bisect_right(self.year_ends, at) - 1
        return self.years[i] if i >= 0 else None


_last_left: _Left | None = None


def _left_of(text: str, s_open: int, at: int) -> _Left:
    global _last_left
    left = _last_left
    if left is None or left.text is not text or left.open != s_open:
        left = _Left(text, s_open)
        _last_left = left
    left.read_to(at)
    return left


def _walk_to_sentence_open(text: str, at: int) -> int:
    """Back to the previous 。 (or line start): the scope of 预计 and 到YYYY年."""
    i = at
    while i > 0 and text[i - 1] not in _SENTENCE_ENDS:
        i -= 1
    return i


def _clause_start(text: str, floor: int, at: int) -> int:
    i = at
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def _clause_end(text: str, at: int) -> int:
    """The first clause mark at or after `at` (the text's end if none)."""
    m = _CLAUSE_END_MARK.search(text, at)
    return m.start() if m else len(text)


_SCOPE_END = re.compile(rf"({_SCOPE})$")
_RANK_OF_NOISE = re.compile(rf"(?:有望|将|可望|预计)?(?:上升|提升|跃升|前移|提高)?(?:{_RANK_VERB})?")
_SCOPE_RANKING = re.compile(rf"(?:在)?({_SCOPE})(?:的)?(?:排名|排位|位次)")
# what is left of a rank's phrase once its ranking words go: 总量在全国排名有望 -> 总量
_RANKING_WORDS = re.compile(rf"(?:(?:在)?(?:{_SCOPE})(?:的)?(?:排名|排位|位次)|排名|位次)(?:有望|将|可望)?[^，。；、]*$")
_NOT_NAMES = {"年度任务", "任务", "目标", "年度目标", "目标任务"}
_STEP_NOUN = re.compile(r"(?:新)?(?:台阶|大关|关口)")
_CONTRIBUTED_SHARE = re.compile(rf"贡献(?:了)?({_SCOPE})$")
_RANKED_AMONG = re.compile(r"在([^，。；、\d]{2,16}?)中(?:[^，。；]{0,6})$")     # 在中部六省中居第2位
_SHARE_WORD = re.compile(r"占|份额|比重|占比")
# 对经济增长的贡献率达60%, 覆盖全省93%: a share of what follows 对/覆盖
_CONTRIBUTION = re.compile(r"(?:对(?P<of>[^，。；、\d]{1,12}?)(?:的)?贡献(?:率)?|覆盖(?![率面])(?P<cov>[^，。；、\d]{0,16}?))(?:的)?(?:达到|达|超过|超|近|约|逾|为)*$")
_OF_NOUN_AFTER = re.compile(r"^(?:以上|左右|多)?的[\u4e00-\u9fff“]")
_SCOPE_SHARE_END = L.guarded(rf"(?:在|占|为)?({_SCOPE})(?:的)?(?:近|约|超过|超|逾)?$")


def _measure(seg: str, clause: str, right: str, unit: str, is_rank: bool, previous) -> tuple[str, int, str]:
    s = _SPACES.sub("", seg)
    if is_rank:
        m = None
        c = _SPACES.sub("", clause)
        for m in _RANK_OF.finditer(c):  # noqa: B007 (the last match is wanted)
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


_SUBTYPE_PREFIX = re.compile(L.SUBTYPE_PREFIX)


def _implied_whole(indicator: str) -> str:
    """The whole of a bare 占比 whose part names a subtype of it (lexicon.SUBTYPE_PREFIX)."""
    m = _SUBTYPE_PREFIX.match(indicator or "")
    if not m:
        return ""
    whole = indicator[m.end():]
    return L.TOTAL_NAME.get(whole, whole)


_WHOLE_OF_PART = re.compile(r"([^，。；、]{2,20}?)中[^，。；]*?(?:占比|比重|比例)")     # X中Y占比


def _share_whole(clause: str, previous, indicator: str = "") -> str:
    """The whole of a bare 占比: X in X中Y占比, or the amount just named when the part is of its kind
    (发电装机…，可再生能源装机占比; 实际使用外资…，其中制造业外资占比)."""
    m = _WHOLE_OF_PART.search(clause)
    if m:
        return _lead_clean(m.group(1))
    if previous:
        p = previous[-1].indicator
        if p and (("其中" in clause) or (len(p) >= 2 and indicator[-2:] == p[-2:])) and p != indicator:
            return p
    return ""


def _lead_clean(s: str) -> str:
    s = s.strip().strip("*").strip()
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s)
    return s


_LEAD_PUNCT = re.compile(r"^[、，（(]+")
_LEFT_AMOUNT = re.compile(r"^(.*?[^\d.])\d+(?:\.\d+)?(?:[万亿千百]?[元吨顷亩里米瓦度人户家个辆件套张次箱斤方]|千公顷|平方米|"
                          r"平方公里|千瓦时|立方米|人次|%|％)?$")
_SHARE_PHRASE_END = re.compile(r"(?:在[^，。；、\d]{2,12}?(?:的)?占比|占(?:[^，。；、\d]{0,20}?)(?:的)?(?:比重|比例|份额)?)$")
_SHARE_NOUN_END = re.compile(r"(?:占比|比重|比例|份额)$")


def _head(seg: str, keep_share: bool = False) -> str:
    """The noun phrase of a segment: without the linking verbs and qualifiers at its end; a share
    noun at its end (占比, 比重) stays when it is what a rank ranks (keep_share)."""
    s = _SPACES.sub("", seg).strip("*")
    s = _LEAD_PUNCT.sub("", s)
    # an amount the detector left out (面积312.4千公顷，比上年…): the noun ends before it
    nm = _LEFT_AMOUNT.match(s)
    if nm and len(nm.group(1)) >= 2:
        s = nm.group(1)
    prev = None
    while prev != s:
        prev = s
        s = _TAIL.sub("", s).rstrip("、")      # (4个万亿元台阶、达14.2万亿元: the 、 closes a list item)
        s = _RANK_PHRASE.sub("", s)      # a rank between an amount and its growth (5.53万亿元、稳居全国前十强、增长4.8%)
        s = _LEAD_PUNCT.sub("", s)
        sm = None if keep_share else _SHARE_PHRASE_END.search(s)
        if sm:
            s = s[:sm.start()]
        if not keep_share:
            s = _SHARE_NOUN_END.sub("", s) if len(s) > 3 and not s.endswith(("的比例", "的比重")) else s
    return _lead_clean(s)


_FRAME_AFTER = re.compile(r"^(?:以上|左右|多|余)?的(?:情况下|基础上|同时|目标|水平|规模|幅度)")
_ALT_UNIT = re.compile(r"^[（(][^）)]{0,8}[）)]")
_CHANGE_AFTER = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}?(?:至|到)|(?:整合|合并|调整|优化|压减|缩减|变)为)")
_WORD_START = re.compile(r"[\u4e00-\u9fff“A-Za-z]")
_QUOTED = re.compile(r"“[^”]{1,30}”")
_PARTICLE_END = re.compile(r"(?:的|了|等)$")


def _right_phrase(right: str, min_len: int = 2) -> str:
    r = right.lstrip()
    if _FRAME_AFTER.match(r):
        return ""
    r = _RIGHT_SKIP.sub("", r)
    r = _ALT_UNIT.sub("", r)      # an alternative unit in brackets: 7.4万套（间）
    if _CHANGE_AFTER.match(r):    # 由66户整合至…: a change, not a noun
        return ""
    if not r or not _WORD_START.match(r):
        return ""
    if r.startswith(L.RIGHT_VERB_START) or _VERB_START.match(r):
        return ""
    q = _QUOTED.match(r)        # a quoted name may hold digits: “15分钟生活圈”
    m = _RIGHT_STOP.search(r, q.end() if q else 0)
    phrase = r[:m.start()] if m else r[:20]
    phrase = _PARTICLE_END.sub("", phrase)
    return phrase if len(phrase) >= min_len else ""


_VERB_START = re.compile(
    r"(?:跃升|增加|增至|提高|提升|增长|下降|减少|降低|降至|缩小|扩大|实现|完成|入选|获|建成|开工|投入|落地|纳入|通过|进行|开展|"
    r"参与|参加|达到|覆盖|列入|成为|跻身|进入|签订|签约|受益|享受|保持|稳定|位居|居|列|排|占|是|为|被|将|已|均|共|累计|"
    r"分别|同比|比上年|较上年|以上|以下|以内|左右|上下|之间|之内|次之|提请|用于|投向|办好|带动|拉动|惠及|帮助|支持|"
    r"推动|推进|加快|新增|新建|发展|建设|改造|整治|打造|创建|获评|获批|荣获|连续|首次|再次|全部|全面|基本|有序|顺利|"
    r"成功|圆满|陆续|相继|先后|一次性|同步|开通|投用|运营|运行|上线|落户|签署|集聚|聚集|突破|超过|达|至|到|在|从|由|与|和|及)"
)
_VERB_END = re.compile(
    r"(?:出台|提供|培育|引育|引进|建设|新建|改建|建成|打造|组建|选送|实施|开展|推出|举办|办好|完成|启动|推动|带动|"
    r"惠及|帮助|支持|安排|新增|设立|创建|认定|评定|招引|吸引|培训|服务|形成|发布|制定|修订|办理|化解|受理|解决|治理|"
    r"改造|整治|开工|交付|筹集|发放|救助|资助|落实|部署|争取|遴选|评选|命名|签约|引导|带领|吸纳|转移|输出|接待|"
    r"承办|获得|获评|获批|入选|拥有|聚集|集聚|培养|招聘|招录|开设|开辟|开通|开行|新开|上线|建立|成立|布局|储备|"
    r"谋划|策划|排定|推进|加快推进|加快|用好|盘活|处置|清理|整合|保障|落地|投用|提升|提质|更新|配建|配置|配租|"
    r"引入|推广|创成|创设|培树|选树|表彰|奖励|补贴|发行|下达|投放|投入|到位|实现|达成|新认定|新培育|再|为)$"
)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LIST_JOIN = re.compile(r"\s*(?:以上|左右|多|余)?\s*[、和]\s*")
_LIST_NEXT = re.compile(r"\s*(?:以上|左右|多|余)?\s*[、和]\s*\d")
_DOING_OPEN = re.compile(r"^(?:新建|改建|扩建|改造|提升|建设|建成|新增|培育|引进|完成|实施|开展|整治|更新)+(?=..)")
_DIGIT = re.compile(r"\d")
_LIST_VALUE = re.compile(r"\d+(?:\.\d+)?|第[一二三四五六七八九十]+")
_LIST_OPEN_END = re.compile(r"(?:等|和|及)$")
_REACH_COVER_END = re.compile(rf"{L.REACH_COVER}(?:约|近|超过|超|逾)?$")
_REACH_COVER_TAIL = re.compile(rf"{L.REACH_COVER}(?:约|近|超过|超|逾)?\s*$")
_GENERIC_SUBJECT = re.compile(L.GENERIC_SUBJECT)
_QUALIFIER_LEAD = re.compile(r"^\s*(?:以上|左右|多|余)?")
_OF_WORD_AFTER = re.compile(r"^(?:以上|左右|多|余)?的")


def _indicator(text, clause_start, seg, clause, right, mention, unit, previous, prev_in_clause,
               right_phrase: str, s_open: int) -> str:
    # a 分别 list anywhere in the clause: the k-th item with the shared head
    clause_end = _clause_end(text, mention.end)
    fb = text.find("分别", clause_start, clause_end)
    if fb >= 0:
        fb -= clause_start
        fb_abs = clause_start + fb
        first_fig = prev_in_clause[0].start if prev_in_clause else mention.start
        lead = text[clause_start:min(fb_abs, first_fig)]
        if mention.start > fb_abs:
            k = sum(1 for p in prev_in_clause if p.start > fb_abs)
        else:
            k = len(prev_in_clause)
        items = _list_items(_head(lead))
        if len(items) < 2:
            items = _compound_items(_head(lead))
        if len(items) >= 2:
            return items[min(k, len(items) - 1)]
        if not _head(lead) and not any(p.start < fb_abs for p in prev_in_clause):
            # 分别 opens its clause: its values pair with the amounts just named
            # (投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%)
            n = len(_LIST_VALUE.findall(text, fb_abs, clause_end))
            # ranks pair with the growths just named too (分别增长6%、5.2%，分别居全国第二、第七)
            kinds = ("level", "growth", "share") if unit == "rank" or getattr(mention, "rank", False) else ("level",)
            amounts = [p for p in previous if p.start < clause_start and p.measure in kinds and p.indicator]
            if n >= 2 and len(amounts) >= n and len({p.indicator for p in amounts[-n:]}) == n:
                return amounts[-n:][min(k, n - 1)].indicator
    elif prev_in_clause or _LIST_NEXT.match(text, mention.end):
        # values listed right after a list of as many items, without 分别 (供热、燃气管网80公里、60公里)
        first = mention.start
        k = 0
        for p in reversed(prev_in_clause):
            if not _LIST_JOIN.fullmatch(text, p.end, first):
                break
            first, k = p.start, k + 1
        lead = text[clause_start:first]
        if (k == len(prev_in_clause) and lead and not lead[-1].isspace() and not lead.endswith("等")
                and ("、" in lead or "和" in lead)):
            n = len(_LIST_VALUE.findall(text, first, clause_end))
            items = _list_items(_DOING_OPEN.sub("", _head(lead)))
            if n >= 2 and len(items) == n:
                return items[k]
    unit_last = unit[-1:] if unit else ""
    after = right.lstrip()
    counted = (unit_last in _CLASSIFIERS or unit in ("", "万", "亿") or unit.endswith(("方面", "大类"))
               or _OF_WORD_AFTER.match(after) or _LIST_OPEN_END.search(seg.strip()))
    rp = right_phrase if counted else ""
    if rp and _REACH_COVER_END.search(_SPACES.sub("", seg)):
        subj = _head(_REACH_COVER_TAIL.sub("", seg))
        if len(subj) >= 2 and subj not in L.EMPTY_HEADS and not subj.endswith(("和", "及", "与", "、")):
            rp = subj          # the subject is what is counted, the noun after is its measure word
    if rp and _GENERIC_SUBJECT.fullmatch(rp):
        am = _AWARD.match(_QUALIFIER_LEAD.sub("", right)[len(rp):])
        if am and len(am.group("obj")) >= 2:
            rp = am.group("obj")
    head = _head(seg, keep_share=bool(getattr(mention, "rank", False)) or unit == "rank")
    p = prev_in_clause[-1] if prev_in_clause else None
    if p is not None and p.indicator == head and p.right_noun and not _SHARE_NOUN_END.search(head) \
            and unit != "rank":         # (创建5个国家先进制造业集群、居中部第1: the rank is of that count)
        head = ""               # (a ranked share of the things counted keeps its name: 30个县城…占比居全省第1位)               # the noun after the previous count belongs to it (15所高职院校21个专业群)
    if rp:
        return rp
    if (right_phrase and unit and not unit.endswith("%") and unit not in L.GROWTH_UNITS
            and unit not in L.PP_UNITS and _verbs_only(head)):
        # 提升改造150公里农村公路: the verb names no thing, the noun after does
        return right_phrase.rstrip("和及与“") or right_phrase
    if head in L.EMPTY_HEADS or len(head) < 2:
        for q in reversed(previous):
            if q.indicator and not q.right_noun:
                return q.indicator
        head2 = _head(clause)
        dm = _DIGIT.search(head2)
        if dm and dm.start() >= 2:
            head2 = _head(head2[:dm.start()])    # 地区生产总值连续迈上4个万亿元台阶、达…: the noun before the count
            if _verbs_only(head2):
                head2 = ""
        if head2 and head2 not in L.EMPTY_HEADS:
            return head2
        rp1 = _right_phrase(right, 1)
        if rp1:
            return rp1
        # the subject of the sentence: the first clause that names something
        subject = _sentence_subject(text, s_open, clause_start)
        if subject:
            return subject
        if previous:
            return previous[-1].indicator
        return head
    return head


def _verbs_only(head: str) -> bool:
    """True when the phrase is verbs of doing and nothing else (提升改造, 新建)."""
    if not head:
        return False
    prev = None
    while head and prev != head:
        prev = head
        m = _VERB_END.search(head)
        if m:
            head = head[:m.start()]
    return not head


# (text, sentence open, end of the clauses read, subject found or None): the clauses of a sentence
# already read for one figure are not read again for the next (a long list of figures asks each time)
_subject_memo: tuple | None = None


def _sentence_subject(text: str, s0: int, end: int) -> str:
    """The head of the first clause of text[s0:end] (split at ，；：) that names something; "" if none."""
    global _subject_memo
    memo = _subject_memo
    if memo is not None and memo[0] is text and memo[1] == s0 and memo[2] <= end:
        if memo[3] is not None:
            return memo[3]
        pos = memo[2]
    else:
        pos = s0
    for m in _SUBCLAUSE_SPLIT.finditer(text, pos, end):
        h = _head(text[pos:m.start()])
        pos = m.end()
        if len(h) >= 2 and h not in L.EMPTY_HEADS:
            _subject_memo = (text, s0, pos, h)
            return h
    _subject_memo = (text, s0, pos, None)
    h = _head(text[pos:end])          # the last clause, which the next figure may see longer
    return h if len(h) >= 2 and h not in L.EMPTY_HEADS else ""


_AWARD = re.compile(rf"^{L.AWARD_VERB}(?P<obj>[^，。；：,;:]{{2,30}}?)(?:称号|等)?(?=[，。；：,;:]|$)")


_CHANGE_VERB_END = re.compile(r"(?P<v>多增|少增|增加|减少|提高|降低|缩小|扩大|下降|增长|压减|节约)(?:了)?(?:约|近|超过|超|逾|达)?$")
_NEW_END = re.compile(r"(?P<v>新增|净增)(?:了)?(?:约|近|超过|超|逾|达)?$")


def _change_named(indicator: str, seg: str, measure: str, unit: str, is_rank: bool) -> str:
    """An absolute change of an amount keeps its verb in the indicator (比上年末减少12万人 ->
    常住人口减少); a count of additions after its stock is 新增 + the stock (全年新增6家 -> 新增上市公司)."""
    if not indicator or measure != "level" or is_rank or not unit or unit in L.GROWTH_UNITS or unit.endswith("%"):
        return indicator
    s = _SPACES.sub("", seg)
    m = _CHANGE_VERB_END.search(s)
    if m and not indicator.endswith(m.group("v")):
        return indicator + m.group("v")
    m = _NEW_END.search(s)
    if m and not indicator.startswith(m.group("v")):
        return m.group("v") + indicator
    return indicator


def _compound_items(phrase: str) -> list[str]:
    """一般公共预算收支 -> [一般公共预算收入, 一般公共预算支出] (lexicon.COMPOUND_PAIRS)."""
    for c, (a, b) in L.COMPOUND_PAIRS.items():
        if c in phrase:
            return [phrase.replace(c, a, 1), phrase.replace(c, b, 1)]
    return []


_COUNTED_TAIL = re.compile(r"^(.{2,}?)(起数|次数|人数|件数|死亡人数|受伤人数|直接经济损失|经济损失)$")
_SECTORS = re.compile(r"^(.*?)([一二三]{2,3})产(?:业)?(.+)$")
_MEASURE_NOUN_END = re.compile(r"[数率量额值入出资价积度]$")   # 投资额, 增长率: a measure, not an item
_HEAD_CLASS_END = re.compile(L.LIST_HEAD_CLASS + "$")


def _list_items(phrase: str) -> list[str]:
    """城镇和农村居民人均可支配收入 -> [城镇居民人均可支配收入, 农村居民人均可支配收入]."""
    if not phrase:
        return []
    if phrase.startswith("城乡") and not _LIST_SPLIT.search(phrase):
        rest = phrase[2:]
        return ["城镇" + rest, "农村" + rest]
    sm = _SECTORS.match(phrase)
    if sm:      # 一二三产增加值: the three sectors written as one word
        return [sm.group(1) + "第" + n + "产业" + sm.group(3) for n in sm.group(2)]
    parts = [p for p in _LIST_SPLIT.split(phrase) if p]
    if len(parts) < 2:
        return parts
    first, last = parts[0], parts[-1]
    head = ""
    for h in L.LIST_HEADS:
        # a suffix head: the items before it are parallel to the first item (城镇/农村 + 居民收入)
        if last.endswith(h) and len(last) > len(h) and not first.endswith(h) \
                and abs(len(last) - len(h) - len(first)) <= 3 and not _MEASURE_NOUN_END.search(first):
            head = h
            break
    if head:
        # a class noun before the head belongs to it (新能源、输变电装备产业产值 -> 产业产值)
        stem = last[:-len(head)]
        cm = _HEAD_CLASS_END.search(stem)
        if cm and len(stem) > len(cm.group(0)) and not first.endswith(cm.group(0)):
            head = cm.group(0) + head
    fm = None if head else _COUNTED_TAIL.match(first)
    if fm and all(len(p) <= 6 and _COUNTED_TAIL.match("xx" + p) and not p.startswith(fm.group(1)) for p in parts[1:]):
        # 生产安全事故起数、死亡人数分别下降: the later items are measures of the first item's subject
        return [first] + [fm.group(1) + p for p in parts[1:]]
    short = min(len(x) for x in parts[:-1])      # the middle items are bare (老旧供水、燃气、排水管网)
    if not head and short <= 3 and len(last) > short + 1:
        head = last[short:]
    return [p if (not head or p.endswith(head)) else _join_head(p, head) for p in parts]


def _join_head(item: str, head: str) -> str:
    """城镇居民 + 居民人均可支配收入 -> 城镇居民人均可支配收入: the words they share are written once."""
    for k in range(min(len(item), len(head) - 1), 0, -1):
        if item.endswith(head[:k]):
            return item + head[k:]
    return item + head

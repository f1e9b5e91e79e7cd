"""Indicator rules: the last word on a figure's indicator once the phrase before it was read
(indicator.indicator_of). Each rule looks at that phrase and the figures of the sentence before;
the first that applies gives the indicator, none: the phrase read stays. classify() builds the
IndicatorInput. They serve the report forms where the phrase read names no thing: a period label
before a growth (二季度增长4.7%), a comparison (比上年计划高0.2个百分点), a rank verb and its field
(稳居沿海省份首位), an item of a list written as the state it counts (持平的为4个)."""
from __future__ import annotations

import re

from .. import lexicon as L
from ..mention_context import base_unit
from ..numbers import MEASURE_UNITS
from ..phrases import SPACES, noun_after, noun_head, strip_lead, verbs_only
from .base import Rule, RuleSet
from .measure import GROWTH_TARGET_AFTER

# a period of the year that labels a figure in a list of periods (一季度…，二季度增长4.7%)
_PERIOD_LABEL = r"(?:第?[一二三四1-4]季度|上半年|下半年|前三季度|[1-9一二三四五六七八九十]{1,2}月份?|1[-—－~至到]\d{1,2}月(?:份)?)"
_PERIOD_ONLY = re.compile(_PERIOD_LABEL)
_PERIOD_LAST = "度年月份"      # what every _PERIOD_LABEL ends with (most indicators end otherwise)
_PERIOD_LED = re.compile(rf"{_PERIOD_LABEL}(?P<rest>.{{2,}})")


class IndicatorInput:
    """The phrase read (att.indicator), the words before the figure since the previous one (seg),
    its clause before it, the sentence after it, and the figures of the sentence before it."""

    __slots__ = ("text", "mention", "seg", "clause", "right", "unit", "is_rank", "att", "before")

    def __init__(self, text, mention, seg, clause, right, unit, is_rank, att, before):
        self.text, self.mention, self.seg, self.clause, self.right = text, mention, seg, clause, right
        self.unit, self.is_rank, self.att, self.before = unit, is_rank, att, before


def _period_label_carries_the_head(c):
    """二季度增长4.7% after 一季度国内生产总值增长5.3%: the label names when, the first item names what."""
    if c.att.indicator[-1:] not in _PERIOD_LAST or not _PERIOD_ONLY.fullmatch(c.att.indicator):
        return None
    for p in reversed(c.before):
        m = _PERIOD_LED.fullmatch(p.indicator)
        if m and not _PERIOD_ONLY.fullmatch(m.group("rest")):
            return m.group("rest")
    return None


# the state a count of things is in (上涨的城市个数为23个，持平的为4个，下降的为43个)
_STATE = r"(?:持平|上涨|下跌|下降|上升|增长|减少|增加|提高|降低|回落|不变|平稳)"
_STATE_ITEM = re.compile(rf"^[，；、,;]?(?P<w>{_STATE})的(?:为|有|是|共|达)?$")
_STATE_IN = re.compile(rf"{_STATE}(?=的)")


def _state_item_of_the_list(c):
    """持平的为4个 after 环比上涨的城市个数为23个: the count of the first item, of things in this state."""
    m = _STATE_ITEM.match(SPACES.sub("", c.seg)) if "的" in c.seg else None     # (the pattern holds 的)
    if not m:
        return None
    for p in reversed(c.before):
        states = list(_STATE_IN.finditer(p.indicator))
        if states and len(p.indicator) > states[-1].end() + 2:
            last = states[-1]
            return p.indicator[:last.start()] + m.group("w") + p.indicator[last.end():]
    return None


# a comparison left at the end of the phrase (比去年预算高, 较上年计划低, 比上年贬值): it says against
# what the figure is measured, not what is measured
_COMPARED = re.compile(r"(?<![占之对])(?:比|较)[^，。；、\d比较]{1,8}?(?:高|低|多|少|快|慢|贬值|升值)$")


def _nearest_named(c):
    for p in reversed(c.before):
        if p.measure != "rank" and not _COMPARED.search(p.indicator):
            return p.indicator
    return None


def _comparison_names_nothing(c):
    """赤字率为3%，比上年计划高0.2个百分点: the gap is of the figure just named."""
    ind = c.att.indicator
    m = _COMPARED.search(ind) if "比" in ind or "较" in ind else None      # (the pattern holds 比 or 较)
    if not m:
        return None
    own = c.att.indicator[:m.start()]
    return own if len(own) >= 2 else _nearest_named(c)


# a comparison and then a verb of absolute change, nothing before them (较“十三五”末净增1万亿元)
_COMPARED_CHANGE = re.compile(r"^(?:较|比|与)[^，。；、\d比较]{1,12}?(?:同期|末|末期|时期|上年|去年|年初|年末|\d{4}年)"
                              r"(?:相比)?(?P<v>净增|净减|增加|减少|多增|少增)$")


def _compared_change_of_the_amount_before(c):
    """地区生产总值跨过3万亿元、年均增长5.2％，较“十三五”末净增1万亿元: the change is of the thing just
    named, its verb kept (an absolute change of an amount keeps its verb: 地区生产总值净增)."""
    m = _COMPARED_CHANGE.match(c.att.indicator) if c.att.indicator[:1] in "较比与" else None
    if not m or not c.before:
        return None
    own = _nearest_named(c)
    return own + m.group("v") if own and len(own) >= 2 and not own.endswith(m.group("v")) else None


# the base of a comparison and nothing else (较3年前, 比2020年, 较上年同期): when the figure is measured
# against, not what is measured
_COMPARED_BASE = re.compile(r"^(?:较|比|与)(?:[\d一二三四五六七八九十两]{1,2}年前|(?:19|20)\d\d年(?:末|底)?"
                            r"|[^，。；、\d比较]{0,8}?(?:同期|末|末期|上年|去年|年初|年末))(?:相比)?$")


def _comparison_base_names_nothing(c):
    """澳资企业超6600户、较3年前增长44%: the growth is of the thing just named."""
    m = _COMPARED_BASE.match(c.att.indicator) if c.att.indicator[:1] in "较比与" else None
    return _nearest_named(c) if m and c.before else None


_RANK_VERB_END = re.compile(rf"(?:{L.RANK_VERB})$")


def _rank_verb_and_field_name_nothing(c):
    """实际使用外资1383亿美元、稳居沿海省份首位: the verb and the field of a rank name no thing; what
    stands before them does, or the amount just named."""
    of, ind = c.att.of, c.att.indicator
    if not c.is_rank or not of or not ind.endswith(of):
        return None
    own = ind[:-len(of)].rstrip("的")
    vm = _RANK_VERB_END.search(own)
    if not vm:
        return None
    own = own[:vm.start()].rstrip("、，")
    if len(own) >= 2 and own in L.EMPTY_HEADS:
        # 8个项目入围…，数量列东北地区首位: a bare 数量 (规模, 增速) is of the figure of the clause just before;
        # with a clause between that holds no figure (…入选国家级先进制造业集群，数量居…) it is of what that names
        last = c.before[-1] if c.before else None
        gap = c.text[last.end:c.mention.start - len(c.clause)].rstrip("，；,; ") if last else "，"
        return _nearest_named(c) if not _CLAUSE_MARK.search(gap) else own
    return own if len(own) >= 2 else _nearest_named(c)


_CLAUSE_MARK = re.compile(r"[，；：,;:。]")


_OF_AFTER = re.compile(r"^\s*(?:以上|左右|多|余)?的")
_FIRST_OF_KIND = re.compile(r"成为|首个|唯一|第一个")


def _amount_named_before_de(c):
    """总投资超过80亿元的某某基地, 全长300公里的某某公路: an amount (money, length, area) with its own noun
    before it describes the thing after 的; its noun, not the thing, names the figure (a verb
    alone before it names nothing: 设立50亿元的基金 is of the fund)."""
    if not c.att.right_noun or not _OF_AFTER.match(c.right) or base_unit(c.unit) not in MEASURE_UNITS:
        return None
    own = noun_head(c.seg).split("、")[-1]          # (电源规模最大、总投资2000亿元的: the last description)
    first = list(_FIRST_OF_KIND.finditer(own))
    if first:
        own = own[first[-1].end():]                 # 成为西部首个产值超过2000亿元的园区: 产值
    if len(own) < 2 or own in L.EMPTY_HEADS or verbs_only(own) or own.endswith("规模"):
        return None                                 # (总规模500亿元的母基金: the size of the fund, named by it)
    return own


# a clause of giving before 的 (国家下达的, 中央安排的): who gave the money, not what it is
_GIVEN_BEFORE_DE = re.compile(r"(?:下达|安排|拨付|下拨|分配|争取到?)的$")


def _money_given_by_the_clause_before(c):
    """用好国家下达的90亿元消费品以旧换新资金: an amount of money after a clause of giving and 的 is named by
    the noun after it (the clause before names the giver; 中央安排的50亿元补助资金 → 补助资金)."""
    if not c.unit.endswith("元") or not _GIVEN_BEFORE_DE.search(SPACES.sub("", c.seg)):
        return None
    noun = noun_after(c.right)
    return noun if len(noun) >= 2 else None


# 2023年、2024年某某金额分别为…: the items of the list are years, what follows them is the name
YEARS_LIST = re.compile(r"(?P<years>\d{4}年(?:[、和及]\d{4}年)+)(?P<name>[^，。；、\d]{2,30}?)分别")


def _years_as_list_items(c):
    """2022年、2023年出口额分别为5亿元、6亿元: each value is of the name after the years (the period
    rules give each its year)."""
    m = YEARS_LIST.search(c.clause) if "分别" in c.clause else None
    if not m:
        return None
    name = noun_head(m.group("name"))
    return name if len(name) >= 2 and name != c.att.indicator else None


# 专项基金、新增用地支持民间投资项目比重分别为…: what is spent (the whole) before the verb, what it goes to after it
_ALLOCATED = re.compile(r"^(?P<res>[^，；：\d]{2,40}?)(?P<obj>(?:支持|用于|投向)[^，；：、\d]{2,20}?)(?:的)?(?:比重|占比|比例)"
                        r"(?P<tail>[^，；：]*)$")
_VALUE = re.compile(r"\d+(?:\.\d+)?")


def _allocated_share_of_a_resource(c):
    """财政资金用于民生比重75%: a bare share of what a resource goes to is a share of the resource;
    in a 分别 list each item is the whole of its value (A、B支持X比重分别为…: of A, of B)."""
    if c.att.measure != "share":
        return None
    m = _ALLOCATED.match(SPACES.sub("", c.clause))
    if not m:
        return None
    res, tail = strip_lead(m.group("res")), m.group("tail")
    if len(res) < 2 or (c.att.of and c.att.of not in res.split("、")):     # (a later item took the first one's whole)
        return None
    if "分别" in tail:
        items = res.split("、")
        k = len(_VALUE.findall(tail.split("分别", 1)[1]))
        if len(items) < 2 or k >= len(items):
            return None
        res = items[k]
    return m.group("obj"), res


# 新签约项目30个、新开工20个: a list item that is only a flow verb counts the same things as the item before
_FLOW_VERB = r"(?:新[\u4e00-\u9fff]{2}|开工|竣工|投产|建成|签约|落地)"
_FLOW_ITEM = re.compile(rf"^[、，,]?(?P<v>{_FLOW_VERB})(?:不少于|超过|超|达到|达|约|近|逾)?$")
_FLOW_NAMED = re.compile(rf"^(?P<v>{_FLOW_VERB})(?P<n>[\u4e00-\u9fff“”]{{2,}})$")


def _flow_verb_item_counts_the_same_things(c):
    """新签约项目30个、新开工20个: the second item names only its verb; the things are the first item's."""
    m = _FLOW_ITEM.match(SPACES.sub("", c.seg)) if c.before else None
    if not m:
        return None
    p = _FLOW_NAMED.match(c.before[-1].indicator or "")
    if not p or p.group("v") == m.group("v") or base_unit(c.unit) != base_unit(c.before[-1].unit) \
            or verbs_only(p.group("n")):        # (新能源开工…、投产…: 新能源 is the thing, 开工 the verb)
        return None
    return m.group("v") + p.group("n")


# measure words too general to name a thing by (个, 项, 次): a noun ending in them is any noun
_GENERAL_WORDS = set("个项件次人名家户处批种类元米吨亩度方套")


def _measure_word_names_the_thing(c):
    """深化中欧班列改革，全年开行3000列: a verb names no thing; the noun of the sentence that ends in the
    count's measure word (班列 for 列) does."""
    ind, unit = c.att.indicator, c.unit
    if not ind or not unit or len(unit) > 2 or unit[-1] in _GENERAL_WORDS or not verbs_only(ind):
        return None
    s0 = max(c.text.rfind("。", 0, c.mention.start), c.text.rfind("\n", 0, c.mention.start)) + 1
    found = re.findall(rf"[\u4e00-\u9fff]{{1,3}}{re.escape(unit[-1])}", c.text[s0:c.mention.start - len(c.seg)])
    if not found:
        return None
    name = strip_lead(max(found, key=found.count))     # the noun named most, the first of equals (not 创新班列: a verb's object)
    if len(name) < 2 or verbs_only(name) or name[0] in "万亿千百十":     # (24.5万方: a scale, not a noun)
        return None
    return name


def _goal_named_after(c):
    """确定4.5%左右的增长目标: a rate that only a verb names before it is named by the goal after it."""
    m = GROWTH_TARGET_AFTER.match(c.right) if "目标" in c.right else None     # (every match holds 目标)
    ind = c.att.indicator
    if not m or not (len(ind) <= 2 or ind in L.EMPTY_HEADS or verbs_only(ind)):
        return None
    return m.group("goal")


INDICATOR_RULES = RuleSet("indicator", "what names a figure when the phrase read names nothing of its own: the first rule that applies gives it", [
    Rule("period-label-carries-the-head", _period_label_carries_the_head,
         "a period label (二季度, 上半年) is no indicator: the head of the first item of the list of periods",
         positive=("一季度出口额增长3%，二季度增长4%。",), negative=("二季度增长4%，三季度增长5%。",)),
    Rule("state-item-of-the-list", _state_item_of_the_list,
         "持平的为N after X上涨的Y为M: the first item's name with this item's state (X持平的Y)",
         positive=("全省价格上涨的商品种数为12种，持平的为3种，下降的为5种。",),
         negative=("全省价格上涨的商品种数为12种，其他的为3种。",)),
    Rule("comparison-names-nothing", _comparison_names_nothing,
         "a comparison (比上年计划高, 较上年贬值) is no indicator: what stands before it, or the figure just named",
         positive=("赤字率为3%，比上年计划高0.2个百分点。", "赤字率比上年计划低0.2个百分点。"),
         negative=("赤字率为3%，比上年提高0.2个百分点。",)),
    Rule("compared-change-of-the-amount-before", _compared_change_of_the_amount_before,
         "a comparison then a change verb (较“十三五”末净增1万亿元) names nothing: the thing just named, with the verb",
         positive=("地区生产总值年均增长5.2%，较“十三五”末净增1万亿元。",),
         negative=("较“十三五”末净增1万亿元。",)),
    Rule("comparison-base-names-nothing", _comparison_base_names_nothing,
         "the base of a comparison alone (较3年前, 比2020年) is no indicator: the figure just named",
         positive=("澳资企业超6600户、较3年前增长44%。",), negative=("较3年前增长44%。",)),
    Rule("rank-verb-and-field-name-nothing", _rank_verb_and_field_name_nothing,
         "a rank's verb and field (稳居沿海省份) are no indicator: what stands before them, or the amount just named",
         positive=("港口吞吐量5亿吨、稳居沿海港口首位。", "港口吞吐量稳居沿海港口首位。"),
         negative=("港口吞吐量居全国首位。",)),
    Rule("amount-named-before-de", _amount_named_before_de,
         "an amount with its own noun before it and 的+thing after (总投资超过80亿元的基地): that noun names it",
         positive=("总投资超过80亿元的某某光伏基地开工建设。", "全长300公里的某某公路建成通车。",
                   "某某园区成为首个产值超过900亿元的化工园区。"),
         negative=("设立50亿元的产业基金。", "设立总规模50亿元的产业基金。")),
    Rule("money-given-by-the-clause-before", _money_given_by_the_clause_before,
         "an amount of money after a clause of giving and 的 (国家下达的90亿元…资金): the noun after it names it",
         positive=("用好国家下达的90亿元消费品以旧换新资金。", "用好中央安排的50亿元补助资金。"),
         negative=("用好国家下达的资金90亿元。", "国家下达的90亿元。")),
    Rule("years-as-list-items", _years_as_list_items,
         "2022年、2023年X分别为A、B: the years are the list's items, X names every value",
         positive=("2022年、2023年出口额分别为5亿元、6亿元。",), negative=("出口额、进口额分别为5亿元、6亿元。",)),
    Rule("flow-verb-item-counts-the-same-things", _flow_verb_item_counts_the_same_things,
         "a list item that is only a flow verb (新开工20个 after 新签约项目30个): its verb with the first item's things",
         positive=("新落成场馆6座、新开放4座。", "开工厂房12栋、竣工8栋。"),
         negative=("新落成场馆6座、新开放4公里。", "新落成场馆6座、其他4座。", "新能源开工600万千瓦、投产400万千瓦。")),
    Rule("measure-word-names-the-thing", _measure_word_names_the_thing,
         "a verb alone before a count (开行3000列) names no thing: the noun of the sentence ending in its measure word does",
         positive=("推进城际班列提质扩容，全年开行500列。",), negative=("全年开行500列。", "推进城际班列提质扩容，全年新增500个。")),
    Rule("goal-named-after", _goal_named_after,
         "a rate named before it by a verb alone (确定4.5%左右的增长目标): the growth target after it names it",
         positive=("确定4.5%左右的增长目标。",), negative=("地区生产总值增长4.5%左右的增长目标。",)),
    Rule("allocated-share-of-a-resource", _allocated_share_of_a_resource,
         "a bare share of what a resource goes to (资金用于X比重): of the resource, named by the verb and X; "
         "in a 分别 list each resource is the whole of its value",
         positive=("财政资金用于民生比重达到75%。", "国有资本、社会资本投向科创企业比重分别为40%、30%。"),
         negative=("民生支出占财政支出比重达到75%。", "用于民生的支出比重达到75%。")),
])

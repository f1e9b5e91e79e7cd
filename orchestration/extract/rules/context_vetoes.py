"""Vetoes from the words around a number with its unit: what the unit begins, what follows it, and
phrases in which an amount names a thing or a category instead of stating a figure.

Stages: `arabic`/`chinese`, last (the unit itself begins a noun: 万人口, 户籍), then `context` (tried in this order
once the span's end is known; `context-cn` for a Chinese numeral, which also meets named-formula)."""
from __future__ import annotations

import re

from .. import lexicon as L
from ..mention_context import base_unit, is_threshold, noun_follows, own_points
from ..numbers import LABEL_NOUN, MEASURE_UNITS
from ..vocabulary import words
from .base import Rule

# Fixed political formulas that hold a number (data/named_numbers.txt): they count nothing.
NAMED_NUMBERS = words("named_numbers.txt")
NAMED_NUMBER = re.compile("|".join(NAMED_NUMBERS))
# a record or a spec before the number (全球最高10米液压支架, 时速350公里)
SUPERLATIVE = re.compile(r"(?:最[高大长深快重宽小多]|时速|设计速度|载重)[ \t]?$")
# a threshold verb right before the number (超500亿元), and before an amount followed by 的
CROSSED = re.compile(r"(?:超过|超|过)[ \t]?$")
CROSSED_BEFORE_DE = re.compile(r"(?:超过|超|过|突破)[ \t]?$")
# the clause goes on to count what the amount names (…的县域增至12个)
COUNT_LATER = re.compile(r"[^，。；：]*?(?:\d|[两三四五六七八九十百]+[个家项所座])")
# or counted it just before (82个预增产值过10亿元的重大增长点: the count is of the things past the threshold)
COUNT_BEFORE = re.compile(r"\d+(?:\.\d+)?[个家项所座条][^，。；：\d]{1,12}?(?:超过|超|过|突破)[ \t]?$")
# what an amount is said to reach, after 的: a statement of the amount, not a category
# what an amount crossed is spent on or drives (超400亿元用于工业发展): a statement of the amount, not a category
SPENT_AFTER = re.compile(r"用于|投向|投入|撬动|带动|拉动")
MONEY_AFTER = re.compile(L.MONEY_NOUN)       # (超10亿元补贴直达消费者: the money itself, no category)
STATEMENT_NOUN = re.compile(r"目标|历史|新高|纪录|水平|规模|大关|台阶|关口|成绩|佳绩|好成绩|突破|跨越|增长|任务")


def _unit_begins_noun(c) -> bool:
    # (an Arabic number with a scale keeps the scale alone: 242万偏远农村居民)
    return bool(c.unit) and noun_follows(c.unit, c.text[c.e:c.e + 2]) and (c.is_cn or not c.scale)


def _months_or_quarters(c) -> bool:
    # (榨季, 赛季: a sugar-pressing or sports season is a span of time too: 连续33个榨季)
    return c.unit == "个" and (c.text[c.e:c.e + 1] == "月" or c.text.startswith(("季度", "榨季", "赛季"), c.e))


def _meeting_session(c) -> bool:
    return c.unit == "次" and (c.text[c.e:c.e + 1] in ("会", "全") or c.prev == "届")


def _countdown(c) -> bool:
    return c.unit == "天" and "倒计时" in c.text[max(c.lo, c.s - 5):c.s]


def _anniversary(c) -> bool:
    return c.text[c.e:c.e + 2] == "周年" or c.text[c.e:c.e + 1] == "周" and not c.unit


def _defines_what_is_counted(c) -> bool:
    return is_threshold(c.text, c.e, c.hi, c.scale + c.unit)


def _report_counts_its_points(c) -> bool:
    return own_points(c.text, c.s, c.e, c.unit)


def _named_formula(c) -> bool:
    return c.is_cn and NAMED_NUMBER.match(c.text, c.s) is not None


def _institute_number(c) -> bool:
    return c.unit == "所" and c.text[c.e:c.e + 1].isascii() and c.text[c.e:c.e + 1].isalnum()


def _names_a_survey(c) -> bool:
    return c.unit == "%" and c.text.startswith(("人口抽样", "抽样"), c.e)


# 超百亿县, 过千亿市: a scale word glued to a place, after a threshold verb, is the amount the place passes (its
# output left unwritten), not a count of places in hundreds of millions
_PLACE_UNITS = frozenset({"县", "市", "区", "镇", "乡", "村"})


def _category_by_amount(c) -> bool:
    text, e, at, lo = c.text, c.e, c.at, c.lo
    if c.scale[-1:] in ("万", "亿") and c.unit in _PLACE_UNITS:
        return CROSSED.search(text, max(lo, at - 2), at) is not None
    if base_unit(c.scale + c.unit) not in MEASURE_UNITS:
        return False
    if CROSSED.search(text, max(lo, at - 2), at) and LABEL_NOUN.match(text, e) and not SPENT_AFTER.match(text, e) \
            and not (c.unit.endswith("元") and MONEY_AFTER.match(text, e)):
        return True
    return (text.startswith("的", e) and LABEL_NOUN.match(text, e + 1) is not None
            and not STATEMENT_NOUN.match(text, e + 1)
            and CROSSED_BEFORE_DE.search(text, max(lo, at - 2), at) is not None
            and (COUNT_LATER.match(text, e, min(c.hi, e + 30)) is not None
                 or COUNT_BEFORE.search(text, max(lo, at - 24), at) is not None))


# a count, or an ordinal that counts one (全市首个1类创新药, 第2个): the class label names its kind
_COUNT_JUST_BEFORE = re.compile(r"(?:\d+|首|第[\d一二三四五六七八九十]+)(?:个|项|种|款|家|批)$")


def _class_after_a_count(c) -> bool:
    return c.unit == "类" and _COUNT_JUST_BEFORE.search(c.text, max(c.lo, c.s - 6), c.s) is not None


def _spec_of_a_thing(c) -> bool:
    nxt = c.text[c.e:c.e + 1]
    if not "\u4e00" <= nxt <= "\u9fff" or nxt in "，。；、的以左":
        return False
    before = c.text[max(c.lo, c.s - 5):c.s]
    # (each word of SUPERLATIVE holds 最, 速 or 载: most numbers have none of them before)
    return ("最" in before or "速" in before or "载" in before) and SUPERLATIVE.search(before) is not None


# 95%以上的村集体经营性收入超过10万元: the amount a share's part passes says which part it is (the share is the
# figure); the clause opens with the percentage, so the amount right after its verb is no figure of its own
_PART_PASSES = re.compile(r"(?:^|[，。；：、])[^，。；：、\d]{0,6}?\d+(?:\.\d+)?[%％](?:以上|以下|左右)?的[^，。；：、\d%％]{1,16}?"
                          r"(?:超过|超|高于|不低于|达到|达)[ \t]?$")


def _part_a_share_passes(c) -> bool:
    before = c.text[max(c.lo, c.at - 30):c.at]
    return ("%" in before or "％" in before) and _PART_PASSES.search(before) is not None


def _base_of_an_exchange_rate(c) -> bool:
    # 1欧元兑7.8元人民币: the unit of one currency that the rate is quoted for, not an amount
    return bool(c.unit) and c.text.startswith("兑", c.e)


RULES = [
    Rule("unit-begins-noun", _unit_begins_noun,
         "no figure: the measure word begins a noun (万人口, 户籍, 名单, 两位数)",
         positive=("常住人口增加3户籍人口", "公布两位数名单"), negative=("新增3户",),
         stages=("arabic", "chinese")),
    Rule("months-or-quarters", _months_or_quarters, "no figure: a time span (3个月, 16个季度, 33个榨季)",
         positive=("连续16个季度增长", "连续33个榨季排全国第一"), negative=("建成3个园区",), stages=("context", "context-cn"), units=frozenset({"个"})),
    Rule("meeting-session", _meeting_session, "no figure: a meeting's session (十四届三次大会; 次会, 次全会 are caught as nouns)",
         positive=("召开十四届三次大会",), negative=("召开三次大会",), stages=("context", "context-cn"), units=frozenset({"次"})),
    Rule("countdown", _countdown, "no figure: a countdown (倒计时100天)",
         positive=("进入倒计时100天",), negative=("用时100天",), stages=("context", "context-cn"), units=frozenset({"天"})),
    Rule("anniversary", _anniversary, "no figure: an anniversary (建党100周年)",
         positive=("迎来建校100个周年",), negative=("迎来100个周末",), stages=("context", "context-cn")),
    Rule("defines-what-is-counted", _defines_what_is_counted,
         "no figure: a threshold that defines a category (10亿元以上重大项目, 30万吨级, 60岁以上老人)",
         positive=("新开工10亿元以上重大项目", "建成30万吨级码头"), negative=("投资10亿元以上，",),
         stages=("context", "context-cn")),
    Rule("report-counts-its-points", _report_counts_its_points,
         "no figure: the report counting its own sections (重点做好十个方面工作：)",
         positive=("重点做好以下5个方面工作：",), negative=("办好5个方面民生实事",), stages=("context", "context-cn")),
    Rule("named-formula", _named_formula, "no figure: a fixed political formula (八项规定, 两个确立)",
         positive=("落实中央八项规定精神",), negative=("出台八项措施",), stages=("context-cn",)),
    Rule("institute-number", _institute_number,
         "no figure: an institute's number followed by its product (608所AES100)",
         positive=("株洲608所AES100发动机",), negative=("建成608所学校",), stages=("context", "context-cn"), units=frozenset({"所"})),
    Rule("names-a-survey", _names_a_survey, "no figure: 1%人口抽样 names a survey",
         positive=("全国1%人口抽样调查",), negative=("人口增长1%",), stages=("context", "context-cn"), units=frozenset({"%"})),
    Rule("category-by-amount", _category_by_amount,
         "no figure: an amount crossed names a category (营收超百亿元企业, 经济总量超500亿元的县域增至12个, 超百亿县)",
         positive=("过10万亿元省份", "经济总量超500亿元的县域增至12个", "地区生产总值超百亿县增至35个",
                   "82个预增产值过10亿元的重大增长点"),
         negative=("总投资超500亿元的某基地", "投资超500亿元", "统筹资金超400亿元用于工业发展", "超10亿元补贴直达消费者"),
         stages=("context", "context-cn")),
    Rule("class-after-a-count", _class_after_a_count,
         "no figure: a class label right after a count or an ordinal names the kind counted (2个1类创新药, 首个1类创新药)",
         positive=("2个1类创新药获批上市", "全市首个1类创新药获批上市"), negative=("出台3类专项政策",), stages=("context",),
         units=frozenset({"类"})),
    Rule("spec-of-a-thing", _spec_of_a_thing,
         "no figure: a record or spec describes a thing (全球最高10米液压支架, 时速350公里高铁)",
         positive=("研制全球最高10米液压支架",), negative=("新建高铁10公里",), stages=("context", "context-cn")),
    Rule("part-a-share-passes", _part_a_share_passes,
         "no figure: the amount the part of a share passes (95%以上的村集体经营性收入超过10万元)",
         positive=("全区，95%以上的村集体经营性收入超过10万元",), negative=("村集体经营性收入超过10万元",
                                                              "全区，95%以上的村集体经营性收入增长10万元"),
         stages=("context",)),
    Rule("base-of-an-exchange-rate", _base_of_an_exchange_rate,
         "no figure: the currency unit an exchange rate is quoted for (100日元兑5元)",
         positive=("平均汇率为100日元兑5.1元人民币",), negative=("兑付资金100亿元",), stages=("context", "context-cn")),
]

"""The vocabulary and patterns of a value expression: measure words, scale words, Chinese and
Arabic numerals, and the regexes that find a number with its unit (used by mentions.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import cn2an

from .vocabulary import rows, words


# --------------------------------------------------------------------------- vocabulary

_MEASURE_WORDS = rows("measure_words.csv")
# Measure words that may follow a number (data/measure_words.csv). Longer alternatives first.
UNITS = sorted((r["word"] for r in _MEASURE_WORDS), key=len, reverse=True)
# Denominators of a per-unit (万元/人, 微克/立方米, 人/百亿元, 分/千瓦时, 百亿亿次/秒).
DENOMS = "|".join(words("per_unit_denominators.txt"))
# Units that only exist with a slash (the part before / is not a unit on its own).
SLASH_HEADS = "|".join(words("slash_only_units.txt"))
# ... or with the denominator written first: 每立方米19微克 → 微克/立方米, 每千瓦时降低2.5分 → 分/千瓦时
PER_FIRST = re.compile(rf"每(?P<d>[十百千万亿]*(?:{DENOMS}))[^\d，。；、]{{0,4}}$")
SLASH_HEAD = re.compile(r"微克|毫克|分(?![之别钟期批类级])")

# Units a count may have after a Chinese numeral; others (米, 克…) are too often words.
CN_UNITS = {r["word"] for r in _MEASURE_WORDS if r["after_chinese_numeral"] == "1"}
# A measure word followed by one of these characters begins a noun, not a unit (人口, 户籍, 名单).
NOUN_AFTER = {r["measure_char"]: r["noun_starts"] for r in rows("noun_after_measure_word.csv")}
# Units of an amount; such a figure followed by 以上/以下 and a noun defines a category.
MEASURE_UNITS = {r["word"] for r in _MEASURE_WORDS if r["amount"] == "1"}


def _qualifiers(side: str, qualifier: str) -> tuple[str, ...]:
    return tuple(r["word"] for r in rows("qualifier_words.csv") if r["side"] == side and r["qualifier"] == qualifier)


GE_BEFORE, LE_BEFORE, APPROX_BEFORE = (_qualifiers("before", q) for q in ("ge", "le", "approx"))
GE_AFTER, LE_AFTER, APPROX_AFTER = (_qualifiers("after", q) for q in ("ge", "le", "approx"))

RANK_VERBS = re.compile(r"(?:包揽|居|列|位列|位居|排名|排|跃居|跃升至|跃升|升至|上升至|提升至|稳居|保持|跻身|进入|名列|位于|晋升|夺得|获得|荣获|蝉联|拿下|勇夺)")
RANK_FIELDS = words("rank_fields.txt")
# change verbs; 增加值, 增长率, 增值税, 降水量, 减排 are nouns or names, not changes of the figure
SIGN_VERB = re.compile(r"(下降|减少|降低|压减|精简|下滑|回落|缩减|缩小|减(?![排税费])|降(?![水雨雪温]))"
                        r"|(增长(?!率)|增加(?!值)|提高|提升|上升|上涨|扩大|增(?![值加长])|涨)")

# --------------------------------------------------------------------------- patterns

CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"
ARABIC_DIGITS = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CN_NUMERAL = rf"[{CN_NUMERAL_CHARS}]{{1,8}}"   # bounded: a numeral has at most 8 digits between scales (九千九百九十九)
ARABIC_SCALE = r"[十百千]?(?:万亿|亿|万)"
CN_SCALE = r"(?:万亿|亿|万)"
def _trie_pattern(words) -> str:
    """One regex alternation per shared prefix (longest match first): much faster than a flat
    list of 150 alternatives tried one by one after every number."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


MEASURE_WORD = _trie_pattern(UNITS)
PER_UNIT = rf"(?:/(?:[十百千万亿]*)(?:{DENOMS}))"
UNIT = rf"(?:(?:{SLASH_HEADS}){PER_UNIT}|(?:{MEASURE_WORD}){PER_UNIT}?)"
MORE = r"(?:多|余)"

# number, [多/余], [scale], [多/余], [unit]. Spaces may sit between number and unit ("1560 亿元").
# (?=…) on the first character: the engine then skips ahead with a character set instead of
# trying the whole pattern at every position (about half the scan time)
ARABIC_NUMBER = re.compile(
    rf"(?=\d)(?P<num>{ARABIC_DIGITS})(?P<sp>[ \t\u3000]?)(?P<m1>{MORE})?(?P<scale>{ARABIC_SCALE})?(?P<m2>{MORE})?[ \t\u3000]?(?P<unit>{UNIT})?"
)
CHINESE_NUMBER = re.compile(
    rf"(?=[{CN_NUMERAL_CHARS}])(?P<num>{CN_NUMERAL})(?P<m1>{MORE})?(?P<scale>{CN_SCALE})?(?P<m2>{MORE})?(?P<unit>{UNIT})"
)
# A scale word standing alone for the number, after a threshold verb: 超万亿元, 破亿度.
SCALE_FOR_NUMBER = re.compile(rf"[超破过逾](?P<scale>万亿|亿|万)(?P<unit>{UNIT})?")
SCALE_AT_CLAUSE_END = re.compile(r"[超破过逾](?P<mult>[十百千]?)(?P<scale>万亿|亿|万)(?=[，。；、）)]|$)")
RANGE_SEP = r"(?:—|–|－|-|~|～|至|到)"
ARABIC_RANGE = re.compile(
    rf"(?P<lo>{ARABIC_DIGITS})(?P<u1>%|{ARABIC_SCALE}|)[ \t]?{RANGE_SEP}[ \t]?(?P<hi>{ARABIC_DIGITS})(?P<scale>{ARABIC_SCALE})?(?P<unit>{UNIT})"
)
CHINESE_RANGE = re.compile(rf"(?P<lo>{CN_NUMERAL})(?:至|到)(?P<hi>{CN_NUMERAL})(?P<scale>{CN_SCALE})?(?P<unit>{UNIT})")
FRACTION = re.compile(r"(?P<num>\d+)/(?P<den>\d+)(?![\d/])")
CN_FRACTION = re.compile(rf"(?P<cden>{CN_NUMERAL})分之(?P<cnum>{CN_NUMERAL})")
HALF = re.compile(r"(?<=[近超约占过达])一半")
RATIO = re.compile(r"(?P<a>\d+(?:\.\d+)?)[∶:：](?P<b>\d+(?:\.\d+)?)(?:[∶:：](?P<c>\d+(?:\.\d+)?))?(?![∶:：\d])")
RANK_EXPRESSION = re.compile(
    rf"第(?P<n>\d{{1,6}}|{CN_NUMERAL})(?P<w>位|名)?|(?P<top>首位|榜首)|前(?P<p>\d{{1,6}}|[一二三四五六七八九十]{{1,4}})(?P<pw>位|名|强)?"
)
INDEX_BEFORE = re.compile(r"(?:从|由|至|到|为|达|达到|降至|升至|提升至|提高到|提高至|缩小至|缩小到|下降至|上升至|扩大至|度|数|差|系数|指数"
                           r"|缩小|扩大|收窄|下降|降低|提高|上升|增加|减少)[ \t]?$")   # 收入比缩小0.04
INDEX_AFTER = re.compile(r"[ \t]?(?:[，。；、）)]|提升|提高|缩小|下降|扩大|上升|和|以上|左右|$)")


SCALE_HEAD = re.compile(r"^[十百千]?(?:万亿|亿|万)")
THRESHOLD_LINK = re.compile(r"[ \t]?(及以上|及以下|以上|以下|以内|内)?(.)")
# 受教育年限达11年; the B of 年限从13.5年提高到14年 (a date has no decimal point, and no 年限 before it)
YEARS_OF = re.compile(r"年限(?:从|由|为|达|达到|提高到|提高至|提升至|提升到)?[ \t]?$"
                      r"|(?:年限(?:从|由)\d+(?:\.\d+)?|(?:从|由)\d+\.\d+)年(?:提高|提升|增加|延长)?(?:到|至)[ \t]?$")
# 负 as a sign after a copula or a rate (增速为负0.5%, 增长负2%); 减负1000亿元 is a verb
NEGATIVE_WORD = re.compile(r"(?:为|是|至|到|呈|长|速|幅|率|[，,：:（(\s])负$")
SPAN_VERB = re.compile(r"(?:用|花|历时|经过|耗时)[ \t]?$")
LABEL_NOUN = re.compile(r"[\u4e00-\u9fff](?<![大台规水的以左上多余])")
ELLIPSIS_ITEM = re.compile(r"、[\u4e00-\u9fff]{1,6}")
PLACE_CLASS = re.compile(r"[ \t]?(?:及)?(?:以上|以下)的?(?:自然村|行政村|村|乡镇|镇|乡|县|城市|城镇|市|社区|小区|企业|单位|园区|景区)")
POPULATION_CLASS = re.compile(r"[ \t]?(?:及)?(?:以上|以下)?人口[\u4e00-\u9fff]")
FIELD_NEAR = re.compile(r"(?:全国|全省|全市|全球|省区)[^，]{0,6}$")
BIG_RANK = re.compile(r"跻身|成为|居|列")
PLACES_MOVED = re.compile(r"(?:提升|上升|提高|前移|跃升|攀升|前进|下降|后退|下滑|后移)了?[ \t]?$")
RANKING = re.compile(r"排名|位次|名次")
INDEX_WORD = re.compile(r"(?:度|数|差|系数|指数)[ \t]?(?:从|由|为|达|达到)?[ \t]?$")
LEAD_TAIL = re.compile(r"(?:分别|均|各|为|达到|达|是|了|到|在|超过|超|近|约|突破|不少于|不低于)+[ \t]*$")
RESPECTIVELY = re.compile(r"(?:分别|均|各)(?:为|达到|达|是|增长|下降|提高|减少|超过|超|近|约|突破|在)?[ \t]*$")

QUOTES = {"“": "”", "《": "》", "「": "」", "‘": "’", "\"": "\""}
LIST_CONNECTOR = re.compile(r"[ \t]*(?:、|和|及|与|或|、和|以及)[ \t]*")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    value: float
    unit: str = ""
    qualifier: str = "eq"
    value_high: float | None = None
    rank: bool = False          # 第N / 首位 / 前N位 expressions (unit "rank")
    kind: str = "number"        # number | range | fraction | ratio | index | rank | threshold
    lead: str = ""              # the clause text before the mention (or before its list), ≤ 12 chars
    sign: int = 0               # -1 after a decrease verb (下降, 减少, 精简…), +1 after an increase verb
    list_id: int | None = None  # mentions joined by 、/和 share an id
    respectively: bool = False  # the list is introduced by 分别 / 均 / 各
    part: int | None = None     # position in a ratio (0, 1, 2) for 4.0∶37.7∶58.3
    text: str = field(default="", repr=False)


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=4096)
def cn_number(s: str) -> float | None:
    """A Chinese numeral as a float (十二 → 12, 两千 → 2000, 千 → 1000); None if not a number."""
    s = s.replace("〇", "零")
    if s[0] in "十百千":
        s = ("一" if s[0] != "十" else "一") + s
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return None


def arabic_value(s: str) -> float:
    return float(s.replace(",", ""))

RATIO_SEPS = "∶:："
RANGE_HINT = re.compile(rf"(?:%|{ARABIC_SCALE})?[ \t]?{RANGE_SEP}[ \t]?\d")

# a number, with its scale and unit, right before a hyphen: the hyphen is a range or a code, no minus
BEFORE_HYPHEN = re.compile(rf"\d(?:%|‰|{ARABIC_SCALE})?(?:{UNIT})?[ \t]?$")

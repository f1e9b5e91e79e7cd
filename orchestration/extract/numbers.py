"""The vocabulary and patterns of a value expression: measure words, scale words, Chinese and
Arabic numerals, and the regexes that find a number with its unit (used by mentions.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import cn2an


# --------------------------------------------------------------------------- vocabulary

# Measure words that may follow a number. Longer alternatives first (regex alternation is ordered).
UNITS = sorted(
    """
    % ‰ °C 个百分点 百分点 倍 成 番
    元 美元 欧元 港元 日元
    平方公里 平方千米 平方米 公里 千米 米 公顷 亩 立方米 方 升
    吨标准煤 标准煤 吨 千克 公斤 斤 克
    千瓦时 千瓦 兆瓦 瓦 度 标箱 标准箱
    人次 人 名 位 户次 户 家 个 项 件 条 所 处 座 栋 幢 套 间 张 台 辆 艘 架 列 班次 批次 批
    次 场次 场 期 款 种 类 宗 笔 例 支 枚 门 株 棵 只 头 部 册 篇 份 首 岁 天 方面 地 片 对 组 轮
    根 块 口 孔 节 站 趟 盏 眼 匹 所 颗 粒 把 级次 亿次 起 县 乡 镇 村 市
    车次 航次 架次 艘次 PF EFLOPS Eflops EFlops P TEU ℃ 摄氏度 毫米 厘米 公顷 千公顷
    人公里 吨公里 吉瓦时 吉瓦 兆瓦时 太瓦时 千伏安 分贝 海里 GWh MWh kWh TWh GW MW kW
    """.split(),
    key=len,
    reverse=True,
)
# Denominators of a per-unit (万元/人, 微克/立方米, 人/百亿元, 分/千瓦时, 百亿亿次/秒).
DENOMS = "人|户|天|日|年|月|秒|小时|立方米|平方米|升|千瓦时|百亿元|亿元|万元|元|亩|吨|辆|平方公里|公里|千克|公斤|公顷"
# Units that only exist with a slash (the part before / is not a unit on its own).
SLASH_HEADS = "微克|毫克|分|人|亿次|吨|元|万元|千克"
# ... or with the denominator written first: 每立方米19微克 → 微克/立方米, 每千瓦时降低2.5分 → 分/千瓦时
PER_FIRST = re.compile(rf"每(?P<d>[十百千万亿]*(?:{DENOMS}))[^\d，。；、]{{0,4}}$")
SLASH_HEAD = re.compile(r"微克|毫克|分(?![之别钟期批类级])")

# Units whose count allowed after a Chinese numeral; others (米, 克…) are too often words.
CN_UNITS = set(
    """个 项 条 家 所 处 座 名 位 次 场 件 支 台 套 种 类 款 张 批次 方面 地 成 倍 番
    轮 批 户 栋 幢 辆 艘 架 列 宗 笔 例 枚 首 部 个百分点 百分点 亿元 元 天 岁 片 组""".split()
)
# A measure word followed by one of these characters begins a noun, not a unit.
NOUN_AFTER = {
    "人": "口才员民群士大文工类均们格性权体心气",
    "户": "籍口型外",
    "家": "庭长乡居族园电具底属门",
    "所": "得有属在谓长以",
    "处": "理置室级长于在",
    "件": "事",
    "名": "单称录片牌义城镇村医列优师",
    "条": "件例款线码目约形",
    "项": "目",
    "个": "人体性别税月",           # (16个案例, 5个案件: 个 counts the 案)
    "台": "阶湾风账",
    "场": "景所馆地面站合",
    "座": "谈位",
    "元": "素旦宵器件首老",
    "方": "面案式法向位针略言舱阵",
    "度": "假过化身",
    "成": "为功果立本效员都长熟交型品就绩份",
    "倍": "增",
    "位": "于置数居列",
    "天": "然津下地空气府",
    "地": "区方市产块标铁理域",
    "部": "门署分长队",
    "期": "间货刊待",
    "列": "入车为",
    "种": "业植子类养",
    "类": "似型",
    "支": "持出付撑",
    "对": "接外口标象",
    "组": "织建成团合",
    "片": "区",
    "次": "会全产要序生数",
    "批": "准复",
    "间": "隙",
    "口": "岸径",
    "站": "点",
    "首": "府都批次",
    "米": "饭口水",                # 110米口径射电望远镜, 4.5米水深航道: the spec of a thing
    "门": "类槛户",
    "头": "部",
    "轮": "次",
    "节": "点约能",
    "岁": "月",
    "例": "如",
    "起": "步点来草诉始源到",
    "县": "城域级委区",
    "乡": "村镇土愁",
    "镇": "村街",
    "村": "庄民集级委",
    "市": "场民区级县委政域内外州",
}
# Units of an amount; such a figure followed by 以上/以下 and a noun defines a category.
MEASURE_UNITS = set(
    "元 美元 欧元 港元 日元 平方公里 平方米 公里 米 公顷 亩 立方米 方 吨 千克 公斤 斤 千瓦时 千瓦 兆瓦 瓦 度 标箱 岁 人次".split()
)

GE_BEFORE = ("不少于", "不低于", "超过", "超出", "多于", "至少", "突破", "逾", "超", "破", "过")
LE_BEFORE = ("不超过", "不高于", "最多", "至多", "少于")
APPROX_BEFORE = ("大约", "接近", "将近", "约为", "约", "近")
GE_AFTER = ("及以上", "以上", "多", "有余")
LE_AFTER = ("及以下", "以内", "以下", "之内")
APPROX_AFTER = ("左右", "上下")

RANK_VERBS = re.compile(r"(?:包揽|居|列|位列|位居|排名|排|跃居|跃升至|升至|上升至|提升至|稳居|保持|跻身|进入|名列|位于|晋升|夺得|获得|荣获|蝉联|拿下|勇夺)")
RANK_FIELDS = ("全国", "全省", "全市", "全区", "全球", "世界", "省区", "城市", "省份", "全州", "全县", "中部", "西部", "东部", "东北", "同类")
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
YEARS_OF = re.compile(r"年限(?:从|由|为|达|达到|提高到|提高至|提升至|提升到)?[ \t]?$")
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


@dataclass
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

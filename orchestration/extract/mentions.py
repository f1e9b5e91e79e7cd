"""Finding value expressions (number + unit) in normalized text. [owner: detection]

A Mention is the span of one figure's value expression, from the first character of
the number to the end of its unit, with the value as written, the unit as written
(scale prefix kept), the qualifier (eq/ge/le/approx/range) and value_high for ranges.
Offsets are into the normalized text; the pipeline maps them back to the original.

The rules (each with example phrases in tests/test_extract_mentions.py):

numbers   Arabic (1,560 / 73.7 / 1560 亿元 with a space; a minus sign joins the span and the
          value: -1.56‰, 增长-2.5%; not after letters, digits or a number with its unit:
          C-919, 2020-2035, 5%-6%), Chinese (十二条, 两成, 三十多个,
          converted by cn2an), a scale word as the number after a threshold verb
          (超千亿元 → 1000 亿元, 突破百万吨 → 100 万吨, 破亿度 → 1 亿度, 超万亿元 → 1 万亿元,
          超万件 → 10000 件; at a clause end with no measure word: 突破百亿。 → 100 亿, 过亿， → 1 亿). A count says 两, so 二 + measure word is an ordinal or a name
          (二次供水); 一/百/千 alone are words (一批, 千方百计); adjacent digits are an estimate
          (三四个); 零 starts words (零部件).
units     a measure word from `UNITS` (Chinese and the ASCII units of compute, PF/EFlops),
          with the scale kept (万亿元, 万平方米, 亿美元), a per-unit (万元/人, 微克/立方米),
          a per-unit written first (每立方米19微克 → 微克/立方米, 每千瓦时降低2.5分 → 分/千瓦时),
          or a bare scale (242万 → 万); 多/余 may sit between number, scale and measure word
          (4万多名 → 万名, 5000余户 → 户; ge). A measure word that begins a noun (万人口,
          户籍, 名单, 两位数) is not a unit.
ranges    3至5个, 5%—5.5%, 4.5-5%, 三至五个 → value, value_high, qualifier range; not after
          从/由 (a change) and not between years.
fractions 1/5 → 0.2, 三分之一 → 1/3, 占…一半 → 0.5, unit "fraction"; 百分之三十 → 30 %.
ratios    2.81∶1 → one figure 2.81; 4.0∶37.7∶58.3 → three figures; unit ""; 09:45:30 is a time.
indexes   a unitless number after 从/至/达/为…, an index word (满意度84.7, 倍差1.96) or, with a
          decimal point, a change verb (收入比缩小0.04).
ranks     第一/第4位/首位/榜首/前三 after a ranking verb (居, 列, 位列, 稳居…) or a field
          (全国, 全省, 全球…); 排名由369位 → unit "rank"; 前N → qualifier le; 前1% and 30强
          are tiers, not ranks.
not       years and dates, 第N ordinals (第七次), N届/N次会议, names with letters (5G, PM2.5),
          names in quotes or book-title marks (“5050计划”, 《三年行动》), fixed political
          formulas (`NAMED_NUMBERS`), anniversaries (70周年), countdowns (倒计时), thresholds
          that define a category (10亿元以上重大项目, 30万吨级, 0—6岁儿童, 20万以上人口县,
          过10万亿元省份, 经济总量超500亿元的县域增至12个 - with 的 only when the clause goes on
          to count them), institute numbers (608所AES100), specs of a thing (全球最高10米液压支架, 时速350公里), time spans
          (年, 个月, 小时 are no units), per-capita bases (每10万人口), a count right after a
          closing quote (“稳、准、快”三项原则), the report counting its own sections
          (重点做好十个方面工作), glossary headwords (［10］两个基地：).
qualifier before the number: 超过/超/突破/逾/不少于/不低于/至少 → ge; 不超过/最多/至多 → le;
          约/近/接近 → approx (not 签约). After the unit: 以上/多 → ge; 以内/以下 → le;
          左右/上下 → approx. The qualifier words stay out of the span.
lists     mentions joined only by 、/和/及/与/或 form a list (list_id); the last one's unit
          is shared back to a bare or scale-only item (分别达1409万、1305万人次 → 万人次)
          and a qualifier written before the first item covers the others (分别超98.5%和99%).
cues      for the classifier: `lead` (clause text before), `sign` (the change verb just
          before: 下降 -1, 增长 +1, carried over 压减时间58%、材料52%), `respectively` (分别).
"""
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
_PER_FIRST = re.compile(rf"每(?P<d>[十百千万亿]*(?:{DENOMS}))[^\d，。；、]{{0,4}}$")
_SLASH_HEAD = re.compile(r"微克|毫克|分(?![之别钟期批类级])")

# Units whose count allowed after a Chinese numeral; others (米, 克…) are too often words.
CN_UNITS = set(
    """个 项 条 家 所 处 座 名 位 次 场 件 支 台 套 种 类 款 张 批次 方面 地 成 倍 番
    轮 批 户 栋 幢 辆 艘 架 列 宗 笔 例 枚 首 部 个百分点 百分点 亿元 元 天 岁 片 组""".split()
)
# A measure word followed by one of these characters begins a noun, not a unit.
_NOUN_AFTER = {
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
_MEASURE_UNITS = set(
    "元 美元 欧元 港元 日元 平方公里 平方米 公里 米 公顷 亩 立方米 方 吨 千克 公斤 斤 千瓦时 千瓦 兆瓦 瓦 度 标箱 岁 人次".split()
)

_GE_BEFORE = ("不少于", "不低于", "超过", "超出", "多于", "至少", "突破", "逾", "超", "破", "过")
_LE_BEFORE = ("不超过", "不高于", "最多", "至多", "少于")
_APPROX_BEFORE = ("大约", "接近", "将近", "约为", "约", "近")
_GE_AFTER = ("及以上", "以上", "多", "有余")
_LE_AFTER = ("及以下", "以内", "以下", "之内")
_APPROX_AFTER = ("左右", "上下")

_RANK_VERBS = re.compile(r"(?:包揽|居|列|位列|位居|排名|排|跃居|跃升至|升至|上升至|提升至|稳居|保持|跻身|进入|名列|位于|晋升|夺得|获得|荣获|蝉联|拿下|勇夺)")
_RANK_FIELDS = ("全国", "全省", "全市", "全区", "全球", "世界", "省区", "城市", "省份", "全州", "全县", "中部", "西部", "东部", "东北", "同类")
# change verbs; 增加值, 增长率, 增值税, 降水量, 减排 are nouns or names, not changes of the figure
_SIGN_VERB = re.compile(r"(下降|减少|降低|压减|精简|下滑|回落|缩减|缩小|减(?![排税费])|降(?![水雨雪温]))"
                        r"|(增长(?!率)|增加(?!值)|提高|提升|上升|上涨|扩大|增(?![值加长])|涨)")


def _sign_of(lead: str) -> int:
    """-1/+1 when the last change verb of the lead is at most 4 characters before its end
    (下降3%, 压减时间58%), else 0."""
    last = None
    # a verb that ends at most 4 characters before the end starts within the last 6: look there only
    for last in _SIGN_VERB.finditer(lead, max(0, len(lead) - 8)):  # noqa: B007 (the last match is wanted)
        pass
    if last is None or len(lead) - last.end() > 4:
        return 0
    return -1 if last.group(1) else 1

# --------------------------------------------------------------------------- patterns

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_DIG = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = rf"[{_CN_DIGITS}]{{1,8}}"   # bounded: a numeral has at most 8 digits between scales (九千九百九十九)
_SCALE_AR = r"[十百千]?(?:万亿|亿|万)"
_SCALE_CN = r"(?:万亿|亿|万)"
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


_UNIT = _trie_pattern(UNITS)
_PER = rf"(?:/(?:[十百千万亿]*)(?:{DENOMS}))"
_UNIT_FULL = rf"(?:(?:{SLASH_HEADS}){_PER}|(?:{_UNIT}){_PER}?)"
_MORE = r"(?:多|余)"

# number, [多/余], [scale], [多/余], [unit]. Spaces may sit between number and unit ("1560 亿元").
# (?=…) on the first character: the engine then skips ahead with a character set instead of
# trying the whole pattern at every position (about half the scan time)
_AR = re.compile(
    rf"(?=\d)(?P<num>{_DIG})(?P<sp>[ \t\u3000]?)(?P<m1>{_MORE})?(?P<scale>{_SCALE_AR})?(?P<m2>{_MORE})?[ \t\u3000]?(?P<unit>{_UNIT_FULL})?"
)
_CNM = re.compile(
    rf"(?=[{_CN_DIGITS}])(?P<num>{_CN})(?P<m1>{_MORE})?(?P<scale>{_SCALE_CN})?(?P<m2>{_MORE})?(?P<unit>{_UNIT_FULL})"
)
# A scale word standing alone for the number, after a threshold verb: 超万亿元, 破亿度.
_BARE = re.compile(rf"[超破过逾](?P<scale>万亿|亿|万)(?P<unit>{_UNIT_FULL})?")
_BARE_SCALE = re.compile(r"[超破过逾](?P<mult>[十百千]?)(?P<scale>万亿|亿|万)(?=[，。；、）)]|$)")
_RANGE_SEP = r"(?:—|–|－|-|~|～|至|到)"
_RANGE_AR = re.compile(
    rf"(?P<lo>{_DIG})(?P<u1>%|{_SCALE_AR}|)[ \t]?{_RANGE_SEP}[ \t]?(?P<hi>{_DIG})(?P<scale>{_SCALE_AR})?(?P<unit>{_UNIT_FULL})"
)
_RANGE_CN = re.compile(rf"(?P<lo>{_CN})(?:至|到)(?P<hi>{_CN})(?P<scale>{_SCALE_CN})?(?P<unit>{_UNIT_FULL})")
_FRACTION = re.compile(r"(?P<num>\d+)/(?P<den>\d+)(?![\d/])")
_CN_FRACTION = re.compile(rf"(?P<cden>{_CN})分之(?P<cnum>{_CN})")
_HALF = re.compile(r"(?<=[近超约占过达])一半")
_RATIO = re.compile(r"(?P<a>\d+(?:\.\d+)?)[∶:：](?P<b>\d+(?:\.\d+)?)(?:[∶:：](?P<c>\d+(?:\.\d+)?))?(?![∶:：\d])")
_RANK = re.compile(
    rf"第(?P<n>\d{{1,6}}|{_CN})(?P<w>位|名)?|(?P<top>首位|榜首)|前(?P<p>\d{{1,6}}|[一二三四五六七八九十]{{1,4}})(?P<pw>位|名|强)?"
)
_INDEX_BEFORE = re.compile(r"(?:从|由|至|到|为|达|达到|降至|升至|提升至|提高到|提高至|缩小至|缩小到|下降至|上升至|扩大至|度|数|差|系数|指数"
                           r"|缩小|扩大|收窄|下降|降低|提高|上升|增加|减少)[ \t]?$")   # 收入比缩小0.04
_INDEX_AFTER = re.compile(r"[ \t]?(?:[，。；、）)]|提升|提高|缩小|下降|扩大|上升|和|以上|左右|$)")

# Fixed political formulas that hold a number; they name a policy, they count nothing.
NAMED_NUMBERS = ("八项规定", "两个确立", "两个维护", "四个意识", "四个自信", "三个务必", "两个毫不动摇",
                 "两个结合", "两个大局", "两个积极性", "五位一体", "四个全面", "三个代表", "四下基层", "两个先行",
                 "两个市场", "两种资源", "两项补贴")
_NAMED = re.compile("|".join(NAMED_NUMBERS))
_OWN_LIST = re.compile(r"[\u4e00-\u9fff]{0,8}[：:]\s*(?:一是|一、|（一）|\(一\)|首先|第一)")
_HEADING_LINE = re.compile(r"[ \t　]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^。\n]{0,30}$")
_GLOSS_HEAD = re.compile(r"[［\[【]\d+[］\]】]")
_SUPERLATIVE = re.compile(r"(?:最[高大长深快重宽小多]|时速|设计速度|载重)[ \t]?$")

_SCALE_HEAD = re.compile(r"^[十百千]?(?:万亿|亿|万)")
_THRESHOLD_LINK = re.compile(r"[ \t]?(及以上|及以下|以上|以下|以内|内)?(.)")
_YEARS_OF = re.compile(r"年限(?:从|由|为|达|达到|提高到|提高至|提升至|提升到)?[ \t]?$")
# 负 as a sign after a copula or a rate (增速为负0.5%, 增长负2%); 减负1000亿元 is a verb
_NEGATIVE_WORD = re.compile(r"(?:为|是|至|到|呈|长|速|幅|率|[，,：:（(\s])负$")
_CHANGE_BEFORE = re.compile(r"(?:增长|增加|提高|提升|扩大|翻|上升|下降|减少|降低|缩小|回落|近|超过|超|约)了?[ \t]?$")
_SPAN_VERB = re.compile(r"(?:用|花|历时|经过|耗时)[ \t]?$")
_LABEL_BEFORE = re.compile(r"(?:超过|超|过)[ \t]?$")
_LABEL_BEFORE_DE = re.compile(r"(?:超过|超|过|突破)[ \t]?$")
_COUNT_LATER = re.compile(r"[^，。；：]*?(?:\d|[两三四五六七八九十百]+[个家项所座])")
_STATEMENT = re.compile(r"目标|历史|新高|纪录|水平|规模|大关|台阶|关口|成绩|佳绩|好成绩|突破|跨越|增长|任务")
_LABEL_NOUN = re.compile(r"[\u4e00-\u9fff](?<![大台规水的以左上多余])")
_ELLIPSIS_ITEM = re.compile(r"、[\u4e00-\u9fff]{1,6}")
_PLACE_CLASS = re.compile(r"[ \t]?(?:及)?(?:以上|以下)的?(?:自然村|行政村|村|乡镇|镇|乡|县|城市|城镇|市|社区|小区|企业|单位|园区|景区)")
_POPULATION_CLASS = re.compile(r"[ \t]?(?:及)?(?:以上|以下)?人口[\u4e00-\u9fff]")
_FIELD_NEAR = re.compile(r"(?:全国|全省|全市|全球|省区)[^，]{0,6}$")
_BIG_RANK = re.compile(r"跻身|成为|居|列")
_TWO_DIGITS = re.compile(r"[一二两三四五六七八九]{2}")
_PLACES_MOVED = re.compile(r"(?:提升|上升|提高|前移|跃升|攀升|前进|下降|后退|下滑|后移)了?[ \t]?$")
_RANKING = re.compile(r"排名|位次|名次")
_INDEX_WORD = re.compile(r"(?:度|数|差|系数|指数)[ \t]?(?:从|由|为|达|达到)?[ \t]?$")
_LEAD_TAIL = re.compile(r"(?:分别|均|各|为|达到|达|是|了|到|在|超过|超|近|约|突破|不少于|不低于)+[ \t]*$")
_RESPECTIVELY = re.compile(r"(?:分别|均|各)(?:为|达到|达|是|增长|下降|提高|减少|超过|超|近|约|突破|在)?[ \t]*$")

_QUOTES = {"“": "”", "《": "》", "「": "」", "‘": "’", "\"": "\""}
_CONNECTOR = re.compile(r"[ \t]*(?:、|和|及|与|或|、和|以及)[ \t]*")


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


def _num(s: str) -> float:
    return float(s.replace(",", ""))


_OPENING = re.compile("[" + "".join(_QUOTES) + "]")


def _inside_quotes(text: str, start: int, end: int, lo: int) -> bool:
    """The span sits in a short quoted name or book title: “5050计划”, 《三年行动计划》."""
    if _OPENING.search(text, max(lo, start - 16), start) is None:
        return False                      # most spans: no opening mark nearby
    for i in range(start - 1, max(lo, start - 16) - 1, -1):
        ch = text[i]
        if ch in "”》」’\n。；":
            return False
        if ch in _QUOTES:
            close = _QUOTES[ch]
            j = text.find(close, end, end + 16)
            return j != -1 and "。" not in text[end:j]
    return False


def _noun_follows(unit: str, nxt: str) -> bool:
    """nxt: the text right after the unit (a character or more)."""
    base = unit.split("/")[0]
    if nxt.startswith(("以上", "以下", "以内", "左右")):
        return False
    return bool(nxt) and nxt[0] in _NOUN_AFTER.get(base[-1:], "")


def _base_unit(unit: str) -> str:
    return _strip_scale(unit.split("/")[0])


def _strip_scale(unit: str) -> str:
    return _SCALE_HEAD.sub("", unit) if unit[:1] in ("十", "百", "千", "万", "亿") else unit


def _before_word(text: str, pos: int, lo: int, words) -> str | None:
    t = text[max(lo, pos - 4):pos].rstrip(" \t")
    for w in words:
        if t.endswith(w):
            return w
    return None


_BEFORE_Q = sorted([(w, "ge") for w in _GE_BEFORE] + [(w, "le") for w in _LE_BEFORE]
                   + [(w, "approx") for w in _APPROX_BEFORE], key=lambda x: -len(x[0]))
_AFTER_Q = sorted([(w, "ge") for w in _GE_AFTER] + [(w, "le") for w in _LE_AFTER]
                  + [(w, "approx") for w in _APPROX_AFTER], key=lambda x: -len(x[0]))
# 约 inside a word (签约, 节约, 合约) is no qualifier
_NOT_APPROX = "签节合公契条预制邀特简相履违集"


_Q_OF = dict(_BEFORE_Q + _AFTER_Q)
_BEFORE_RX = re.compile("(" + "|".join(re.escape(w) for w, _ in _BEFORE_Q) + r")[ \t]*(?:占|为)?[ \t]*$")
_AFTER_RX = re.compile(r"[ \t]*(" + "|".join(re.escape(w) for w, _ in _AFTER_Q) + ")")


def _qualifier_before(text: str, start: int, lo: int) -> str | None:
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


def _qualifier(text: str, start: int, end: int, lo: int, hi: int) -> str:
    m = _AFTER_RX.match(text, end, hi)
    if m is not None:
        return _Q_OF[m.group(1)]
    return _qualifier_before(text, start, lo) or "eq"


# 应纳税所得额100万元至300万元部分, 超过5000元的部分: the amounts bound a bracket of what is taxed
_BRACKET = re.compile(r"(?:\s*(?:至|到|—|－|-|~)\s*\d+(?:\.\d+)?\s*[万亿千百]?[\u4e00-\u9fff]{0,2}?)?(?:以下|以上)?(?:的)?"
                      r"部分(?!地区|城市|企业|省|市|县|区|国家|行业|领域|产品|人群)")


def _is_threshold(text: str, end: int, hi: int, unit: str) -> bool:
    """10亿元以上重大项目, 30万吨级, 60岁以上老人, 50米内换乘: the amount defines what is counted."""
    after = text[end:min(hi, end + 6)]
    if after.startswith("级") or _BRACKET.match(text, end, min(hi, end + 16)):
        return True
    base = _strip_scale(unit.split("/")[0])
    if not base:
        # 20万以上人口县: a population defines the places counted; 30万以上孕产妇 counts people
        return bool(_POPULATION_CLASS.match(after))
    if base in ("户", "人") and _PLACE_CLASS.match(after):
        return True                       # 20户以上自然村, 100人以上企业: the size of the places counted
    if base not in _MEASURE_UNITS:
        return False
    m = _THRESHOLD_LINK.match(after)
    if not m:
        return False
    link, nxt = m.group(1), m.group(2)
    cjk = "\u4e00" <= nxt <= "\u9fff"
    if not link:
        return base == "岁" and nxt in "儿婴幼老人青少学妇男女"
    return nxt == "的" or (cjk and nxt not in "，。；、")


_OWN_POINTS = re.compile(r"(?:个)?(?:方面|件大事|大事)(?:的)?(?:工作|重点)?[ \t]*[：:。；]?")


def _own_points(text: str, s: int, e: int, unit: str) -> bool:
    """The report counting its own sections: 重点做好十个方面工作：, 以下五个方面。, 干好四件大事："""
    tail = text[e - len(unit):e + 6]
    if "方面" not in tail and "大事" not in tail:
        return False
    m = _OWN_POINTS.match(tail)
    if not m or not ("方面" in m.group(0) or "大事" in m.group(0)):
        return False
    closes = m.group(0).endswith(("：", ":", "。", "工作", "；"))
    return closes or text[max(0, s - 3):s].endswith(("以下", "做好", "抓好", "干好", "把握好", "把握"))


# --------------------------------------------------------------------------- main


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """All value expressions in text[start:end] (offsets into `text`), in order."""
    end = len(text) if end is None else end
    found: list[Mention] = []
    taken = bytearray(end - start + 1)

    def free(a: int, b: int) -> bool:
        return taken.find(1, a - start, b - start) == -1

    def take(m: Mention) -> None:
        taken[m.start - start:m.end - start] = b"\x01" * (m.end - m.start)
        found.append(m)

    def prev_char(i: int) -> str:
        return text[i - 1] if i > start else ""

    # ranks first: 第N is otherwise an ordinal and is dropped below
    for m in _RANK.finditer(text, start, end):
        s, e = m.start(), m.end()
        lo = _clause_start(text, s, start)
        lead = text[lo:s]
        nxt = text[e:e + 2]
        if m.group("top"):
            if not _RANK_VERBS.search(lead):
                continue
            take(Mention(s, e, 1.0, "rank", rank=True, kind="rank", lead=lead[-12:]))
            continue
        if m.group("p") is not None:
            if m.group("pw") == "强" or (nxt[:1] and nxt[:1] in "季月年天个批%‰?？") or not _RANK_VERBS.search(lead):
                continue
            v = _num(m.group("p")) if m.group("p").isdigit() else cn_number(m.group("p"))
            if v is None:
                continue
            take(Mention(s, e, v, "rank", qualifier="le", rank=True, kind="rank", lead=lead[-12:]))
            continue
        n = m.group("n")
        v = _num(n) if n.isdigit() else cn_number(n)
        if v is None or (not m.group("w") and nxt[:1] and nxt[:1] in "次届批个章条款期轮号季年天家座项步阶代层部节届场类种"):
            continue
        verb = _RANK_VERBS.search(lead)
        field_before = lead.endswith(_RANK_FIELDS) or bool(_FIELD_NEAR.search(lead))
        if not verb and not (field_before and (m.group("w") or not nxt[:1] or nxt[:1] in "，。；、")):
            continue
        if nxt.startswith("大") and not _BIG_RANK.search(lead):
            continue
        take(Mention(s, e, v, "rank", rank=True, kind="rank", lead=lead[-12:]))

    # a scale word standing for the number after a threshold verb: 超万亿元, 突破百万吨
    for m in _BARE.finditer(text, start, end):
        s, e = m.start("scale"), m.end()      # the verb before the scale word stays out
        if not free(s, e) or text[s - 2:s] == "上下":
            continue
        scale, unit = m.group("scale"), m.group("unit") or ""
        if not unit or text[e:e + 1] == "级" or _noun_follows(unit, text[e:e + 2]):
            continue
        if _LABEL_NOUN.match(text, e) or text.startswith("的", e):
            continue                      # 营收超亿元的龙头企业, 超万亿元县: a category
        if scale == "万":
            value, unit_out = 10000.0, unit
        else:
            value, unit_out = 1.0, scale + unit
        take(Mention(s, e, value, unit_out, kind="threshold"))
    # ... or with no measure word at the end of a clause: 产值突破百亿。, 用户过亿，
    for m in _BARE_SCALE.finditer(text, start, end):
        s = m.start() + 1                 # the verb stays out
        if free(s, m.end()):
            mult = {"": 1.0, "十": 10.0, "百": 100.0, "千": 1000.0}[m.group("mult")]
            take(Mention(s, m.end(), mult, m.group("scale"), kind="threshold"))
    if text.find("一半", start, end) != -1:
        for m in _HALF.finditer(text, start, end):
            if free(m.start(), m.end()):
                take(Mention(m.start(), m.end(), 0.5, "fraction", kind="fraction"))
    if text.find("分之", start, end) != -1:
        for m in _CN_FRACTION.finditer(text, start, end):
            num, den = cn_number(m.group("cnum")), cn_number(m.group("cden"))
            if not (num and den and free(m.start(), m.end())) or text[m.start() - 1:m.start()] == "前":
                continue                  # 前千分之一: a top tier, not a share
            if m.group("cden") in ("百", "千"):   # 百分之三十 is 30 %, 千分之五 is 5 ‰
                take(Mention(m.start(), m.end(), num, "%" if den == 100 else "‰"))
            else:
                take(Mention(m.start(), m.end(), num / den, "fraction", kind="fraction"))

    # Arabic numbers: one scan; a ratio, range or fraction is tried where its separator follows
    for m in _AR.finditer(text, start, end):
        s = m.start()
        if not free(s, m.end("num")) or (s > start and text[s - 1] in "0123456789"):
            continue
        ne = m.end("num")
        sep = text[ne:ne + 1]
        special = None
        if sep in _RATIO_SEPS:
            special = _ratio_at(text, s, start, end)
        elif sep == "/":
            special = _fraction_at(text, s, start, end)
        elif _RANGE_HINT.match(text, ne):
            special = _range_at(_RANGE_AR, text, s, start, end, False)
        if special is not None:
            if all(free(x.start, x.end) for x in special):
                for x in special:
                    take(x)
            continue
        mention = _number_mention(text, m, False, start, end)
        if mention is not None and free(mention.start, mention.end):
            take(mention)
    # Chinese numbers; 三至五个 is a range
    for m in _CNM.finditer(text, start, end):
        s = m.start()
        if s - 2 >= start and text[s - 1] in "至到" and text[s - 2] in _CN_DIGITS:
            i = s - 2
            while i > start and text[i - 1] in _CN_DIGITS:
                i -= 1
            special = _range_at(_RANGE_CN, text, i, start, end, True)
            if special is not None and all(free(x.start, x.end) for x in special):
                for x in special:
                    take(x)
                continue
        mention = _number_mention(text, m, True, start, end)
        if mention is not None and free(mention.start, mention.end):
            take(mention)

    found.sort(key=lambda x: x.start)
    _lists(text, found, start, end)
    for mn in found:
        # the qualifier words touch the span (超过5%, 5%以上), so no clause bounds are needed
        if mn.qualifier == "eq" and mn.kind != "range":
            mn.qualifier = _qualifier(text, mn.start, mn.end, start, end)
        if mn.kind == "rank" and text[mn.start] == "前":
            mn.qualifier = "le"
        mn.text = text[mn.start:mn.end]
    _share_in_lists(text, found)
    return [mn for mn in found if not _inside_quotes(text, mn.start, mn.end, start) and mn.kind != "drop"]


_RATIO_SEPS = "∶:："
_RANGE_HINT = re.compile(rf"(?:%|{_SCALE_AR})?[ \t]?{_RANGE_SEP}[ \t]?\d")


def _ratio_at(text: str, s: int, lo: int, hi: int) -> list[Mention] | None:
    """2.81∶1 → one figure; 8.7∶41.2∶50.1 → three; 10:30 and 09:45:30 are times."""
    m = _RATIO.match(text, s, hi)
    if m is None:
        return None
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if ":" in m.group(0) and "." not in a + b + (c or ""):
        return []
    if c is None:
        return [Mention(s, m.end(), _num(a), "", kind="ratio", part=0)]
    return [Mention(m.start(g), m.end(g), _num(m.group(g)), "", kind="ratio", part=k) for k, g in enumerate("abc")]


def _fraction_at(text: str, s: int, lo: int, hi: int) -> list[Mention] | None:
    m = _FRACTION.match(text, s, hi)
    if m is None or (s > lo and text[s - 1] == "/"):
        return None
    num, den = _num(m.group("num")), _num(m.group("den"))
    if text[m.end():m.end() + 1] in ("月", "日", "号") or den == 0 or num >= den:
        return []                         # 1/19 is a date; 3/2 no share
    return [Mention(s, m.end(), num / den, "fraction", kind="fraction")]


def _range_at(rx: re.Pattern, text: str, s: int, lo: int, hi: int, is_cn: bool) -> list[Mention] | None:
    """3至5个, 5%—5.5%, 三至五个; not 从3%到5% (a change) nor 2020-2035年 (years)."""
    m = rx.match(text, s, hi)
    if m is None or _bad_prefix(text[s - 1] if s > lo else "", is_cn):
        return None
    e = m.end()
    if text[_clause_start(text, s, lo):s].rstrip().endswith(("从", "由")):
        return None
    unit = (m.group("scale") or "") + m.group("unit")
    if not is_cn and (m.group("u1") not in ("", "%", m.group("scale") or "")
                      or (m.group("u1") == "%" and unit != "%")):
        return None
    lo_v = cn_number(m.group("lo")) if is_cn else _num(m.group("lo"))
    hi_v = cn_number(m.group("hi")) if is_cn else _num(m.group("hi"))
    if lo_v is None or hi_v is None or hi_v <= lo_v or _looks_like_year(m.group("lo")):
        return None
    if _is_threshold(text, e, hi, unit) or _noun_follows(unit, text[e:e + 2]) or unit == "岁":
        return []                         # 0-15岁（含不满16周岁）人口: an age band names a group
    return [Mention(s, e, lo_v, unit, qualifier="range", value_high=hi_v, kind="range")]


def _looks_like_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2100


def _bad_prefix(ch: str, is_cn: bool) -> bool:
    if is_cn:
        return bool(ch) and (ch in "第统唯之同单初周逐专某每上万千百十零〇一二两三四五六七八九数几" or ch.isdigit())
    return bool(ch) and (ch.isascii() and (ch.isalnum() or ch in "./-_") or ch in "第前每")


def _clause_start(text: str, pos: int, lo: int) -> int:
    i = pos
    while i > lo and text[i - 1] not in "，,；;。！？!?：:\n":
        i -= 1
    return i


# a number, with its scale and unit, right before a hyphen: the hyphen is a range or a code, no minus
_BEFORE_HYPHEN = re.compile(rf"\d(?:%|‰|{_SCALE_AR})?(?:{_UNIT_FULL})?[ \t]?$")


def _minus_before(text: str, s: int, lo: int) -> bool:
    """-1.56‰, 增长-2.5%: a hyphen (normalize folds − and － into it) is a minus sign unless it
    follows letters or digits (C-919, 2020-2035) or a number with its unit (5%-6%, 3万-4万元)."""
    if s <= lo or text[s - 1] != "-":
        return False
    if s - 1 == lo:
        return True
    ch = text[s - 2]
    if ch.isascii() and (ch.isalnum() or ch in "./-_+"):
        return False
    return _BEFORE_HYPHEN.search(text, max(lo, s - 12), s - 1) is None


def _number_mention(text: str, m: re.Match, is_cn: bool, lo_bound: int, hi_bound: int) -> Mention | None:
    """A signed number: the minus sign joins the span and the value (人口自然增长率为-1.56‰);
    负 written as a word makes the value negative and stays out of the span, like 下降 (增速为负0.5%)."""
    neg = not is_cn and _minus_before(text, m.start(), lo_bound)
    mn = _unsigned_mention(text, m, is_cn, lo_bound, hi_bound, m.start() - 1 if neg else m.start())
    if mn is not None and neg and mn.kind != "bare":
        mn.start -= 1
        mn.value = -mn.value
    elif mn is not None and not is_cn and m.start() > lo_bound and text[m.start() - 1] == "负" \
            and _NEGATIVE_WORD.search(text, max(lo_bound, m.start() - 3), m.start()) and mn.kind != "bare":
        mn.value = -mn.value
    return mn


def _unsigned_mention(text: str, m: re.Match, is_cn: bool, lo_bound: int, hi_bound: int, at: int) -> Mention | None:
    """at: where the words before the number end (before a minus sign, if any)."""
    s = m.start()
    num = m.group("num")
    prev = text[at - 1] if at > lo_bound else ""
    if _bad_prefix(prev, is_cn):
        return None
    scale = m.group("scale") or ""
    unit = m.group("unit") or ""
    if not is_cn and not unit and _PER_FIRST.search(text, max(lo_bound, at - 12), at):
        hm = _SLASH_HEAD.match(text, m.end())
        if hm:
            return Mention(s, hm.end(), _num(num), scale + hm.group() + "/" + _PER_FIRST.search(
                text, max(lo_bound, at - 12), at).group("d"), kind="number")
    if not is_cn and not unit and not scale and text.startswith("年", m.end("num")) and not _looks_like_year(num) \
            and (("." in num and len(num) - num.find(".") <= 3) or _YEARS_OF.search(text, max(lo_bound, at - 8), at)) \
            and text[m.end("num") + 1:m.end("num") + 2] not in ("度", "代", "级", "底", "末", "初") \
            and not _SPAN_VERB.search(text, max(lo_bound, at - 3), at):
        return Mention(s, m.end("num") + 1, _num(num), "年", kind="number")   # 受教育年限14.2年 / 年限达11年: no date has a decimal point
    if not is_cn and not unit and not scale:
        nxt = text[m.end("num"):m.end("num") + 1]
        if nxt.isascii() and nxt.isalpha():
            return None
        return _index_mention(text, m, lo_bound, hi_bound, at)
    more = bool(m.group("m1") or m.group("m2"))
    e = m.end()
    if not is_cn:
        # a number glued to letters is a name: 5G, 3A级, PM2.5
        nxt = text[m.end("num"):m.end("num") + 1]
        if nxt.isascii() and nxt.isalpha() and not (unit.isascii() and unit):
            return None
        if unit.isascii() and unit.isalpha() and text[e:e + 1].isascii() and text[e:e + 1].isalnum():
            return None                   # 5GW? no: the letters run on into a name
        value = _num(num)
        if _looks_like_year(num) and not scale and unit in ("", "年"):
            return None
    else:
        value = cn_number(num)
        if value is None:
            return None
        if not scale and unit not in CN_UNITS:
            return None
        if num[0] in "零〇":
            return None                   # 零部件; 零增长 and 零伤亡 are slogans
        # a count right after a closing quote sums up the quoted names (“稳、准、快”三项原则)
        if prev and prev in "”’":
            return None
        if unit == "地" and not (text[e:e + 1] and text[e:e + 1] in "（(州市"):
            return None                   # 两地互认: the two places, no count
        if "方面" in text[m.end("num"):e + 2] and text[e:e + 2] != "民生":
            return None                   # 从八个方面发力: the report's own headings
        if _OWN_LIST.match(text, e) or _HEADING_LINE.match(text, text.rfind("\n", 0, s) + 1, s):
            return None                   # 有十个突出亮点：一是…; 三、全力抓好七项重点工作
        line_end = text.find("\n", e, e + 200)
        if _GLOSS_HEAD.match(text, text.rfind("\n", 0, s) + 1) and "：" in text[e:line_end if line_end > 0 else e + 200]:
            return None                   # ［10］两个基地、两个枢纽：a glossary headword
        # 二 with a measure word is an ordinal or a name (二次供水, 二轮承包, 二级医院): a count says 两
        if num == "二":
            return None
        # two adjacent digits are an estimate (三四个), not a figure
        if _TWO_DIGITS.search(num):
            return None
        # 一/百/千/万 alone are words (一批, 千方百计) unless a threshold verb makes them a number
        if num in ("一", "百", "千") and not (scale and _before_word(text, s, lo_bound, ("超", "突破", "破", "超过", "逾"))) \
                and not (num == "一" and unit in ("倍", "成", "个百分点") and _CHANGE_BEFORE.search(text, max(lo_bound, s - 4), s)):
            # (增长一倍, 下降一成, 提高一个百分点 are changes, kept above)
            if num != "一" and not scale and _before_word(text, s, lo_bound, _GE_BEFORE + _APPROX_BEFORE):
                pass                      # 近百家企业, 超千名: a round count with its qualifier
            elif not (num != "一" and scale):
                return None
            if not _before_word(text, s, lo_bound, _GE_BEFORE + ("近",)) and not text[e:e + 2] == "以上":
                return None
    # a unit that begins a noun: 万人口, 户籍; keep the scale alone (242万偏远农村居民)
    if unit and _noun_follows(unit, text[e:e + 2]):
        if scale and not is_cn:
            unit, e = "", m.end("scale")
            more = bool(m.group("m1"))
        else:
            return None
    if not unit and not scale:
        return _index_mention(text, m, lo_bound, hi_bound, at)
    if not unit and m.group("m2"):
        e = m.end("scale")            # 30多万 then a noun: the text ends at the scale
    # time spans and dates are not figures (连续9年, 3个月, 16个季度, 1月19日): their units are not in UNITS
    if unit == "个" and (text[e:e + 1] == "月" or text.startswith("季度", e)):
        return None
    if unit == "次" and (text[e:e + 1] in ("会", "全") or prev == "届"):
        return None
    if unit == "天" and "倒计时" in text[max(lo_bound, s - 5):s]:
        return None
    if text[e:e + 2] == "周年" or text[e:e + 1] == "周" and not unit:
        return None
    if _is_threshold(text, e, hi_bound, scale + unit) or _own_points(text, s, e, unit):
        return None
    if is_cn and _NAMED.match(text, s):
        return None
    if unit == "所" and text[e:e + 1].isascii() and text[e:e + 1].isalnum():
        return None                       # 株洲608所AES100发动机: an institute's number, then its product
    if unit == "%" and text.startswith(("人口抽样", "抽样"), e):
        return None                       # 1%人口抽样调查 names a survey
    # 过10万亿元省份, 营收超百亿元企业: an amount crossed names a category of what follows
    # with 的 when the clause goes on to count the category (经济总量超500亿元的县域增至12个);
    # 总投资超500亿元的某基地 states one thing's amount
    if _base_unit(scale + unit) in _MEASURE_UNITS and (
            (_LABEL_BEFORE.search(text, max(lo_bound, at - 2), at) and _LABEL_NOUN.match(text, e))
            or (text.startswith("的", e) and _LABEL_NOUN.match(text, e + 1) and not _STATEMENT.match(text, e + 1)
                and _LABEL_BEFORE_DE.search(text, max(lo_bound, at - 2), at)
                and _COUNT_LATER.match(text, e, min(hi_bound, e + 30)))):
        return None
    # 全球最高10米液压支架: a record describes a thing, it is not a statistic
    if "\u4e00" <= text[e:e + 1] <= "\u9fff" and _SUPERLATIVE.search(text[max(lo_bound, s - 5):s]) \
            and text[e:e + 1] not in "，。；、的以左":
        return None
    full_unit = scale + unit
    if not full_unit:
        return None
    mn = Mention(s, e, value, full_unit, kind="number")
    if full_unit == "位" and _RANKING.search(text, _clause_start(text, s, lo_bound), s) \
            and not _PLACES_MOVED.search(text, max(lo_bound, at - 3), at):
        mn.unit, mn.rank, mn.kind = "rank", True, "rank"      # 排名由369位上升到235位; 提升7位 is a move
    if more:
        mn.qualifier = "ge"
    if text[e:e + 1] == "多" and unit == "倍":
        mn.qualifier = "ge"
    return mn


def _index_mention(text: str, m: re.Match, lo: int, hi: int, at: int) -> Mention | None:
    """A unitless number after 从/至/为 or an index word: 满意度从84.7提升至89.6, 倍差1.96.
    at: where the words before it end (before a minus sign)."""
    s = at
    num = m.group("num")
    ns, e = m.start(), m.end("num")
    if _looks_like_year(num):
        return None
    if "." not in num and text[e:e + 1] not in ("、", "和", "") and not _INDEX_WORD.search(text, max(lo, s - 4), s):
        return None                       # most bare integers: dates, list markers, codes
    before = text[max(lo, s - 4):s]
    after = text[e:e + 3]
    if after[:1] in "、和" and _CONNECTOR.match(text, e):
        nxt = _CONNECTOR.match(text, e).end()
        if nxt < len(text) and text[nxt].isdigit():
            return Mention(ns, e, _num(num), "", kind="bare")
    if "." not in num and not _INDEX_WORD.search(before):
        return None
    if not _INDEX_BEFORE.search(before) or not _INDEX_AFTER.match(text, e):
        return None
    if after[:1] in "，。；" and ("）" in after or ")" in after):
        return None
    return Mention(ns, e, _num(num), "", kind="index")


def _lists(text: str, found: list[Mention], lo: int, hi: int) -> None:
    """Group mentions joined only by 、/和/及 and give each its lead and sign."""
    next_id = 0
    prev = None
    for mn in found:
        joined = prev is not None and prev.kind not in ("rank", "ratio") and mn.kind not in ("rank", "ratio") \
            and _CONNECTOR.fullmatch(text, prev.end, mn.start) is not None
        if joined:
            if prev.list_id is None:
                prev.list_id = next_id
                next_id += 1
            mn.list_id = prev.list_id
            mn.respectively = prev.respectively
            mn.lead = prev.lead
            mn.sign = prev.sign
        else:
            # the lead runs back to the clause start or the previous mention, at most 40 characters
            floor = max(lo, mn.start - 40, prev.end if prev is not None else lo)
            lead = text[_clause_start(text, mn.start, floor):mn.start]
            mn.lead = lead[-12:] if not mn.lead or mn.kind != "rank" else mn.lead
            tail = lead.rstrip()
            mn.respectively = bool(_RESPECTIVELY.search(tail, max(0, len(tail) - 12)))
            mn.sign = _sign_of(_LEAD_TAIL.sub("", tail))
            if not mn.sign and prev is not None and prev.sign and _ELLIPSIS_ITEM.fullmatch(text, prev.end, mn.start):
                mn.sign = prev.sign       # 压减时间58%、材料52%: the verb is not repeated
        prev = mn


def _share_in_lists(text: str, found: list[Mention]) -> None:
    """分别达1409万、1305万人次, 快于全国3.4个、1个百分点: the last item's unit covers bare items and
    items that hold only its head; 分别超98.5%和99%: a qualifier before the first item covers the
    rest, and 分别增长5%、6.5%左右: one after the last item covers the others."""
    groups: dict[int, list[Mention]] = {}
    for mn in found:
        if mn.list_id is not None:
            groups.setdefault(mn.list_id, []).append(mn)
    for items in groups.values():
        last = items[-1]
        for mn in items[:-1]:
            if mn.kind in ("bare", "number") and last.unit and (
                mn.unit == "" or (last.unit.startswith(mn.unit) and last.unit != mn.unit)
            ):
                # 3.4个、1个百分点: the 个 of the first item is the head of the shared unit
                if text[mn.end:mn.end + len(last.unit) - len(mn.unit)] != last.unit[len(mn.unit):]:
                    mn.unit = last.unit
                    mn.kind = "number"
        # 分别增长5%、6.5%左右: the qualifier after the last item covers every item
        if last.qualifier in ("ge", "le", "approx") and _AFTER_RX.match(text, last.end):
            for mn in items[:-1]:
                if mn.qualifier == "eq" and mn.kind != "range":
                    mn.qualifier = last.qualifier
        first = items[0]
        if first.qualifier in ("ge", "le", "approx") and _qualifier_before(text, first.start, 0):
            for mn in items[1:]:
                if mn.qualifier == "eq":
                    mn.qualifier = first.qualifier
    for mn in found:
        if mn.kind == "bare":
            mn.kind = "drop"

"""Word lists of Chinese government documents, kept apart from the rules that use them.

Every list names a class of words of the language or of the genre (verbs of change,
markers of share, headings of report parts); none names a sentence of a sample report.
Regex fragments are written without groups so callers can embed them.
"""
from __future__ import annotations

import re

from .vocabulary import words

# Chinese numerals used in dates and ordinal headings (二〇二六年一月二十七日, 第十四个五年规划).
CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "〇零○Ｏ一二两三四五六七八九十"

# ---- measure -----------------------------------------------------------------------------

# A change of a quantity; the percentage that follows is a growth rate.
RISE = r"(?:同比|比上年|较上年|年均|平均|分别|累计|实际)?(?:增长|增加|提高|提升|上升|上涨|涨价|增产|增|扩大|跃升|攀升)"
# (降价, 涨价: a price that falls or rises by the rate: 药品平均降价47.4%)
FALL = r"(?:同比|比上年|较上年|年均|平均|分别|累计)?(?:下降|减少|降低|回落|精简|压减|压缩|缩减|缩小|下滑|削减|减产|降价|降|减)"
# Nouns of rate that make a percentage a growth rate by themselves (增速8%, 涨幅2%).
RATE_NOUN = r"(?:增速|增幅|涨幅|降幅|增长率|增长速度)"
# After a rank with no verb, a standing held (全国第4的地位进一步巩固): the rank is a figure, and
# the standing names nothing; the rank is of the amount just named.
STANDING_AFTER = r"的(?:地位|位次|位置|排位)"
# After a change verb, 到/至/为 turns it into the level reached (提高到3.3%).
REACH = r"(?:到|至|为|达到|达)"
# Share markers: 占GDP比重, 占比, 比重, 份额, 占全省.
SHARE_MARK = r"(?:占比|比重|份额|占)"
# Units of a growth when written with a change verb (提高1倍, 翻一番).
GROWTH_UNITS = ("%", "倍", "番", "成")
PP_UNITS = ("个百分点", "百分点")

# ---- qualifiers and verbs between an indicator and its number ------------------------------
# Stripped from the end of the text before a number to get to the noun that names it.
LINK_TAIL = (
    r"(?:分别|共计|合计|总计|累计|共|均|已|将|再|还|全年|年均|平均|同比|比上年|较上年|较去年|比去年)*"
    r"(?:增长|增加|提高|提升|上升|上涨|涨价|跃升|攀升|扩大|增产|下降|减少|降低|降价|回落|精简|压减|压缩|缩减|缩小|削减|下滑|减产)?"
    r"(?:到|至|了)?"
    r"(?:达到|达|为|是|至|到|超过|超|突破|逾|近|约|接近|高达|仅|保持在|保持|稳定在|控制在|维持在|不低于|不少于|"
    r"不超过|低于|高于|多于|少于|以上|左右|在)*"
)
# Words that make no indicator when they are all that is left of a phrase (增长5.6% after an amount;
# data/empty_heads.txt), and the empty phrase.
EMPTY_HEADS = {"", *words("empty_heads.txt")}
# Leading words dropped from an indicator (verbs of doing and framing words).
LEAD_DROP = (
    r"^(?:其中|全年|当年|今年|去年|年内|目前|截至目前|同时|此外|另外|并|且|和|与|及|以及|等|共|累计|"
    r"全省|全市|全区|全县|全国|全自治区|本市|本省|我省|我市|我区|我县|"
    r"实现|完成|推动|推进|力争|确保|努力|争取|预计|预期|计划|要|将|新|实际|"
    r"有|达|达到|为|使|让|把|对|向|在|于|从|由|经|按|以|通过|围绕|依托|加快|加大|加强|进一步|持续|继续|"
    r"全面|深入|大力|积极|着力|稳步|扎实|切实|不断|基本|再|又|还|也|都|均|已|已经|首次|首批|首期|"
    r"全力|集中|重点|优先|一批|一大批|一揽子|各类|各项|各级|全部|所有)+"
)
# Verbs that may open a number's following noun phrase: then the noun is not the indicator.
RIGHT_VERB_START = (
    "增长", "下降", "以上", "左右", "以内", "分别", "同比", "比上年", "实现", "完成", "达到", "提高", "提升",
    "办好", "用于", "带动", "拉动", "惠及", "覆盖", "减少", "增加", "降低", "居", "位居", "列", "排", "占",
    "的情况下", "的基础上", "之间", "时", "后", "前", "内", "外", "和", "与", "及", "或", "到", "至", "为",
)
# Nouns that may stand alone after a count (出台20条举措): the phrase stops at the first of these
# verbs or at punctuation.
# (一等奖, 特等奖: 等 between a grade and 奖 is part of the prize's name, not the 等 closing examples)
# (…240个项目全部完工, 住房全部交付: 全部 before a verb of being done ends the noun, as before 建成)
RIGHT_STOP = r"(?:全部(?=成功|完成|实现|开工|建成|投产|落地|通过|达标|完工|竣工|交付)|增加|减少|带动|拉动|实现|完成|新入选|入选|获批|获评|获得|荣获|获|发行|上榜|建成|开工|投入|投用|落地|纳入|通过|进行|开展|参与|参加|达到|增长|下降|提高|提升|覆盖|被|列入|成为|跻身|进入|在|等(?:(?!奖)|(?<![一二三特]等))|，|。|；|：|、|,|;|\n)"

# A rate now in force, named after it and changed to another value (现行16%的税率降至13%): the noun between 的 and
# the verb of change names it, and it is of the year before the one the sentence is about.
NOW_IN_FORCE_AFTER = r"^的(?P<noun>[^，。；：\d]{1,12}?)(?:降至|降到|降为|下调至|下调为|提高到|提高至|上调至|上调为|调整为)"

# Head nouns that a 分别 list shares at its end (城镇和农村居民人均可支配收入; data/list_heads.txt).
LIST_HEADS = words("list_heads.txt")
# Class nouns written between the items of a list and its head noun (新一代信息技术、新能源产业产值).
LIST_HEAD_CLASS = r"(?:产业|行业|企业|居民|人口|地区|领域|类|设施)"

# Generic nouns of who is counted; when an award or list follows (8家企业获评国家智能工厂), the
# figure counts the award's holders and the award names it (4个项目获中国人居环境范例奖, 4个设区市入选…试点城市,
# 5个县市入选…示范县, 6个区通过…国家督导评估认定). Things counted keep their noun, as results and works do (14个品牌入选
# 中华老字号 → 品牌; 2个品牌新入选… → 品牌, 新入选 stopping the noun as 入选 does).
# the words of a stock, a running total (累计 …): a 新增 beside one counts additions to it
STOCK_WORD = r"累计|总数|总量|总计"
GENERIC_SUBJECT = r"(?:企业|单位|机构|个人|团队|学校|医院|家庭|集体|项目|设区市|县市|县市区|区)"
AWARD_VERB = (r"(?:成功|新)?(?:获评|荣获|获得|获批|获|入选|入围|上榜|被认定为|认定为|被评为|评为|被命名为|命名为|"
              r"被授予|被列为|列入|进入(?=[^，。；：,;:]{2,24}?(?:名录|名单|目录|榜单))|"
              r"通过(?=[^，。；：,;:]{2,30}?评估认定(?:[，。；：,;:]|$)))(?:为)?")

# A span of time or a period of the year, which names no indicator when it is all a clause holds
# before its figure (“十四五”以来，…; 十年增加近70万亿元): the figure is of the thing named around it.
TIME_HEAD = (r"(?:“?十[一二三四五六七八九]?五”?(?:时期|期间)?|(?:过去|近|这)?[两二三四五六七八九十\d]{1,2}年)"
             r"(?:来|间|以来|中)?|[^，。；]{0,8}以来|每[年月]")
# A quarter or half of the year that heads its own growth in a list of them (三季度增长4.6%、…全年增长4.8%).
PERIOD_OF_YEAR = r"(?:全年|上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度)"

# Compounds that name two indicators at once; a 分别 list over one splits it (收支 -> 收入, 支出).
COMPOUND_PAIRS = {"收支": ("收入", "支出"), "进出口": ("进口", "出口"), "存贷款": ("存款", "贷款"),
                  "出入境": ("出境", "入境"), "产销": ("产量", "销量"),
                  "内外资": ("内资", "外资"), "内外贸": ("内贸", "外贸")}

# Names whose 城乡 pair is 城市/农村, not 城镇/农村: the minimum living allowance is 城市低保 and 农村低保
CITY_NOT_TOWN = ("低保", "最低生活保障", "居民最低生活保障")

# A bare 占比 of a subtype is a share of its type: the prefix that names the subtype is dropped
# (普惠托位占比 -> 托位, 民生领域财政支出占比 -> 财政支出), and a bare type takes its total's name.
# (优质特色高中在校生占比 -> 高中在校生: 优质特色 is one quality prefix, not 优质 before 特色高中)
# (产业/工业/制造业/基础设施投资: the parts fixed-asset investment is reported in)
# (数字经济增加值占比: the digital economy's value added is a part of all value added, the gross product)
SUBTYPE_PREFIX = (r"^(?:.{1,8}?领域|普惠性?|优质(?:特色)?|精细|民间|民营|非化石能源|可再生能源|清洁能源|新能源|绿色|高技术|"
                  r"战略性新兴产业|数字经济核心产业|数字经济(?=增加值$)|(?:产业|工业|制造业|基础设施)(?=投资$))(?=.{2,})")
# A quality word inside a type's name (煤炭先进产能占比 -> 煤炭产能): the type without it is the whole
INNER_SUBTYPE = r"(?<=[\u4e00-\u9fff]{2})先进(?=产能$)"
# Subtypes of owner or energy source that a list writes once, on its first item, for every item
# (清洁能源装机占比…、发电量占比…; 民营A、B占比分别为…): not the industry subtypes (高技术制造业、装备制造业).
CARRIED_SUBTYPE = r"(?:民营|民间|国有|外资|非化石能源|可再生能源|清洁能源|新能源)"
# (the value added of all the industries is the gross product)
TOTAL_NAME = {"投资": "固定资产投资", "电力": "全社会用电量", "用电量": "全社会用电量", "增加值": "地区生产总值"}
# Totals a part is written as a kind of (机电产品出口占比86％: of all exports): a bare 占比 of a name that ends
# in one of them, with no whole named, is a share of the total
TOTAL_HEAD = r"(?<=[\u4e00-\u9fff]{2})(?:进出口|出口|进口|贷款|存款|实际使用外资)$"

# Money named right after an amount of money (超10亿元补贴直达消费者, 50亿元资金用于…): that money is what the amount
# measures, never a category of things by amount
MONEY_NOUN = r"(?:补贴|补助|奖补|资金|贷款|消费券|债券|国债)"

# Verbs by which a subject reaches or covers a count of things (贸易伙伴覆盖155个国家或地区): the
# subject, not the things counted, names the figure.
REACH_COVER = r"(?:覆盖|扩大到|扩大至|增至|增加到|增加至|达到|达|遍及|遍布|拓展到|拓展至)"

# ---- status ------------------------------------------------------------------------------
ESTIMATE = r"预计"
TARGET_WORDS = r"(?:力争|确保|争取|预期目标|主要目标|目标是|目标为|目标任务|原定|计划|拟|将要|努力实现|不少于|不低于)"

# ---- key indicators (GUIDELINES: headline macro indicators) -------------------------------
KEY_PATTERNS = (
    r"生产总值|GDP|经济增长|经济总量|财政总收入|一般公共预算收入|固定资产投资|社会消费品零售总额|社零|"
    r"数字经济核心产业增加值|规上工业增加值|规模以上工业增加值|研发经费|研发投入|R&D|专利|人才|院士|上市公司|"
    r"居民消费价格|CPI|物价|调查失业率|城镇新增就业|人均可支配收入|居民收入|粮食产量|粮食总产量|单位GDP能耗|"
    r"单位地区生产总值能耗|能耗强度|进出口|外贸"
)

# ---- layout ------------------------------------------------------------------------------
REVIEW_HEAD = r"(?:回顾|成就|成效|总结|过去|主要工作|工作情况|进展)"
PLAN_HEAD = r"(?:工作安排|重点工作|工作任务|工作思路|工作部署|总体要求|主要工作|政府工作|工作)"
FYP_HEAD = r"(?:目标|任务|考虑|要求|举措|把握|规划|部署|展望|战略)"
SELF_HEAD = r"(?:政府自身建设|政府建设|政府治理|治理效能|法治政府|服务型政府|党的全面领导|作风建设|依法行政)"
GLOSSARY_HEAD = r"(?:名词解释|名词注释|注释|注解|名词说明|附注|术语)"
TRAILER_HEAD = r"(?:相关报道|责任编辑|编辑：|编辑:|（来源|\(来源|来源：|扫一扫|分享到|打印本页|关闭窗口|【我要纠错】)"
ANNEX_HEAD = r"(?:附件|附：|附录)"


# ---- compiling -----------------------------------------------------------------------------
# A pattern searched for at its end (`…$`) or whose alternatives open with a class, a group or a
# lookbehind gets no skip-ahead from the regex engine: every alternative is tried at every position.
# `guarded` puts a lookahead for the pattern's possible first characters in front; the matches stay
# the same, positions where none can start are passed at once.

def _joined(results) -> tuple[set[str], bool] | None:
    """The edge characters of a sequence from its items' (characters, may match empty), the edge
    item first: the first item that cannot be empty closes the edge; None if one cannot be told."""
    out: set[str] = set()
    for r in results:
        if r is None:
            return None
        out |= r[0]
        if not r[1]:
            return out, False
    return out, True


def first_chars(pattern: str) -> str | None:
    """A character class (regex text) holding every character a match of `pattern` can start with,
    or None when that cannot be told (a match may be empty, start with any character, or the
    pattern uses a construct not handled here)."""
    try:
        from re import _constants as C, _parser as P
    except ImportError:          # pragma: no cover - another Python: no guard, same matches
        return None
    categories = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                  C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}

    def item(op, av) -> tuple[set[str], bool] | None:       # (first chars, may match empty)
        if op is C.LITERAL:
            return {re.escape(chr(av))}, False
        if op is C.CATEGORY and av in categories:
            return {categories[av]}, False
        if op is C.IN:
            out = set()
            for o, a in av:
                if o is C.LITERAL:
                    out.add(re.escape(chr(a)))
                elif o is C.RANGE:
                    out.add(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
                elif o is C.CATEGORY and a in categories:
                    out.add(categories[a])
                else:
                    return None          # a negated class and the like: anything may start
            return out, False
        if op is C.SUBPATTERN:
            if av[1] or av[2]:
                return None              # inline flags
            return seq(av[3])
        if op is C.BRANCH:
            out, empty = set(), False
            for alt in av[1]:
                r = seq(alt)
                if r is None:
                    return None
                out |= r[0]
                empty = empty or r[1]
            return out, empty
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            r = seq(av[2])
            return None if r is None else (r[0], r[1] or av[0] == 0)
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return set(), True           # zero-width
        return None

    def seq(items) -> tuple[set[str], bool] | None:
        return _joined(item(op, av) for op, av in items)

    r = seq(P.parse(pattern))
    if r is None or r[1] or not r[0]:
        return None
    return "[" + "".join(sorted(r[0])) + "]"


def guarded(pattern: str) -> re.Pattern:
    """`pattern` compiled behind a lookahead for its first characters: the same matches, but a
    position where no match can start is passed at once."""
    first = first_chars(pattern)
    return re.compile(f"(?={first})(?:{pattern})" if first else pattern)


def edge_chars(items, last: bool, most: int | None = None) -> tuple[set[str], bool] | None:
    """The characters a match of the parsed sequence `items` (re._parser items) can end with
    (`last`) or start with, and whether it may match empty; None when that cannot be told (a
    category, a negated class, an anchor, a range wider than `most`)."""
    from re import _constants as C

    def chars(op, av) -> set[str] | None:
        if op is C.LITERAL:
            return {chr(av)}
        if op is C.IN and all(o is C.LITERAL or (o is C.RANGE and (most is None or a[1] - a[0] < most))
                              for o, a in av):
            return {chr(c) for o, a in av for c in ([a] if o is C.LITERAL else range(a[0], a[1] + 1))}
        return None

    def one(op, av) -> tuple[set[str], bool] | None:
        if op in (C.ASSERT, C.ASSERT_NOT):
            return set(), True       # zero-width: the item beside it ends (starts) the match
        if op is C.SUBPATTERN:
            return None if av[1] or av[2] else edge_chars(list(av[3]), last, most)
        if op is C.BRANCH:
            rs = [edge_chars(list(x), last, most) for x in av[1]]
            return None if None in rs else (set().union(*(x[0] for x in rs)), any(x[1] for x in rs))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            r = edge_chars(list(av[2]), last, most)
            return None if r is None else (r[0], r[1] or av[0] == 0)
        c = chars(op, av)
        return None if c is None else (c, False)

    return _joined(one(op, av) for op, av in (reversed(items) if last else items))


def last_chars(pattern: str, most: int = 2000) -> frozenset[str] | None:
    """Every character a match of `pattern`, which ends in $, can end with (a line break too: $ also
    matches before a final one), or None when that cannot be told (no $ at the end, a match may be
    empty, end in any character or in a class of more than `most` characters)."""
    try:
        from re import _constants as C, _parser as P
    except ImportError:          # pragma: no cover - another Python: no precheck, same matches
        return None
    tree = P.parse(pattern)
    if tree.state.flags & (re.I | re.M) or not tree.data or tree.data[-1] != (C.AT, C.AT_END):
        return None
    r = edge_chars(list(tree.data[:-1]), True, most)
    if r is None or r[1] or len(r[0]) > most:
        return None
    return frozenset(r[0] | {"\n"})


class EndPattern:
    """A pattern that matches only at the end of a string (…$), searched whole: the same matches as
    re.compile(pattern), but a string ending in none of the characters a match can end with (most
    segments) is answered without entering the regex engine."""

    __slots__ = ("rx", "pattern", "last")

    def __init__(self, pattern: str):
        self.rx = re.compile(pattern)
        self.pattern = pattern
        self.last = last_chars(pattern)

    def search(self, s: str, *pos):
        if pos or self.last is None or s[-1:] in self.last:
            return self.rx.search(s, *pos)
        return None

    def sub(self, repl, s: str, count: int = 0) -> str:
        if self.last is None or s[-1:] in self.last:
            return self.rx.sub(repl, s, count)
        return s


class _Everything:
    """The container every character is in: the precheck when the first characters cannot be told."""

    def __contains__(self, ch: object) -> bool:
        return True


def start_set(pattern: str, most: int = 2000):
    """first_chars(pattern) as a set of characters: a string whose first character is in none of them
    has no match there. Holds everything when that cannot be told (a match may be empty, or start with
    a category such as \\d or \\s)."""
    first = first_chars(pattern)
    try:
        from re import _constants as C, _parser as P
    except ImportError:          # pragma: no cover - another Python: no precheck, same matches
        return _Everything()
    if not first:
        return _Everything()
    (op, av), = P.parse(first).data
    items = [(C.LITERAL, av)] if op is C.LITERAL else av
    out: set[str] = set()
    for o, a in items:
        if o is C.LITERAL:
            out.add(chr(a))
        elif o is C.RANGE and a[1] - a[0] < most:
            out.update(chr(c) for c in range(a[0], a[1] + 1))
        else:
            return _Everything()
    return frozenset(out)


def starts(pattern: str) -> re.Pattern:
    """One character a match of `pattern` can start with: where this does not match, `pattern`
    cannot either (a match or an anchored sub tried at a position is passed with a one-character
    test). Matches anything when the first characters cannot be told."""
    return re.compile(first_chars(pattern) or "", re.S)

# Verbs that introduce a rank (居全国第4位, 位列前十) and the fields ranked in (全国, 中部, 同类城市).
# (the 列 of 班列 and 系列, the 排 of 减排, end a noun: 开行中欧班列2286列 is of the trains, 碳减排700万吨 of the cut)
RANK_VERB = r"(?:从|由|进至|进入|稳居|跃居|位居|位列|跻身|进入|保持|排名|排在|(?<!减)排|居于|居|(?<![班系])列|名列|升至|跃升至|上升至|提升至|至|到)"
SCOPE = r"全国|全省|中国西部|中国中部|大陆|全市|全区|全州|全县|全球|全世界|世界|亚洲|全国同类城市|同类城市|各省区市|各省区|各省份|中西部|西部|东部|中部|东北|西北|西南|华北|华东|华中|华南|副省级城市|省会城市|计划单列市|全国百强区|百强区|长三角|珠三角"

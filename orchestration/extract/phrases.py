"""Noun phrases around a figure: the head of the words before it (without linking verbs and
qualifiers), the noun after a count, and the items of a list (城镇和农村居民人均可支配收入)."""
from __future__ import annotations

import re

from . import lexicon as L

from .lexicon import (RANK_VERB, SCOPE)


_TAIL_TOKENS = (
    r"(?:\d+(?:\.\d+)?[\u4e00-\u9fff]{1,3}兑|安排|贬值|升值|超过|突破|接近|高达|达到|保持在|稳定在|控制在|维持在|不低于|不少于|不超过|低于|高于|多于|少于|以上|左右|"
    r"(?:分别|均)(?:新增|净增)|共计|合计|累计|总计|分别|同比|比上年|较上年|年均|平均|多增|少增|增长|增加|提高|提升|上升|上涨|跃升|攀升|扩大|增产|减产|下降|减少|"
    r"降低|降价|涨价|(?<=浓度)改善|回落|精简|压减|压缩|缩减|缩小|削减|下滑|实现|完成|继续|再|仍然|仍|持续|连续\d+(?:个)?(?:年|季度|月|榨季|赛季)|连续[一二三四五六七八九十]+(?:个)?(?:年|季度|月|榨季|赛季)|连续|"
    r"达|为|是|至|到|了|共|均|已|仅|在|超|逾|近|约|从|由|的|：|全部|拟|比(?:去年|上年|全国|全省|全市|全区|城镇居民|农村居民)?(?:预算|平均|同期)?(?:高|低)"
    r"|同口径|可比口径|增速|增幅|涨幅|降幅|增至|降至|连续多年|多年|(?:高于|高出|低于|快于|慢于|超出|领先)[^，。；、\d]{0,12}?|从无到有|(?<=[\u4e00-\u9fff”）])(?:全国|全省|全市|全区|全球|世界|中部|西部|东部|中西部|大陆|中国西部|中国中部|东北|西北|西南|华北|华东|华中|华南)|(?<![新净])增|下降至|下降到|下降为|首次|再次|历史性|双双|稳步|大幅|明显|显著|进一步|逐步|预计|预期|力争|确保|争取|将|要|整合为|整合到|整合至|整合|合并|调整为|调整|压降|优化为|跨越|迈上|跨上|(?:连跨|跨越|跨上|迈上|跃上|跨过|再上)[^，。；\d]{0,4}?(?:[\d一二三四五六七八九十两]+个)?[^，。；\d]{0,6}?台阶|连跨|跨过|跃上|稳定|微降|微涨|微升|按|(?:从|由)(?:上半年|年初|上年|去年|一季度|前三季度)|五年来|五年间|五年|(?:较|比|与)[^，。；、\d]{0,12}?(?:同期|末|末期|时期|上年|去年|年初|年末|上月|上季度|\d{4}年)(?:相比)?|\d{4}年(?:底|末)?的?|" + RANK_VERB + r"(?:全国|全省|全市|全区|全球|全世界|世界|各省区|各省区市|中西部|西部|东部|同类城市|副省级城市)?)$"
)
_TAIL = L.guarded(_TAIL_TOKENS)
# _TAIL ends in $, so what it cuts is the end of a segment. Its unbounded repeats are runs of digits or
# numerals (连续\d+年, 跨上…[\d一…两]+个台阶): on a segment with no run of 16 such characters a
# match is at most _TAIL_REACH characters long, and only the last _TAIL_REACH need be searched
# (lookbehinds still see the characters before). None: the bound cannot be told, search it all.
_NUMERAL_REPEAT = re.compile(r"(\\d|\[(?:\\d|[一二三四五六七八九十两])+\])\+")
_NUMERAL_RUN = re.compile(r"[\d一二三四五六七八九十两]{16}")


def _reach(pattern: str) -> int | None:
    try:
        from re import _parser
    except ImportError:          # pragma: no cover - another Python: no bound, same matches
        return None
    width = _parser.parse(_NUMERAL_REPEAT.sub(r"\1{1,15}", pattern)).getwidth()[1]
    return width if width < 1000 else None


_TAIL_REACH = _reach(_TAIL_TOKENS)


def _ends(pattern: str) -> tuple[str, list[tuple[re.Pattern, int]]] | None:
    """What a match of `pattern` (alternatives, then $) can end with: the characters its
    alternatives end with, and for each alternative whose end cannot be told (高于… then any
    characters) its first characters and its widest match; None when that cannot be read."""
    try:
        from re import _constants as C, _parser
    except ImportError:          # pragma: no cover - another Python: no precheck, same matches
        return None
    tree = _parser.parse(pattern)
    if len(tree) != 2 or tree[0][0] is not C.BRANCH or tree[1] != (C.AT, C.AT_END):
        return None

    ends, free = set(), []
    for alt in tree[0][1][1]:
        e = L.edge_chars(list(alt), True)
        if e is not None and not e[1]:
            ends |= e[0]
            continue
        f = L.edge_chars(list(alt), False)
        width = _parser.SubPattern(tree.state, list(alt)).getwidth()[1]
        if f is None or f[1] or width >= 1000:
            return None
        free.append((re.compile("[" + "".join(re.escape(c) for c in sorted(f[0])) + "]"), width))
    return "".join(sorted(ends)), free


# A segment ending in none of the characters a tail word ends with, and with no word of an open end
# (高于…) near its end, has no tail: about half of the segments noun_head cuts, once their tail is gone
_TAIL_ENDS = _ends(_TAIL_TOKENS)


def _may_have_tail(s: str) -> bool:
    if _TAIL_ENDS is None or not s:
        return True
    last, free = _TAIL_ENDS
    if s[-1] in last:
        return True
    for rx, width in free:        # (a loop, not any() over a generator: this runs for every segment)
        if rx.search(s, max(0, len(s) - width)):
            return True
    return False


def _cut_tail(s: str) -> str:
    """_TAIL.sub("", s) for a segment with no whitespace (so $ is its end, and the one match is cut)."""
    if not _may_have_tail(s):
        return s
    if _TAIL_REACH is None or len(s) <= _TAIL_REACH or _NUMERAL_RUN.search(s):
        return _TAIL.sub("", s)
    m = _TAIL.search(s, len(s) - _TAIL_REACH)
    return s[:m.start()] if m else s
# (a year glued to a name without 年, 2024新华·波罗的海指数, is the edition of the name, not part of it;
# 2025年总量 keeps its year: a bare amount noun would name nothing)
_LEAD = re.compile(
    r"^(?:[、，,（(]|以及|以上|左右|以内|继续|其中|(?:到|截至)\d{4}年(?:底|末)?|(?:19|20)\d{2}(?![年\d])(?=[\u4e00-\u9fff“])|五年来|过去五年|这五年|近五年|十年来|过去十年|这十年|近十年|一年来|过去一年|全年|当年|今年|去年|年内|年末|年底|年初|截至年末|截至年底|同口径|目前|同时|此外|另外|以及|累计|共计|"
    r"全省|全市|全区|全县|全自治区|本市|本省|我国(?=[\u4e00-\u9fff]{2})|我省|我市|我区|我县|实现|完成|推动|推进|力争|确保|努力|争取|预计|"
    r"预期|计划|拟(?=..)|的(?=..)|首次|首批|首期|并且|并|且|发生|抓好|抓实|用好|新增|新建|新认定|新培育|新入选|新开工|新签约|新引进|提出|包括|[一二三四五六七八九十]是|\d{1,2}[.．、](?!\d))+")
_LEAD_START = L.starts(_LEAD.pattern)
_RANK_PHRASE = re.compile(
    rf"(?:稳居|位居|居|列|位列|跻身|进入|保持)(?:{SCOPE})?(?:前列|前[\d一二三四五六七八九十百]+(?:强|位|名)?|"
    rf"第[\d一二三四五六七八九十]+(?:位|名)?|首位)、?$")
_RIGHT_SKIP = re.compile(r"^(?:以上|左右|以内|多|余|的)+")
# (74只母基金投资721个项目: 投资/融资 right before a number is the verb of the count, not part of its noun)
_RIGHT_STOP = L.guarded(rf"{L.RIGHT_STOP}|\d|第|居(?=全|前|首|第|世|中|西|东|同)|(?<=[\u4e00-\u9fff])(?:投资|融资)(?=\d)")
_LIST_SPLIT = re.compile(r"、|以及|和")     # 及/与 join words inside one name (旅游及相关产业)
SPACES = re.compile(r"[\s\u200b\ufeff]+")     # (a zero-width space a web page left inside a sentence is no character of it)


def no_spaces(s: str) -> str:
    """`s` without its whitespace: SPACES.sub("", s), but str.split() (the same Unicode
    whitespace as the regex's \\s) does it several times faster on the short segments of the hot path."""
    return "".join(s.split())


def strip_lead(s: str) -> str:
    # one pass is all: _LEAD's repeat stops where none of its words starts, and with no lookbehind
    # in it none starts there after the cut either
    s = s.strip().strip("*").strip()
    # (_LEAD is anchored at the start: a phrase starting with none of its first characters keeps all)
    return _LEAD.sub("", s) if _LEAD_START.match(s) else s


_LEAD_PUNCT = re.compile(r"^[、，（(]+")
_PUNCT_FIRST = "、，（("
_DIGIT = re.compile(r"\d")
_LEFT_AMOUNT = re.compile(r"^(.*?[^\d.])\d+(?:\.\d+)?(?:[万亿千百]?[元吨顷亩里米瓦度人户家个辆件套张次箱斤方]|千公顷|平方米|"
                          r"平方公里|千瓦时|立方米|人次|%|％)?$")
_SHARE_PHRASE_END = re.compile(r"(?:在(?![校读职岗建编线库])[^，。；、\d]{2,12}?(?:的)?占比|占(?:[^，。；、\d]{0,20}?)(?:的)?(?:比重|比例|份额)?)$")
SHARE_NOUN_END = re.compile(r"(?:占比|比重|比例|份额)$")
_SHARE_NOUNS = ("占比", "比重", "比例", "份额")       # SHARE_NOUN_END's words, two characters each


def noun_head(seg: str, keep_share: bool = False) -> str:
    """The noun phrase of a segment: without the linking verbs and qualifiers at its end; a share
    noun at its end (占比, 比重) stays when it is what a rank ranks (keep_share)."""
    s = no_spaces(seg).strip("*")
    if s[:1] in _PUNCT_FIRST:
        s = _LEAD_PUNCT.sub("", s)
    # an amount the detector left out (面积312.4千公顷，比上年…): the noun ends before it
    nm = _LEFT_AMOUNT.match(s) if _DIGIT.search(s) else None     # (no amount without a digit)
    if nm and len(nm.group(1)) >= 2:
        s = nm.group(1)
    prev = None
    while prev != s:
        prev = s
        s = _cut_tail(s).rstrip("、")      # (4个万亿元台阶、达14.2万亿元: the 、 closes a list item)
        if "前" in s or "第" in s or "首" in s:      # (every rank _RANK_PHRASE reads holds one of them)
            s = _RANK_PHRASE.sub("", s)      # a rank between an amount and its growth (5.53万亿元、稳居全国前十强、增长4.8%)
        if s[:1] in _PUNCT_FIRST:
            s = _LEAD_PUNCT.sub("", s)
        sm = None if keep_share or "占" not in s else _SHARE_PHRASE_END.search(s)   # (both forms hold 占)
        if sm:
            s = s[:sm.start()]
        if not keep_share:
            # (SHARE_NOUN_END.sub, as a suffix test: s holds no whitespace, so no line break before $)
            if len(s) > 3 and s.endswith(_SHARE_NOUNS) and not s.endswith(("的比例", "的比重")):
                s = s[:-2]
    return strip_lead(s)


_SKIP_FIRST = "以左多余的"        # what _FRAME_AFTER and _RIGHT_SKIP may start with
_FRAME_AFTER = re.compile(r"^(?:以上|左右|多|余)?的(?:情况下|基础上|同时|目标|水平|规模|幅度"
                          r"|[\u4e00-\u9fff]{1,4}(?:水平|区间|位置)(?:$|[，。；、]))")     # (4%左右的合理水平)
_ALT_UNIT = re.compile(r"^[（(][^）)]{0,8}[）)]")
_CLASS_LABEL = re.compile(r"^\d{1,2}类(?=[\u4e00-\u9fff])")
_GRADE_LABEL = re.compile(r"^\d[A-Z]级(?=[\u4e00-\u9fff])")
_AGE_THRESHOLD = re.compile(r"^\d{1,3}(?:周)?岁(?:及)?(?:以上|以下)(?:的)?(?=[\u4e00-\u9fff])")
# 建成20个500千伏输变电工程, 2个30万吨级码头: a spec or size class between a count and its noun defines the
# kind of thing counted (the guidelines' 30万吨级 is no figure); the noun after it is what is counted
# (新建22个750千伏和330千伏电网工程: two specs joined by 和 or 、 both define it, and the noun after the last)
_SPEC = r"\d+(?:\.\d+)?(?:(?:千伏|伏|英寸|纳米|微米)(?:及以上|以上)?|[万千百亿]?(?:吨|千瓦|立方米|米)?级)"
_SPEC_LABEL = re.compile(r"^" + _SPEC + r"(?:[和、及]" + _SPEC + r")*(?:的)?(?=[\u4e00-\u9fff])")
# (达到 reaches no new value of the count: 90%以上村庄达到…标准 is a share of the villages)
_CHANGE_AFTER = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}?(?<!达)(?:至|到)|(?:整合|合并|调整|优化|压减|缩减|变)为)")


def _is_word_start(ch: str) -> bool:
    """ch is in [\u4e00-\u9fff“A-Za-z] (a word may start there), tested without a call into the regex
    engine (asked for every figure)."""
    return "\u4e00" <= ch <= "\u9fff" or ch == "“" or "A" <= ch <= "Z" or "a" <= ch <= "z"


_QUOTED = re.compile(r"“[^”]{1,30}”")
_QUOTED_LIST = re.compile(r"[^“”、，。；\d]{0,4}“[^”]{1,12}”(?:、“[^”]{1,12}”)+(?=[\u4e00-\u9fff])")
_NOTE_AT = re.compile(r"\[\d{1,3}\]|［\d{1,3}］")
_NOTE_AFTER_QUOTE = re.compile(r"(?<=”)(?:\[\d{1,3}\]|［\d{1,3}］)(?=[\u4e00-\u9fff“])")
# nouns whose first character is also a verb (居民, 在建项目, 和美乡村): the word, not the verb, follows the count
_NOUN_START = re.compile(r"(?:居民|居住|和美|在建|在校|在岗|在园|在营|在线|在册|在读|在职|在库)")
_PARTICLE_END = re.compile(r"(?:的|了|等|(?:首次)?全部|均|都)$")     # (4县高速项目全部开工: the adverb is of the verb cut)


def noun_after(right: str, min_len: int = 2, after_examples: bool = False) -> str:
    r = right.lstrip()
    # (each pattern is tried only where its first character stands: most figures have none of them)
    if r[:1] in _SKIP_FIRST and _FRAME_AFTER.match(r):
        return ""
    if r[:1] in _SKIP_FIRST:
        r = _RIGHT_SKIP.sub("", r)
    g = _GRADE_LABEL.match(r) if r[:1].isdecimal() else None
    if g:
        # 新增钟祥明显陵、麻城龟峰山2家5A级景区: a grade written as a name (5A级, GUIDELINES: 3A级 is no figure)
        # stays with the noun after it, which is what is counted
        rest = noun_after(r[g.end():], min_len, after_examples)
        return g.group() + rest if rest else ""
    if r[:1].isdecimal():             # (str.isdecimal is the regex's \d: Unicode Nd)
        r = _AGE_THRESHOLD.sub("", r)     # 87万名80岁以上老年人: the age defines what is counted
    if r[:1].isdecimal():
        r = _CLASS_LABEL.sub("", r)       # 2个1类创新药: so does the class
    if r[:1].isdecimal():
        r = _SPEC_LABEL.sub("", r)        # 20个500千伏输变电工程: and a spec
    if r[:1] in "（(":
        r = _ALT_UNIT.sub("", r)      # an alternative unit in brackets: 7.4万套（间）
    # (_CHANGE_AFTER needs 至/到 in the 2nd to 4th characters or 为 in the 2nd or 3rd: most have neither)
    if ("至" in r[1:4] or "到" in r[1:4] or "为" in r[1:3]) and _CHANGE_AFTER.match(r):    # 由66户整合至…: a change, not a noun
        return ""
    if not r or not _is_word_start(r[0]):
        return ""
    nm = _NOUN_START.match(r)
    if (r.startswith(L.RIGHT_VERB_START) or _VERB_START.match(r)) and not nm and not after_examples:
        return ""
    if "[" in r or "［" in r:
        # a note marker closes the term it explains (三张“零关税”清单［8］效应释放: the noun ends there); after a
        # quoted name that qualifies a noun (94个“两重”“两新”［1］项目) it is no number to stop at either
        r = _NOTE_AFTER_QUOTE.sub("", r[:24]) + r[24:]
        nm_ = _NOTE_AT.search(r, 0, 24)
        r = r[:nm_.start()] if nm_ else r
    q = _QUOTED.match(r) if r[0] == "“" else None        # a quoted name may hold digits: “15分钟生活圈”
    if "”、“" in r[:40]:
        # 14项全国“首创”、“首批”金融政策: quoted words listed with 、 qualify the noun after them
        q = _QUOTED_LIST.match(r) or q
    m = _RIGHT_STOP.search(r, q.end() if q else nm.end() if nm else 0)
    phrase = r[:m.start()] if m else r[:20]
    if phrase[-1:] in "的了等部均都" or phrase[-1:] == "\n":      # (what _PARTICLE_END, ending in $, can match)
        phrase = _PARTICLE_END.sub("", phrase)
    return phrase if len(phrase) >= min_len else ""


_VERB_START = re.compile(
    r"(?:跃升|增加|增至|提高|提升|增长|下降|减少|降低|降至|缩小|扩大|实现|完成|入选|获|建成|开工|投入|落地|纳入|通过|进行|开展|"
    r"参与|参加|达到|覆盖|列入|成为|跻身|进入|签订|签约|受益|享受|保持|稳定|位居|居|列|排|占|是|为|被|将|已|均|共|累计|"
    r"分别|同比|比上年|较上年|以上|以下|以内|左右|上下|之间|之内|次之|提请|用于|投向|办好|带动|拉动|惠及|帮助|支持|"
    r"推动|推进|加快|新增|新建|发展|建设|改造|整治|打造|创建|获评|获批|荣获|连续|首次|再次|全部|全面|基本|有序|顺利|"
    r"成功|圆满|陆续|相继|先后|一次性|同步|开通|投用|运营|运行|上线|落户|签署|集聚|聚集|突破|超过|达|至|到|在|从|由|与|和|及)"
)
# (an EndPattern: a segment ending in no character a verb here ends with is passed without the engine)
VERB_END = L.EndPattern(
    r"(?:出台|提供|培育|引育|引进|建设|新建|改建|建成|打造|组建|选送|实施|开展|推出|举办|办好|完成|启动|推动|带动|"
    r"惠及|帮助|支持|安排|新增|设立|创建|认定|评定|招引|吸引|培训|服务|形成|发布|制定|修订|办理|化解|受理|解决|治理|"
    r"改造|整治|开工|交付|筹集|发放|救助|资助|落实|部署|争取|遴选|评选|命名|签约|引导|带领|吸纳|转移|输出|接待|"
    r"承办|获得|获评|获批|入选|拥有|聚集|集聚|培养|招聘|招录|开设|开辟|开通|开行|新开|上线|建立|成立|布局|储备|"
    r"谋划|策划|排定|推进|加快推进|加快|用好|盘活|处置|清理|整合|保障|落地|投用|提升|提质|更新|配建|配置|配租|"
    r"引入|推广|创成|创设|培树|选树|表彰|奖励|补贴|发行|下达|投放|投入|到位|实现|达成|新认定|新培育|投产|通车|投运|再|为)$"
)


def verbs_only(head: str) -> bool:
    """True when the phrase is verbs of doing and nothing else (提升改造, 新建)."""
    if not head:
        return False
    prev = None
    while head and prev != head:
        prev = head
        m = VERB_END.search(head)
        if m:
            head = head[:m.start()]
    return not head


# Verbs that, standing alone before an amount, leave its noun to follow it (筹措50亿元资金, 交付2569套
# 安置房, 有效应对14轮强降雨, 经受了25轮强降水: what was weathered is counted); kept out of VERB_END, which the share rules also read.
_BARE_VERB_END = L.EndPattern(r"(?:筹措|统筹|拿出|使用|交付|竣工|应对|经受|处置|安置|废止|输出|外送|救治|收储|供应|新启动|新制定)$")
# adverbs of manner or time before such a verb (有效应对, 成功应对, 先后出台, 累计建成, 一次性发放)
_ADVERB_LEAD = re.compile(r"^(?:有效|成功|妥善|高效|及时|全力|顺利|先后|陆续|相继|累计|全年|每年|一次性|共)+")


_VERB_JOIN = "和及并、"


def bare_verb(head: str) -> bool:
    """True when the phrase is a verb of doing, or adverbs and such a verb, and names no thing:
    what is counted is the noun after the amount."""
    h = _ADVERB_LEAD.sub("", head or "")
    if not h:
        return False                   # (全年, 累计: adverbs alone are no verb)
    prev = None
    while h and prev != h:
        prev = h
        m = _BARE_VERB_END.search(h) or VERB_END.search(h)
        if m:
            h = h[:m.start()]
            if h[-1:] in _VERB_JOIN:
                h = h[:-1]          # 新建和改造提升112万亩高标准农田: two verbs joined, still no thing
    return not h


# what follows the object of a bare verb: the purpose or the next verb, or an example singled out,
# never part of the name (筹措30.5亿元资金支持稳增长 → 资金; 应对17轮强降雨特别是台风… → 强降雨)
_OBJECT_END = re.compile(r"(?:支持|用于|实施|撬动|推动|带动|帮助|投向|开展|推进|助力|保障|特别是|尤其是)")


def object_noun(phrase: str) -> str:
    """The noun a bare verb's amount counts: the phrase after the amount up to the verb of purpose;
    "" when that verb comes first (筹措7亿元实施…工程, 筹措30.5亿元撬动…贷款: the money raised is
    not the programme it pays for, nor what it levers)."""
    m = _OBJECT_END.search(phrase)
    if m is None:
        return phrase
    return "" if m.start() == 0 else phrase[:m.start()]


def compound_items(phrase: str) -> list[str]:
    """一般公共预算收支 -> [一般公共预算收入, 一般公共预算支出] (lexicon.COMPOUND_PAIRS)."""
    for c, (a, b) in L.COMPOUND_PAIRS.items():
        if c in phrase:
            return [phrase.replace(c, a, 1), phrase.replace(c, b, 1)]
    return []


_COUNTED_TAIL = re.compile(r"^(.{2,}?)(起数|次数|人数|件数|死亡人数|受伤人数|直接经济损失|经济损失)$")
# (一二三产, or with the marks written: 一、二、三产 — the 产 then stands once, on the last item)
_SECTORS = re.compile(r"^(.*?)([一二三](?:、?[一二三]){1,2})(?P<word>产(?:业)?)(.+)$")
_MEASURE_NOUN_END = re.compile(r"[数率量额值入出资价积度]$")   # 投资额, 增长率: a measure, not an item
_HEAD_CLASS_END = re.compile(L.LIST_HEAD_CLASS + "$")
_HEAD_CLASS = re.compile("全?产业链|" + L.LIST_HEAD_CLASS)     # (全产业链产值: the chain is the head's)
_ETC_BEFORE_HEAD = re.compile(r"^([^等]{2,8})等(?=.{2,}$)")     # (高等教育: 等 in a word, after one character)


def list_items(phrase: str) -> list[str]:
    """城镇和农村居民人均可支配收入 -> [城镇居民人均可支配收入, 农村居民人均可支配收入]."""
    if not phrase:
        return []
    if phrase.startswith("城乡") and not _LIST_SPLIT.search(phrase):
        rest = phrase[2:]
        # (城乡低保 is the cities' and the countryside's minimum living allowance: 城市低保, 农村低保)
        return ["城市" + rest if rest.startswith(L.CITY_NOT_TOWN) else "城镇" + rest, "农村" + rest]
    sm = _SECTORS.match(phrase)
    if sm:      # 一二三产增加值: the three sectors written as one word
        # each sector as written (一二三产 -> 一产, 二产, 三产; 一二三产业 -> 一产业 …): the seeds alias both spellings
        return [sm.group(1) + n + sm.group("word") + sm.group(4) for n in sm.group(2) if n != "、"]
    parts = [p for p in _LIST_SPLIT.split(phrase) if p]
    if len(parts) == 2:
        # 本外币存、贷款余额: a compound (存贷款) written with 、 inside it is the compound's pair
        for key in L.COMPOUND_PAIRS:
            if parts[0].endswith(key[0]) and parts[1].startswith(key[1:]) and len(parts[1]) > len(key) - 1:
                return compound_items(parts[0][:-1] + key + parts[1][len(key) - 1:])
    if len(parts) < 2:
        return parts
    # 食品、石化、医药、信息等产业增加值: 等 closes the list of items, it is no part of the last one
    parts[-1] = _ETC_BEFORE_HEAD.sub(r"\1", parts[-1])
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
        if cm and len(stem) > len(cm.group(0)) and not first.endswith(cm.group(0)) \
                and not _own_class_word(first, cm.group(0)):
            head = cm.group(0) + head
        head = _per_head(last, _sized(last, head), first)
    fm = None if head else _COUNTED_TAIL.match(first)
    if fm and all(len(p) <= 6 and _COUNTED_TAIL.match("xx" + p) and not p.startswith(fm.group(1)) for p in parts[1:]):
        # 生产安全事故起数、死亡人数分别下降: the later items are measures of the first item's subject
        return [first] + [fm.group(1) + p for p in parts[1:]]
    short = min(len(x) for x in parts[:-1])      # the middle items are bare (老旧供水、燃气、排水管网)
    if not head and short <= 3 and len(last) > short + 1:
        # the last item as long as the shortest, unless a class noun after it starts the head:
        # 汽车、有色金属行业增加值 -> 有色金属 + 行业增加值 (not 有色 + 金属行业增加值)
        cm = _HEAD_CLASS.search(last, short + 1)
        head = last[cm.start():] if cm and len(last) > cm.end() else last[short:]
        if cm and head != last[short:] and _own_class_word(first, cm.group()):
            head = last[cm.end():]
    return [p if (not head or p.endswith(head)) else _join_head(p, head) for p in parts]


def paired_items(phrase: str, n: int) -> list[str]:
    """A 分别 list with as many values as items: the head its last item ends in is every item's, even when
    the first opens with its own subject and so is longer than list_items' parallel items allow
    (上海机场航空货邮和旅客吞吐量分别达到A、B -> 上海机场航空货邮吞吐量; 限额以上新能源汽车、家电类零售额)."""
    items = list_items(phrase)
    if n < 2 or len(items) != n:
        return items
    head = list_head(items[-1])
    # (an item before the last that ends in a head or a measure noun shows each item names its own measure:
    # 生产总值和居民收入; 接待游客人次、旅游总花费、接待入境过夜游客人次 — 旅游总花费 takes no 人次)
    if not head or any(_MEASURE_NOUN_END.search(x) or any(x.endswith(h) for h in L.LIST_HEADS) for x in items[:-1]):
        return items
    head = _per_head(items[-1], _sized(items[-1], head), items[0])
    if not items[0].endswith(head):
        # (以旧换新)带动新能源汽车、家电类消费分别增长: the clause's verb before the first item, and what does the
        # driving, are no part of its name, as the items after it, written without them, show (a name that is the
        # verb's object alone, 带动消费, keeps it)
        items[0] = _DRIVE_LEAD.sub("", items[0])
    return [x if x.endswith(head) else x + head for x in items]


_DRIVE_LEAD = re.compile(r"^[^、，。；]*?(?:带动|拉动)(?=[\u4e00-\u9fff]{2})")


_SIZE_BEFORE_HEAD = re.compile(r"(?:限额以上|限上|规模以上|规上)$")


def list_head(last: str) -> str:
    """The head word (lexicon.LIST_HEADS) the last item of a list ends in, with words before it; "" if none."""
    return next((h for h in L.LIST_HEADS if last.endswith(h) and len(last) > len(h)), "")


def _sized(last: str, head: str) -> str:
    """A size threshold written on the last item before the head is the head's, every item's
    (新能源汽车、智能家电、智能手机限上零售额 -> 新能源汽车限上零售额)."""
    sized = _SIZE_BEFORE_HEAD.search(last[:-len(head)])
    return (sized.group(0) if sized else "") + head


_PER_HEAD_WORD = re.compile(r"人均|户均")


def _per_head(last: str, head: str, first: str) -> str:
    """A per-head word (人均, 户均) on the last item before the head starts the head, every item's: the items are
    whose, the head what is measured per head (低保、特困人均月标准 -> 低保人均月标准, not 低保标准; 居民医保和基本公共
    卫生服务经费人均财政补助标准 -> 居民医保人均财政补助标准); a first item with its own 人均 writes its head itself."""
    stem = last[:-len(head)]
    m = None if _PER_HEAD_WORD.search(first) else _PER_HEAD_WORD.search(stem, 2)
    return last[m.start():] if m else head


def _own_class_word(first: str, cls: str) -> bool:
    """制造业、战略性新兴产业贷款: a first item that is a sector itself shows the class noun 产业/行业 is the
    last item's own word, not the head's (制造业贷款, not 制造业产业贷款)."""
    return first.endswith("业") and cls in ("产业", "行业")


def _join_head(item: str, head: str) -> str:
    """城镇居民 + 居民人均可支配收入 -> 城镇居民人均可支配收入: the words they share are written once."""
    # (one character in common is no shared word: 地表水 + 水质优良比例 -> 地表水水质优良比例)
    for k in range(min(len(item), len(head) - 1), 1, -1):
        if item.endswith(head[:k]):
            return item + head[k:]
    return item + head

"""Finding value expressions (number + unit) in normalized text.

A Mention is the span of one figure's value expression, from the first character of
the number to the end of its unit, with the value as written, the unit as written
(scale prefix kept), the qualifier (eq/ge/le/approx/range) and value_high for ranges.
Offsets are into the normalized text; the pipeline maps them back to the original.

The rules (each with example phrases in tests/extract/test_extract_mentions.py):

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
          (全国, 全省, 全球…; with no verb, at a clause end or before 的地位/的位次: 全国第4的地位巩固);
          排名由369位 → unit "rank"; 前N → qualifier le; 前1% and 30强
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

from .numbers import (Mention, ARABIC_NUMBER, SCALE_FOR_NUMBER, SCALE_AT_CLAUSE_END, BIG_RANK,
    CHINESE_NUMBER, CN_NUMERAL_CHARS, CN_FRACTION, LIST_CONNECTOR, FIELD_NEAR, FRACTION, HALF, INDEX_AFTER,
    INDEX_BEFORE, INDEX_WORD, LABEL_NOUN, NEGATIVE_WORD, PER_FIRST, PLACES_MOVED, ARABIC_RANGE,
    CHINESE_RANGE, RANGE_HINT, RANK_EXPRESSION, RANKING, RANK_FIELDS, RANK_VERBS, RATIO, RATIO_SEPS,
    SLASH_HEAD, SPAN_VERB, YEARS_OF, arabic_value, cn_number)
from .mention_context import (bad_prefix, clause_start, inside_quotes, is_threshold, looks_like_year,
    minus_before, noun_follows, qualifier_of)
from .mention_lists import group_lists, share_in_lists
from . import lexicon as L
from .lexicon import first_chars
from .rules.candidate import NumberCandidate
from .rules.mention_vetoes import MENTION_VETOES

# a verb that gives or spends money, right before 超: the amount after it is the sum given, never a
# category of things by their size (发放超亿元的新生开学季“大礼包”)
_GIVEN_BEFORE = re.compile(r"(?:发放|投入|安排|筹措|筹集|兑现|下达|拨付|争取|撬动|带动)$")

_STANDING_AFTER = re.compile(L.STANDING_AFTER)    # 全国第4的地位进一步巩固: a rank with no verb
# 从第9名提升至第2名: the rank a move starts from has its verb after it, before the rank it moved to
_MOVED_FROM = re.compile(r"(?:从|由)\s*$")
_MOVED_TO = re.compile(r"(?:提升|上升|跃升|攀升|前移|提高|升|下降|下滑|后移|降|退)(?:至|到|为)第")
_RANGE_HINT_START = L.start_set(RANGE_HINT.pattern)


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
    for m in rank_expressions(text, start, end):
        s, e = m.start(), m.end()
        lo = clause_start(text, s, start)
        lead = text[lo:s]
        nxt = text[e:e + 2]
        if m.group("top"):
            if not RANK_VERBS.search(lead):
                continue
            take(Mention(s, e, 1.0, "rank", rank=True, kind="rank", lead=lead[-12:]))
            continue
        if m.group("p") is not None:
            if m.group("pw") == "强" or (nxt[:1] and nxt[:1] in "季月年天个批%‰?？") or not RANK_VERBS.search(lead):
                continue
            v = arabic_value(m.group("p")) if m.group("p").isdigit() else cn_number(m.group("p"))
            if v is None:
                continue
            take(Mention(s, e, v, "rank", qualifier="le", rank=True, kind="rank", lead=lead[-12:]))
            continue
        n = m.group("n")
        v = arabic_value(n) if n.isdigit() else cn_number(n)
        if v is None or (not m.group("w") and nxt[:1] and nxt[:1] in "次届批个章条款期轮号季年天家座项步阶代层部节届场类种"):
            continue
        verb = RANK_VERBS.search(lead) or (_MOVED_FROM.search(lead) and _MOVED_TO.match(text, e))
        field_before = lead.endswith(RANK_FIELDS) or bool(FIELD_NEAR.search(lead))
        if not verb and not (field_before and (m.group("w") or not nxt[:1] or nxt[:1] in "，。；、"
                                               or _STANDING_AFTER.match(text, e))):
            continue
        if nxt.startswith("大") and not BIG_RANK.search(lead):
            continue
        take(Mention(s, e, v, "rank", rank=True, kind="rank", lead=lead[-12:]))

    # a scale word standing for the number after a threshold verb: 超万亿元, 突破百万吨
    for m in SCALE_FOR_NUMBER.finditer(text, start, end):
        s, e = m.start("scale"), m.end()      # the verb before the scale word stays out
        if not free(s, e) or text[s - 2:s] == "上下":
            continue
        scale, unit = m.group("scale"), m.group("unit") or ""
        if not unit or text[e:e + 1] == "级" or noun_follows(unit, text[e:e + 2]):
            continue
        if LABEL_NOUN.match(text, e) or (text.startswith("的", e) and not _GIVEN_BEFORE.search(text, max(0, m.start() - 4),
                                                                                            m.start())):
            continue                      # 营收超亿元的龙头企业, 超万亿元县: a category (发放超亿元的…大礼包: money given)
        if scale == "万":
            value, unit_out = 10000.0, unit
        else:
            value, unit_out = 1.0, scale + unit
        take(Mention(s, e, value, unit_out, kind="threshold"))
    # ... or with no measure word at the end of a clause: 产值突破百亿。, 用户过亿，
    for m in SCALE_AT_CLAUSE_END.finditer(text, start, end):
        s = m.start() + 1                 # the verb stays out
        if free(s, m.end()):
            mult = {"": 1.0, "十": 10.0, "百": 100.0, "千": 1000.0}[m.group("mult")]
            take(Mention(s, m.end(), mult, m.group("scale"), kind="threshold"))
    if text.find("一半", start, end) != -1:
        for m in HALF.finditer(text, start, end):
            if free(m.start(), m.end()):
                take(Mention(m.start(), m.end(), 0.5, "fraction", kind="fraction"))
    if text.find("分之", start, end) != -1:
        for m in CN_FRACTION.finditer(text, start, end):
            num, den = cn_number(m.group("cnum")), cn_number(m.group("cden"))
            if not (num and den and free(m.start(), m.end())) or text[m.start() - 1:m.start()] == "前":
                continue                  # 前千分之一: a top tier, not a share
            if m.group("cden") in ("百", "千"):   # 百分之三十 is 30 %, 千分之五 is 5 ‰
                take(Mention(m.start(), m.end(), num, "%" if den == 100 else "‰"))
            else:
                take(Mention(m.start(), m.end(), num / den, "fraction", kind="fraction"))

    # Arabic numbers: one scan; a ratio, range or fraction is tried where its separator follows
    for m in ARABIC_NUMBER.finditer(text, start, end):
        s = m.start()
        if not free(s, m.end("num")) or (s > start and text[s - 1] in "0123456789"):
            continue
        ne = m.end("num")
        sep = text[ne:ne + 1]
        special = None
        if sep in RATIO_SEPS:
            special = _ratio_at(text, s, start, end)
        elif sep == "/":
            special = _fraction_at(text, s, start, end)
        elif sep in _RANGE_HINT_START and RANGE_HINT.match(text, ne):     # (most numbers: no range mark after)
            special = _range_at(ARABIC_RANGE, text, s, start, end, False)
        if special is not None:
            if all(free(x.start, x.end) for x in special):
                for x in special:
                    take(x)
            continue
        mention = _number_mention(text, m, False, start, end)
        if mention is not None and free(mention.start, mention.end):
            take(mention)
    # Chinese numbers; 三至五个 is a range
    for m in CHINESE_NUMBER.finditer(text, start, end):
        s = m.start()
        if s - 2 >= start and text[s - 1] in "至到" and text[s - 2] in CN_NUMERAL_CHARS:
            i = s - 2
            while i > start and text[i - 1] in CN_NUMERAL_CHARS:
                i -= 1
            special = _range_at(CHINESE_RANGE, text, i, start, end, True)
            if special is not None and all(free(x.start, x.end) for x in special):
                for x in special:
                    take(x)
                continue
        mention = _number_mention(text, m, True, start, end)
        if mention is not None and free(mention.start, mention.end):
            take(mention)

    found.sort(key=lambda x: x.start)
    group_lists(text, found, start, end)
    for mn in found:
        # the qualifier words touch the span (超过5%, 5%以上), so no clause bounds are needed
        if mn.qualifier == "eq" and mn.kind != "range":
            mn.qualifier = qualifier_of(text, mn.start, mn.end, start, end)
        if mn.kind == "rank" and text[mn.start] == "前":
            mn.qualifier = "le"
        if mn.qualifier == "eq" and mn.unit in _DAY_UNITS and text.startswith("内", mn.end):
            mn.qualifier = "le"          # 办结时间压缩至5个工作日内: a time limit
        mn.text = text[mn.start:mn.end]
    share_in_lists(text, found)
    return [mn for mn in found if not inside_quotes(text, mn.start, mn.end, start) and mn.kind != "drop"]

# the characters a rank expression starts with (第, 首位/榜首, 前), read from the pattern: a scan for
# them alone skips the text several times faster than RANK_EXPRESSION's own scan, whose alternation
# gives the engine no first-character set
_RANK_FIRST = first_chars(RANK_EXPRESSION.pattern)
_RANK_START = re.compile(_RANK_FIRST) if _RANK_FIRST else None


def rank_expressions(text: str, start: int, end: int):
    """RANK_EXPRESSION.finditer(text, start, end): the same matches, tried only where one can start."""
    if _RANK_START is None:
        yield from RANK_EXPRESSION.finditer(text, start, end)
        return
    pos = start
    for c in _RANK_START.finditer(text, start, end):
        if c.start() >= pos:
            m = RANK_EXPRESSION.match(text, c.start(), end)
            if m is not None:
                yield m
                pos = m.end()


def _ratio_at(text: str, s: int, lo: int, hi: int) -> list[Mention] | None:
    """2.81∶1 → one figure (1∶3.4 → 3.4); 8.7∶41.2∶50.1 → three; 10:30 and 09:45:30 are times."""
    m = RATIO.match(text, s, hi)
    if m is None:
        return None
    a, b, c = m.group("a"), m.group("b"), m.group("c")
    if ":" in m.group(0) and "." not in a + b + (c or ""):
        return []
    if c is None:
        # (1∶3.4, one to many: the term that is not the 1 carries the ratio, as 2.50∶1 is 2.5)
        value = arabic_value(b) if arabic_value(a) == 1 and arabic_value(b) != 1 else arabic_value(a)
        return [Mention(s, m.end(), value, "", kind="ratio", part=0)]
    return [Mention(m.start(g), m.end(g), arabic_value(m.group(g)), "", kind="ratio", part=k) for k, g in enumerate("abc")]


def _fraction_at(text: str, s: int, lo: int, hi: int) -> list[Mention] | None:
    m = FRACTION.match(text, s, hi)
    if m is None or (s > lo and text[s - 1] == "/"):
        return None
    num, den = arabic_value(m.group("num")), arabic_value(m.group("den"))
    if text[m.end():m.end() + 1] in ("月", "日", "号") or den == 0 or num >= den:
        return []                         # 1/19 is a date; 3/2 no share
    return [Mention(s, m.end(), num / den, "fraction", kind="fraction")]


def _range_at(rx: re.Pattern, text: str, s: int, lo: int, hi: int, is_cn: bool) -> list[Mention] | None:
    """3至5个, 5%—5.5%, 三至五个; not 从3%到5% (a change) nor 2020-2035年 (years)."""
    m = rx.match(text, s, hi)
    if m is None or bad_prefix(text[s - 1] if s > lo else "", is_cn):
        return None
    e = m.end()
    if text[clause_start(text, s, lo):s].rstrip().endswith(("从", "由")):
        return None
    unit = (m.group("scale") or "") + m.group("unit")
    if not is_cn and (m.group("u1") not in ("", "%", m.group("scale") or "")
                      or (m.group("u1") == "%" and unit != "%")):
        return None
    lo_v = cn_number(m.group("lo")) if is_cn else arabic_value(m.group("lo"))
    hi_v = cn_number(m.group("hi")) if is_cn else arabic_value(m.group("hi"))
    if lo_v is None or hi_v is None or hi_v <= lo_v or looks_like_year(m.group("lo")):
        return None
    if is_threshold(text, e, hi, unit) or noun_follows(unit, text[e:e + 2]) or unit == "岁":
        return []                         # 0-15岁（含不满16周岁）人口: an age band names a group
    return [Mention(s, e, lo_v, unit, qualifier="range", value_high=hi_v, kind="range")]

def _number_mention(text: str, m: re.Match, is_cn: bool, lo_bound: int, hi_bound: int) -> Mention | None:
    """A signed number: the minus sign joins the span and the value (人口自然增长率为-1.56‰);
    负 written as a word makes the value negative and stays out of the span, like 下降 (增速为负0.5%)."""
    neg = not is_cn and minus_before(text, m.start(), lo_bound)
    mn = _unsigned_mention(text, m, is_cn, lo_bound, hi_bound, m.start() - 1 if neg else m.start())
    if mn is not None and neg and mn.kind != "bare":
        mn.start -= 1
        mn.value = -mn.value
    elif mn is not None and not is_cn and m.start() > lo_bound and text[m.start() - 1] == "负" \
            and NEGATIVE_WORD.search(text, max(lo_bound, m.start() - 3), m.start()) and mn.kind != "bare":
        mn.value = -mn.value
    return mn


_VETO_STAGES = MENTION_VETOES.stages


def _vetoed(c: NumberCandidate, stage: str) -> bool:
    by_unit, general = _VETO_STAGES[stage]
    for rule in by_unit.get(c.unit, general) if by_unit else general:
        if rule.test(c):
            MENTION_VETOES.note(rule)
            return True
    return False


_DAY_UNITS = ("天", "个工作日", "个自然日")


def _unsigned_mention(text: str, m: re.Match, is_cn: bool, lo_bound: int, hi_bound: int, at: int) -> Mention | None:
    """at: where the words before the number end (before a minus sign, if any). The vetoes are the
    named rules of rules/mention_vetoes.py; the readings (per-unit written first, 年 of a duration,
    an index, a rank in 位) are here."""
    c = NumberCandidate(text, m, is_cn, lo_bound, hi_bound, at)
    if _vetoed(c, "before"):
        return None
    s, num, scale, unit = c.s, c.num, c.scale, c.unit
    if not is_cn and not unit and text.find("每", max(lo_bound, at - 12), at) != -1 \
            and PER_FIRST.search(text, max(lo_bound, at - 12), at):          # (PER_FIRST starts with 每)
        hm = SLASH_HEAD.match(text, m.end())
        if hm:
            return Mention(s, hm.end(), arabic_value(num), scale + hm.group() + "/" + PER_FIRST.search(
                text, max(lo_bound, at - 12), at).group("d"), kind="number")
    if not is_cn and not unit and not scale and text.startswith("年", m.end("num")) and not looks_like_year(num) \
            and (("." in num and len(num) - num.find(".") <= 3) or YEARS_OF.search(text, max(lo_bound, at - 20), at)) \
            and text[m.end("num") + 1:m.end("num") + 2] not in ("度", "代", "级", "底", "末", "初") \
            and not SPAN_VERB.search(text, max(lo_bound, at - 3), at):
        return Mention(s, m.end("num") + 1, arabic_value(num), "年", kind="number")   # 受教育年限14.2年 / 年限达11年: no date has a decimal point
    if not is_cn and not unit and not scale:
        return _index_mention(text, m, lo_bound, hi_bound, at)
    more = bool(m.group("m1") or m.group("m2"))
    if not is_cn:
        c.value = arabic_value(num)
        if _vetoed(c, "arabic"):
            return None
    else:
        c.value = cn_number(num)
        if _vetoed(c, "chinese"):
            return None
    e = c.e
    if unit and scale and not is_cn and noun_follows(unit, text[e:e + 2]):
        unit, e = "", m.end("scale")       # 242万偏远农村居民: a noun took the unit, the scale stays
        more = bool(m.group("m1"))
    if not unit and m.group("m2"):
        e = m.end("scale")            # 30多万 then a noun: the text ends at the scale
    c.unit, c.e = unit, e
    if _vetoed(c, "context-cn" if is_cn else "context"):
        return None
    full_unit = scale + unit
    mn = Mention(s, e, c.value, full_unit, kind="number")
    if full_unit == "位" and RANKING.search(text, clause_start(text, s, lo_bound), s) \
            and not PLACES_MOVED.search(text, max(lo_bound, at - 3), at):
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
    if looks_like_year(num):
        return None
    if "." not in num and text[e:e + 1] not in ("、", "和", "") and not INDEX_WORD.search(text, max(lo, s - 4), s):
        return None                       # most bare integers: dates, list markers, codes
    before = text[max(lo, s - 4):s]
    after = text[e:e + 3]
    if after[:1] in "、和" and LIST_CONNECTOR.match(text, e):
        nxt = LIST_CONNECTOR.match(text, e).end()
        if nxt < len(text) and text[nxt].isdigit():
            return Mention(ns, e, arabic_value(num), "", kind="bare")
    if "." not in num and not INDEX_WORD.search(before):
        return None
    if not INDEX_BEFORE.search(before) or not INDEX_AFTER.match(text, e):
        return None
    if after[:1] in "，。；" and ("）" in after or ")" in after):
        return None
    return Mention(ns, e, arabic_value(num), "", kind="index")

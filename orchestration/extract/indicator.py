"""The indicator a figure is of: a 分别 list's k-th item, the noun phrase before it, the noun a
count is of, or a name from the clauses around it. Helpers: neighbour_names.py (names from the clauses
around), count_names.py (names of counts and money from what follows), count_lists.py; the whole a share
is of: wholes.py; the verb a change keeps: change_names.py."""
from __future__ import annotations

import re

from . import lexicon as L
from .count_lists import LIST_VALUE, bare_change_list, noun_after_amount_class
from .count_names import (COUNT_FIRST, COUNT_JOINS, DOING_OPEN, items_after_counts, noun_after_the_counts,
    programme_paid_for, runs_into_a_bare_count, things_counted)
from .neighbour_names import (framed_name, is_time_head, items_of_the_clause_before, paired_rank,
    rank_of_the_list_before, record_clause_before, sentence_subject)
from .phrases import (SHARE_NOUN_END, bare_verb, compound_items, list_items, noun_after, noun_head, no_spaces,
    list_head, object_noun, paired_items, verbs_only)


# Patterns searched for at the end of a segment are compiled with lexicon.guarded (same matches,
# a lookahead for their first characters lets the engine pass positions where none can start).
_CLASSIFIERS = set("个家项条名所座件台辆艘架部批只支处场次人户套间张门期例位种款类宗节棵株头匹根块篇册本份首集列趟班栋幢口眼对县地枚颗")
# 五地州, 七地市: 地 and the word after it name one kind of prefecture, and what follows is no noun of the count
_PLACE_PAIR = re.compile(r"地[州市]")


_MONEY_OPENS = re.compile(L.MONEY_NOUN)
# a clause that opens with its place alone before the amount (我区308亿元…): the noun after names the figure
_PLACE_ONLY = re.compile(r"(?:全省|全市|全区|全县|全自治区|本市|本省|我省|我市|我区|我县)")


def _names_a_thing(head: str) -> bool:
    return len(head) >= 2 and head not in L.EMPTY_HEADS and not verbs_only(head) and not bare_verb(head)


_MEASURE_END = re.compile(r"[数率量额值]$")
_LIST_JOIN = re.compile(r"\s*(?:以上|左右|多|余)?\s*[、和]\s*")
_LIST_NEXT = re.compile(r"\s*(?:以上|左右|多|余)?\s*[、和]\s*\d")
_LIST_NEXT_START = L.starts(_LIST_NEXT.pattern)       # (most figures are followed by none of its first characters)
_DIGIT = re.compile(r"\d")


_YEAR_AT = re.compile(r"\d{4}年")
# a size tier (千亿级, 百亿级, 10万吨级) or an administrative one (国家级, 省级) closing an item of a list of counts by
# tier, and the next count with its tier
_TIER = r"(?:(?:[千百万亿十]+|\d+(?:\.\d+)?[万亿]?)(?:亿)?(?:元|吨|千瓦)?|国家|自治区|省|市|县)级"
_TIER_ITEM = re.compile(rf"^{_TIER}(?:[、和及]\d+(?:\.\d+)?[个项家座条]{_TIER})+")
_TIER_LABEL = re.compile(r"^(?:投资)?(?:规模)?(?:的)?")
# (?:等|和|及)$ on a stripped segment: a suffix test (no line break can stand before its end)
_LIST_OPEN_ENDS = ("等", "和", "及")
_REACH_COVER_END = re.compile(rf"{L.REACH_COVER}(?:约|近|超过|超|逾)?$")
_REACH_COVER_TAIL = re.compile(rf"{L.REACH_COVER}(?:约|近|超过|超|逾)?\s*$")
_GENERIC_SUBJECT = re.compile(L.GENERIC_SUBJECT)
_SHARE_WORDS = frozenset(("占比", "比重"))
# 对新增2万亿元中央财政资金建立直达机制: a preposition before the verb names nothing either
_PREPOSITION_LEAD = re.compile(r"^(?:对|为|向|把|将|给|以)(?=..)")
# the fund money is taken from (从失业保险基金结余中拿出1000亿元) names the source, not what the money is for
_NOW_IN_FORCE_AFTER = re.compile(L.NOW_IN_FORCE_AFTER)
_CROSSED_LABEL = re.compile(r"^[^，。；：\d]{1,12}?(?:超过|超|过|突破)\d+(?:\.\d+)?[^\d的，。；：]{0,4}的")
_MODAL_SCOPE = re.compile(r"(?:各地|各省|各市|各县|各地区|地方)(?:均)?(?:可|可以|要|应|须)(?:降至|降到|提高到|提高至|调整为|调至)?")
_CHANGE_LEAD = re.compile(r"^(?:下调|上调|降低|提高|调整|调低|调高)")
_SOURCE_LEAD = re.compile(r"^从[^，。；：]{2,20}?中(?=..)")
_STOCK_WORD = re.compile(L.STOCK_WORD)
_NEW_WORD = re.compile(r"^(?:新增|净增)|(?:新增|净增)$")
_GOAL_TAIL = L.EndPattern(r"(?:的)?(?:年度|全年)?目标$")     # (a count of 任务 counts tasks: 80项重点任务)
_GOAL_ONLY = re.compile(r"(?:预期|主要)?目标(?:设定|确定|拟定|定|设)?(?:在)?")
_PERIOD_OF_YEAR = re.compile(L.PERIOD_OF_YEAR)
_PERIOD_LEAD = re.compile(rf"^(?:实现)?({L.PERIOD_OF_YEAR})(?:{L.RISE}|{L.FALL})")
# 总量达5.3万亿元 after 全年增长4.8%: a bare amount noun names the amount when what came before names only a period
_AMOUNT_NOUNS = {"总量", "总额", "规模"}
# 均居全国第2位 after two amounts (出让矿业权182宗、成交价116.8亿元): the rank is shared by them
_SHARED_RANK = re.compile(r"[，、\s]*(?:均|都|皆)(?:位居|居于|居|位列|列|排名|排)")
_QUALIFIER_LEAD = re.compile(r"^\s*(?:以上|左右|多|余)?")
_OF_WORD_AFTER = re.compile(r"^(?:以上|左右|多|余)?的")
# a place of one character after a count, then a list mark, its alternative in brackets or a verb of rating
_VERBAL_POLICY = re.compile(r"(?:支持|保障|服务|惠企|惠民|助企|稳岗|促进|帮扶|扶持)(?:[\u4e00-\u9fff]{0,4}?)(?:政策|措施|举措)")
_VERBAL_POLICY_FIRST = L.start_set(_VERBAL_POLICY.pattern)
_PLACE_COUNTED = re.compile(r"^(?P<w>[区县市镇乡村])(?=[（(、和及]|获评|获|入选|被评|荣获|进入|跻身)")
# 凉州、陇西、康县3县区完成…: a count whose measure word is a kind of place, right after the list of those
# places, counts them; the place word names it (the list is its members, not a name)
_PLACE_WORDS = frozenset("区县市镇乡村")
_PLACE_PASSED = re.compile(r"^(?P<w>[区县市镇乡村])通过(?P<obj>[^，。；：,;:]{2,30}?评估认定)(?=[，。；：,;:]|$)")
_PLACE_ALT = re.compile(r"^\s*([区县市镇乡村])[（(][^）)]{0,8}[）)]")
_PLACE_UNITS = frozenset(("县", "县区", "县市区", "区", "市", "镇", "乡", "村"))
_PLACE_LIST_END = re.compile(r"[\u4e00-\u9fff]{1,5}(?:、[\u4e00-\u9fff]{1,5})+(?:等)?$")


# a verb of setting up or opening between the things of a count before and the object this count counts
_OBJECT_AFTER_VERB = re.compile(r"(?:投运|建成|设立|开设|开通|布局|建设)(?P<obj>[\u4e00-\u9fff]{2,8})$")


def indicator_of(ctx, text, clause_start, seg, clause, right, mention, unit, previous, prev_in_clause,
               right_phrase: str, s_open: int) -> str:
    if _MODAL_SCOPE.fullmatch(no_spaces(seg)):
        # 下调城镇职工基本养老保险单位缴费比例，各地可降至16%: a clause of only who may act names nothing; the
        # measure the clause before changes does
        lo = max([s_open] + [text.rfind(c, s_open, clause_start - 1) + 1 for c in "，；,;"])
        named = _CHANGE_LEAD.sub("", no_spaces(text[lo:clause_start]).rstrip("，；,;"))
        if len(named) >= 2 and named not in L.EMPTY_HEADS:
            return named
    nm = _NOW_IN_FORCE_AFTER.match(right) if seg.rstrip().endswith("现行") else None
    if nm and len(nm.group("noun")) >= 2:
        # 将制造业等行业现行16%的税率降至13%: the rate now in force is named by the noun after it, the
        # words before name whose rate it is
        return nm.group("noun")
    # a 分别 list anywhere in the clause: the k-th item with the shared head
    clause_end = ctx.clause_end(mention.end)
    fb = text.find("分别", clause_start, clause_end)
    if fb < 0 and bare_change_list(text, clause_start, clause_end, prev_in_clause, mention):
        fb = clause_start       # 接待游客…、实现收入…，增长18.6%和23.4%: read as if 分别 opened the clause
    if fb < 0 and (unit == "rank" or getattr(mention, "rank", False)):
        paired = paired_rank(text, clause_start, clause_end, mention, prev_in_clause, previous)
        if paired:
            return paired
    if fb >= 0:
        fb -= clause_start
        fb_abs = clause_start + fb
        first_fig = prev_in_clause[0].start if prev_in_clause else mention.start
        lead = text[clause_start:min(fb_abs, first_fig)]
        if mention.start > fb_abs and first_fig == clause_start:
            lead = items_after_counts(text, clause_start, fb_abs, prev_in_clause) or lead
        if mention.start > fb_abs:
            k = sum(1 for p in prev_in_clause if p.start > fb_abs)
        else:
            k = len(prev_in_clause)
        h = noun_head(lead)
        n = sum(1 for m in LIST_VALUE.finditer(text, fb_abs, clause_end) if not _YEAR_AT.match(text, m.start()))
        items = paired_items(h, n)
        if len(items) < 2:
            items = compound_items(h)
        if len(items) < 2 and n == 2 and h.count("与") == 1 and all(_MEASURE_END.search(x) for x in h.split("与")):
            # 签约项目数与合同额分别增长22.1%、15.1%: two measures (数, 额) joined by 与 before two values are the
            # two items (elsewhere 与 joins words inside one name: 研究与试验发展经费)
            items = h.split("与")
        if n >= 2 and len(items) != n and "、" in h and "和" in h:
            # 信息传输软件和信息技术服务业、租赁和商务服务业增加值: with 、 between the items, 和 is inside them
            joined = [x.replace("\x00", "和") for x in list_items(h.replace("和", "\x00"))]
            if len(joined) == n:
                head = list_head(joined[-1])
                items = [x if not head or x.endswith(head) else x + head for x in joined]
        if len(items) >= 2:
            if n > len(items) and n % len(items) == 0:
                # 分别从645元/月、4318元/年提高到801元/月、7226元/年: the items come round again
                return items[k % len(items)]
            return items[min(k, len(items) - 1)]
        if not noun_head(lead) and not any(p.start < fb_abs for p in prev_in_clause):
            # 分别 opens its clause: its values pair with the amounts just named
            # (投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%)
            n = len(LIST_VALUE.findall(text, fb_abs, clause_end))
            before = items_of_the_clause_before(text, s_open, clause_start, previous, n)
            if before:
                return before[min(k, n - 1)]
            # the last n things the sentence named, whatever was measured of them (两项占比78.7%、62.6%，
            # 分别提高11.1、11.2个百分点; 分别增长12.5%、13.1%，占…比重分别提高到21.7%、33.6%)
            named = list(dict.fromkeys(reversed([p.indicator for p in previous if s_open <= p.start < clause_start
                                                 and p.measure != "rank" and p.indicator])))[:n][::-1]
            if n >= 2 and len(named) == n:
                got = named[min(k, n - 1)]
                # (累计分别达到22部、31部 after 分别新增4部、10部: the stocks are of the things themselves)
                return _NEW_WORD.sub("", got) if _STOCK_WORD.search(lead) and len(got) >= 4 else got
            # ranks pair with the growths just named too (分别增长6%、5.2%，分别居全国第二、第七)
            kinds = ("level", "growth", "share") if unit == "rank" or getattr(mention, "rank", False) else ("level",)
            amounts = [p for p in previous if p.start < clause_start and p.measure in kinds and p.indicator]
            if n >= 2 and len(amounts) >= n and len({p.indicator for p in amounts[-n:]}) == n:
                return amounts[-n:][min(k, n - 1)].indicator
    elif prev_in_clause or (_LIST_NEXT_START.match(text, mention.end) and _LIST_NEXT.match(text, mention.end)):
        # values listed right after a list of as many items, without 分别 (供热、燃气管网80公里、60公里)
        first = mention.start
        k = 0
        for p in reversed(prev_in_clause):
            if not _LIST_JOIN.fullmatch(text, p.end, first):
                break
            first, k = p.start, k + 1
        lead = text[clause_start:first]
        if k == len(prev_in_clause) and lead and not lead[-1].isspace() and not lead.endswith("等"):
            h = DOING_OPEN.sub("", noun_head(lead))
            # items joined by 、/和, or one word that is a pair (城乡居民人均收入, 实际使用内外资: 城镇/农村, 内资/外资)
            items = list_items(h) if ("、" in lead or "和" in lead or h.startswith("城乡")) else compound_items(h)
            n = len(LIST_VALUE.findall(text, first, clause_end)) if len(items) >= 2 else 0
            if n >= 2 and len(items) == n:
                return items[k]
    unit_last = unit[-1:] if unit else ""
    after = right.lstrip()
    # (_PLACE_PAIR reads 2 characters: the unit and what follows it are joined only that far)
    counted = ((unit_last in _CLASSIFIERS and not _PLACE_PAIR.match(unit[:2] + right[:2])) or unit in ("", "万", "亿") or unit.endswith(("方面", "大类"))
               or _OF_WORD_AFTER.match(after) or seg.rstrip().endswith(_LIST_OPEN_ENDS))
    rp = right_phrase if counted else ""
    cl = _CROSSED_LABEL.match(after) if rp else None
    if cl:
        # 82个预增产值过10亿元的重大增长点: the threshold between the count and its noun defines what is counted
        rp = noun_after(after[cl.end():]) or rp
    classed = noun_after_amount_class(after) if counted else ""
    if classed:
        rp = classed        # 12个百亿元、70个30亿元以上项目: the amount between a count and its noun is its class
    pa = _PLACE_ALT.match(right) if rp[1:2] in ("（", "(") and rp[:1] in _PLACE_WORDS else None
    if pa:
        # 11个县（市、区）通过…评估: the place's alternatives in brackets are no part of the name, the place word is;
        # before 级 it is the tier of the noun after (8个县（市、区）级融媒体中心)
        rest = right[pa.end():]
        rp = (noun_after(pa.group(1) + rest, 1) if rest[:1] == "级" else "") or pa.group(1)
    if not rp and counted and seg.rstrip().endswith("等"):
        # 实施住房保障、创业服务等十条支持措施: after the examples and the count comes the class they are of,
        # even when its first word is also a verb (支持, 服务, 保障)
        rp = noun_after(right, after_examples=True)
    if not rp and counted and after[:1] in _VERBAL_POLICY_FIRST:
        # 推出…十条支持政策: a policy noun that opens with a verb's character (支持政策, 惠企措施) is what is counted
        pm = _VERBAL_POLICY.match(after)
        rp = pm.group() if pm else ""
    cm = COUNT_FIRST.match(after) if not rp and counted and after[:1].isdigit() else None
    if cm:
        # 累计培育形成21批173项制度集成创新案例: a count written right before a second count of the same
        # things (batches, then cases) is named by the noun after the second
        rp = noun_after(after[cm.end():])
    if not rp and counted and unit and after[:1] in COUNT_JOINS and bare_verb(noun_head(seg)):
        rp = noun_after_the_counts(after, unit)    # 相继出台43条、16条具体举措: one noun after the list of counts
    tm = _TIER_ITEM.match(after) if counted and "级" in after[:6] else None
    if tm:
        # 2个千亿级、11个百亿级投资规模的现代煤化工项目: counts of things by size tier; the tier alone names no
        # thing, it names the kind of the noun after the last tier of the list (千亿级现代煤化工项目)
        noun = noun_after(_TIER_LABEL.sub("", after[tm.end():]))
        rp = re.match(_TIER, after).group() + noun if noun else ""
    if rp and counted and not seg.rstrip().endswith(("的", "等")) and runs_into_a_bare_count(after, rp) \
            and _names_a_thing(noun_head(seg)):
        # 国家现代农业产业园15个优势特色产业集群9个、… (a list the source printed without its commas): the noun after
        # runs straight into a count that has no noun after it, so it is that count's name; this count has its
        # own noun before it (15个方面300多项改革 is a count of aspects: the count after it has its own noun; after
        # 的 or the examples of 等 the count is of the noun after: 发布的13个事项…, 荷兰等13个国家…)
        rp = ""
    if rp and _GOAL_TAIL.search(rp):
        # 实现技工院校招生5万人目标, 配备3名调解员目标: the goal names nothing, the noun before it does
        rp = _GOAL_TAIL.sub("", rp)
        rp = rp if len(rp) >= 2 and rp not in L.EMPTY_HEADS else ""
    if rp and _REACH_COVER_END.search(no_spaces(seg)):
        subj = noun_head(_REACH_COVER_TAIL.sub("", seg))
        if len(subj) >= 2 and subj not in L.EMPTY_HEADS and not subj.endswith(("和", "及", "与", "、")):
            rp = subj          # the subject is what is counted, the noun after is its measure word
    if rp and _GENERIC_SUBJECT.fullmatch(rp):
        am = _AWARD.match(_QUALIFIER_LEAD.sub("", right)[len(rp):])
        if am and len(am.group("obj")) >= 2:
            rp = am.group("obj")
    head = noun_head(seg, keep_share=bool(getattr(mention, "rank", False)) or unit == "rank")
    if "在" in clause and "下" in text[clause_start:mention.start + 60]:     # (the frame may close after the figure)
        framed = framed_name(text, clause_start, mention, head)
        if framed:
            return framed
    if "目标" in head and _GOAL_ONLY.fullmatch(head):      # (every match holds 目标)
        # 投资增速是关键指标，今年预期目标设定为7%: the clause names only the goal; the topic of
        # the sentence (before its 是) is what the goal is set for
        subject = sentence_subject(ctx, s_open, clause_start)
        topic = subject.split("是", 1)[0] if subject else ""
        if len(topic) >= 2 and topic not in L.EMPTY_HEADS:
            return topic
    p = prev_in_clause[-1] if prev_in_clause else None
    if (p is not None and p.right_noun and p.indicator.strip() == head.strip() and right_phrase and not rp
            and unit and not unit.endswith("%") and unit not in L.GROWTH_UNITS and unit != "rank"):
        return right_phrase     # 11条河道19公里游步道: a length or area of the things named after it, not of the count's
    if p is not None and p.indicator == head and p.right_noun and not SHARE_NOUN_END.search(head) \
            and unit != "rank":         # (创建5个国家先进制造业集群、居中部第1: the rank is of that count)
        ob = _OBJECT_AFTER_VERB.search(head)
        # 在…等13个国家投运海外仓36个: the previous count's noun runs into a verb and its object; the object,
        # right before this count, is what it counts
        head = ob.group("obj") if ob else ""               # (a ranked share of the things counted keeps its name: 30个县城…占比居全省第1位)               # the noun after the previous count belongs to it (15所高职院校21个专业群)
    if not rp and counted:
        after_q = _QUALIFIER_LEAD.sub("", right)
        # (each pattern is tried only where one of its first characters stands: most counts have none)
        am = _AWARD.match(after_q) if after_q[:1] in _AWARD_START else None
        if am and len(am.group("obj")) >= 2 and not _DIGIT.search(am.group("obj")) and noun_head(seg) in L.EMPTY_HEADS:
            rp = am.group("obj")        # 其中1项获技术发明奖一等奖: the count is of the award's holders
        am = None if rp or after_q[:1] not in _ALL_BECAME_START else _ALL_BECAME.match(after_q)
        if am and not _DIGIT.search(am.group("obj")) and noun_head(seg) in L.EMPTY_HEADS:
            rp = am.group("obj")        # 16个区均被评为文明城区: all the things counted hold the title; it names them
    if not rp and counted and unit_last in _CLASSIFIERS:
        pm = _PLACE_COUNTED.match(after) or _PLACE_PASSED.match(after)
        if pm:
            rp = pm.group("w")      # 17个区、2个县（市）、124个镇获评…: the place counted, one character long
        if pm and pm.re is _PLACE_PASSED:
            rp = pm.group("obj")    # 6个区通过…国家督导评估认定: places counted by the evaluation they passed, as
                                    # 5个县市入选… is named by the list (the place word alone names no set)
    if not rp and unit in _PLACE_UNITS and _PLACE_LIST_END.search(no_spaces(seg)):
        rp = unit
    if rp:
        return rp
    if (unit == "rank" or getattr(mention, "rank", False)) and _SHARED_RANK.match(text, clause_start):
        lo = max(text.rfind(c, s_open, clause_start - 1) for c in "，；：,;:") + 1     # the clause before
        named = [q for q in previous if q.start >= max(lo, s_open) and q.measure == "level" and q.indicator]
        if len(named) >= 2 and len({q.indicator for q in named}) >= 2:
            return "、".join(dict.fromkeys(q.indicator for q in named))     # a shared rank keeps the combined phrase
    if (unit and not unit.endswith("%") and unit not in L.GROWTH_UNITS
            and unit not in L.PP_UNITS and (bare_verb(_SOURCE_LEAD.sub("", _PREPOSITION_LEAD.sub("", head)))
                                            or _placed_verb(head))):
        # 提升改造150公里农村公路, 有效应对14轮强降雨, 筹措50亿元资金支持…: the verb names no thing, the
        # noun after does (up to the verb of purpose after it); after a count the noun may open with a
        # verb's character (出台69项支持政策, 新启动21个改造项目): the verb before wants its object
        rp = object_noun(right_phrase) if right_phrase else noun_after(right, after_examples=True) if counted else ""
        rp = rp.rstrip("和及与“")
        if len(rp) >= 2:
            return rp
        paid = programme_paid_for(right) if unit.endswith("元") else ""
        if paid:
            return paid
    if counted and p is not None and p.indicator and bare_verb(head) and text.startswith("、", p.end) \
            and text[p.end + 1:mention.start] == head and getattr(p, "unit", None) == unit:
        # 引进纺织服装项目24个、建成投产17个: a second count that writes only its verbs counts the same things
        return things_counted(p.indicator)
    if head in L.EMPTY_HEADS or len(head) < 2 or is_time_head(head):
        # (开行…班列184列、居西北第二 after a 分别 list: a figure of the rank's own clause is what it ranks)
        shared = rank_of_the_list_before(text, s_open, clause_start, previous, seg) \
            if not head and not prev_in_clause and (unit == "rank" or getattr(mention, "rank", False)) else ""
        if shared:
            return shared
        rc = record_clause_before(text, previous[-1].end if previous else s_open, clause_start) if not head else ""
        if rc:
            return rc
        pl = _PERIOD_LEAD.match(no_spaces(seg)) if not head else None
        if pl and previous and _PERIOD_OF_YEAR.fullmatch(previous[-1].indicator) \
                and previous[-1].indicator != pl.group(1):
            return pl.group(1)          # 四季度增长5.6%、…，全年增长4.8%: each period heads its own growth
        if not head and _PLACE_ONLY.fullmatch(no_spaces(text[clause_start:mention.start])):
            owned = noun_after(right)
            if len(owned) >= 2 and owned not in L.EMPTY_HEADS:
                return owned    # 我区308亿元绿色农畜产品进首都: the place's amount of the thing after, not the figure before
        mn = _MONEY_OPENS.match(after) if not head and unit.endswith("元") else None
        if mn:
            return noun_after(right)    # …产品，超10亿元补贴直达消费者: the money after the amount, not the figure before
        sm = _SUPERLATIVE.match(after) if not head and after[:2] in _SUPERLATIVE_OPEN else None
        if sm and len(noun_after(after[sm.end():])) >= 2:
            return noun_after(after[sm.end():])     # …，3046公里世界最长环沙漠生态屏障实现合龙: the thing it measures
        ranked_share = head in _SHARE_WORDS and (unit == "rank" or getattr(mention, "rank", False))
        for q in reversed(previous):
            if q.indicator and not q.right_noun:
                if ranked_share and q.start >= s_open and not q.indicator.endswith(head):
                    return q.indicator + head       # 保有量突破50万辆、占比居全国第二: the rank is of that amount's share
                if head in _AMOUNT_NOUNS and _PERIOD_OF_YEAR.fullmatch(q.indicator):
                    return head
                if _STOCK_WORD.search(seg) and _NEW_WORD.search(q.indicator) and len(q.indicator) >= 4:
                    return _NEW_WORD.sub("", q.indicator)     # 新增22个、累计达到70个: the stock is of the thing itself
                return q.indicator
        head2 = noun_head(clause)
        dm = _DIGIT.search(head2)
        if dm and dm.start() >= 2:
            head2 = noun_head(head2[:dm.start()])    # 地区生产总值连续迈上4个万亿元台阶、达…: the noun before the count
            if verbs_only(head2):
                head2 = ""
        if head2 and head2 not in L.EMPTY_HEADS and not is_time_head(head2):    # (每年安排80亿元: no name)
            return head2
        rp1 = noun_after(right, 1)
        if rp1 and not _STEP_AFTER.fullmatch(rp1):      # (突破1600亿斤大关: the mark crossed names nothing)
            return rp1
        # the subject of the sentence: the first clause that names something
        subject = sentence_subject(ctx, s_open, clause_start)
        if subject:
            return subject
        if previous:
            return previous[-1].indicator
        return head
    return head


def _placed_verb(head: str) -> bool:
    """在电网关键节点、新能源富集地区布局建设700万千瓦新型储能项目: a place introduced by 在 and then a verb of
    doing name no thing; the noun after the amount does, as after a bare verb."""
    if head[:1] != "在" or len(head) < 5:
        return False
    return any(bare_verb(head[i:]) for i in range(3, len(head) - 1))


_STEP_AFTER = re.compile(r"(?:新)?(?:大关|台阶|关口)")
# an amount opening its clause before a superlative and a noun is the size of that thing (3046公里世界最长…屏障)
_SUPERLATIVE = re.compile(r"(?:世界|全球|全国|亚洲|国内)?最(?:长|大|高|深|宽)的?")
_SUPERLATIVE_OPEN = {"世界", "全球", "全国", "亚洲", "国内"} | {"最" + c for c in "长大高深宽"}
# (7部作品荣获…奖、居全国第5位: the award ends where a rank of the count begins)
_AWARD = re.compile(rf"^{L.AWARD_VERB}(?P<obj>[^，。；：,;:]{{2,30}}?)(?:称号|等)?(?=[，。；：,;:]|、(?:位居|居|位列|列|排名)|$)")
# a place word (区, 县) or its alternative in brackets, then "all of them" and the title they earned
_ALL_BECAME = re.compile(rf"^(?:[（(][^）)]{{0,8}}[）)])?[区县市地村镇乡]?(?:均|都|全部|先后|相继)(?:已)?"
                         rf"(?:{L.AWARD_VERB}|创建为|建成)(?P<obj>[^，。；：,;:]{{2,30}}?)(?:称号)?(?=[，。；：,;:]|$)")
_AWARD_START, _ALL_BECAME_START = L.start_set(_AWARD.pattern), L.start_set(_ALL_BECAME.pattern)



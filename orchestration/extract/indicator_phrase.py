"""The indicator phrase as a statistician would name it: the last touch on a phrase the
attributes step cut from its clause (`finish(phrase) -> phrase`).

The attributes step reads the noun phrase before a number; on text it was not written for it
can leave pieces of the clause around the name. `finish` removes only what is never part of a
name, so the result is always a piece of the phrase it was given:
- a note marker, a bulletin's or a report's (国内生产总值[2] → 国内生产总值; 四大主导产业［7］增加值 →
  四大主导产业增加值);
- a bracket the cut left unbalanced (县（市 → 县; ）左右、银龄技师 → 银龄技师);
- the connector of a verb the cut split (新建|和改造提升高标准农田 → 改造提升高标准农田);
  not 和 that starts a word (和美乡村, 和田地区);
- the examples listed before 等 when the figure counts the head after it
  (水电、核电、风电、太阳能发电等清洁能源发电量 → 清洁能源发电量), when the head names a total;
- a verb that only says the thing was done (实施, 举办, 开展, 组织, 实现, 完成), at the start;
  never a verb that tells a flow from a stock (新增, 新建, 建成, 开工, 累计, 引进): the
  warehouse maps those to indicators of their own;
- a connector left at the end when the next item of a list begins with its own count
  (3个万亿级和7个千亿级产业集群 → 万亿级; 20名个人和6个团队 → 个人);
- the step an amount reached, left before the next name (新台阶、亩产 → 亩产);
- the list mark before a total (国家级5G工厂、总数 → 国家级5G工厂总数: the stock after the additions);
- the per-period opening of a standard's new level (城乡低保标准提高到每月 → 城乡低保标准);
- a time word the cut took from after the name (城镇调查失业率全年, 粮食产量连年, 每年), or the word that
  opens what follows (国内生产总值从不…, 城镇调查失业率降…);
- the words that say a target is being set (经济增长目标设定为6%: 经济增长; 经济增速预期目标设定), a
  leading 建议 before the plan period it proposes for (建议“十五五”时期地区生产总值增速…), and a
  doubling that opens the value (进出口总值翻番达到2206亿元: 进出口总值);
- the words that say a pledge was kept, left before its verb (民生实事全部兑现, 民生实事圆满|完成,
  民生实事如期|完成, 保质保量, 进展顺利): how it was done, not what was counted; never after a
  negation (约束性指标未能如期|完成: the pledge not kept is the meaning);
- a streak written inside the name (耕地面积连续4年净增, 单产连续3年, 经营主体连续4年每年新增): how long
  the thing has gone on, never what it is.
"""
from __future__ import annotations

import re

_FOOTNOTE = re.compile(r"\[\d{1,3}\]|［\d{1,3}］")     # (a report's glossary marks its terms with the full-width pair)
# (连续 alone stays: 连续 of 连续性, 连续剧 is a word; a streak is 连续 + a count of periods)
_STREAK = re.compile(r"连续[\d一二三四五六七八九十两]+个?(?:年|季度|月|榨季|赛季)(?:每年|每季度|每月)?")
# 和/及/并 before a verb: what is left of `新建和改造…` once the first verb was cut
_SPLIT_CONNECTOR = re.compile(r"^(?:和|及|并)(?=(?:改造|提升|优化|改善|更新|加密|新建|改建|扩建|建设|整治|修复))")
_DONE_VERB = re.compile(r"^(?:组织实施|实施|举办|开展|组织|实现|完成)(?=[\u4e00-\u9fff“A-Za-z]{2})")
# the step an amount reached, listed before the next figure's name (跃上1.4万亿斤新台阶、亩产提升10.1斤)
_STEP_LEAD = re.compile(r"^(?:新)?(?:台阶|大关|关口)、")
# (not the 和, 及, 与 of a word: 温和, 共和, 惠及, 涉及, 参与)
_CONNECTOR_TAIL = re.compile(r"(?:(?<![温平共祥柔谐])和|(?<![惠涉普顾危波以遍])及|(?<![参给授赋])与|、)$")
_TIME_TAIL = re.compile(r"(?:今年|全年|连年|当年|每年)$")
# the level a standard is raised to, per person and period, opened before the value (城乡低保标准提高到每月
# 815元, 最低标准从每生每年6000元提高至7000元): the name ends before the opening word; a bare 每月 stays
# (低保标准每月分别提高50元 is a change of the standard, not its level)
_PER_PERIOD_TAIL = re.compile(r"(?:提高到|提高至|提升到|提升至|调整到|调整为|达到|从|由)(?:每人|每生|每户)?(?:每月|每年)$")
# what opened the next words, left at the end: 国内生产总值从不(足…), 城镇调查失业率降(0.2个百分点)
_OPEN_TAIL = re.compile(r"(?:从不|从|由)(?:每月|每年|每人每年|每人)?$|(?<=率)(?:降|升)$")     # (最低标准从每月70元)
# A、B、C等head: the examples go when the head names a measured total on its own (4 characters or
# more, ending in a measure noun: 清洁能源发电量, 新能源装机); a bare head (产量, 资金, 活动) needs its
# examples, and 等 inside a word (高等, 同等) lists nothing.
_EXAMPLES = re.compile(r"^[^、]*、.*?(?<![高同平中初])等(?!级|奖)(?:一批)?"
                       r"(?P<head>(?!方面|领域|行业)[^、等和]{2,}(?:量|额|值|率|产业|集群|装机|企业|收入|投资|面积|出口))$")
_OPEN_LAST = "不从由降升月年人\n"     # what _OPEN_TAIL can end with, and a line break ($ stands before one)
# 目标设定(为): what follows is the target's value, not part of the name
_TARGET_TAIL = re.compile(r"(?:预期)?目标设定$")
# 翻番(达到2206亿元), 翻(一番): the doubling opens what follows; the indicator is what doubled
_DOUBLING_TAIL = re.compile(r"(?:实现)?翻(?:一番|番)?$")
# 建议 that opens a proposal for a plan period or year, never the 建议 counted (建议和提案)
_PROPOSAL_LEAD = re.compile(r"^建议(?=“?十[四五六]五”?时期|20\d\d年)")
# 新增国家级5G工厂12家、总数达50家: the list mark before the total word is no part of the total's name
_TOTAL_AFTER_MARK = re.compile(r"、(?=(?:总数|总量)$)")
# 十件民生实事全部兑现 / 圆满完成 / 如期完成 / 保质保量完成 / 建设进展顺利: the manner of completing
# stands between the counted thing and its verb; a negation before it (未能如期) keeps it
_KEPT_TAIL = re.compile(r"(?<!未能)(?<!不能)(?<!没有)(?<![未不没])"
                        r"(?:(?:全部|全面)?(?:如期)?(?:兑现|圆满|保质保量|进展顺利|顺利)|(?:全部|全面)?如期)$")
_OPEN = "（("
_CLOSE = "）)"


def finish(phrase: str) -> str:
    """The phrase without the pieces of its clause that are never part of a name."""
    if not phrase:
        return phrase
    # (each pattern is tried only where the character it must start or end with stands)
    s = _FOOTNOTE.sub("", phrase) if "[" in phrase or "［" in phrase else phrase
    if "连续" in s:
        cut = _STREAK.sub("", s)
        s = cut if len(cut) >= 2 else s
    s = _balanced(s)
    prev = None
    while prev != s:
        prev = s
        if s[:1] in "和及并":
            s = _SPLIT_CONNECTOR.sub("", s)
        if s[:1] in "组实举开完":
            s = _DONE_VERB.sub("", s)
        if s[:1] in "新台大关":
            s = _STEP_LEAD.sub("", s)
        # (the last character, or a line break before it, is tested first: most phrases end in neither;
        # s[-1] before _last_char(s): the call is made only for a phrase ending in one of them or a line break)
        s = _PER_PERIOD_TAIL.sub("", s) if len(s) > 6 and s[-1] in "月年\n" and _last_char(s) in "月年" else s
        s = _TIME_TAIL.sub("", s) if len(s) > 4 and s[-1] in "年\n" and _last_char(s) == "年" else s
        s = _CONNECTOR_TAIL.sub("", s) if len(s) > 2 and s[-1:] in "和及与、" else s
        s = _OPEN_TAIL.sub("", s) if len(s) > 3 and s[-1] in _OPEN_LAST and _last_char(s) in _OPEN_LAST[:-1] else s
        s = _TARGET_TAIL.sub("", s) if len(s) > 6 and s[-1] in "定\n" and _last_char(s) == "定" else s
        s = _DOUBLING_TAIL.sub("", s) if len(s) > 3 and s[-1] in "翻番\n" and _last_char(s) in "翻番" else s
        s = _PROPOSAL_LEAD.sub("", s) if s[:2] == "建议" else s
        s = _KEPT_TAIL.sub("", s) if len(s) > 3 and s[-1] in "现满量利期\n" and _last_char(s) in "现满量利期" else s
    if s[-3:-2] == "、":
        s = _TOTAL_AFTER_MARK.sub("", s)
    m = _EXAMPLES.match(s) if "、" in s and "等" in s else None
    if m and len(m.group("head")) >= 4:
        s = m.group("head")
    return s if len(s) >= 2 else phrase


def _last_char(s: str) -> str:
    """The last character a pattern ending in $ can match: $ also stands before a final line break."""
    return s[-2:-1] if s[-1:] == "\n" else s[-1:]


def _balanced(s: str) -> str:
    """Cut a close bracket with no open one before it (and the list mark after it), and an open
    bracket never closed (with what follows it)."""
    if "（" not in s and "(" not in s and "）" not in s and ")" not in s:
        return s                          # most phrases have no bracket
    depth = 0
    cut = -1
    for i, ch in enumerate(s):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                cut = i
            else:
                depth -= 1
    if cut >= 0:
        s = re.sub(r"^(?:左右|以上|多|余)?[、，]?", "", s[cut + 1:])
    depth = 0
    first_open = -1
    for i, ch in enumerate(s):
        if ch in _OPEN:
            if depth == 0:
                first_open = i
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    if depth and first_open > 0:
        s = s[:first_open]
    return s

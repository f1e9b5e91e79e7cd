"""The name of a count, or of money, read from what follows it or from the counts around it: the things a
second count written with only its verbs counts (…开工390个、竣工437个), the items of a 分别 list each opened by
a count, the noun after a list of counts of one unit, the programme money a bare verb raises pays for."""
from __future__ import annotations

import re

from .phrases import VERB_END, noun_after


_BARE_COUNT = re.compile(r"\d+(?:\.\d+)?[万亿]?(?:个|家|项|条|所|座|件|台|辆|处|名|只|套)(?=[、，。；,;]|$)")


def runs_into_a_bare_count(after: str, noun: str) -> bool:
    i = after.find(noun)
    return i >= 0 and _BARE_COUNT.match(after, i + len(noun)) is not None


# verbs of doing that open a name, no part of the things counted (新建…项目)
DOING_OPEN = re.compile(r"^(?:新建|改建|扩建|改造|提升|建设|建成|新增|培育|引进|完成|实施|开展|整治|更新)+(?=..)")
# verbs of a law or rule made, opening a name (制定自治区政府规章, 提请审议地方性法规)
_DECREE_OPEN = re.compile(r"^(?:提请审议|审议|制定|出台|修订)(?=..)")


def things_counted(name: str) -> str:
    """自治区重大项目开工, 制定自治区政府规章 -> the things counted, without the verbs done to them: the name a
    second count takes when it writes only its own verbs (…开工390个、竣工437个; …规章2件、废止22件)."""
    n = _DECREE_OPEN.sub("", DOING_OPEN.sub("", name))
    m = VERB_END.search(n)
    n = n[:m.start()] if m and m.start() >= 2 else n
    return n if len(n) >= 2 else name


# (6.1万户14.2万名防返贫监测对象: a scale before the second count's unit, and households and people counted)
COUNT_FIRST = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:人次|户次|个|项|件|家|所|座|条|名|批|种|款|部|台|套|户|人)")


# 筹措7亿元实施就业惠民工程, 统筹9.8亿元用于援企稳岗: the money a bare verb raises is named by the programme it
# pays for; what it levers (筹措30.5亿元撬动…贷款) names nothing of it, and a count after 实施 (实施6个重大科技专项)
# is a figure of its own, whose noun is not the money's; so does what it is to support (统筹4416.6亿元支持巩固拓展…)
# (拿出1000亿元，用于1500万人次以上的职工技能提升: the purpose may follow a comma, and a count of the people it
# reaches, before 的, is no part of the programme's name)
_PAYS_FOR = re.compile(r"(?:以上|左右|多|余)?[，,]?(?:用于|实施|支持)(?:\d+(?:\.\d+)?[^\d的，。；]{0,4}?(?:以上|左右)?的)?")


COUNT_JOINS = "、和及"


def items_after_counts(text: str, clause_start: int, fb_abs: int, prev_in_clause) -> str:
    """16条省级重点产业链、18个省级特色专业镇营业收入分别增长A、B: a clause opening with a count before each item
    of its 分别 list; the items without their counts, "" when the clause is not so written."""
    counts = [p for p in prev_in_clause if p.start < fb_abs]
    if len(counts) < 2 or any(not COUNT_FIRST.fullmatch(text, p.start, p.end) for p in counts):
        return ""
    pieces, pos = [], clause_start
    for p in counts:
        if pos > clause_start and text[p.start - 1] not in COUNT_JOINS:
            return ""       # (a count inside an item, not before it)
        pieces.append(text[pos:p.start])
        pos = p.end
    return "".join(pieces) + text[pos:fb_abs]


def noun_after_the_counts(after: str, unit: str) -> str:
    """Counts of one unit listed after a verb before one noun all count it (出台43条、16条具体举措): the noun after
    the last count is each one's; "" when no count of that unit follows."""
    m = re.match(r"(?:[、和及]\d+(?:\.\d+)?" + re.escape(unit) + ")+", after)
    return noun_after(after[m.end():], after_examples=True) if m else ""


def programme_paid_for(right: str) -> str:
    m = _PAYS_FOR.match(right)
    noun = noun_after(right[m.end():]) if m else ""
    return noun if len(noun) >= 2 else ""

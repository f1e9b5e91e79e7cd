"""The verb an absolute change keeps in its indicator (比上年末减少12万人 -> 常住人口减少), and the 新增 a count of
additions keeps before its stock (全年新增6家 -> 新增上市公司): applied by classify() after indicator_of."""
from __future__ import annotations

import re

from . import lexicon as L
from .phrases import no_spaces

_STOCK_WORD = re.compile(L.STOCK_WORD)
_CHANGE_VERB_END = L.EndPattern(r"(?P<v>多增|少增|增加|减少|增产|减产|提高|降低|缩小|扩大|下降|增长|压减|节约)(?:了)?(?:约|近|超过|超|逾|达)?$")


# (授权点分别新增26个和52个: with no stock given, the guidelines drop a 新增 shared by a list)
_NEW_END = L.EndPattern(r"(?<!分别)(?<!均)(?P<v>新增|净增)(?:了)?(?:约|近|超过|超|逾|达)?$")
_SHARED_NEW_END = L.EndPattern(r"(?:分别|均)(?P<v>新增|净增)(?:了)?(?:约|近|超过|超|逾|达)?$")


def change_named(indicator: str, seg: str, measure: str, unit: str, is_rank: bool, right: str = "") -> str:
    """An absolute change of an amount keeps its verb in the indicator (比上年末减少12万人 ->
    常住人口减少); a count of additions after its stock is 新增 + the stock (全年新增6家 -> 新增上市公司);
    a 新增 shared by a list (A、B分别新增…) stays only when the sentence goes on to give the stock."""
    if not indicator or measure != "level" or is_rank or not unit or unit in L.GROWTH_UNITS or unit.endswith("%"):
        return indicator
    s = no_spaces(seg)
    m = _CHANGE_VERB_END.search(s)
    if m and not indicator.endswith(m.group("v")):
        return indicator + m.group("v")
    m = _NEW_END.search(s)
    if m is None:
        # (the 新增 shared by a list first: most segments end in none, and the stock word is looked for after it)
        m = _SHARED_NEW_END.search(s)
        m = m if m and _STOCK_WORD.search(right) else None
    if m and not indicator.startswith(m.group("v")) and not indicator.endswith(m.group("v")):
        # (经营主体净增98万户 keeps the verb where it is written)
        return m.group("v") + indicator
    return indicator

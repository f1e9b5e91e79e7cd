"""A data row → Figures: the indicator cell's name and bracketed unit, how deep the row sits
under the rows above it, and one Figure per numeric cell of a value column."""
from __future__ import annotations

import re

from .. import lexicon as L
from ..model import Figure
from .cells import Row, cell_number, clean
from .columns import Column, SHARE_HEAD, SHARE_OF

_ROW_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
_KEY = re.compile(L.KEY_PATTERNS)
_ENUM = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))")
_TRAILING_MARK = re.compile(r"(?:[*＊①②③④⑤⑥⑦⑧⑨⑩]|[（(]?注\d?[）)]?)+$")   # 地区生产总值①, 地区生产总值*
_INDENT = {" ": 1, "\xa0": 1, "\u3000": 2, "\t": 4}
_SUB = re.compile(r"其中[:：]?|[#＃*＊※]+")
_UNITISH = re.compile(r"[万亿千百十]?(?:元|美元|吨|人次|人|户|个|家|台|辆|件|次|座|所|张|套|亩|公顷|平方米|平方公里|"
                      r"立方米|米|公里|千瓦时|千瓦|瓦|度|岁|册|部|项|只|头|斤|千克|克|升|标箱|箱|床|张|元/人|%|％|‰)"
                      r"(?:/[\u4e00-\u9fff]{1,3})?")


def indicator_name(cell: str) -> tuple[str, str]:
    """(name, unit written in brackets after it) of an indicator cell."""
    s = clean(cell).strip('"')
    while True:
        m = _SUB.match(s) or _ENUM.match(s)
        if not m or m.end() == 0:
            break
        s = clean(s[m.end():])
    s = clean(_TRAILING_MARK.sub("", s))
    unit = ""
    m = re.search(r"[（(]([^（）()]{1,10})[）)]$", s)
    if m and _UNITISH.fullmatch(m[1].strip()):
        unit, s = m[1].strip().replace("％", "%"), clean(s[:m.start()])
    return s, unit


def row_depth(raw_name: str, previous: int) -> int:
    """How deep a row sits: its indicator cell's indentation (a full-width space counts 2, a tab 4);
    a 其中/# row written no deeper than the row above sits one below it."""
    raw = raw_name.lstrip('"')
    indent = 0
    for ch in raw:
        if ch not in _INDENT:
            break
        indent += _INDENT[ch]
    if _SUB.match(raw.lstrip("".join(_INDENT))) and indent <= previous:
        return previous + 1
    return indent


def row_figures(text: str, row: Row, cols: list[Column], year: int | None, table_unit: str,
                parent: str = "") -> list[Figure]:
    cells = row.cells + [""] * (len(cols) - len(row.cells))
    name, bracket_unit, row_unit, row_year = "", "", "", None
    for c, cell in zip(cols, cells):
        if c.role == "indicator":
            name, bracket_unit = indicator_name(cell)
        elif c.role == "unit":
            row_unit = cell.replace("％", "%")
        elif c.role == "year":
            m = _ROW_YEAR.fullmatch(cell)
            row_year = int(m[1]) if m else None
    by_year = not any(c.role == "indicator" for c in cols)
    sentence = text[row.start:row.end]
    out = []
    for k, (c, cell) in enumerate(zip(cols, cells)):
        if c.role != "value" or k >= len(row.spans):
            continue
        m = cell_number(cell)
        if m is None:
            continue
        a, b = row.spans[k]
        at = text.find(cell, a, b)
        if at < 0:
            continue
        start = at + m.start("num")
        end = at + (m.end("unit") if m["unit"] else m.end("num"))
        measure, unit = c.measure, c.unit
        if m["lb"]:
            measure, unit = "pp_change", "百分点"
        elif m["unit"]:
            unit = m["unit"]
            if "百分点" in unit:
                measure = "pp_change"
        elif measure == "growth" and (row_unit or bracket_unit) == "%":
            measure, unit = "pp_change", "百分点"   # the change of a rate (失业率, 城镇化率) is in points
        elif measure in ("level", "pp_change") and not unit:
            unit = row_unit or bracket_unit or table_unit
        indicator = c.name if by_year or not name else name if c.name in name else name + c.name
        of = c.of or (parent if measure == "share" else "")
        if measure == "level" and SHARE_HEAD.search(indicator):    # 第三产业增加值占比 is a share
            m_of = SHARE_OF.search(indicator)
            measure, of = "share", m_of[1] if m_of else parent
        if c.change:
            indicator += c.change
        period = row_year or c.period or ((year - 1) if c.prev_year and year else year)
        raw = m["num"].replace(",", "").replace("−", "-")
        out.append(Figure(
            start=start, end=end, text=text[start:end], value=float(raw), unit=unit, measure=measure,
            of=of, status="actual", period=period, qualifier="eq", indicator=indicator,
            key=bool(indicator) and bool(_KEY.search(indicator)),
            sentence=sentence, sentence_start=row.start, sentence_end=row.end,
        ))
    return out

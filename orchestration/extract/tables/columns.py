"""Reading a table's header: the header texts (a sub-header joined on), and each column's role
(indicator, unit, year, row number, value), measure, unit, year and the indicator it names."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import Row, squash

YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
BARE_YEAR = re.compile(r"(?:19|20)\d\d")
INDICATOR_HEAD = re.compile(r"(?:主要)?(?:指标|项目|名称|类别|分类|分组|行业|地区|区域|产品|品种|科目|类型)(?:名称)?")
_UNIT_HEAD = re.compile(r"(?:计量)?单位")
YEAR_HEAD = re.compile(r"年份|年度|年")
_SKIP_HEAD = re.compile(r"序号|编号|代码|行次|栏次|备注|说明")
_RANK_HEAD = re.compile(r"位次|排名|排位|名次")
SHARE_HEAD = re.compile(r"比重|占比|构成|份额|占.{0,12}比例")
_GROWTH_HEAD = re.compile(r"增长|增速|增幅|涨幅|比上年|比上期|比上月|比去年|同比|±|增减")
_ABS_CHANGE = re.compile(r"增加|减少|增量|增减量")
_HEAD_UNIT = re.compile(r"[（(]([^（）()]{1,12})[）)]")
_RANK_OF = re.compile(r"^(?:在)?(.+?)(?:的|中)?(?:位次|排名|排位|名次)")
SHARE_OF = re.compile(r"占(.+?)(?:的)?(?:比重|比例)")
# what a value column's header says besides the indicator it names (生产总值(亿元) → 生产总值)
_MEASURE_WORDS = re.compile(r"比上年|比上期|比去年|较上年|同比|增长速度|增长率|增长|增速|增幅|涨幅|增减|±|绝对数|数值|实绩|"
                            r"完成数|完成|年末数|年底数|本年|上年|本期|上期|同期|累计|全年|当年|"
                            r"[（(][^（）()]*[）)]|[%％]|\d{4}年?|\d{1,2}[-—~至]\d{1,2}月|\d{1,2}月|第?[一二三四1-4]季度")


# a value column headed only by one of these names no indicator (绝对值, 本年数 → 数)
_GENERIC_NAMES = {"数", "值", "额", "绝对值", "绝对额", "指标值", "数量", "金额", "总量", "总额", "数额", "合计", "实际",
                  "实际值", "实际数", "快报数", "初步数", "预计数", "计划数", "今年", "去年"}


@dataclass
class Column:
    role: str = "value"              # indicator | unit | year | skip | value
    measure: str = "level"
    unit: str = ""
    period: int | None = None
    prev_year: bool = False          # 上年 column: the year before the table's
    of: str = ""
    change: str = ""                 # 增加/减少 of an absolute-change column, kept in the indicator
    name: str = ""                   # the indicator a column names in a table by year


def header_texts(header: Row, sub: Row | None) -> list[str]:
    top = [squash(c) for c in header.cells]
    if sub is None:
        return top
    low = [squash(c) for c in sub.cells]
    width = max(len(top), len(low))
    top += [""] * (width - len(top))
    low += [""] * (width - len(low))
    out, carry = [], ""
    for t, b in zip(top, low):
        carry = t or (carry if b else "")   # a merged upper cell spans the lower cells under it
        out.append(carry + b if b else t)
    return out


def _head_unit(h: str) -> str:
    m = _HEAD_UNIT.search(h)
    if m:
        u = m[1].replace("％", "%")
        if "±" in u:
            u = u.replace("±", "")
        return u.strip() if not YEAR.search(u) and "=" not in u else ""
    if h.endswith(("%", "％")):
        return "%"
    return ""


def read_columns(heads: list[str]) -> list[Column]:
    cols = [Column() for _ in heads]
    indicator_at = next((k for k, h in enumerate(heads) if INDICATOR_HEAD.fullmatch(h)), None)
    for k, h in enumerate(heads):
        c = cols[k]
        if k == indicator_at:
            c.role = "indicator"
        elif _UNIT_HEAD.fullmatch(h):
            c.role = "unit"
        elif YEAR_HEAD.fullmatch(h):
            c.role = "year"
        elif _SKIP_HEAD.fullmatch(h):
            c.role = "skip"
    if indicator_at is None and not any(c.role == "year" for c in cols) and cols and cols[0].role == "value":
        cols[0].role = "indicator"
    last_name = ""
    for h, c in zip(heads, cols):
        if c.role != "value":
            continue
        unit = _head_unit(h)
        years = YEAR.findall(h) or ([h] if BARE_YEAR.fullmatch(h) else [])
        c.period = int(years[-1]) if years else None
        c.prev_year = not years and bool(re.search(r"上年|去年|上期", h)) and not re.search(r"比上年|比去年|比上期|较上年", h)
        if _RANK_HEAD.search(h):
            c.measure, c.unit = "rank", "rank"
            m = _RANK_OF.search(h)
            c.of = m[1] if m else ""
        elif "百分点" in h:
            c.measure, c.unit = "pp_change", unit or "百分点"
        elif SHARE_HEAD.search(h):
            c.measure, c.unit = "share", unit or "%"
            m = SHARE_OF.search(h)
            c.of = m[1] if m else ""
        elif _GROWTH_HEAD.search(h) and unit in ("", "%", "倍") and not (unit == "" and _ABS_CHANGE.search(h)):
            c.measure, c.unit = "growth", unit or "%"
        else:
            c.measure, c.unit = "level", unit
            m = _ABS_CHANGE.search(h) if _GROWTH_HEAD.search(h) else None
            c.change = m[0] if m else ""
        name = _MEASURE_WORDS.sub("", h) if c.measure in ("level", "growth") and not c.change else ""
        name = "" if name in _GENERIC_NAMES else name
        if c.measure == "level":
            last_name = name
        c.name = name or last_name
    return cols

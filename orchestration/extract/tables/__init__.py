"""Statistical tables (CSV/TSV, as bureaus publish a 公报's annex tables) → Figures.

    looks_like_table(text) -> bool
    extract_table(text, title_hint="") -> list[Figure]     # offsets into `text` as given
    describe_table(text, title_hint="") -> DocumentInfo    # title, review year; kind bulletin

Rules:
- Cells: the delimiter is a tab, an English comma or a Chinese comma (，), whichever reads more
  data rows. Cells are parsed with the csv module (double-quoted cells, "" escapes, line breaks
  inside quotes); the offsets of every cell are found by our own scan of the same text, so a
  Figure's `text == original[start:end]` always holds. With an English comma, a number whose
  thousands separators were left unquoted (`1,234.5` split into `1` and `234.5`) is joined again
  when the row has more cells than its header.
- Header: a row with two or more short, non-numeric cells, followed (after at most a sub-header
  row and a few section rows) by a row holding numbers. A second header row whose first cell is
  empty (`,,绝对数,比上年增长(%)` under `指标,单位,2025年,`) is joined onto the first.
  A file can hold several tables; a confirmed header starts a new one.
- Title: up to five lines right above a header. The table's year is the latest `YYYY年` in its
  title, else the latest year in its header, else in `title_hint`. `单位：亿元` there gives the
  table's default unit.
- Columns, by the header cell: the indicator column (指标, 指标名称, 项目, 名称, 类别, 行业, 地区…;
  else the first column), the unit column (单位, 计量单位), a year column (年份, 年度), row
  numbers (序号, 代码) and value columns. A bare year heads a column (`指标,2024,2025`) only in a
  row whose first cell names the indicators or is empty. A value column's measure: 位次/排名 →
  rank (unit `rank`, `of` the field before it: 全市位次 → 全市);
  百分点 → pp_change; 比重/占比/构成/份额 → share (`of` from 占X比重); 增长/增速/增幅/涨幅/比上年/
  同比/±/增减 → growth, except an absolute change (比上年增加 without `%`, or with an amount unit),
  which is a level whose indicator keeps the change word (GUIDELINES); anything else → level.
  A column's own year (`2024年`) is its period; 上年 is the year before the table's.
- Cells: every numeric cell of a value column is a Figure with the value as written (sign kept,
  separators dropped) and `text` the number itself (plus a unit written in the cell: `5.2%`).
  Empty cells, `—`, `-`, `…`, `x` are not figures. A number in square brackets (`[0.3]`, the
  bureaus' mark for a change in percentage points), a cell written in 百分点, and the growth
  column of a row whose unit is `%` (a rate: 城镇调查失业率, 城镇化率) are pp_change.
- Unit: a unit in the cell, else the column header's (`(%)`, `（亿元）`), else the row's unit
  cell, else a unit in brackets after the indicator (`生产总值（亿元）`), else the table's
  `单位：`; growth and share default to `%`, pp_change to `百分点`.
- A level column's cell whose indicator names a share (…占比, 占X比重) is a share of X.
- Indicator: the row's indicator cell as written, without indentation, `其中：`, the sub-item
  mark `#`, a note mark (`*`, `①`, `(注1)`), an enumerator (`一、`, `（一）`, `1.`) or a trailing unit in
  brackets. A value column whose header names what it measures (地区,生产总值(亿元),增长(%) or
  产品名称,产量,增长%) joins that name to the row's: 甲区生产总值, 钢材产量. In a table by year
  (a year column and no indicator column) the column header alone names the indicator. A growth
  or share column with no name of its own takes the name of the level column before it.
- Share: `of` is the whole named in the header (占全市比重 → 全市) or the indicator (占GDP比重),
  else the row a sub-item sits under (by indentation, or 其中/# one below the row above):
  城镇人口's 比重 is of 常住人口.
- Period: the row's year cell, else the column's year, else the table's year. Status `actual`,
  qualifier `eq`; `key` from lexicon.KEY_PATTERNS. `sentence` is the row's text and span.
- Rows inside a table with no numbers (a section row, 小麦,万吨,—) hold no figures and do not
  end the table; a header-like row there starts a new table only after a blank or title line, or
  when it opens with 指标/项目/年份….
- Not figures: title lines, headers, section rows, and notes: a line opening with 注, 说明,
  资料来源, 数据来源, 备注, or * with no numbers, and the lines after it up to a blank line.
- Document: a table is a bulletin; its title is the first title line that is not a `键：值`
  line (单位：…, 数据库：…); its issuer the first …统计局 named (a title line, 数据来源：…); its
  review year is the latest table year; it plans no year.
- A text is a table when one delimiter gives at least two data rows and no fewer data rows than
  prose lines (lines outside any table, its title and its notes): a prose bulletin with one small
  table in it stays prose.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import DocumentInfo, Figure
from .parse import Parse, parse_tables

DELIMITERS = ("\t", ",", "，")
_ISSUER = re.compile(r"(?:^|[:：\s,，\t])([\u4e00-\u9fff]{2,16}?统计局)", re.M)


def looks_like_table(text: str) -> bool:
    """True when `text` is a statistical table rather than prose (see the module rules)."""
    best = _best(text, "")
    return best.data_rows >= 2 and best.data_rows >= best.prose_lines


def extract_table(text: str, title_hint: str = "") -> list[Figure]:
    """One Figure per numeric cell of every table in `text`; offsets point into `text`."""
    return [replace(f) for f in _best(text, title_hint).figures]   # copies: the parse is cached


def describe_table(text: str, title_hint: str = "") -> DocumentInfo:
    """A table document as a bulletin: its first title line, the latest table year reviewed, no plan."""
    best = _best(text, title_hint)
    issuer = _ISSUER.search(text)
    return DocumentInfo(title=best.title, issuer=issuer[1] if issuer else "",
                        review_year=max(best.years) if best.years else None, plan_year=None, kind="bulletin")


@lru_cache(maxsize=2)   # extract() asks looks_like_table, then extract_table, of one text
def _best(text: str, title_hint: str) -> Parse:
    best = Parse()
    for d in DELIMITERS:
        if d not in text:
            continue
        p = parse_tables(text, d, title_hint)
        if (p.data_rows, len(p.figures)) > (best.data_rows, len(best.figures)):
            best = p
    return best

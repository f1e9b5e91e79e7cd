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

import csv
import io
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import lexicon as L
from .model import DocumentInfo, Figure

DELIMITERS = ("\t", ",", "，")
MAX_TITLE_LINES = 5
MAX_HEADER_CELL = 40
MAX_QUOTED_BREAKS = 5                # line breaks a quoted cell may hold (a wrapped header cell)

_PLACEHOLDERS = {"—", "——", "-", "--", "–", "－", "…", "……", "...", "x", "X", "×", "/", "\\", "＼", "*"}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，－＋", "0123456789.%,-+")
_SPACE = " \t\r\n\u3000\xa0\ufeff\u200b"
_NUM = re.compile(
    r"(?P<lb>[\[［])?(?P<num>[-+−－]?(?:[0-9]{1,3}(?:[,，][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?P<rb>[\]］])?"
    r"\s*(?P<unit>%|％|‰|(?![年月日时季号])[万亿千百]?[\u4e00-\u9fff/²³]{1,5})?(?P<mark>[*＊]+)?")
_THOUSANDS_LEFT = re.compile(r"[-+−－]?\d{1,3}(?:,\d{3})*")
_THOUSANDS_RIGHT = re.compile(r"\d{3}(?:\.\d+)?(?:%|％)?")
_NOTE = re.compile(r"(?:注|说明|资料来源|数据来源|备注|附注)[:：\s\d]")
_NOTE_MARK = re.compile(r"[*＊※]")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")
_ROW_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
_KEY = re.compile(L.KEY_PATTERNS)
_ISSUER = re.compile(r"(?:^|[:：\s,，\t])([\u4e00-\u9fff]{2,16}?统计局)", re.M)
_META_LINE = re.compile(r"[\u4e00-\u9fff]{1,4}[:：]")     # 单位：亿元, 数据库：年度数据, 时间：最近3年
_UNIT_LINE = re.compile(r"单位[:：]\s*([^\s,，;；、]+)")

_INDICATOR_HEAD = re.compile(r"(?:主要)?(?:指标|项目|名称|类别|分类|分组|行业|地区|区域|产品|品种|科目|类型)(?:名称)?")
_UNIT_HEAD = re.compile(r"(?:计量)?单位")
_YEAR_HEAD = re.compile(r"年份|年度|年")
_SKIP_HEAD = re.compile(r"序号|编号|代码|行次|栏次|备注|说明")
_RANK_HEAD = re.compile(r"位次|排名|排位|名次")
_SHARE_HEAD = re.compile(r"比重|占比|构成|份额|占.{0,12}比例")
_GROWTH_HEAD = re.compile(r"增长|增速|增幅|涨幅|比上年|比上期|比上月|比去年|同比|±|增减")
_ABS_CHANGE = re.compile(r"增加|减少|增量|增减量")
_HEAD_UNIT = re.compile(r"[（(]([^（）()]{1,12})[）)]")
_RANK_OF = re.compile(r"^(?:在)?(.+?)(?:的|中)?(?:位次|排名|排位|名次)")
_SHARE_OF = re.compile(r"占(.+?)(?:的)?(?:比重|比例)")
_ENUM = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))")
_TRAILING_MARK = re.compile(r"(?:[*＊①②③④⑤⑥⑦⑧⑨⑩]|[（(]?注\d?[）)]?)+$")   # 地区生产总值①, 地区生产总值*
_INDENT = {" ": 1, "\xa0": 1, "\u3000": 2, "\t": 4}
_SUB = re.compile(r"其中[:：]?|[#＃*＊※]+")
_UNITISH = re.compile(r"[万亿千百十]?(?:元|美元|吨|人次|人|户|个|家|台|辆|件|次|座|所|张|套|亩|公顷|平方米|平方公里|"
                      r"立方米|米|公里|千瓦时|千瓦|瓦|度|岁|册|部|项|只|头|斤|千克|克|升|标箱|箱|床|张|元/人|%|％|‰)"
                      r"(?:/[\u4e00-\u9fff]{1,3})?")
# what a value column's header says besides the indicator it names (生产总值(亿元) → 生产总值)
_MEASURE_WORDS = re.compile(r"比上年|比上期|比去年|较上年|同比|增长速度|增长率|增长|增速|增幅|涨幅|增减|±|绝对数|数值|实绩|"
                            r"完成数|完成|年末数|年底数|本年|上年|本期|上期|同期|累计|全年|当年|"
                            r"[（(][^（）()]*[）)]|[%％]|\d{4}年?|\d{1,2}[-—~至]\d{1,2}月|\d{1,2}月|第?[一二三四1-4]季度")


# a value column headed only by one of these names no indicator (绝对值, 本年数 → 数)
_GENERIC_NAMES = {"数", "值", "额", "绝对值", "绝对额", "指标值", "数量", "金额", "总量", "总额", "数额", "合计", "实际",
                  "实际值", "实际数", "快报数", "初步数", "预计数", "计划数", "今年", "去年"}


@dataclass
class _Row:
    start: int                       # span of the row's text, line break excluded
    end: int
    spans: list[tuple[int, int]]     # raw cell spans, quotes included
    cells: list[str]                 # parsed cell values, stripped

    def nonempty(self) -> list[str]:
        return [c for c in self.cells if c]


@dataclass
class _Column:
    role: str = "value"              # indicator | unit | year | skip | value
    measure: str = "level"
    unit: str = ""
    period: int | None = None
    prev_year: bool = False          # 上年 column: the year before the table's
    of: str = ""
    change: str = ""                 # 增加/减少 of an absolute-change column, kept in the indicator
    name: str = ""                   # the indicator a column names in a table by year


@dataclass
class _Parse:
    figures: list[Figure] = field(default_factory=list)
    data_rows: int = 0
    prose_lines: int = 0
    title: str = ""                  # the first table's title line
    years: list[int] = field(default_factory=list)


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
def _best(text: str, title_hint: str) -> _Parse:
    best = _Parse()
    for d in DELIMITERS:
        if d not in text:
            continue
        p = _parse(text, d, title_hint)
        if (p.data_rows, len(p.figures)) > (best.data_rows, len(best.figures)):
            best = p
    return best


# ---- rows and cells ------------------------------------------------------------------------

def _clean(s: str) -> str:
    return s.strip(_SPACE)


def _scan(text: str, d: str) -> list[_Row]:
    """Rows with raw cell spans, following the csv module's quoting (a quote opens a cell only
    as its first character; "" inside quotes is a quote; line breaks inside quotes stay in the cell).
    A quote still open at the end of the text or after MAX_QUOTED_BREAKS line breaks is a stray one:
    its row is read again up to its line break with quotes taken literally, so one bad cell does not
    swallow the rest of the file (and the scan stays linear)."""
    rows: list[_Row] = []
    i, n = 0, len(text)
    literal = False
    while i < n:
        row_start = cell_start = i
        spans: list[tuple[int, int]] = []
        in_quotes, breaks = False, 0
        while i < n:
            c = text[i]
            if in_quotes:
                if c == "\n":
                    breaks += 1
                    if breaks > MAX_QUOTED_BREAKS:
                        break
                if c == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        i += 2
                        continue
                    in_quotes = False
            elif c == '"' and i == cell_start and not literal:
                in_quotes = True
            elif c == d:
                spans.append((cell_start, i))
                cell_start = i + 1
            elif c in "\r\n":
                break
            i += 1
        if in_quotes:
            i, literal = row_start, True
            continue
        literal = False
        spans.append((cell_start, i))
        row_end = i
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        rows.append(_Row(row_start, row_end, spans, _values(text, row_start, row_end, spans, d)))
    return rows


def _values(text: str, start: int, end: int, spans: list[tuple[int, int]], d: str) -> list[str]:
    raw = [text[a:b] for a, b in spans]
    try:
        parsed = next(csv.reader(io.StringIO(text[start:end], newline=""), delimiter=d), [""])
    except csv.Error:
        parsed = []
    if len(parsed) != len(spans):     # an unclosed quote; read the cells as our scan split them
        parsed = [r[1:-1].replace('""', '"') if len(r) > 1 and r[0] == r[-1] == '"' else r for r in raw]
    return [_clean(v) for v in parsed]


def _join_thousands(row: _Row, width: int) -> _Row:
    """Join `1` + `234.5` back into `1,234.5` while the row is wider than its header."""
    spans, cells = list(row.spans), list(row.cells)
    while len(cells) > width and not cells[-1]:
        spans.pop()
        cells.pop()
    k = 0
    while len(cells) > width and k + 1 < len(cells):
        if _THOUSANDS_LEFT.fullmatch(cells[k]) and _THOUSANDS_RIGHT.fullmatch(cells[k + 1]):
            cells[k:k + 2] = [cells[k] + "," + cells[k + 1]]
            spans[k:k + 2] = [(spans[k][0], spans[k + 1][1])]
        else:
            k += 1
    return _Row(row.start, row.end, spans, cells)


def _number(cell: str) -> re.Match | None:
    """The number of a numeric cell; full-width digits are read one for one, so positions hold."""
    m = _NUM.fullmatch(cell.translate(_FULLWIDTH))
    if m is None or bool(m["lb"]) != bool(m["rb"]):
        return None
    return m


def _is_note(row: _Row) -> bool:
    """注：… / 资料来源：…; a line opening with * only when it holds no numbers (*规上工业增加值,亿元,400
    is an indicator flagged for a note, not a note)."""
    first = next(iter(row.nonempty()), "")
    return bool(_NOTE.match(first)) or (bool(_NOTE_MARK.match(first)) and not any(_number(c) for c in row.cells[1:]))


def _is_header(row: _Row) -> bool:
    cells = row.nonempty()
    # a bare year heads a column (指标,2024,2025) only in a row whose first cell names the indicators
    years_ok = bool(row.cells) and (not row.cells[0] or bool(_INDICATOR_HEAD.fullmatch(_squash(row.cells[0]))))
    return (len(cells) >= 2 and not _is_note(row)
            and all((_number(c) is None or (years_ok and _BARE_YEAR.fullmatch(c))) and c not in _PLACEHOLDERS
                    and len(c) <= MAX_HEADER_CELL and c[-1] not in "。；;！？" for c in cells))


def _is_tableish(row: _Row) -> bool:
    """A row of short cells: a section row or an indicator with no values (粮食,万吨,—)."""
    return not _is_note(row) and all(len(c) <= MAX_HEADER_CELL and c[-1] not in "。；;！？" for c in row.nonempty())


def _opens_header(row: _Row) -> bool:
    first = _squash(row.cells[0]) if row.cells else ""
    return not first or bool(_INDICATOR_HEAD.fullmatch(first) or _YEAR_HEAD.fullmatch(first))


def _is_data(row: _Row) -> bool:
    return len(row.nonempty()) >= 2 and any(_number(c) for c in row.cells[1:])


def _is_subheader(row: _Row) -> bool:
    return bool(row.cells) and not row.cells[0] and bool(row.nonempty()) and all(_number(c) is None for c in row.cells)


def _confirm(rows: list[_Row], i: int) -> int | None:
    """Index of the first data row if rows[i] is a header (a sub-header and a few section rows or
    rows of dashes may come between), else None."""
    j, section_rows = i + 1, 0
    if j < len(rows) and _is_subheader(rows[j]):
        j += 1
    while j < len(rows) and section_rows <= 3:
        r = rows[j]
        if _is_data(r):
            return j
        cells = r.nonempty()
        if cells and (_is_note(r) or len(cells) > 1 and not (_is_tableish(r) and set(cells) & _PLACEHOLDERS)):
            return None
        section_rows += bool(r.nonempty())
        j += 1
    return None


# ---- columns -------------------------------------------------------------------------------

def _squash(s: str) -> str:
    return re.sub(rf"[{_SPACE}]+", "", s)


def _header_texts(header: _Row, sub: _Row | None) -> list[str]:
    top = [_squash(c) for c in header.cells]
    if sub is None:
        return top
    low = [_squash(c) for c in sub.cells]
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
        return u.strip() if not _YEAR.search(u) and "=" not in u else ""
    if h.endswith(("%", "％")):
        return "%"
    return ""


def _columns(heads: list[str]) -> list[_Column]:
    cols = [_Column() for _ in heads]
    indicator_at = next((k for k, h in enumerate(heads) if _INDICATOR_HEAD.fullmatch(h)), None)
    for k, h in enumerate(heads):
        c = cols[k]
        if k == indicator_at:
            c.role = "indicator"
        elif _UNIT_HEAD.fullmatch(h):
            c.role = "unit"
        elif _YEAR_HEAD.fullmatch(h):
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
        years = _YEAR.findall(h) or ([h] if _BARE_YEAR.fullmatch(h) else [])
        c.period = int(years[-1]) if years else None
        c.prev_year = not years and bool(re.search(r"上年|去年|上期", h)) and not re.search(r"比上年|比去年|比上期|较上年", h)
        if _RANK_HEAD.search(h):
            c.measure, c.unit = "rank", "rank"
            m = _RANK_OF.search(h)
            c.of = m[1] if m else ""
        elif "百分点" in h:
            c.measure, c.unit = "pp_change", unit or "百分点"
        elif _SHARE_HEAD.search(h):
            c.measure, c.unit = "share", unit or "%"
            m = _SHARE_OF.search(h)
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


# ---- indicators ----------------------------------------------------------------------------

def _indicator(cell: str) -> tuple[str, str]:
    """(name, unit written in brackets after it) of an indicator cell."""
    s = _clean(cell).strip('"')
    while True:
        m = _SUB.match(s) or _ENUM.match(s)
        if not m or m.end() == 0:
            break
        s = _clean(s[m.end():])
    s = _clean(_TRAILING_MARK.sub("", s))
    unit = ""
    m = re.search(r"[（(]([^（）()]{1,10})[）)]$", s)
    if m and _UNITISH.fullmatch(m[1].strip()):
        unit, s = m[1].strip().replace("％", "%"), _clean(s[:m.start()])
    return s, unit


# ---- tables --------------------------------------------------------------------------------

def _table_year(title_rows: list[_Row], heads: list[str], title_hint: str) -> int | None:
    header_years = " ".join(h + "年" if _BARE_YEAR.fullmatch(h) else h for h in heads)
    for source in (" ".join(c for r in title_rows for c in r.cells), header_years, title_hint):
        years = [int(y) for y in _YEAR.findall(source)]
        if years:
            return max(years)
    return None


def _title(title_rows: list[_Row]) -> str:
    for r in title_rows:
        line = " ".join(r.nonempty())
        if not _META_LINE.match(line):
            return line
    return ""


def _table_unit(title_rows: list[_Row]) -> str:
    for r in reversed(title_rows):
        m = _UNIT_LINE.search(" ".join(r.cells))
        if m:
            return m[1].replace("％", "%")
    return ""


def _parse(text: str, d: str, title_hint: str) -> _Parse:
    rows = _scan(text, d)
    out = _Parse()
    pending: list[_Row] = []         # non-blank rows outside a table: titles or prose
    cols: list[_Column] = []
    year = None
    unit = ""
    state = "outside"                # outside | table | notes
    parents: list[tuple[int, str]] = []     # (depth, indicator) of the rows a sub-item may sit under
    i = 0
    while i < len(rows):
        row = rows[i]
        blank = not row.nonempty()
        if state == "notes":
            state = "outside" if blank else "notes"
            i += 1
            continue
        if blank:
            i += 1
            continue
        # inside a table a header-like row (粮食,万吨 with no values) starts a new table only after
        # a break (a blank line or a title line) or when it opens with 指标/项目/年份…
        fresh = state != "table" or bool(pending) or not rows[i - 1].nonempty() or _opens_header(row)
        first_data = _confirm(rows, i) if fresh and _is_header(row) else None
        if first_data is not None:
            titles = pending[-MAX_TITLE_LINES:]
            out.prose_lines += len(pending) - len(titles)
            pending = []
            sub = rows[i + 1] if _is_subheader(rows[i + 1]) else None
            heads = _header_texts(row, sub)
            cols = _columns(heads)
            year, unit = _table_year(titles, heads, title_hint), _table_unit(titles)
            if year:
                out.years.append(year)
            if not out.data_rows:     # the first table names the document
                out.title = _title(titles)
            state = "table"
            parents = []
            i = first_data
            continue
        if state == "table" and _is_data(row) and not _is_note(row):
            out.data_rows += 1
            pending = []              # the rows since the last data row were section rows
            row = _join_thousands(row, len(cols)) if d == "," else row
            k = next((k for k, c in enumerate(cols) if c.role == "indicator"), None)
            raw_name = text[slice(*row.spans[k])] if k is not None and k < len(row.spans) else ""
            depth = _depth(raw_name, parents[-1][0] if parents else -1)
            while parents and parents[-1][0] >= depth:
                parents.pop()
            out.figures += _row_figures(text, row, cols, year, unit, parents[-1][1] if parents else "")
            parents.append((depth, _indicator(row.cells[k])[0] if raw_name else ""))
        elif state == "table" and _is_tableish(row):
            if len(row.nonempty()) == 1:
                pending.append(row)   # a section row, or the title of the next table
        else:
            if state == "table":
                state = "outside"
            if _is_note(row):
                state = "notes"
            else:
                pending.append(row)
        i += 1
    out.prose_lines += sum(1 for r in pending if len(r.nonempty()) > 1 or r.nonempty()[0][-1:] in "。；;")
    return out


def _depth(raw_name: str, previous: int) -> int:
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


def _row_figures(text: str, row: _Row, cols: list[_Column], year: int | None, table_unit: str,
                 parent: str = "") -> list[Figure]:
    cells = row.cells + [""] * (len(cols) - len(row.cells))
    name, bracket_unit, row_unit, row_year = "", "", "", None
    for c, cell in zip(cols, cells):
        if c.role == "indicator":
            name, bracket_unit = _indicator(cell)
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
        m = _number(cell)
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
        if measure == "level" and _SHARE_HEAD.search(indicator):    # 第三产业增加值占比 is a share
            m_of = _SHARE_OF.search(indicator)
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

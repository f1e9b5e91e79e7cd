"""The walk over a text's rows: titles, headers, data rows, section rows, notes and prose lines;
each table's year and default unit; every figure of every table, and the counts that tell a
table from prose."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Figure
from .cells import Row, join_thousands, scan_rows
from .columns import BARE_YEAR, YEAR, Column, header_texts, read_columns
from .detection import confirm_header, is_data, is_header, is_note, is_subheader, is_tableish, opens_header
from .row_figures import indicator_name, row_depth, row_figures

MAX_TITLE_LINES = 5
_META_LINE = re.compile(r"[\u4e00-\u9fff]{1,4}[:：]")     # 单位：亿元, 数据库：年度数据, 时间：最近3年
_UNIT_LINE = re.compile(r"单位[:：]\s*([^\s,，;；、]+)")


@dataclass
class Parse:
    figures: list[Figure] = field(default_factory=list)
    data_rows: int = 0
    prose_lines: int = 0
    title: str = ""                  # the first table's title line
    years: list[int] = field(default_factory=list)


def _table_year(title_rows: list[Row], heads: list[str], title_hint: str) -> int | None:
    header_years = " ".join(h + "年" if BARE_YEAR.fullmatch(h) else h for h in heads)
    for source in (" ".join(c for r in title_rows for c in r.cells), header_years, title_hint):
        years = [int(y) for y in YEAR.findall(source)]
        if years:
            return max(years)
    return None


def _title(title_rows: list[Row]) -> str:
    for r in title_rows:
        line = " ".join(r.nonempty())
        if not _META_LINE.match(line):
            return line
    return ""


def _table_unit(title_rows: list[Row]) -> str:
    for r in reversed(title_rows):
        m = _UNIT_LINE.search(" ".join(r.cells))
        if m:
            return m[1].replace("％", "%")
    return ""


def parse_tables(text: str, d: str, title_hint: str) -> Parse:
    rows = scan_rows(text, d)
    out = Parse()
    pending: list[Row] = []          # non-blank rows outside a table: titles or prose
    cols: list[Column] = []
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
        fresh = state != "table" or bool(pending) or not rows[i - 1].nonempty() or opens_header(row)
        first_data = confirm_header(rows, i) if fresh and is_header(row) else None
        if first_data is not None:
            titles = pending[-MAX_TITLE_LINES:]
            out.prose_lines += len(pending) - len(titles)
            pending = []
            sub = rows[i + 1] if is_subheader(rows[i + 1]) else None
            heads = header_texts(row, sub)
            cols = read_columns(heads)
            year, unit = _table_year(titles, heads, title_hint), _table_unit(titles)
            if year:
                out.years.append(year)
            if not out.data_rows:     # the first table names the document
                out.title = _title(titles)
            state = "table"
            parents = []
            i = first_data
            continue
        if state == "table" and is_data(row) and not is_note(row):
            out.data_rows += 1
            pending = []              # the rows since the last data row were section rows
            row = join_thousands(row, len(cols)) if d == "," else row
            k = next((k for k, c in enumerate(cols) if c.role == "indicator"), None)
            raw_name = text[slice(*row.spans[k])] if k is not None and k < len(row.spans) else ""
            depth = row_depth(raw_name, parents[-1][0] if parents else -1)
            while parents and parents[-1][0] >= depth:
                parents.pop()
            out.figures += row_figures(text, row, cols, year, unit, parents[-1][1] if parents else "")
            parents.append((depth, indicator_name(row.cells[k])[0] if raw_name else ""))
        elif state == "table" and is_tableish(row):
            if len(row.nonempty()) == 1:
                pending.append(row)   # a section row, or the title of the next table
        else:
            if state == "table":
                state = "outside"
            if is_note(row):
                state = "notes"
            else:
                pending.append(row)
        i += 1
    out.prose_lines += sum(1 for r in pending if len(r.nonempty()) > 1 or r.nonempty()[0][-1:] in "。；;")
    return out

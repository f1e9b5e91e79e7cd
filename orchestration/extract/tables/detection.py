"""Which rows of a table are what: a header (confirmed by the data row after it), a sub-header,
a data row, a section row, a note."""
from __future__ import annotations

import re

from .cells import Row, cell_number, squash
from .columns import BARE_YEAR, INDICATOR_HEAD, YEAR_HEAD

MAX_HEADER_CELL = 40

_PLACEHOLDERS = {"—", "——", "-", "--", "–", "－", "…", "……", "...", "x", "X", "×", "/", "\\", "＼", "*"}
_NOTE = re.compile(r"(?:注|说明|资料来源|数据来源|备注|附注)[:：\s\d]")
_NOTE_MARK = re.compile(r"[*＊※]")


def is_note(row: Row) -> bool:
    """注：… / 资料来源：…; a line opening with * only when it holds no numbers (*规上工业增加值,亿元,400
    is an indicator flagged for a note, not a note)."""
    first = next(iter(row.nonempty()), "")
    return bool(_NOTE.match(first)) or (bool(_NOTE_MARK.match(first)) and not any(cell_number(c) for c in row.cells[1:]))


def is_header(row: Row) -> bool:
    cells = row.nonempty()
    # a bare year heads a column (指标,2024,2025) only in a row whose first cell names the indicators
    years_ok = bool(row.cells) and (not row.cells[0] or bool(INDICATOR_HEAD.fullmatch(squash(row.cells[0]))))
    return (len(cells) >= 2 and not is_note(row)
            and all((cell_number(c) is None or (years_ok and BARE_YEAR.fullmatch(c))) and c not in _PLACEHOLDERS
                    and len(c) <= MAX_HEADER_CELL and c[-1] not in "。；;！？" for c in cells))


def is_tableish(row: Row) -> bool:
    """A row of short cells: a section row or an indicator with no values (粮食,万吨,—)."""
    return not is_note(row) and all(len(c) <= MAX_HEADER_CELL and c[-1] not in "。；;！？" for c in row.nonempty())


def opens_header(row: Row) -> bool:
    first = squash(row.cells[0]) if row.cells else ""
    return not first or bool(INDICATOR_HEAD.fullmatch(first) or YEAR_HEAD.fullmatch(first))


def is_data(row: Row) -> bool:
    return len(row.nonempty()) >= 2 and any(cell_number(c) for c in row.cells[1:])


def is_subheader(row: Row) -> bool:
    return bool(row.cells) and not row.cells[0] and bool(row.nonempty()) and all(cell_number(c) is None for c in row.cells)


def confirm_header(rows: list[Row], i: int) -> int | None:
    """Index of the first data row if rows[i] is a header (a sub-header and a few section rows or
    rows of dashes may come between), else None."""
    j, section_rows = i + 1, 0
    if j < len(rows) and is_subheader(rows[j]):
        j += 1
    while j < len(rows) and section_rows <= 3:
        r = rows[j]
        if is_data(r):
            return j
        cells = r.nonempty()
        if cells and (is_note(r) or len(cells) > 1 and not (is_tableish(r) and set(cells) & _PLACEHOLDERS)):
            return None
        section_rows += bool(r.nonempty())
        j += 1
    return None

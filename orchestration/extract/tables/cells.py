"""Rows and cells of a delimited text: the scan that finds every cell's span (following the csv
module's quoting), the parsed cell values, thousands separators split by an English comma joined
again, and the number a cell holds."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

MAX_QUOTED_BREAKS = 5                # line breaks a quoted cell may hold (a wrapped header cell)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，－＋", "0123456789.%,-+")
SPACE = " \t\r\n\u3000\xa0\ufeff\u200b"
_NUM = re.compile(
    r"(?P<lb>[\[［])?(?P<num>[-+−－]?(?:[0-9]{1,3}(?:[,，][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?P<rb>[\]］])?"
    r"\s*(?P<unit>%|％|‰|(?![年月日时季号])[万亿千百]?[\u4e00-\u9fff/²³]{1,5})?(?P<mark>[*＊]+)?")
_THOUSANDS_LEFT = re.compile(r"[-+−－]?\d{1,3}(?:,\d{3})*")
_THOUSANDS_RIGHT = re.compile(r"\d{3}(?:\.\d+)?(?:%|％)?")


@dataclass
class Row:
    start: int                       # span of the row's text, line break excluded
    end: int
    spans: list[tuple[int, int]]     # raw cell spans, quotes included
    cells: list[str]                 # parsed cell values, stripped

    def nonempty(self) -> list[str]:
        return [c for c in self.cells if c]


def clean(s: str) -> str:
    return s.strip(SPACE)


def scan_rows(text: str, d: str) -> list[Row]:
    """Rows with raw cell spans, following the csv module's quoting (a quote opens a cell only
    as its first character; "" inside quotes is a quote; line breaks inside quotes stay in the cell).
    A quote still open at the end of the text or after MAX_QUOTED_BREAKS line breaks is a stray one:
    its row is read again up to its line break with quotes taken literally, so one bad cell does not
    swallow the rest of the file (and the scan stays linear)."""
    rows: list[Row] = []
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
        rows.append(Row(row_start, row_end, spans, _values(text, row_start, row_end, spans, d)))
    return rows


def _values(text: str, start: int, end: int, spans: list[tuple[int, int]], d: str) -> list[str]:
    raw = [text[a:b] for a, b in spans]
    try:
        parsed = next(csv.reader(io.StringIO(text[start:end], newline=""), delimiter=d), [""])
    except csv.Error:
        parsed = []
    if len(parsed) != len(spans):     # an unclosed quote; read the cells as our scan split them
        parsed = [r[1:-1].replace('""', '"') if len(r) > 1 and r[0] == r[-1] == '"' else r for r in raw]
    return [clean(v) for v in parsed]


def join_thousands(row: Row, width: int) -> Row:
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
    return Row(row.start, row.end, spans, cells)


def cell_number(cell: str) -> re.Match | None:
    """The number of a numeric cell; full-width digits are read one for one, so positions hold."""
    m = _NUM.fullmatch(cell.translate(_FULLWIDTH))
    if m is None or bool(m["lb"]) != bool(m["rb"]):
        return None
    return m


def squash(s: str) -> str:
    return re.sub(rf"[{SPACE}]+", "", s)

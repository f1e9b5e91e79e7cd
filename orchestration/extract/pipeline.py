"""Entry points of the extractor: `extract(original_text) -> list[Figure]`.

A document that is a CSV/TSV table (`tables.looks_like_table`) goes to `tables.extract_table`;
so do the tab-separated tables inside a prose document (a bulletin's 表1 …), whose lines the
prose steps then skip.
Steps for prose: normalize (page-break repair, full-width folding, offset map) → layout (parts,
review/plan years; classification half) → sentences → mentions (detection half) →
attributes per mention, left to right in a sentence (classification half) → Figures whose
offsets point into the original text (`text == original[start:end]`).

Last, `bulletin.refine`: 初步核算 figures are flagged preliminary, and a bulletin's notes (注释)
keep only the figures they state, not the numbers inside their definitions.

Mentions in the front matter (website menus, title lines) and in a website's trailer are
dropped: menu text holds no figures.
"""
from __future__ import annotations

import re

from . import bulletin, tables
from .attributes import classify
from .indicator_phrase import finish as finish_phrase
from .layout import Layout, analyze
from .mentions import Mention, find_mentions
from .model import DocumentInfo, Figure
from .normalize import normalize
from .sentence_reading import SentenceContext
from .sentences import iter_sentences

EXTRACTOR_VERSION = "0.9.35"

# A table's data row has a cell that is a number alone (with a unit, brackets or quotes) after a
# delimiter; prose has nearly none. Fewer than two such cells: not a table, and the table reader's
# full scan (as costly as finding the mentions) is skipped. (No tab right after the delimiter: a run of
# tabs would be read again from each one; a tab there is itself a delimiter the scan starts from.)
_NUMBER_CELL = re.compile(
    r"[\t,，][ \u3000\xa0\"]*[\[［]?[-+−－]?[0-9０-９][0-9０-９,，.．]*[\]］]?[^\S\n]*"
    r"(?:[%％‰]|[\u4e00-\u9fff/²³]{1,6})?[*＊]*[ \t\u3000\xa0\"]*(?=[\t,，\r\n]|$)", re.M)


def _is_table(text: str) -> bool:
    cells = _NUMBER_CELL.finditer(text)
    if next(cells, None) is None or next(cells, None) is None:
        return False
    return tables.looks_like_table(text)


def describe_document(text: str) -> DocumentInfo:
    """Title, issuer, date and years of a document (normalized or original text)."""
    if _is_table(text):
        return tables.describe_table(text)
    lay = analyze(normalize(text).text)
    return DocumentInfo(title=lay.title, issuer=lay.issuer, date=lay.date, review_year=lay.review_year,
                        plan_year=lay.plan_year, kind=lay.kind)


# a cell boundary: a tab, or (text laid out in columns, as pdftotext -layout writes tables) two or
# more spaces between two cells
_COLUMN_GAP = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")
_TABLE_LINE = re.compile(r"^[^\n]*(?:\t|\S[ \u3000]{2,}\S)[^\n]*$", re.M)


def _table_blocks(original: str) -> list[tuple[int, int]]:
    """Tables inside a prose document (a bulletin's 表1 …, with tabs or laid out in columns): runs of
    at least three lines holding a cell boundary (blank lines may sit between them), with the title
    line right above."""
    blocks: list[tuple[int, int]] = []
    b0 = b1 = -1
    rows = 0

    def close() -> None:
        if rows >= 3:
            t0 = original.rfind("\n", 0, max(0, b0 - 1)) + 1
            title = original[t0:b0].strip()
            blocks.append((t0 if title and len(title) <= 60 and title[-1] not in "。；" else b0, b1))

    for m in _TABLE_LINE.finditer(original):
        if b1 >= 0 and not original[b1:m.start()].strip():
            b1 = m.end()
            rows += 1
        else:
            close()
            b0, b1, rows = m.start(), m.end(), 1
    close()
    return blocks


def _embedded_tables(original: str, hint: str) -> tuple[list[Figure], list[tuple[int, int]]]:
    """The figures of the tables inside a prose document (offsets into `original`) and their spans.
    Column gaps become a tab padded with spaces, so the block keeps its length and offsets."""
    figures: list[Figure] = []
    spans = []
    for b0, b1 in _table_blocks(original):
        block = _COLUMN_GAP.sub(lambda m: "\t" + " " * (len(m.group()) - 1), original[b0:b1])
        if not tables.looks_like_table(block):
            continue
        spans.append((b0, b1))
        for f in tables.extract_table(block, hint):
            f.start, f.end = f.start + b0, f.end + b0
            f.sentence_start, f.sentence_end = f.sentence_start + b0, f.sentence_end + b0
            f.text, f.sentence = original[f.start:f.end], original[f.sentence_start:f.sentence_end]
            figures.append(f)
    return figures, spans


def extract(original: str) -> list[Figure]:
    # a bulletin's CSV/TSV table has no sentences: its own reader maps cells to figures
    if _is_table(original):
        return tables.extract_table(original)
    out, lay = _extract_prose(original)
    if "\t" in original or "  " in original or "\u3000\u3000" in original:
        # (the prose's layout is describe_document's: the same normalized text, read the same way)
        hint = f"{lay.review_year}年" if lay.review_year else ""
        table_figures, spans = _embedded_tables(original, hint)
        if table_figures:
            out = [f for f in out if not any(a <= f.start < b for a, b in spans)] + table_figures
            out.sort(key=lambda f: f.start)
    return bulletin.refine(original, out)


def _extract_prose(original: str) -> tuple[list[Figure], Layout]:
    norm = normalize(original)
    text = norm.text
    lay = analyze(text)
    out: list[Figure] = []
    reading = None
    for s0, s1, mentions in _sentences_holding(text, find_mentions(text)):
        if not lay.context(s0).in_body:
            continue
        for u0, u1, group in _units(text, s0, s1, mentions):
            os0, os1 = norm.original_span(u0, u1)
            sentence = original[os0:os1]
            reading = SentenceContext(text, u0, u1, reading)
            previous: list = []
            for mn in group:
                start, end = norm.original_span(mn.start, mn.end)
                fig = Figure(start, end, original[start:end], mn.value, mn.unit, qualifier=mn.qualifier,
                             value_high=mn.value_high, sentence=sentence, sentence_start=os0, sentence_end=os1)
                attrs = classify(text, u0, u1, mn, lay, previous, reading)
                previous.append(attrs)
                _apply(fig, attrs)
                if mn.value < 0:          # a written minus sign (-1.56‰) wins over the verb's sign
                    fig.value = -abs(fig.value)
                out.append(fig)
    return out, lay


def _sentences_holding(text: str, mentions: list[Mention]):
    """(start, end, its mentions) of each sentence that holds mentions, in order; a mention across a
    sentence end belongs to neither. Most sentences hold no figure, and a line break always ends a
    sentence: the sentences are read from the line of the next mention, the lines before it (with no
    figure) are not split."""
    n = len(mentions)
    k = pos = 0
    while k < n:
        nl = text.rfind("\n", pos, mentions[k].start)
        start, pos = (nl + 1 if nl >= 0 else pos), -1
        for s0, s1 in iter_sentences(text, start):
            if mentions[k].start >= s1:
                if text.find("\n", s1, mentions[k].start) != -1:
                    pos = s1              # the next mention is lines on: go there
                    break
                continue
            while k < n and mentions[k].start < s0:
                k += 1
            j = k
            while j < n and mentions[j].end <= s1:
                j += 1
            if j > k:
                yield s0, s1, mentions[k:j]
                k = j
            if k >= n:
                return
        if pos < 0:
            return


# A report's sentence holds at most ~20 figures; a run of text with no sentence end and many more
# (a flattened table, a list of numbers) is classified in pieces, each clause-bounded and holding
# at most MAX_UNIT_MENTIONS, so that work per figure stays bounded.
MAX_UNIT_MENTIONS = 40
_PIECE_END = re.compile(r"[；;，,、\s]")


def _units(text: str, s0: int, s1: int, mentions: list[Mention]):
    """(start, end, mentions) units of classification: the sentence itself, or pieces of it."""
    if len(mentions) <= MAX_UNIT_MENTIONS:
        yield s0, s1, mentions
        return
    i = 0
    u0 = s0
    while i < len(mentions):
        group = mentions[i:i + MAX_UNIT_MENTIONS]
        i += len(group)
        if i < len(mentions):
            # end the piece at the last clause mark before the next mention
            nxt = mentions[i].start
            cut = group[-1].end
            m = None
            for m in _PIECE_END.finditer(text, group[-1].end, nxt):  # noqa: B007 (the last match is wanted)
                pass
            u1 = m.end() if m is not None else cut
        else:
            u1 = s1
        yield u0, u1, group
        u0 = u1


def _apply(fig: Figure, attrs) -> None:
    fig.measure, fig.of, fig.status = attrs.measure, attrs.of, attrs.status
    # the phrase is finished here, once it has served the next figures of its sentence as written
    fig.period, fig.indicator, fig.key = attrs.period, finish_phrase(attrs.indicator), attrs.key
    if attrs.value is not None:
        fig.value = attrs.value
    if fig.value_high is not None and attrs.value_high is not None:
        fig.value_high = attrs.value_high

"""The document's parts: a walk over its lines that switches part at each heading or paragraph
cue (a heading glued to its first paragraph split off first), and each part's default status,
period and five-year span."""
from __future__ import annotations

from .. import lexicon as L
from ..phrases import no_spaces
from .document import FRONT, FYP, FYP_REVIEW, GLOSSARY, PLAN, REVIEW, STATUS, TRAILER, Context, Layout
from .headings import ANNEX_HEAD, TOP, TRAILER_HEAD, heading_kinds, is_heading, paragraph_cue


def _context(kind: str, lay: Layout, offset: int) -> Context:
    ry, py = lay.review_year, lay.plan_year
    if lay.kind == "bulletin" and kind not in (FRONT, TRAILER):
        return Context(REVIEW, "actual", ry, None, offset)
    span = None
    period = ry
    if kind == FYP_REVIEW:
        span = lay.review_span
    elif kind == FYP:
        span = lay.plan_span
        period = span[1] if span else (py + 4 if py else None)
    elif kind == PLAN:
        period = py
    return Context(kind, STATUS[kind], period, span, offset)


# (lexicon.guarded: the leading lookbehind would leave the engine no skip-ahead)
_OPENER = L.guarded(
    r"(?<=[\u4e00-\u9fff”）)])(?:[“\"]?十[一二三四五六七八九]?五[”\"]?时期(?:是|，|,|在|，是)|今年是|\d{4}年是|刚刚过去的|过去的?五年|五年来|"
    r"过去一年|一年来|根据《|各位代表|(?:20\d\d|今)年(?:经济社会发展|的主要|主要)|政府工作的总体要求)")


def _split_glued(line: str, ry, py) -> tuple[str, str] | None:
    """A heading run together with its first paragraph (a line break lost upstream): (heading, rest)."""
    if len(line) <= 32:
        return None
    for m in _OPENER.finditer(line, 4, 64):
        head = line[:m.start()]
        if "。" in head:
            return None
        if TOP.match(head) or heading_kinds(head, ry, py):
            return head, line[m.start():]
    return None


def read_parts(text: str, lines, lay: Layout) -> list[Context]:
    ry, py = lay.review_year, lay.plan_year
    parts = [Context(FRONT, "actual", ry, None, 0)]
    kind = None                 # the current part
    pending: list[str] = []     # parts the current heading announced but the text has not reached
    undecided = False           # a heading without part words: let its first paragraph decide
    chapter = False             # ... or, for a numbered chapter, its first paragraph with a cue
    in_annex = False

    def switch(k: str, offset: int):
        nonlocal kind
        if k != kind:
            kind = k
            parts.append(_context(k, lay, offset))

    split_lines = []
    for pos, line in lines:
        glued = _split_glued(line, ry, py) if pos >= lay.body_start else None
        if glued:
            split_lines += [(pos, glued[0]), (pos + len(glued[0]), glued[1])]
        else:
            split_lines.append((pos, line))

    for pos, line in split_lines:
        if pos < lay.body_start or not line.strip():
            continue
        s = line.strip()
        if kind is None:
            switch(REVIEW, pos)     # the body opens with the review unless a heading says otherwise
            undecided = True
        if TRAILER_HEAD.match(s):
            switch(TRAILER, pos)
            continue
        if kind == TRAILER:
            continue
        if ANNEX_HEAD.match(s) and len(s) <= 12:
            in_annex = True
            switch(GLOSSARY, pos)   # an annex is a glossary unless its title names the plan year
            undecided = False
            continue
        if is_heading(line) or (TOP.match(s) and len(s) <= 64 and "。" not in s):
            kinds = heading_kinds(s, ry, py)
            if in_annex and not kinds:
                hs = no_spaces(s)
                if (py and str(py) in hs) or "今年" in hs:
                    kinds = [PLAN]
            if kinds:
                switch(kinds[0], pos)
                pending = kinds[1:]
                undecided = chapter = False
            elif TOP.match(s) and kind in (REVIEW, FYP_REVIEW, FYP) and _review_seen(parts):
                # a numbered chapter without part words (福建: 一张蓝图绘到底…): its first paragraph
                # with a cue decides, moving only forward (review -> five-year plan -> plan year).
                # Not only the very first: 福建 2025 opens 二、牢记历史使命… with a paragraph on the
                # province and only then says 2025年是…
                undecided = chapter = True
            continue
        cue = paragraph_cue(s, ry, py)
        if cue is None:
            undecided = chapter
            continue
        chapter = False
        if undecided:
            if kind in (REVIEW, FYP_REVIEW) or (kind == FYP and cue == PLAN):
                switch(cue, pos)
            undecided = False
        elif pending and cue in pending:
            switch(cue, pos)
            pending = pending[pending.index(cue) + 1:]
        elif kind in (REVIEW, FYP_REVIEW) and cue in (REVIEW, FYP_REVIEW):
            switch(cue, pos)
    return parts


def _review_seen(parts: list[Context]) -> bool:
    return any(p.kind in (REVIEW, FYP_REVIEW) for p in parts)

"""What a statistical bulletin (统计公报) says about its own figures, applied after extraction.

- Preliminary figures. 初步核算 / 初步测算 / 初步统计 opens a paragraph whose figures are the
  first estimate of the accounts, to be revised by the final verification (最终核实) a year
  later: every figure from the cue to the end of its paragraph gets `is_preliminary`. A bulletin
  that declares all its data preliminary (本公报中数据均为初步统计数, its note [1]) flags every
  figure. The status stays `actual`: a preliminary figure is an outcome, not a 预计 estimate.
  The cue means the same in a government work report's review, so the rule holds for any
  document.
- Notes (注释：, [n]…). In a bulletin they define indicators: 全国人口是指我国大陆31个省… The
  numbers inside a definition (31个省, 2020年价格, 单户授信小于1000万元) are no figures of the
  year and are dropped. A note that states a figure is kept: its sentence names a year and the
  figure's clause says what the value is (为, 分别为, 达, 增长, 下降 before it):
  [6]2024年年末，0-14岁（含不满15周岁）人口为22240万人 keeps 22240万人. The definitions
  themselves are returned by `definitions()`.
- Note references. A bulletin marks a term with its note's number (全年国内生产总值[2]1349084亿元);
  the marker is no part of the indicator's name and is dropped from the phrase (国内生产总值),
  which then maps like any other. The figure's text and offsets are untouched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Figure

_PRELIMINARY_CUE = re.compile(r"初步(?:核算|测算|统计)")
_ALL_PRELIMINARY = re.compile(r"(?:本|全)公报(?:中)?(?:的)?(?:各项)?数据(?:均|全部|都)?为初步(?:统计|核算)数")
# a bulletin's title line, within its first lines: a year and 统计公报 (a website menu's bare
# 统计公报 item is no title)
_BULLETIN_TITLE = re.compile(r"^[^\n。]{0,30}(?:19|20)\d\d年[^\n。]{0,40}统计公报[^\n。]{0,20}$", re.M)
# the notes section opens on a line of its own: 注释： / 注： (a bulletin's, not a sentence's 注)
_NOTES_HEAD = re.compile(r"^[ \t\u3000]*(?:注释|注)[：:][ \t\u3000]*$", re.M)
# the notes end where the sources (资料来源：) or a website's trailer begin
_NOTES_END = re.compile(r"^[ \t\u3000]*资料来源[：:]", re.M)
# one note: [12]… or 12.… at the start of a line
_NOTE = re.compile(r"^[ \t\u3000]*(?:\[(\d{1,3})\]|［(\d{1,3})］|(\d{1,3})[.．、])([^\n]*)", re.M)
_DEFINES = re.compile(r"是指|指的是|原称|简称|定义为|包括|相当于|按[^，。]{1,20}(?:计算|统计)|口径")
_YEAR = re.compile(r"(?:19|20)\d\d年")
_STATES = re.compile(r"(?:分别为|为|达到|达|增长|下降|减少|增加|提高)")
_CLAUSE_END = "，,；;。：:"
_NOTE_REF = re.compile(r"\[\d{1,3}\]|［\d{1,3}］")


@dataclass(frozen=True)
class Definition:
    number: int          # the note's number, [12] → 12
    term: str            # what it defines (the words before 是指/指/原称…), '' when unnamed
    text: str            # the note as written, without its number
    start: int           # offsets into the original text: text == original[start:end]
    end: int


def is_bulletin(original: str) -> bool:
    return _BULLETIN_TITLE.search(original[:2000]) is not None


def notes_span(original: str) -> tuple[int, int] | None:
    """The notes section of a bulletin: from its 注释： line to 资料来源： or the end."""
    heads = list(_NOTES_HEAD.finditer(original))
    if not heads:
        return None
    start = heads[-1].start()           # the bulletin's own notes come last
    end = _NOTES_END.search(original, start)
    return start, end.start() if end else len(original)


def definitions(original: str) -> list[Definition]:
    """The notes of a bulletin that define an indicator, in order."""
    if not is_bulletin(original):
        return []
    span = notes_span(original)
    if span is None:
        return []
    out = []
    for m in _NOTE.finditer(original, *span):
        body = m.group(4).strip()
        d = _DEFINES.search(body)
        if not d or m.start() >= span[1]:
            continue
        number = int(m.group(1) or m.group(2) or m.group(3))
        term = body[:d.start()].strip(" ，,：:") if d.group() in ("是指", "指的是", "原称", "定义为", "简称") else ""
        start = m.start(4) + (len(m.group(4)) - len(m.group(4).lstrip()))
        out.append(Definition(number, term, body, start, start + len(body)))
    return out


def _states_figure(original: str, f: Figure) -> bool:
    """A figure of a note that the note states (a year's value), not one inside a definition."""
    if not _YEAR.search(f.sentence):
        return False
    c0 = max(original.rfind(ch, f.sentence_start, f.start) for ch in _CLAUSE_END)
    clause = original[max(c0 + 1, f.sentence_start):f.start]
    return _STATES.search(clause) is not None


def _preliminary_spans(original: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PRELIMINARY_CUE.finditer(original):
        end = original.find("\n", m.end())
        spans.append((m.start(), end if end >= 0 else len(original)))
    return spans


def refine(original: str, figures: list[Figure]) -> list[Figure]:
    """Flags preliminary figures; in a bulletin, drops the numbers inside its definitions and the
    note markers from indicator phrases."""
    bulletin = is_bulletin(original)
    notes = notes_span(original) if bulletin else None
    everything = bulletin and _ALL_PRELIMINARY.search(original) is not None
    spans = _preliminary_spans(original)
    out = []
    for f in figures:
        if notes and notes[0] <= f.start < notes[1] and not _states_figure(original, f):
            continue
        f.is_preliminary = everything or any(a <= f.start < b for a, b in spans)
        if bulletin and f.indicator:
            f.indicator = _NOTE_REF.sub("", f.indicator).strip()
        out.append(f)
    return out

"""Where a figure's clause starts and its sentence opens, and what the sentence says before it
(预计, 今年以来, 到YYYY年), read once per unit of classification for all its figures."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right


_CLAUSE_END = "，。；：！？,;:!?\n"
_TO_YEAR = re.compile(r"(?:到|至|在)(?P<y>\d{4})年")     # (年底/年末/年前: the same year)
_CLAUSE_END_MARK = re.compile("[" + re.escape(_CLAUSE_END) + "]")
_SENTENCE_ENDS = "。！？\n"


class _Marks:
    """The clause marks of one unit of classification (a sentence, or a piece of a long one), found
    once for all its figures, and where the sentence holding the unit opens (the previous 。 or line
    start, found once per unit). Looking up a figure's clause start or sentence open is then a
    bisect, not a walk back over the sentence for every figure in it."""

    __slots__ = ("text", "start", "end", "clause", "ends", "open")

    def __init__(self, text: str, start: int, end: int, before: _Marks | None):
        self.text, self.start, self.end = text, start, end
        self.clause = [m.start() for m in _CLAUSE_END_MARK.finditer(text, start, end)]
        self.ends = [p for p in self.clause if text[p] in _SENTENCE_ENDS]
        # a unit mostly starts right after its sentence's end mark: a short walk back finds it
        i = start
        floor = start - 16 if start > 16 else 0
        while i > floor and text[i - 1] not in _SENTENCE_ENDS:
            i -= 1
        if i > floor or i == 0 or text[i - 1] in _SENTENCE_ENDS:
            self.open = i
        elif before is not None and before.text is text and before.start <= start:
            # a piece of a long sentence: units come left to right, only the stretch since the
            # last unit's start is new
            last = max(text.rfind(c, before.start, start) for c in _SENTENCE_ENDS)
            self.open = last + 1 if last >= 0 else before.open
        else:
            self.open = sentence_open(text, i)

    def locate(self, at: int) -> tuple[int, int]:
        """(clause start, sentence open) of a position in the unit: just after the last clause
        mark before it (not before the unit's start), and just after the last 。！？ or line break."""
        clause = self.clause
        i = bisect_left(clause, at) - 1
        ends = self.ends
        j = bisect_left(ends, at) - 1
        return (clause[i] + 1 if i >= 0 else self.start), (ends[j] + 1 if j >= 0 else self.open)


class _Left:
    """What a sentence says before a figure, read once for all its figures as they come left to
    right (a long list of figures would otherwise read the sentence again for each): where 预计 and
    今年以来 first occur after the sentence's open, and the 到YYYY年 read so far."""

    __slots__ = ("text", "open", "upto", "estimate", "since", "years", "year_ends")

    def __init__(self, text: str, s_open: int):
        self.text, self.open, self.upto = text, s_open, s_open    # text[open:upto] has been read
        self.estimate = self.since = -1                           # first 预计 / 今年以来, -1: none yet
        self.years: list[int] = []                                # 到YYYY年 read, and where each ends
        self.year_ends: list[int] = []

    def read_to(self, at: int) -> None:
        if at <= self.upto:
            return
        text, lo, s_open = self.text, self.upto, self.open
        # a word may straddle what was read before: look again from its length back
        if self.estimate < 0:
            self.estimate = text.find("预计", lo - 1 if lo - 1 > s_open else s_open, at)
        if self.since < 0:
            self.since = text.find("今年以来", lo - 3 if lo - 3 > s_open else s_open, at)
        # (a 到YYYY年 is 6 characters and never overlaps another; none without a 年 in the stretch)
        a = lo - 5 if lo - 5 > s_open else s_open
        for m in (_TO_YEAR.finditer(text, a, at) if text.find("年", a, at) != -1 else ()):
            if m.end() > lo:
                self.years.append(int(m.group("y")))
                self.year_ends.append(m.end())
        self.upto = at

    @staticmethod
    def has(first: int, length: int, at: int) -> bool:
        return first >= 0 and first + length <= at

    def to_year(self, at: int) -> int | None:
        i = bisect_right(self.year_ends, at) - 1
        return self.years[i] if i >= 0 else None


class SentenceContext:
    """What is read of one unit of classification (a sentence, or a piece of a long one) once for
    all its figures, which come left to right: its clause marks, what its sentence says before each
    figure, and the clauses already searched for the sentence's subject. The pipeline makes one per
    unit and hands it to classify() with each figure; the next unit's context starts from this one
    (a piece of a long sentence shares its open, its left reading and its subject)."""

    __slots__ = ("text", "start", "end", "marks", "_left", "subject")

    def __init__(self, text: str, start: int, end: int, before: SentenceContext | None = None):
        same_text = before is not None and before.text is text
        self.text, self.start, self.end = text, start, end
        self.marks = _Marks(text, start, end, before.marks if same_text else None)
        self._left: _Left | None = before._left if same_text else None
        # (sentence open, end of the clauses read, the subject found or None)
        self.subject: tuple | None = before.subject if same_text else None

    def covers(self, text: str, start: int, end: int) -> bool:
        return self.text is text and self.start == start and self.end == end

    def clause_end(self, at: int) -> int:
        """find_clause_end(text, at), from the unit's clause marks when one follows `at` in the unit."""
        marks = self.marks
        if marks.start <= at:
            i = bisect_left(marks.clause, at)
            if i < len(marks.clause):
                return marks.clause[i]
        return find_clause_end(self.text, at)

    def left_of(self, s_open: int, at: int) -> _Left:
        """What the sentence opening at s_open says before `at`."""
        left = self._left
        if left is None or left.open != s_open:
            left = self._left = _Left(self.text, s_open)
        left.read_to(at)
        return left


def sentence_open(text: str, at: int) -> int:
    """Back to the previous 。 (or line start): the scope of 预计 and 到YYYY年."""
    i = at
    while i > 0 and text[i - 1] not in _SENTENCE_ENDS:
        i -= 1
    return i


def find_clause_start(text: str, floor: int, at: int) -> int:
    i = at
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def find_clause_end(text: str, at: int) -> int:
    """The first clause mark at or after `at` (the text's end if none)."""
    m = _CLAUSE_END_MARK.search(text, at)
    return m.start() if m else len(text)

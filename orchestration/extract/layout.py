"""The document's structure: title, date, review and plan parts.

`analyze(text) -> Layout` reads the document's own headings and dates. `Layout.context(offset)`
says which part an offset is in and the default status and period for figures there.

Rules (written for any government work report or statistical bulletin, whatever its level):
- Title: the first line near the top that names the document (…工作报告, …统计公报), spaces
  removed (PDF extracts space out 政 府 工 作 报 告). Lines before it are website menu text.
- Date delivered: the first full date in the lines between the title and the salutation
  (各位代表), in Arabic or Chinese numerals (二〇二六年一月二十七日).
- Issuer: the body the speaker represents (我代表X人民政府); an abbreviated body (省人民政府)
  takes the place named where the report was delivered (在X第N届人民代表大会) or in the title.
- Years: the plan year is the year the report is delivered in (reports are given in the first
  months of the year they plan for); the review year is the year before, unless a review
  heading names another year. A statistical bulletin reviews the year in its title and plans none.
- Parts: top-level headings (一、… or short unpunctuated lines) are classified by their words:
  a review (回顾, 成就, 总结 + the review year), a five-year review (the five-year plan that ends
  in the review year, e.g. “十四五” in a 2026 report), a five-year plan (the plan that starts in
  the plan year, with 目标/任务/考虑…), the plan year's work (重点工作, 工作安排, the plan year),
  the government's own conduct (counts as plan), a glossary (名词解释, 注释) and the trailer a
  website adds (相关报道, 编辑：). A heading naming two parts (“十四五”时期发展成就和“十五五”
  时期主要目标) starts with the first; a paragraph that opens with the second's cue (“十五五”
  时期是…, 今年是…) switches to it. A heading with no part words keeps the current part, or,
  right after the salutation or a part of another kind, is classified by its first paragraph.
- Defaults: review → actual, review year; plan → target, plan year; five-year plan → target,
  the plan's last year; glossary → actual, review year; front and trailer hold no figures.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import lexicon as L
from .phrases import no_spaces

REVIEW, FYP_REVIEW, FYP, PLAN, GLOSSARY, FRONT, TRAILER = (
    "review", "fyp_review", "fyp", "plan", "glossary", "front", "trailer")
STATUS = {REVIEW: "actual", FYP_REVIEW: "actual", FYP: "target", PLAN: "target", GLOSSARY: "actual",
          FRONT: "actual", TRAILER: "actual"}


@dataclass
class Context:
    kind: str                      # review | fyp_review | fyp | plan | glossary | front | trailer
    status: str                    # default status of a figure here
    period: int | None             # default period of a figure here
    span: tuple[int, int] | None = None   # the five-year plan period this part is about, if any
    offset: int = 0                # where this part starts

    @property
    def in_body(self) -> bool:
        return self.kind not in (FRONT, TRAILER)


@dataclass
class Layout:
    title: str = ""
    issuer: str = ""
    date: date | None = None
    review_year: int | None = None
    plan_year: int | None = None
    kind: str = "report"           # report | bulletin
    body_start: int = 0
    body_end: int = 0
    parts: list[Context] = field(default_factory=list)
    main_targets: list[str] = field(default_factory=list)   # indicators the plan year's main targets name

    def context(self, offset: int) -> Context:
        # the parts' offsets are listed once and kept while `parts` is the same, unchanged list
        # (context is asked for every sentence)
        cached = self.__dict__.get("_starts")
        if cached is None or cached[0] is not self.parts or len(cached[1]) != len(self.parts):
            cached = (self.parts, [p.offset for p in self.parts])
            self.__dict__["_starts"] = cached
        starts = cached[1]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return Context(FRONT, "actual", self.review_year, None, 0)
        return self.parts[i]

    def fyp_span(self, number: int) -> tuple[int, int]:
        return five_year_span(number)

    @property
    def review_span(self) -> tuple[int, int] | None:
        """The five-year plan period that ends in the review year, if one does."""
        if self.review_year is None:
            return None
        n = fyp_number_ending(self.review_year)
        return five_year_span(n) if n else None

    @property
    def plan_span(self) -> tuple[int, int] | None:
        """The five-year plan period that the plan year opens or lies in."""
        if self.plan_year is None:
            return None
        return five_year_span(fyp_number_of(self.plan_year))


# ---- five-year plans ------------------------------------------------------------------------

def five_year_span(n: int) -> tuple[int, int]:
    """The n-th five-year plan's years: the 3rd ran 1966–1970 and the plans have run back to back since."""
    first = 1966 + 5 * (n - 3)
    return first, first + 4


def fyp_number_of(year: int) -> int:
    return (year - 1966) // 5 + 3


def fyp_number_ending(year: int) -> int | None:
    n = fyp_number_of(year)
    return n if five_year_span(n)[1] == year else None


# (lexicon.guarded: an optional opening quote would leave the engine no skip-ahead)
_FYP = L.guarded(r"[“\"‘]?(十[一二三四五六七八九]?|[一二三四五六七八九])五[”\"’]?(?:规划|时期|期间|末|以来)?")
_FYP_ORDINAL = re.compile(r"第(十[一二三四五六七八九]?)个五年规划")


def cn_int(s: str) -> int | None:
    """A Chinese numeral up to 99 (十四, 二十七) or digits."""
    if s.isdigit():
        return int(s)
    if not s or any(c not in L.CN_NUM for c in s):
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        return (L.CN_DIGITS.get(a, 1) if a else 1) * 10 + (L.CN_DIGITS.get(b, 0) if b else 0)
    if len(s) == 1:
        return L.CN_DIGITS.get(s)
    return int("".join(str(L.CN_DIGITS[c]) for c in s))


def fyp_mentions(s: str) -> list[tuple[int, int]]:
    """(position, plan number) of each five-year plan named in s (“十四五”, 第十五个五年规划)."""
    out = []
    for m in _FYP.finditer(s):
        n = cn_int(m.group(1))
        # a bare 五 after a numeral (“十五五”) must be quoted or followed by 时期/规划 to be a plan name
        if n and n >= 9 and (m.group(0)[0] in "“\"‘" or m.group(0).endswith(("时期", "规划", "期间", "末", "以来"))):
            out.append((m.start(), n))
    for m in _FYP_ORDINAL.finditer(s):
        n = cn_int(m.group(1))
        if n:
            out.append((m.start(), n))
    return sorted(out)


# ---- title, date, issuer ---------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DATE = re.compile(rf"([{L.CN_NUM}]{{4}})年([{L.CN_NUM}]{{1,3}})月([{L.CN_NUM}]{{1,3}})日")
_SALUTATION = re.compile(r"^(?:各位代表|同志们|各位委员)[、，,和]?(?:同志们|各位委员)?[：:！!，,]?\s*$", re.M)
_TITLE_WORDS = re.compile(r"(?:政府工作报告|工作报告|统计公报|国民经济和社会发展统计公报)")
_ISSUER = re.compile(r"我代表(国务院|[^，。；]{0,30}?(?:人民)?政府)")
_VENUE = re.compile(rf"在(.{{2,20}}?)(?:第)?[{L.CN_NUM}]+届人民代表大会")
_PLACE_IN_TITLE = re.compile(r"(?:\d{4}年)?(.{2,16}?(?:省|市|自治区|区|县|州|旗|盟|国))(?:人民)?政府工作报告")
_YEAR = re.compile(r"(\d{4})\s*年")


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _find_date(s: str) -> date | None:
    best = None
    for m in _DATE.finditer(s):
        best = (m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
        break
    for m in _CN_DATE.finditer(s):
        y = int("".join(str(L.CN_DIGITS[c]) for c in m.group(1)))
        mo, d = cn_int(m.group(2)), cn_int(m.group(3))
        if mo and d and (best is None or m.start() < best[0]):
            best = (m.start(), y, mo, d)
        break
    if best:
        try:
            return date(best[1], best[2], best[3])
        except ValueError:
            return None
    return None


# ---- headings ----------------------------------------------------------------------------------

_TOP = re.compile(rf"^\s*(?:[{L.CN_NUM}]+、|第[{L.CN_NUM}]+部分|[IVX]+[、.．])")
_SUB = re.compile(rf"^\s*(?:[（(][{L.CN_NUM}\d]+[）)]|\d+[.、．])")


_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")


def _is_heading(line: str) -> bool:
    s = line.strip().strip("*").strip()
    if not s or len(s) > 60:
        return False
    if _TOP.match(s):
        return "。" not in s[:-1] and not s.endswith(("：", ":"))
    if _SUB.match(s):
        return False
    # an unnumbered heading: a short line without sentence punctuation
    return len(s) <= 32 and not _SENTENCE_PUNCT.search(s)


_TRAILER_HEAD = re.compile(L.TRAILER_HEAD)
_GLOSSARY_HEAD = re.compile(L.GLOSSARY_HEAD)
_SELF_HEAD = re.compile(L.SELF_HEAD)
_REVIEW_HEAD = re.compile(L.REVIEW_HEAD)
_FYP_HEAD = re.compile(L.FYP_HEAD)
_ANNEX_HEAD = re.compile(rf"^{L.ANNEX_HEAD}")


def _heading_kinds(h: str, review_year: int | None, plan_year: int | None) -> list[str]:
    """The parts a heading announces, in the order it names them."""
    h = no_spaces(h)
    found: list[tuple[int, str]] = []
    if _TRAILER_HEAD.search(h):
        return [TRAILER]
    if _GLOSSARY_HEAD.search(h):
        return [GLOSSARY]
    if _SELF_HEAD.search(h):
        return [PLAN]
    is_review = _REVIEW_HEAD.search(h)
    is_fyp_goal = _FYP_HEAD.search(h)
    for pos, n in fyp_mentions(h):
        first, last = five_year_span(n)
        if review_year is not None and last <= review_year:
            found.append((pos, FYP_REVIEW))
        elif is_fyp_goal or plan_year is None or first >= plan_year:
            # a plan period named with goal words: the five-year plan chapter
            if is_fyp_goal:
                found.append((pos, FYP))
    for m in _YEAR.finditer(h):
        y = int(m.group(1))
        if y == review_year and (is_review or re.search(r"工作", h)):
            found.append((m.start(), REVIEW))
        elif y == plan_year or (review_year is not None and y == review_year + 1):
            found.append((m.start(), PLAN))
    fm5 = re.search(r"今后五年|未来五年", h)
    if fm5 and is_fyp_goal:
        found.append((fm5.start(), FYP))
    if re.search(r"今年|明年", h):
        found.append((h.find("今年") if "今年" in h else h.find("明年"), PLAN))
    if not found:
        if is_review:
            found.append((is_review.start(), REVIEW))
        elif re.search(r"重点工作|工作安排|工作任务|工作思路|重点任务", h):
            found.append((0, PLAN))
    found.sort()
    kinds: list[str] = []
    for _, k in found:
        if not kinds or kinds[-1] != k:
            kinds.append(k)
    return kinds


_SALUTE_OPEN = re.compile(r"^(?:各位代表|同志们)[！!，,：:]")
_PLAN_OPEN = re.compile(r"政府工作的总体要求|今年经济社会")
_YEAR_REVIEW_OPEN = re.compile(r"(?:刚刚过去的|过去的一年|过去一年|一年来|这一年)")
_FIVE_YEARS_NEAR = re.compile(r"五年来|这五年|过去五年|五年间")
_FIVE_YEARS_OPEN = re.compile(r"(?:五年来|这五年|过去五年|过去的五年|回顾五年|五年间)")
_FIVE_YEARS_THIS = re.compile(r"这是.{0,20}的五年")
_FYP_OPEN = re.compile(r"(?:今后五年|未来五年|根据.{0,40}(?:第十[一二三四五六七八九]个五年规划|五年规划)的建议|《纲要草案》|规划纲要)")


@lru_cache(maxsize=64)
def _plan_cues(py: str) -> tuple[re.Pattern, re.Pattern]:
    """Openers of the plan year's part for plan year `py` (今年是…, 2026年是…; 做好今年…)."""
    return (re.compile(rf"(?:今年|{py}年)(?:是|经济社会发展|政府工作|的主要|主要预期|全市|全省|全区|我们)"),
            re.compile(rf"(?:做好|抓好)(?:今年|{py}年)"))


def _paragraph_cue(p: str, review_year: int | None, plan_year: int | None) -> str | None:
    """The part a paragraph's opening announces, if it announces one."""
    head = no_spaces(p[:80]).lstrip("—-*")
    head = _SALUTE_OPEN.sub("", head)
    if not head:
        return None
    py = str(plan_year) if plan_year else "\x00"
    ry = str(review_year) if review_year else "\x00"
    plan_open, plan_do = _plan_cues(py)
    if plan_open.match(head) or plan_do.match(head) or _PLAN_OPEN.match(head):
        return PLAN
    if _YEAR_REVIEW_OPEN.match(head):
        return REVIEW
    if _FIVE_YEARS_NEAR.search(head[:40]):
        return FYP_REVIEW
    if head.startswith(ry + "年"):
        return REVIEW
    if _FIVE_YEARS_OPEN.match(head) or _FIVE_YEARS_THIS.match(head):
        return FYP_REVIEW
    fm = fyp_mentions(head[:12])
    if fm and fm[0][0] <= 1:
        first, last = five_year_span(fm[0][1])
        if review_year is not None and last <= review_year:
            return FYP_REVIEW
        return FYP
    if _FYP_OPEN.match(head):
        return FYP
    return None


# ---- analysis ------------------------------------------------------------------------------

def analyze(text: str) -> Layout:
    lay = Layout(body_end=len(text))
    lines = list(_lines(text))

    # title: the first line naming the document, within the top of the file
    title_at = None
    for i, (_pos, line) in enumerate(lines[:60]):
        s = re.sub(r"\s+", "", line)
        if _TITLE_WORDS.search(s) and len(s) <= 60 and not s.startswith(("现在", "我代表")) \
                and not re.search(r"。|记者|摄$|作政府工作报告|[>»›|]", s) \
                and not re.match(r"(?:首页|当前位置|您的位置|位置：)", s):
            lay.title, title_at = s.strip("*#"), i
            break
    if "统计公报" in lay.title:
        lay.kind = "bulletin"

    # the salutation opens the body; before it: menu text, title, date line, speaker
    m = _SALUTATION.search(text, lines[title_at][0] if title_at is not None else 0)
    if m and m.start() < 8000:
        lay.body_start = m.start()
    elif title_at is not None:
        lay.body_start = lines[title_at][0] + len(lines[title_at][1]) + 1
    header = text[lines[title_at][0] if title_at is not None else 0:lay.body_start] or text[:600]
    lay.date = _find_date(header)
    if lay.date is None and title_at is not None:
        # a bulletin gives its issuer and date on the lines after the title
        after = lines[title_at + 1:title_at + 6]
        lay.date = _find_date("\n".join(ln for _, ln in after))
        for _, ln in after:
            if re.fullmatch(r"\s*\S{2,20}(?:统计局|调查队|人民政府|办公厅|办公室)\s*", ln):
                lay.issuer = ln.strip()
                break

    # issuer
    im = _ISSUER.search(text, lay.body_start, lay.body_start + 600) or _ISSUER.search(text[:4000])
    if lay.issuer:
        pass
    elif im:
        issuer = im.group(1)
        if re.match(r"^(?:省|市|区|县|自治区|自治州|州|盟|旗)(?:人民)?政府$", issuer):
            issuer = issuer.replace("人民政府", "政府").replace("政府", "人民政府")
            vm = _VENUE.search(header)
            place = vm.group(1) if vm else ""
            if not place:
                tm = _PLACE_IN_TITLE.search(lay.title)
                place = tm.group(1) if tm else ""
            if place:
                issuer = place + "人民政府" if place.endswith(issuer[:-4]) else place + issuer
        lay.issuer = issuer
    elif lay.title:
        tm = _PLACE_IN_TITLE.search(lay.title)
        if tm:
            lay.issuer = tm.group(1) + "人民政府"

    # years
    title_year = _YEAR.search(lay.title)
    if lay.kind == "bulletin":
        y = int(title_year.group(1)) if title_year else (lay.date.year - 1 if lay.date else None)
        lay.review_year, lay.plan_year = y, None
    else:
        plan = lay.date.year if lay.date else (int(title_year.group(1)) if title_year else None)
        review = plan - 1 if plan else None
        # a review heading naming its year settles the review year
        for pos, line in lines:
            if pos < lay.body_start:
                continue
            if _is_heading(line) and _REVIEW_HEAD.search(line):
                ym = _YEAR.search(line)
                if ym:
                    review = int(ym.group(1))
                    if plan is None:
                        plan = review + 1
                break
        if plan is None:
            years = [int(y) for y in _YEAR.findall(text[lay.body_start:lay.body_start + 3000])]
            if years:
                plan = max(years)
                review = plan - 1
        lay.review_year, lay.plan_year = review, plan

    lay.parts = _parts(text, lines, lay)
    lay.main_targets = _main_targets(text, lay)
    for p in lay.parts:
        if p.kind == TRAILER:
            lay.body_end = p.offset
            break
    return lay


_MAIN_TARGETS = re.compile(r"主要(?:预期)?目标(?:是|为)?[：:]([^。]{10,600})。")
_TARGET_VERB = re.compile(r"(?:年均)?(?:增长|增速|涨幅|控制在|保持在|稳定在|达到|达|下降|降低|提高|提升|完成|不低于|不少于|"
                          r"不超过|以上|左右|以内|\d)")


def _main_targets(text: str, lay: Layout) -> list[str]:
    """The indicators named in the plan year's list of main targets (主要预期目标是：A增长5%，B…)."""
    out: list[str] = []
    for m in _MAIN_TARGETS.finditer(text, lay.body_start, lay.body_end):
        if lay.context(m.start()).kind != PLAN:
            continue
        for piece in re.split(r"[，；、,;]", m.group(1)):
            v = _TARGET_VERB.search(piece)
            name = piece[:v.start()] if v else ""
            name = re.sub(r"^(?:全省|全市|全区|全国|全县|其中|和|与|及)", "", name).strip()
            if 2 <= len(name) <= 16 and name not in out:
                out.append(name)
        break
    return out


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
        if _TOP.match(head) or _heading_kinds(head, ry, py):
            return head, line[m.start():]
    return None


def _parts(text: str, lines, lay: Layout) -> list[Context]:
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
        if _TRAILER_HEAD.match(s):
            switch(TRAILER, pos)
            continue
        if kind == TRAILER:
            continue
        if _ANNEX_HEAD.match(s) and len(s) <= 12:
            in_annex = True
            switch(GLOSSARY, pos)   # an annex is a glossary unless its title names the plan year
            undecided = False
            continue
        if _is_heading(line) or (_TOP.match(s) and len(s) <= 64 and "。" not in s):
            kinds = _heading_kinds(s, ry, py)
            if in_annex and not kinds:
                hs = no_spaces(s)
                if (py and str(py) in hs) or "今年" in hs:
                    kinds = [PLAN]
            if kinds:
                switch(kinds[0], pos)
                pending = kinds[1:]
                undecided = chapter = False
            elif _TOP.match(s) and kind in (REVIEW, FYP_REVIEW, FYP) and _review_seen(parts):
                # a numbered chapter without part words (福建: 一张蓝图绘到底…): its first paragraph
                # with a cue decides, moving only forward (review -> five-year plan -> plan year).
                # Not only the very first: 福建 2025 opens 二、牢记历史使命… with a paragraph on the
                # province and only then says 2025年是…
                undecided = chapter = True
            continue
        cue = _paragraph_cue(s, ry, py)
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

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

from .document import FRONT, FYP, FYP_REVIEW, GLOSSARY, PLAN, REVIEW, STATUS, TRAILER, Context, Layout
from .five_year_plans import cn_int, five_year_span, fyp_mentions, fyp_number_ending, fyp_number_of
from .header import read_header
from .main_targets import find_main_targets
from .parts import read_parts

__all__ = ["FRONT", "FYP", "FYP_REVIEW", "GLOSSARY", "PLAN", "REVIEW", "STATUS", "TRAILER", "Context", "Layout",
           "analyze", "cn_int", "five_year_span", "fyp_mentions", "fyp_number_ending", "fyp_number_of"]


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def analyze(text: str) -> Layout:
    lay = Layout(body_end=len(text))
    lines = list(_lines(text))
    read_header(text, lines, lay)
    lay.parts = read_parts(text, lines, lay)
    lay.main_targets = find_main_targets(text, lay)
    for p in lay.parts:
        if p.kind == TRAILER:
            lay.body_end = p.offset
            break
    return lay

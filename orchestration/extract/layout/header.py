"""The document's header: its title (after any website menu), the date it was delivered, its
issuer, and its review and plan years; where the body starts (the salutation)."""
from __future__ import annotations

import re
from datetime import date

from .. import lexicon as L
from .document import Layout
from .five_year_plans import cn_int
from .headings import REVIEW_HEAD, YEAR, is_heading

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DATE = re.compile(rf"([{L.CN_NUM}]{{4}})年([{L.CN_NUM}]{{1,3}})月([{L.CN_NUM}]{{1,3}})日")
_SALUTATION = re.compile(r"^(?:各位代表|同志们|各位委员)[、，,和]?(?:同志们|各位委员)?[：:！!，,]?\s*$", re.M)
_TITLE_WORDS = re.compile(r"(?:政府工作报告|工作报告|统计公报|国民经济和社会发展统计公报)")
_ISSUER = re.compile(r"我代表(国务院|[^，。；]{0,30}?(?:人民)?政府)")
_VENUE = re.compile(rf"在(.{{2,20}}?)(?:第)?[{L.CN_NUM}]+届人民代表大会")
_PLACE_IN_TITLE = re.compile(r"(?:\d{4}年)?(.{2,16}?(?:省|市|自治区|区|县|州|旗|盟|国))(?:人民)?政府工作报告")


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


def read_header(text: str, lines: list[tuple[int, str]], lay: Layout) -> None:
    """Fill in `lay`'s title, kind, body start, date, issuer, review and plan years."""
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
    title_year = YEAR.search(lay.title)
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
            if is_heading(line) and REVIEW_HEAD.search(line):
                ym = YEAR.search(line)
                if ym:
                    review = int(ym.group(1))
                    if plan is None:
                        plan = review + 1
                break
        if plan is None:
            years = [int(y) for y in YEAR.findall(text[lay.body_start:lay.body_start + 3000])]
            if years:
                plan = max(years)
                review = plan - 1
        lay.review_year, lay.plan_year = review, plan

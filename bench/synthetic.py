"""A synthetic archive of government work reports, for measuring the pipeline at scale.

Every document is SYNTHETIC: real body paragraphs of the reports shipped under raw/, recombined
(one report's paragraphs in order, half of those without any number swapped for wordless
paragraphs of other reports of the same year), every year in the text shifted by the same made-up offset, and a header naming a
region that never delivered it. The first line says so, and every document id starts with
`synthetic-`. The archive is generated into a folder the caller chooses (a temp dir): it is never
committed and never read by a test as truth.

Regions are real prefecture- and county-level divisions (GB/T 2260, from the bundled cpca table),
so the marts' joins on region codes behave as with real reports. A region's documents are all one
real report, its years shifted by +0, +8, +16 and +24: ~3,200 regions hold 12,000 documents, and no
two documents of one region contradict each other's levels and growth rates (the checks compare them
across documents), as a real archive's do not.
"""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration import regions  # noqa: E402
from orchestration.extract import normalize  # noqa: E402
from orchestration.extract.layout import analyze  # noqa: E402

MARK = "【合成数据：由本仓库所附政府工作报告的段落重组而成，地区与年份均为虚构，并非真实文件】"
YEAR_SHIFTS = (0, 8, 16, 24)
_DIGIT = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿%％]")
_YEAR = re.compile(r"(?<![0-9０-９])(19[5-9][0-9]|20[0-9][0-9])(?=年|—|-|－|～|~|至|到|、|）|\))")


@dataclass(frozen=True)
class Source:
    year: int
    paragraphs: list[str]


def _sources() -> dict[int, list[Source]]:
    """The shipped provincial reports' body paragraphs, by the year of the report."""
    by_year: dict[int, list[Source]] = {}
    for folder in ("reports", "reports-2025"):
        for p in sorted((ROOT / "raw" / folder).glob("*-government-work-report.txt")):
            year = int(p.stem.split("-")[-4])
            text = normalize(p.read_text(encoding="utf-8")).text
            lay = analyze(text)
            paras = [q for q in text[lay.body_start:lay.body_end].split("\n") if q.strip()]
            # the report's own salutation and 我代表… sentence: the synthetic header has its own
            while paras and (paras[0].startswith("各位代表") or "我代表" in paras[0]):
                paras.pop(0)
            if len(paras) >= 20:
                by_year.setdefault(year, []).append(Source(year, paras))
    return {y: s for y, s in by_year.items() if len(s) >= 3}   # enough reports to recombine


def _regions() -> list[tuple[str, str]]:
    """(adcode, full name) of every prefecture and county: 沈阳市望花区, not just 望花区."""
    rows = regions.region_rows()
    names = {r["region_code"]: r["name_zh"] for r in rows}
    out = []
    for r in rows:
        if r["level"] == "city":
            out.append((r["region_code"], r["name_zh"]))
        elif r["level"] == "district":
            parent = names.get(r["parent_code"] or "", "")
            prefix = parent if parent and not parent.endswith(("省", "自治区")) else ""
            out.append((r["region_code"], prefix + r["name_zh"]))
    return out


def _shift(text: str, years: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + years), text) if years else text


def _head(name: str, year: int, rng: random.Random) -> str:
    chief = "区长" if name.endswith("区") else "县长" if name.endswith("县") else "市长"
    return (f"{MARK}\n{year}年{name}政府工作报告\n"
            f"——{year}年1月{rng.randint(5, 28)}日在{name}第{rng.choice('一二三四五六七八九十')}届"
            f"人民代表大会第{rng.choice('一二三四五')}次会议上\n"
            f"{name}人民政府{chief}\n各位代表：\n"
            f"现在，我代表{name}人民政府，向大会报告政府工作，请予审议。\n")


class Archive:
    """Deterministic: document i is the same for a given seed whatever else is generated."""

    def __init__(self, seed: int = 1):
        self.seed = seed
        self.by_year = _sources()
        self.years = sorted(self.by_year)
        self.regions = _regions()
        # A region's reports are one real report shifted by 0, 8, 16 and 24 years:
        # the checks compare a region's growth rates with its levels of other years across documents,
        # and levels recombined from two different real reports would contradict each other; years
        # that far apart share no review span (a five-year review reaches 6 years back).
        slots = {}
        for code, name in self.regions:
            base = self.years[int(code) % len(self.years)]
            for shift in YEAR_SHIFTS:
                slots[(code, base + shift)] = ((code, name), base, shift)
        self.slots = sorted(slots.values())
        random.Random(seed).shuffle(self.slots)

    def document(self, i: int) -> tuple[str, str]:
        """(file name, text) of document number i."""
        (code, name), base, shift = self.slots[i]
        rng = random.Random(f"{self.seed}-{i}")
        sources = self.by_year[base]
        main = sources[int(code) % len(sources)]     # one real report per region (see __init__)
        paras = list(main.paragraphs)
        # Only paragraphs without a digit are swapped: every figure of a document then comes from
        # one real report, so its levels and growth rates agree as the checks expect.
        wordy = [k for k, q in enumerate(paras) if not _DIGIT.search(q)]
        for k in rng.sample(wordy, k=len(wordy) // 2):
            other = [q for q in rng.choice(sources).paragraphs if not _DIGIT.search(q)]
            if other:
                paras[k] = other[min(len(other) - 1, k * len(other) // len(paras))]
        year = base + shift
        body = _shift("\n".join(paras), shift)
        return f"synthetic-{code}-{year}-government-work-report.txt", _head(name, year, rng) + body + "\n"

    def write(self, folder: Path, start: int, stop: int) -> int:
        """Write documents start…stop-1 into folder; returns the bytes written."""
        folder.mkdir(parents=True, exist_ok=True)
        total = 0
        for i in range(start, stop):
            fname, text = self.document(i)
            data = text.encode("utf-8")
            (folder / fname).write_bytes(data)
            total += len(data)
        return total

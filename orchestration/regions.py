"""Which region a document speaks for, and the division table dim_region is built from.

The division codes come from the data file bundled with the ``cpca`` package
(``cpca/resources/adcodes.csv``, GB/T 2260 codes padded to 12 digits), read directly so that
nothing here imports pandas or cpca's matcher. Rules:

- Codes are the 6-digit adcode as text. The nation is ``100000`` (not in GB/T 2260; the
  convention the whole warehouse uses).
- Placeholder rows (``市辖区``, ``省直辖县级行政区划`` …) are not regions and are left out; a
  county under such a placeholder takes the province as parent.
- Level is ``province`` for ``XX0000``, ``city`` for ``XXXX00``, ``district`` for every
  county-level unit (区, 县, 县级市, 旗).

``detect_region`` reads only the document's header: everything before the first 各位代表 in
a report, the first few lines of anything else (a bulletin's title, bureau and date). The
body mentions many places; the header names the one that speaks. It trusts the assembly the
report was delivered to (在杭州市滨江区第五届人民代表大会), the issuing body (…人民政府,
…统计局), the title (…政府工作报告, …统计公报) and the head of government (…省长/市长/区长),
the most specific region they agree on; then any division named in the header; then the
national markers (国务院, 全国人民代表大会, the national statistical bulletin's title).
A copy without a header (it starts at 各位代表) still says who speaks in its first sentence:
现在，我代表国务院（…省人民政府），向大会报告政府工作 — that sentence is read last.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NATION_CODE = "100000"
NATION_NAME = "中华人民共和国"

_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Suffixes whose removal gives the short name a province is usually called by (浙江, 广西, 新疆).
_PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_HEADER_END = "各位代表"
_HEADER_MAX = 3000
_HEADER_LINES = 8        # a document without 各位代表 (a bulletin): its first lines only
_ISSUER_PATTERNS = [
    re.compile(r"在(?P<x>[\u4e00-\u9fff]{2,30}?)第?[一二三四五六七八九十]+届"),
    re.compile(r"(?P<x>[\u4e00-\u9fff]{2,30}?)人民政府"),
    re.compile(r"(?P<x>[\u4e00-\u9fff]{2,30}?)政府工作报告"),
    re.compile(r"(?P<x>[\u4e00-\u9fff]{2,30}?)(?:省长|市长|区长|县长|州长|盟长|旗长|主席)"),
    re.compile(r"(?P<x>[\u4e00-\u9fff]{2,30}?)(?:\d{4}年)?(?:国民经济和社会发展)?统计公报"),
    re.compile(r"(?P<x>[\u4e00-\u9fff]{2,30}?)统计局"),
]
# The speaker's own words at the start of a report: the issuer, when the copy has no header.
_SPEAKER = re.compile(r"我代表(?P<x>国务院|[\u4e00-\u9fff]{2,30}?人民政府)")
_OPENING_MAX = 400
_NATIONAL = re.compile(r"国务院|全国人民代表大会|中华人民共和国\d{4}年国民经济和社会发展统计公报")


@dataclass(frozen=True)
class Region:
    adcode: str
    name: str
    level: str              # national | province | city | district
    parent_adcode: str | None


def _cpca_csv() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package is not installed; its adcodes.csv is the division table")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _level(code: str) -> str:
    if code == NATION_CODE:
        return "national"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "district"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    """adcode -> row, nation included, placeholders excluded."""
    rows: dict[str, dict] = {
        NATION_CODE: {"name": NATION_NAME, "longitude": None, "latitude": None},
    }
    with _cpca_csv().open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["name"] in _PLACEHOLDERS:
                continue
            rows[rec["adcode"][:6]] = {
                "name": rec["name"],
                "longitude": float(rec["longitude"]) if rec["longitude"] else None,
                "latitude": float(rec["latitude"]) if rec["latitude"] else None,
            }
    return rows


def _parent(code: str) -> str | None:
    table = _table()
    level = _level(code)
    if level == "national":
        return None
    if level == "province":
        return NATION_CODE
    if level == "district" and code[:4] + "00" in table:
        return code[:4] + "00"
    province = code[:2] + "0000"
    return province if province in table else NATION_CODE


def region(adcode: str) -> Region | None:
    row = _table().get(adcode)
    if row is None:
        return None
    return Region(adcode=adcode, name=row["name"], level=_level(adcode), parent_adcode=_parent(adcode))


def region_rows() -> list[dict]:
    """The whole division table, one dict per region, sorted by code (the dim_region seed)."""
    out = []
    for code in sorted(_table()):
        row = _table()[code]
        level = _level(code)
        out.append({
            "region_code": code,
            "name_zh": row["name"],
            "level": level,
            "parent_code": _parent(code),
            "province_code": None if level == "national" else code[:2] + "0000",
            "longitude": row["longitude"],
            "latitude": row["latitude"],
        })
    return out


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, tuple[str, ...]], re.Pattern]:
    """Name as written -> adcodes, and one alternation matching any name, longest first."""
    index: dict[str, set[str]] = {}
    for code, row in _table().items():
        if code == NATION_CODE:
            continue
        index.setdefault(row["name"], set()).add(code)
        if _level(code) == "province":
            short = _PROVINCE_SUFFIX.sub("", row["name"])
            if len(short) >= 2:
                index.setdefault(short, set()).add(code)
    frozen = {k: tuple(sorted(v)) for k, v in index.items()}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(frozen, key=len, reverse=True)))
    return frozen, pattern


def _descends(code: str, ancestor: str) -> bool:
    level = _level(ancestor)
    if level == "national":
        return True
    if level == "province":
        return code[:2] == ancestor[:2] and code != ancestor
    if level == "city":
        return code[:4] == ancestor[:4] and code != ancestor
    return False


def _resolve(phrase: str) -> str | None:
    """The most specific region a phrase names, reading its division names left to right.

    A name shared by several divisions (朝阳区) counts only when an ancestor named before it
    picks one; a name that does not nest under the region so far is ignored.
    """
    index, pattern = _names()
    current: str | None = None
    for m in pattern.finditer(phrase):
        codes = index[m.group(0)]
        if current is not None:
            codes = tuple(c for c in codes if _descends(c, current))
        if len(codes) == 1:
            current = codes[0]
    return current


def _header(text: str) -> str:
    """A report's header with all whitespace removed (its lines break mid-phrase:
    在杭州市滨江区⏎第五届); other documents' first lines, each kept apart."""
    cut = text.find(_HEADER_END, 0, _HEADER_MAX)
    if cut >= 0:
        return re.sub(r"\s+", "", text[:cut])
    lines = [re.sub(r"\s+", "", line) for line in text[:_HEADER_MAX].splitlines()]
    return "\n".join([line for line in lines if line][:_HEADER_LINES])


def _deepest(codes: list[str]) -> str | None:
    """The most specific code when the others are its ancestors; the first code otherwise."""
    best: str | None = None
    for code in codes:
        if best is None or _descends(code, best):
            best = code
    return best


def _speaker(text: str) -> str | None:
    """The region of 我代表X in the sentence after the salutation (only there: later 我代表
    phrases quote others)."""
    cut = text.find(_HEADER_END, 0, _HEADER_MAX)
    if cut < 0:
        return None
    m = _SPEAKER.search(text, cut, cut + _OPENING_MAX)
    if m is None:
        return None
    if m.group("x") == "国务院":
        return NATION_CODE
    return _resolve(m.group("x"))


def detect_region(text: str, document_id: str) -> Region | None:
    """The region whose government issued ``text`` (document_id is used only in messages).

    Returns None when the header names no region and no national body; the caller records
    that rather than guessing from the file name.
    """
    if not isinstance(text, str):
        raise TypeError(f"{document_id}: text must be str, got {type(text).__name__}")
    head = _header(text)
    found = [code for pat in _ISSUER_PATTERNS for m in pat.finditer(head)
             if (code := _resolve(m.group("x"))) is not None]
    code = _deepest(found)
    if code is None:
        code = _resolve(head)
    if code is None and _NATIONAL.search(head):
        code = NATION_CODE
    if code is None:
        code = _speaker(text)
    return region(code) if code else None


def write_seed(path: Path | str) -> int:
    """Write region_rows() as the dbt seed CSV (kept in git, regenerated when cpca changes)."""
    rows = region_rows()
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return len(rows)


if __name__ == "__main__":  # python -m orchestration.regions dbt_project/seeds/regions.csv
    import sys

    target = sys.argv[1] if len(sys.argv) > 1 else str(
        Path(__file__).resolve().parent.parent / "dbt_project" / "seeds" / "regions.csv")
    print(f"wrote {write_seed(target)} regions to {target}")

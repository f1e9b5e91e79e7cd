"""Every shipped document's region and years, read from its text (never from its file name).

The file names (``<region>-<year>-…``) are the expected answers here: the names were given by
whoever collected the texts (raw/SOURCES.md), the code under test never sees them. The second
year's documents are the messy ones: national copies without a title line (they start at
各位代表), licence footers, annexes after the closing paragraph, and two compiler 来源 lines
naming the wrong newspaper (Ningxia's says 青海日报, Yunnan's 北京日报).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from orchestration.extract import describe_document, extract
from orchestration.regions import NATION_CODE, detect_region
from tests.support import paths

RAW = paths.RAW

ADCODE = {
    "anhui": "340000", "beijing": "110000", "binjiang": "330108", "chongqing": "500000",
    "fujian": "350000", "gansu": "620000", "guangdong": "440000", "guangxi": "450000",
    "guizhou": "520000", "hainan": "460000", "hebei": "130000", "heilongjiang": "230000",
    "henan": "410000", "hubei": "420000", "hunan": "430000", "inner-mongolia": "150000",
    "jiangsu": "320000", "jiangxi": "360000", "jilin": "220000", "liaoning": "210000",
    "ningxia": "640000", "qinghai": "630000", "shaanxi": "610000", "shandong": "370000",
    "shanghai": "310000", "shanxi": "140000", "sichuan": "510000", "tianjin": "120000",
    "tibet": "540000", "xinjiang": "650000", "yunnan": "530000", "zhejiang": "330000",
    "china": NATION_CODE, "china-state-council": NATION_CODE,
}
DOCUMENTS = sorted(RAW.rglob("*.txt"))
_NAME = re.compile(r"^(?P<region>[a-z-]+?)-(?P<year>\d{4})-(?P<kind>government-work-report|statistical-bulletin)")


def _expected(path: Path) -> tuple[str, int, str]:
    m = _NAME.match(path.name)
    assert m, f"{path.name}: shipped files are named <region>-<year>-<kind>"
    return ADCODE[m.group("region")], int(m.group("year")), m.group("kind")


def test_every_folder_is_covered():
    folders = {p.parent.name for p in DOCUMENTS}
    assert {"reports", "reports-2025", "national", "bulletins"} <= folders
    assert len(DOCUMENTS) >= 66


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_region_and_years_come_from_the_text(path):
    code, year, kind = _expected(path)
    text = path.read_text(encoding="utf-8")
    region = detect_region(text, path.stem)
    info = describe_document(text)
    assert region is not None and region.adcode == code
    if kind == "statistical-bulletin":
        # the bulletin of year Y reviews Y and plans nothing
        assert (info.kind, info.review_year, info.plan_year) == ("bulletin", year, None)
    else:
        # a report of year Y is delivered in Y, plans Y and reviews Y - 1
        assert (info.kind, info.review_year, info.plan_year) == ("report", year - 1, year)


def test_a_copy_without_header_is_read_by_its_speaker():
    """Only the opening sentence counts: a later 我代表 quotes someone else."""
    nation = "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。"
    assert detect_region(nation, "n").adcode == NATION_CODE
    province = "各位代表：\n现在，我代表四川省人民政府，向大会报告政府工作。"
    assert detect_region(province, "p").adcode == "510000"
    late = "各位代表：\n" + "过去一年，我们砥砺前行。" * 60 + "我代表四川省人民政府，向大家致以感谢！"
    assert detect_region(late, "late") is None


def test_wrong_source_line_does_not_move_the_region():
    text = "2025年宁夏政府工作报告\n来源：青海日报\n——2025年1月19日在宁夏回族自治区第十三届人民代表大会第三次会议上\n各位代表："
    assert detect_region(text, "nx").adcode == "640000"


# The GDP growth target each State Council report sets for its year, as its text states it
# (2019: 6%－6.5%; 2021: 6%以上; 2022: 5.5%左右; 2023 and 2025: 5%左右).
NATIONAL_GDP_TARGET = {2019: (6.0, 6.5), 2021: (6.0, None), 2022: (5.5, None), 2023: (5.0, None),
                       2025: (5.0, None)}
_GDP_PHRASE = re.compile(r"生产总值|^经济$|^经济增长|GDP")


def _gdp_targets(path: Path, year: int) -> list:
    return [f for f in extract(path.read_text(encoding="utf-8"))
            if f.status == "target" and f.period == year and f.measure == "growth"
            and _GDP_PHRASE.search(f.indicator)]


@pytest.mark.parametrize("path", sorted((RAW / "reports-2025").glob("*.txt")) + sorted((RAW / "national").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_the_years_gdp_growth_target_is_read_as_that_years_target(path):
    """The first GDP growth target of a report is its plan year's (福建 2025's 5.0%—5.5% was read
    as a 2024 actual when its chapter opened on a paragraph without a year)."""
    _, year, _ = _expected(path)
    found = _gdp_targets(path, year)
    assert found, f"{path.name}: no {year} GDP growth target"
    if path.parent.name == "national":
        assert (found[0].value, found[0].value_high) == NATIONAL_GDP_TARGET[year]

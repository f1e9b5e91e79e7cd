"""orchestration.regions: region detection from a document's header, and the division table
behind the dbt seed dbt_project/seeds/regions.csv."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from orchestration.regions import NATION_CODE, detect_region, region, region_rows
from tests.extract.test_document_metadata import ADCODE  # the region each file-name prefix speaks for

from tests.support.paths import ROOT
REPORTS = ROOT / "raw" / "reports"
SEED = ROOT / "dbt_project" / "seeds" / "regions.csv"


def _prefix(path: Path) -> str:
    return path.name.split("-20")[0]


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=_prefix)
def test_shared_reports_get_their_region(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    found = detect_region(text, path.stem)
    assert found is not None and found.adcode == ADCODE[_prefix(path)]


def test_district_report_names_its_city_as_parent():
    text = (REPORTS / "binjiang-2020-government-work-report.txt").read_text(encoding="utf-8")
    r = detect_region(text, "binjiang")
    assert (r.adcode, r.name, r.level, r.parent_adcode) == ("330108", "滨江区", "district", "330100")


def test_state_council_report_is_the_nation():
    text = ("政府工作报告\n——2025年3月5日在第十四届全国人民代表大会第三次会议上\n国务院总理 李强\n"
            "各位代表：\n现在，我代表国务院，向大会报告政府工作。北京市、上海市经济总量……")
    r = detect_region(text, "state-council-2025")
    assert (r.adcode, r.level, r.parent_adcode) == (NATION_CODE, "national", None)


def test_shared_district_name_needs_its_ancestor():
    beijing = detect_region("北京市朝阳区人民政府区长 某某\n各位代表：", "x")
    changchun = detect_region("吉林省长春市朝阳区人民政府区长 某某\n各位代表：", "y")
    assert (beijing.adcode, changchun.adcode) == ("110105", "220104")
    # 朝阳区 alone is ambiguous: no guess.
    assert detect_region("2026年朝阳区政府工作报告\n各位代表：", "z") is None


def test_body_places_do_not_count_only_the_header():
    text = "2026年河北省政府工作报告\n河北省省长 某某\n各位代表：\n" + "协同北京市、天津市发展。" * 50
    assert detect_region(text, "hebei").adcode == "130000"
    assert detect_region("政府工作报告\n各位代表：\n北京市……", "nothing") is None


def test_region_rows_is_a_tree_rooted_at_the_nation():
    rows = region_rows()
    codes = {r["region_code"] for r in rows}
    assert len(rows) == len(codes) > 3000
    assert all(r["parent_code"] in codes for r in rows if r["region_code"] != NATION_CODE)
    assert not any(r["name_zh"] in {"市辖区", "省直辖县级行政区划"} for r in rows)
    provinces = [r for r in rows if r["level"] == "province"]
    assert len(provinces) == 34 and all(r["parent_code"] == NATION_CODE for r in provinces)
    assert region("330523").parent_adcode == "330500"
    assert region("110105").parent_adcode == "110000"   # the placeholder 110100 is skipped


def test_dbt_seed_matches_region_rows():
    """The seed is generated (python -m orchestration.regions); it must not drift."""
    with SEED.open(encoding="utf-8", newline="") as fh:
        seed = list(csv.DictReader(fh))
    expected = [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in region_rows()]
    assert seed == expected


def test_bulletins_are_read_by_their_title_and_bureau():
    zhejiang = ("首页\n统计公报\n浙江省2025年国民经济和社会发展统计公报\n浙江省统计局\n国家统计局浙江调查总队\n"
                "2026年3月1日\n全省生产总值……杭州市、宁波市……")
    assert detect_region(zhejiang, "zj").adcode == "330000"
    county = "安吉县2024年国民经济和社会发展统计公报\n安吉县统计局\n2025年3月1日\n"
    assert detect_region(county, "aj").adcode == "330523"
    nation = "中华人民共和国2025年国民经济和社会发展统计公报\n国家统计局\n2026年2月28日\n"
    assert detect_region(nation, "cn").adcode == NATION_CODE
    # A made-up province names no real region: no guess, and not the nation either.
    made_up = "云岚省2025年国民经济和社会发展统计公报\n云岚省统计局\n国家统计局云岚调查总队\n全省生产总值……"
    assert detect_region(made_up, "yunlan") is None

"""The report's charts on a national archive: thousands of regions, a readable chart."""
import re

from orchestration.report import charts
from orchestration.report.data import GdpTarget


def _targets(n):
    return [GdpTarget(region_code=f"{110000 + i}", region=f"地区{i:04d}", document_id=None, low=5.0 + i % 3,
                      high=None, qualifier="about", outcome=5.5) for i in range(n)]


def test_a_chart_over_thousands_of_regions_shows_the_first_and_says_how_many():
    svg = charts.to_svg(charts.gdp_targets_chart(_targets(3000), 2026))
    shown = set(re.findall(r"地区\d{4}", svg))
    assert len(shown) == charts.CHART_ROWS and "地区0000" in shown and "地区2999" not in shown
    assert f"前{charts.CHART_ROWS}个地区，共3000个" in svg
    summary = [{"region": f"地区{i:04d}", "met": 1, "missed": i % 2, "not_yet": 0} for i in range(3000)]
    svg = charts.to_svg(charts.outcome_chart(summary))
    assert len(set(re.findall(r"地区\d{4}", svg))) == charts.CHART_ROWS and "共3000个" in svg


def test_a_chart_of_the_provinces_is_drawn_whole_and_titled_as_before():
    svg = charts.to_svg(charts.gdp_targets_chart(_targets(31), 2026))
    assert len(set(re.findall(r"地区\d{4}", svg))) == 31 and "共" not in svg

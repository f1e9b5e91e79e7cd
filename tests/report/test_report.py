"""The HTML report, for real: a real `zhibiao run` publishes and writes it; headless Chromium
opens it, finds the charts drawn and follows a figure's link to its highlighted sentence.

Input: three shipped provincial reports (targets written 左右, 以上 and as a range) and two
made-up reports of one province in consecutive years (tests/fixtures/report/), so that some
targets meet their outcomes; an empty file is refused.
"""
import dataclasses
import json
import shutil

import pytest

from orchestration import cli, config, reader, runner, validate
from orchestration import report
from orchestration.report import browser, data, render
from orchestration.defs.checks import MARTS
from tests.support.paths import FIXTURES as ALL_FIXTURES
from tests.support.paths import RAW_REPORTS

FIXTURES = ALL_FIXTURES / "report" / "reports"
SHIPPED = ["beijing-2026-government-work-report.txt", "hebei-2026-government-work-report.txt",
           "shanxi-2026-government-work-report.txt"]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    reports = root / "raw" / "reports"
    reports.mkdir(parents=True)
    for name in SHIPPED:
        shutil.copy(RAW_REPORTS / name, reports)
    for f in FIXTURES.glob("*.txt"):
        shutil.copy(f, reports)
    (reports / "empty.txt").write_bytes(b"")
    settings = config.settings(root / "raw", root / "warehouse" / "zhibiao.duckdb")
    summary = runner.run(settings, progress=lambda s: None)
    assert summary.published, summary
    return settings


def _read(settings) -> data.ReportData:
    con = reader.connect_readonly(settings)
    try:
        return data.read(con)
    finally:
        con.close()


def _snapshot(settings, sql, params=()):
    con = reader.connect_readonly(settings)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# --- what the publish wrote, without a browser ---------------------------------------------

@pytest.mark.slow
def test_publishing_writes_the_report_of_the_published_snapshot(published):
    index = report.report_index(published)
    assert index.is_file() and (published.home / "report").is_symlink()
    [(run_id,)] = _snapshot(published, "SELECT run_id FROM zhibiao_snapshot")
    for page in [index, index.parent / "quality.html"]:
        assert f"run {run_id}" in page.read_text(encoding="utf-8"), page
    # A document's page names no run: it changes only when its document's figures do.
    for page in (index.parent / "documents").glob("*.html"):
        assert run_id not in page.read_text(encoding="utf-8") and 'class="run"' not in page.read_text("utf-8"), page
    docs = {p.name for p in (index.parent / "documents").glob("*.html")}
    assert docs == {f.replace(".txt", ".html") for f in SHIPPED} | {
        "zhejiang-2025-made-up-report.html", "zhejiang-2026-made-up-report.html"}


@pytest.mark.slow
def test_gdp_targets_are_those_the_reports_write(published):
    content = _read(published)
    assert content.target_year == 2026
    targets = {t.region: (t.low, t.high, t.qualifier, t.outcome) for t in content.gdp_targets}
    assert targets["浙江省"] == (5.0, 5.5, "range", 5.8)
    assert targets["北京市"][:3] == (5.0, None, "approx") and targets["北京市"][3] == pytest.approx(5.4)
    assert targets["河北省"][:3] == (5.0, None, "ge")
    assert targets["山西省"][:3] == (4.5, 5.0, "range")
    html = report.report_index(published).read_text(encoding="utf-8")
    for written in ["5%—5.5%", "5%左右", "5%以上", "4.5%—5%", "5.8%"]:
        assert written in html


@pytest.mark.slow
def test_targets_against_outcomes_count_met_missed_and_not_yet(published):
    content = _read(published)
    known = {(o["indicator"], o["period"]): o["is_met"] for o in content.outcomes_known}
    assert known[("地区生产总值", 2025)] is True       # 5.8% against 5.5%左右
    assert known[("一般公共预算收入", 2025)] is False    # 1.1% against 3%
    [(total, met, missed)] = _snapshot(published, """SELECT count(*), count(*) FILTER (WHERE is_met),
        count(*) FILTER (WHERE NOT is_met) FROM fct_target_outcome""")
    assert content.targets_total == total
    html = " ".join(report.report_index(published).read_text(encoding="utf-8").split())
    assert f"{len(content.outcomes_known)} with an outcome from a later document ({met} met, {missed} missed)" in html
    assert "chart-outcomes" in html and "未完成 missed" in html


@pytest.mark.slow
def test_the_page_works_when_no_target_has_an_outcome_yet(published, tmp_path):
    content = _read(published)
    empty = dataclasses.replace(content, outcomes_known=[], outcome_summary=[
        {**row, "met": 0, "missed": 0, "not_yet": row["met"] + row["missed"] + row["not_yet"]}
        for row in content.outcome_summary])
    render.write_site(empty, tmp_path / "site", data_docs="../data_docs/index.html")
    html = " ".join((tmp_path / "site" / "index.html").read_text(encoding="utf-8").split())
    assert f"{content.targets_total:,} targets; 0 with an outcome" in html
    assert "An outcome needs a later document" in html and "未完成 missed" not in html
    nothing = dataclasses.replace(content, outcomes_known=[], outcome_summary=[], targets_total=0, gdp_targets=[])
    render.write_site(nothing, tmp_path / "bare", data_docs="../data_docs/index.html")
    assert "No province's GDP growth target is published yet" in (tmp_path / "bare" / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_quality_page_lists_a_quarantined_figure_with_its_check_and_reason(published, tmp_path):
    # The shipped inputs of this module quarantine nothing since extractor 0.9.21: one held row
    # is put into the report's data, as validate.quarantine_rows gives it.
    content = _read(published)
    [(doc,)] = _snapshot(published, "SELECT min(document_id) FROM raw.documents")
    held = {"document_id": doc, "text": "1193只", "check_name": "unit_fits_indicator",
            "reason": "unit family does not fit the indicator's family", "sentence": "发行各类债券1193只。"}
    for quarantined, tile in (([held], '<b class="bad">1</b>figures quarantined'), ([], "<b>0</b>figures quarantined")):
        render.write_site(dataclasses.replace(content, quarantined=quarantined), tmp_path / str(len(quarantined)),
                          data_docs="../data_docs/index.html")
        html = (tmp_path / str(len(quarantined)) / "quality.html").read_text(encoding="utf-8")
        assert tile in html
        assert ("Nothing is quarantined." in html) == (not quarantined)
    html = (tmp_path / "1" / "quality.html").read_text(encoding="utf-8")
    assert f">{doc}</a></td>" in html and "<td>unit_fits_indicator</td>" in html
    assert "unit family does not fit the indicator&#39;s family" in html and "发行各类债券1193只。" in html


@pytest.mark.slow
def test_quality_page_names_refusals_quarantine_and_every_blocking_check(published):
    html = (report.report_index(published).parent / "quality.html").read_text(encoding="utf-8")
    [(reason,)] = _snapshot(published, "SELECT reason FROM raw.ingest_errors WHERE source_path = 'reports/empty.txt'")
    assert "reports/empty.txt" in html and reason in html
    con = reader.connect_readonly(published)
    try:
        quarantined = validate.quarantine_rows(con)
    finally:
        con.close()
    assert f"<b>{len(quarantined)}</b>figures quarantined" in html or (
        quarantined and f'<b class="bad">{len(quarantined)}</b>figures quarantined' in html)
    for suite in MARTS:
        assert f"<td>{suite}</td>" in html
    assert 'href="../data_docs/index.html"' in html


@pytest.mark.slow
def test_the_next_report_links_unchanged_pages_and_equals_one_written_whole(published, tmp_path):
    first = report.write_report(published).index.parent.resolve()   # the folder the link points at
    pages = {p.name: p.stat().st_ino for p in (first / "documents").glob("*.html")}
    second = report.write_report(published).index.parent.resolve()
    assert second != first and not first.exists()
    assert {p.name: p.stat().st_ino for p in (second / "documents").glob("*.html")} == pages  # every page linked
    whole = tmp_path / "whole"
    render.write_site(_read(published), whole, data_docs="../data_docs/index.html")
    written = sorted(str(p.relative_to(whole)) for p in whole.rglob("*.html"))
    assert written == sorted(str(p.relative_to(second)) for p in second.rglob("*.html"))
    for name in written:
        assert (second / name).read_bytes() == (whole / name).read_bytes(), name
    # A page whose digest is not the one its document has now is rendered again, the others linked.
    doc = "zhejiang-2026-made-up-report"
    recorded = json.loads((second / render.PAGES).read_text(encoding="utf-8"))
    assert set(recorded) == {p.removesuffix(".html") for p in pages}
    recorded[doc] = "stale"
    (second / render.PAGES).write_text(json.dumps(recorded), encoding="utf-8")
    third = report.write_report(published).index.parent.resolve()
    now = {p.name: p.stat().st_ino for p in (third / "documents").glob("*.html")}
    assert now[f"{doc}.html"] != pages[f"{doc}.html"]
    assert {n: i for n, i in now.items() if n != f"{doc}.html"} == {n: i for n, i in pages.items() if n != f"{doc}.html"}
    assert (third / "documents" / f"{doc}.html").read_bytes() == (whole / "documents" / f"{doc}.html").read_bytes()


def test_a_figure_is_cut_out_of_its_sentence_by_its_offsets():
    # The same "5%" twice in one sentence: only the figure at the offsets is marked.
    sentence = "增长5%，其中工业增长5%。"
    figure = {"figure_no": 7, "text": "5%", "start_offset": 110 + 11, "end_offset": 110 + 13,
              "sentence": sentence, "sentence_start": 110}
    figures = [dict(figure)]
    [s] = data._sentences(figures)
    assert s.pieces == [("增长5%，其中工业增长", None), ("5%", 7), ("。", None)]
    assert figures[0]["anchor"] == "f7"
    wrong = [{**figure, "start_offset": 111, "end_offset": 113}]  # offsets that do not hold the text
    assert data._sentences(wrong)[0].pieces == [(sentence, None)] and "anchor" not in wrong[0]


@pytest.mark.slow
def test_report_command_writes_and_prints_the_path(published, capsys):
    args = ["report", "--raw", str(published.raw_dir), "--warehouse", str(published.warehouse)]
    assert cli.main(args) == 0
    assert capsys.readouterr().out.strip() == str(report.report_index(published))
    assert len(list(published.home.glob(".report-*"))) == 1  # the previous folder was removed


@pytest.mark.slow
def test_a_report_that_cannot_be_written_leaves_the_previous_one_and_the_publish(published, monkeypatch):
    index = report.report_index(published)
    before = index.read_text(encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(render, "write_site", broken)
    assert report.write_after_publish(published) is None
    assert index.read_text(encoding="utf-8") == before
    assert len(list(published.home.glob(".report-*"))) == 1  # the failed stage was removed


@pytest.mark.slow
def test_dagster_metadata_of_the_publish(published):
    from orchestration.defs.assets.publishing import report_metadata

    written = report.write_report(published)
    meta = report_metadata(written)
    assert meta["report"].value == written.index.as_uri()
    assert meta["quarantined"].value == len(written.data.quarantined)
    assert meta["figures"].value == written.data.marts["fct_figure"]
    assert "| 浙江省 | 5%—5.5% | 5.8% |" in meta["preview"].value
    assert f"| fct_figure | {written.data.marts['fct_figure']:,} |" in meta["mart_rows"].value


# --- in a real browser -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def page():
    pytest.importorskip("playwright", reason="playwright is not installed (requirements.lock has it)")
    if browser.find_chromium() is None:
        pytest.skip("no Chromium: `apt-get install chromium fonts-noto-cjk` (scripts/install-browser.sh), "
                    f"or set {browser.ENV_CHROMIUM}")
    with browser.open_page() as p:
        yield p


@pytest.mark.slow
def test_the_charts_are_drawn_with_the_province_names(page, published):
    page.goto(report.report_index(published).as_uri())
    for chart in ["#chart-gdp-targets svg", "#chart-outcomes svg"]:
        box = page.locator(chart).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80, chart
    svg = page.locator("#chart-gdp-targets svg")
    bars = svg.locator("path[aria-roledescription='bar'], g.mark-rect path")
    assert bars.count() >= 4
    labels = svg.locator("text").all_text_contents()
    for name in ["北京市", "河北省", "山西省", "浙江省"]:
        assert name in labels
    # The CJK labels are drawn with real glyphs: a province name is wider than a Latin letter.
    width = page.evaluate("""() => { const t = [...document.querySelectorAll('#chart-gdp-targets svg text')]
        .find(e => e.textContent === '浙江省'); return t.getBBox().width; }""")
    assert width > 20


@pytest.mark.slow
def test_a_figure_link_lands_on_its_sentence_with_the_figure_highlighted(page, published):
    [(no, sentence)] = _snapshot(published, """SELECT figure_no, sentence FROM fct_figure
        WHERE document_id = 'zhejiang-2026-made-up-report' AND text = '5%—5.5%'""")
    index = report.report_index(published)
    page.goto(index.as_uri())
    page.locator("a", has_text="浙江省").first.click()
    assert page.url.endswith("/documents/zhejiang-2026-made-up-report.html")
    page.locator("a.figure-link", has_text="5%—5.5%").click()
    assert page.url.endswith(f"#f{no}")
    target = page.locator(":target")
    assert target.evaluate("e => e.tagName") == "MARK" and target.text_content() == "5%—5.5%"
    assert target.evaluate("e => e.closest('p.sentence').textContent") == sentence
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 179, 0)"
    box, viewport = target.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < viewport["height"]  # scrolled into view


@pytest.mark.slow
def test_first_screen_screenshot(page, published, tmp_path):
    shot = browser.screenshot_first_screen(page, report.report_index(published), tmp_path / "first.png")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    box = page.locator("#chart-gdp-targets svg").bounding_box()
    assert box["y"] < browser.FIRST_SCREEN["height"]  # the chart is on the first screen


def test_figures_asset_previews_its_key_figures_as_markdown():
    from orchestration.defs.assets.extraction import _preview

    md = _preview([("zj", "5%左右", "地区生产总值", 2026, "target", "growth"), ("zj", "a|b", None, None, "actual", "level")])
    assert md.splitlines() == ["| document | figure | indicator | year | status | measure |",
                               "| --- | --- | --- | --- | --- | --- |",
                               "| zj | 5%左右 | 地区生产总值 | 2026 | target | growth |", "| zj | a\\|b |  |  | actual | level |"]

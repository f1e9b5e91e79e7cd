"""A statistical bulletin's own shape: 初步核算 preliminary figures, notes (注释) that define
indicators, all on the real 2024 national bulletin and on made-up text."""
import shutil

import duckdb

from orchestration import ingest, load, warehouse
from orchestration.extract import bulletin, extract
from tests.support.paths import ROOT as ROOT_DIR, FIXTURES as FIXTURES_DIR

ROOT = ROOT_DIR
REAL = ROOT / "raw" / "bulletins" / "china-2024-statistical-bulletin-excerpt.txt"
MADE_UP_PROVINCE = FIXTURES_DIR / "bulletins" / "yunlan-2025-statistical-bulletin.txt"

# Made up for these tests (there is no 青岚省; the file name says so): a bulletin that does not
# declare all its data preliminary, with one 初步核算 paragraph, plain paragraphs, a table in the
# text (表1, tab-separated) and a notes section holding a definition and a stated figure.
MADE_UP = (FIXTURES_DIR / "bulletins"
           / "made-up-qinglan-2025-statistical-bulletin.txt").read_text(encoding="utf-8")


def _figure(figures, text, near=None, original=""):
    hits = [f for f in figures if f.text == text and (near is None or original.rfind(near, 0, f.start) >= 0)]
    assert hits, f"no figure {text!r}"
    return hits[0]


def test_made_up_bulletin_flags_the_preliminary_paragraph_only():
    figures = extract(MADE_UP)
    gdp = _figure(figures, "12345.6亿元")
    first = _figure(figures, "1234.5亿元")
    jobs = _figure(figures, "45.6万人")
    cpi = _figure(figures, "0.3%")
    assert len(figures) == 19
    assert (gdp.status, gdp.period, gdp.is_preliminary) == ("actual", 2025, True)
    assert first.is_preliminary and _figure(figures, "3.2%").is_preliminary
    assert (jobs.status, jobs.is_preliminary) == ("actual", False)
    assert not cpi.is_preliminary


def test_made_up_bulletin_notes_keep_the_stated_figure_and_drop_the_definitions_numbers():
    figures = extract(MADE_UP)
    notes_start, notes_end = bulletin.notes_span(MADE_UP)
    in_notes = [f.text for f in figures if notes_start <= f.start < notes_end]
    assert in_notes == ["987万人"]
    [gdp_def] = bulletin.definitions(MADE_UP)
    assert (gdp_def.number, gdp_def.term) == (1, "地区生产总值")
    assert MADE_UP[gdp_def.start:gdp_def.end] == gdp_def.text
    assert gdp_def.text.endswith("包括12个门类。")


def test_made_up_bulletin_table_cells_point_at_their_cell_with_the_row_label():
    figures = extract(MADE_UP)
    table = MADE_UP.index("表1")
    cells = [f for f in figures if table <= f.start < MADE_UP.index("三、国内贸易")]
    assert [(f.text, f.measure, f.unit, f.period) for f in cells] == [
        ("2746.3", "level", "万吨", 2025), ("1.8", "growth", "%", 2025),
        ("1520.4", "level", "万吨", 2025), ("-2.1", "growth", "%", 2025),
        ("3012.7", "level", "亿千瓦时", 2025), ("4.6", "growth", "%", 2025),
    ]
    assert cells[0].indicator == "粮食产量" and cells[2].indicator == "钢材产量"
    for f in cells:
        assert MADE_UP[f.start:f.end] == f.text and f.status == "actual"
        # the sentence of a cell is its table row: row label, unit cell and the row's values
        assert f.sentence == MADE_UP[f.sentence_start:f.sentence_end]
        assert f.indicator.startswith(f.sentence.split("\t")[0])
    # the prose around the table keeps its figures
    assert _figure(figures, "6543.2亿元").indicator == "社会消费品零售总额"


def test_a_bulletin_declaring_all_data_preliminary_flags_every_figure():
    text = MADE_UP_PROVINCE.read_text(encoding="utf-8")
    figures = extract(text)
    assert figures and all(f.is_preliminary for f in figures)
    assert {f.status for f in figures} == {"actual"}


def test_a_report_keeps_its_figures_and_flags_only_what_it_calls_preliminary():
    report = ("各位代表：\n过去一年，经初步核算，全省地区生产总值增长5.2%。\n"
              "城镇新增就业60万人。\n")
    figures = extract(report)
    assert [(f.text, f.is_preliminary) for f in figures] == [("5.2%", True), ("60万人", False)]


def test_real_bulletin_preliminary_gdp_and_notes():
    text = REAL.read_text(encoding="utf-8")
    figures = extract(text)
    gdp = _figure(figures, "1349084亿元")
    assert (gdp.value, gdp.unit, gdp.status, gdp.period, gdp.is_preliminary) == (1349084, "亿元", "actual", 2024, True)
    # 全年国内生产总值[2]1349084亿元: the note marker is no part of the name
    assert gdp.indicator == "国内生产总值" and text[gdp.start - 3:gdp.start] == "[2]"
    assert not [f for f in figures if "[" in f.indicator or "［" in f.indicator]
    notes_start, notes_end = bulletin.notes_span(text)
    assert text[notes_start:notes_start + 10].strip().startswith("注释")
    assert text[notes_end:notes_end + 10].strip().startswith("资料来源")
    in_notes = sorted(f.text for f in figures if notes_start <= f.start < notes_end)
    # [6] states the population by age and [56] the convertible bonds converted; the 31 provinces
    # of [5], the 1000万元 credit line of [54] and the 832 counties of [63] are definitions
    assert in_notes == sorted(["22240万人", "87557万人", "832亿元", "1694亿元"])
    terms = {d.number: d.term for d in bulletin.definitions(text)}
    assert terms[5] == "全国人口" and terms[7] == "城镇新增就业人数" and terms[3] == "国民总收入"
    assert all(text[d.start:d.end] == d.text for d in bulletin.definitions(text))


def test_is_preliminary_reaches_raw_figures(tmp_path):
    raw = tmp_path / "raw"
    (raw / "bulletins").mkdir(parents=True)
    shutil.copy(REAL, raw / "bulletins")
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db) as con:
        [f] = ingest.scan(raw)[0]
        r = load.load_document(con, ingest.read(f), "t")
        load.load_figures(con, f.document_id, r.version, "t")
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT is_preliminary, status FROM raw.figures WHERE text = '1349084亿元'").fetchone()
        counts = con.execute("SELECT count(*), count(*) FILTER (WHERE is_preliminary) FROM raw.figures").fetchone()
    assert row == (True, "actual")
    assert counts[0] == counts[1] > 700


def test_a_website_menu_naming_statistical_bulletins_does_not_make_a_report_one():
    page = "首页\n统计公报\n政务公开\n青岚市2026年政府工作报告\n各位代表：\n"
    assert not bulletin.is_bulletin(page)
    assert bulletin.is_bulletin(MADE_UP) and bulletin.is_bulletin(REAL.read_text(encoding="utf-8"))

"""The glue: normalize (page breaks, offsets), sentences, extract(), the extract CLI."""
import csv
import io
import json
import subprocess
import sys

from orchestration.extract import extract
from orchestration.extract.cli import main
from orchestration.extract.normalize import normalize
from orchestration.extract.sentences import sentences

from tests.support.paths import ROOT

LONG = "全区上下坚持稳中求进工作总基调，各项工作取得新成效。经济运行总体平稳，主要指标"  # a body line, cut off

# --------------------------------------------------------------------------- normalize


def test_page_break_inside_a_word_is_joined_and_maps_back():
    original = LONG + "预\n\n计全区实现生产总值 1560 亿元。"
    norm = normalize(original)
    assert "预计全区" in norm.text
    i = norm.text.index("1560")
    s, e = norm.original_span(i, i + len("1560 亿元"))
    assert original[s:e] == "1560 亿元"


def test_page_break_inside_a_figure_keeps_the_break_in_the_span():
    original = LONG + "累计采购、销售农产品 7651\n\n万元。"
    (fig,) = [f for f in extract(original) if f.value == 7651]
    assert fig.text == "7651\n\n万元" and original[fig.start:fig.end] == fig.text
    assert fig.unit == "万元"


def test_headings_and_speaker_lines_stay_lines():
    original = "杭州市某区人民政府区长 张三\n\n各位代表：\n\n一、2019年工作回顾\n\n2019年是关键一年。\n" \
               "二、“十五五”时期主要目标\n“十五五”时期是关键五年。"
    text = normalize(original).text
    assert text.count("\n") == original.count("\n")
    assert "一、2019年工作回顾\n\n2019年" in text


def test_long_headings_and_datelines_stay_lines():
    original = ("——2026年1月25日在某市第十六届人民代表大会第四次会议上\n来源：某某日报\n"
                "坚持创新驱动发展，构建有竞争优势的新质生产力发展格局\n坚持创新驱动，深化改革。")
    assert normalize(original).text == original


def test_a_break_inside_a_clause_is_joined():
    original = "中国电子增资麒麟软件，\n协和天津基地建设顺利推进。"
    assert normalize(original).text == "中国电子增资麒麟软件，协和天津基地建设顺利推进。"


def test_a_zero_width_page_marker_is_joined_after_a_short_line_and_kept_after_a_sentence():
    original = "全年目标拟定\n\u200b\n为4.5%左右。\n\u200b\n二、工作建议"
    norm = normalize(original)
    assert norm.text == "全年目标拟定为4.5%左右。\n\u200b\n二、工作建议"
    i = norm.text.index("4.5%")
    assert original[norm.original_offset(i):norm.original_offset(i) + 4] == "4.5%"
    assert normalize("全年目标拟定\n\n为4.5%左右。").text == "全年目标拟定\n\n为4.5%左右。"     # no marker: a short line stays


def test_sentence_end_before_a_break_is_kept():
    original = LONG + "增长5%。\n\n（二）狠抓产业生态赋能。"
    assert normalize(original).text == original


def test_full_width_digits_fold_one_for_one():
    original = "增长１２．５％，"
    norm = normalize(original)
    assert norm.text == "增长12.5%，" and len(norm.text) == len(original)
    (fig,) = extract(original)
    assert fig.value == 12.5 and fig.unit == "%" and fig.text == "１２．５％"


def test_no_break_space_between_number_and_unit():
    (fig, _) = extract("全年完成投资1560\xa0亿元，增长5%。")
    assert (fig.text, fig.value, fig.unit) == ("1560\xa0亿元", 1560, "亿元")


def test_minus_signs_fold_and_make_the_value_negative():
    original = "全年利润增长－2.5%，出口增长−0.3%。"
    assert normalize(original).text == "全年利润增长-2.5%，出口增长-0.3%。"
    figs = extract(original)
    assert [(f.text, f.value) for f in figs] == [("－2.5%", -2.5), ("−0.3%", -0.3)]


# --------------------------------------------------------------------------- sentences


def test_sentences_end_at_marks_and_lines():
    text = "一、回顾\n全年增长5%。预计增长6%！“好”。\n末尾"
    assert [text[a:b] for a, b in sentences(text)] == ["一、回顾", "全年增长5%。", "预计增长6%！", "“好”。", "末尾"]


# --------------------------------------------------------------------------- extract


REPORT = """首页 > 要闻 > 2021年工作报告
示例县2021年政府工作报告
——2021年1月10日在示例县第一届人民代表大会第五次会议上
各位代表：
一、2020年工作回顾
全县实现生产总值 120 亿元，增长 6.5%；一般公共预算收入 9.8 亿元，增长 3.2%。新增企业 26 家。
二、2021年工作安排
今年主要预期目标是：生产总值增长 6% 左右。
"""


def test_extract_offsets_point_into_the_original():
    figs = extract(REPORT)
    assert [f.text for f in figs] == ["120 亿元", "6.5%", "9.8 亿元", "3.2%", "26 家", "6%"]
    for f in figs:
        assert REPORT[f.start:f.end] == f.text
        assert REPORT[f.sentence_start:f.sentence_end] == f.sentence and f.text in f.sentence
    assert figs[-1].qualifier == "approx"


def test_menu_text_holds_no_figures():
    assert all(f.start > REPORT.index("各位代表") for f in extract(REPORT))


# --------------------------------------------------------------------------- CLI


def test_cli_jsonl_is_the_gold_schema(tmp_path, capsys):
    p = tmp_path / "demo-report.txt"
    p.write_text(REPORT, encoding="utf-8")
    assert main([str(p)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 6
    assert rows[0]["doc"] == "demo-report.txt" and rows[0]["text"] == "120 亿元" and rows[0]["unit"] == "亿元"
    assert {"start", "end", "value", "measure", "status", "period", "qualifier", "indicator"} <= set(rows[0])
    assert "sentence" not in rows[0]


def test_cli_reads_gbk_and_writes_csv(tmp_path, capsys):
    p = tmp_path / "gbk.txt"
    p.write_bytes(REPORT.encode("gb18030"))
    assert main([str(p), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["text"] for r in rows][:2] == ["120 亿元", "6.5%"]


def test_cli_table_and_missing_file(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(REPORT, encoding="utf-8")
    assert main([str(p), str(tmp_path / "missing.txt"), "--format", "table"]) == 1
    out = capsys.readouterr()
    header, first = out.out.splitlines()[:2]
    assert header.split("\t")[:3] == ["doc", "start", "text"]
    assert first.split("\t")[:3] == ["a.txt", str(REPORT.index("120 亿元")), "120 亿元"]
    assert "missing.txt" in out.err


def test_python_dash_m(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "orchestration.extract", str(p)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert len(out.splitlines()) == 6


def test_only_text_with_number_cells_is_read_as_a_table():
    from orchestration.extract.pipeline import _is_table
    table = "2025年主要指标\n指标,单位,2025年,比上年增长(%)\n地区生产总值,亿元,\"12,345.6\",5.2\n粮食产量,万吨,345.6,1.8\n"
    assert _is_table(table)
    assert not _is_table(REPORT)
    assert not _is_table("全年，2025年目标的完成情况良好，增长5%，\n")


def test_windows_line_ends_give_the_same_figures():
    lf = REPORT + LONG + "预\n\n计全年增长 7%。\n"
    crlf = lf.replace("\n", "\r\n")
    assert "\r" not in normalize(crlf).text
    a, b = extract(lf), extract(crlf)
    assert [(f.text, f.value, f.status, f.indicator) for f in a] == [(f.text, f.value, f.status, f.indicator) for f in b]
    assert all(crlf[f.start:f.end] == f.text for f in b) and b[-1].status == "estimate"


BULLETIN_WITH_TABLE = """示例省2025年国民经济和社会发展统计公报
示例省统计局
2026年3月1日
一、农业
全年农林牧渔业增加值3698.15亿元，增长3.7%。
年末全省高标准农田面积累计达到2860万亩。
全年猪牛羊禽肉产量421.7万吨，增长2.2%；禽蛋产量208.4万吨，下降1.9%。
全年粮食总产量1234.5万吨，比上年增长1.8%。
表1　2025年主要农产品产量及其增长速度
产品名称\t产量（万吨）\t比上年增长（%）
粮食\t1234.5\t1.8
　　夏粮\t862.1\t-0.7
油料\t45.6\t3.2
二、工业
全年规模以上工业增加值比上年增长6.1%。
全年建筑业总产值13566.2亿元，比上年增长2.8%。
"""


def test_a_table_inside_a_bulletin_goes_to_the_table_reader():
    figs = extract(BULLETIN_WITH_TABLE)
    assert all(BULLETIN_WITH_TABLE[f.start:f.end] == f.text for f in figs)
    assert [f.start for f in figs] == sorted(f.start for f in figs)
    table = [(f.text, f.value, f.unit, f.measure, f.indicator) for f in figs if "\t" in f.sentence or f.text == "1234.5"]
    assert table == [("1234.5", 1234.5, "万吨", "level", "粮食产量"), ("1.8", 1.8, "%", "growth", "粮食产量"),
                     ("862.1", 862.1, "万吨", "level", "夏粮产量"), ("-0.7", -0.7, "%", "growth", "夏粮产量"),
                     ("45.6", 45.6, "万吨", "level", "油料产量"), ("3.2", 3.2, "%", "growth", "油料产量")]
    prose = [f.text for f in figs if "\t" not in f.sentence and f.text != "1234.5"]
    assert prose[:2] == ["3698.15亿元", "3.7%"] and prose[-3:] == ["6.1%", "13566.2亿元", "2.8%"]
    assert all(f.period == 2025 for f in figs)


def test_a_table_laid_out_in_columns_is_read_like_a_tab_separated_one():
    laid_out = BULLETIN_WITH_TABLE.replace("产品名称\t产量（万吨）\t比上年增长（%）", "产品名称        产量（万吨）    比上年增长（%）")
    laid_out = laid_out.replace("粮食\t1234.5\t1.8", "粮食            1234.5          1.8").replace(
        "　　夏粮\t862.1\t-0.7", "  夏粮          862.1           -0.7").replace("油料\t45.6\t3.2", "油料            45.6            3.2")
    assert "\t" not in laid_out
    figs = extract(laid_out)
    assert all(laid_out[f.start:f.end] == f.text for f in figs)
    got = [(f.text, f.unit, f.measure, f.indicator) for f in figs if f.indicator in ("粮食产量", "夏粮产量", "油料产量")]
    assert got == [("1234.5", "万吨", "level", "粮食产量"), ("1.8", "%", "growth", "粮食产量"),
                   ("862.1", "万吨", "level", "夏粮产量"), ("-0.7", "%", "growth", "夏粮产量"),
                   ("45.6", "万吨", "level", "油料产量"), ("3.2", "%", "growth", "油料产量")]


def test_a_run_of_many_figures_is_classified_in_bounded_pieces():
    from orchestration.extract.pipeline import MAX_UNIT_MENTIONS, _units
    from orchestration.extract.mentions import find_mentions
    text = "各地分别增长" + "5%，" * (2 * MAX_UNIT_MENTIONS + 5) + "。"
    ms = find_mentions(text)
    units = list(_units(text, 0, len(text), ms))
    assert [len(g) for _, _, g in units] == [MAX_UNIT_MENTIONS, MAX_UNIT_MENTIONS, 5]
    assert units[0][0] == 0 and units[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(units, units[1:]))
    assert all(u0 <= m.start and m.end <= u1 for u0, u1, g in units for m in g)
    figs = extract(text)
    assert len(figs) == len(ms) and all(f.value == 5 for f in figs)


def test_long_runs_of_spaces_tabs_and_numerals_are_read_in_one_pass():
    # each of these took seconds or crashed when a pattern rescanned a run from every character
    from orchestration.extract.mentions import find_mentions
    for text in ("a" + " " * 50000 + "b", "\t" * 50000, "一二三四五六七八九十" * 5000, "第" + "一" * 20000):
        norm = normalize(text)
        assert norm.text == text and find_mentions(norm.text) == []
    assert [m.text for m in find_mentions("第" + "一" * 20000 + "位")] == []

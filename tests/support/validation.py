"""Builders for the validation tests: a working DuckDB with hand-made documents and figures.

Figures are located by their text in the document, so offsets are right unless a test
overrides them on purpose.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from orchestration import warehouse

NOW = datetime(2026, 1, 1)

# Last year's report: gives level(2024) for the cross-document growth check.
REPORT_2025 = (
    "2025年政府工作报告\n一、2024年工作回顾\n"
    "全市地区生产总值达到4700亿元，增长5.5%。一般公共预算收入280亿元。\n"
    "二、2025年工作安排\n地区生产总值增长5%左右。\n"
)
REPORT_2026 = (
    "2026年政府工作报告\n一、2025年工作回顾\n"
    "全市地区生产总值达到5000亿元，增长6.0%。第三产业占GDP比重55.0%。"
    "一般公共预算收入300亿元。数字经济核心产业增加值列全省第一。新增城镇就业12万人。\n"
    "二、2026年工作安排\n地区生产总值增长5%左右，居民消费价格涨幅3%左右。\n"
)


def open_db(path: Path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    import duckdb
    con = duckdb.connect(str(path))
    warehouse.ensure_schema(con)
    return con


def add_document(con, document_id: str, text: str, review_year: int, plan_year: int,
                 region_code: str = "330100", kind: str = "report", version: int = 1) -> None:
    con.execute(
        "INSERT INTO raw.documents VALUES (?, ?, ?, ?, ?, ?, 'utf-8', ?, ?, '[]', ?, NULL, NULL, ?, ?, ?, NULL, ?, 'test')",
        [document_id, version, f"sha-{document_id}-{version}", kind, f"reports/{document_id}.txt",
         len(text.encode()), text, text, document_id, review_year, plan_year, region_code, NOW])


def add_figure(con, document_id: str, figure_no: int, text: str, value: float, unit: str, *,
               doc_text: str, measure: str = "level", status: str = "actual", period: int | None = None,
               qualifier: str = "eq", of: str = "", indicator: str = "", value_high: float | None = None,
               start: int | None = None, end: int | None = None, occurrence: int = 0, version: int = 1) -> None:
    if start is None:
        start = -1
        for _ in range(occurrence + 1):
            start = doc_text.index(text, start + 1)
        end = start + len(text)
    con.execute(
        "INSERT INTO raw.figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, 0, 0, 'test', ?, 'test', FALSE)",
        [document_id, version, figure_no, text, start, end, value, value_high, unit, measure, status, period,
         qualifier, of, indicator, doc_text, NOW])


def good_2025(con) -> None:
    """Last year's report (period 2024 actuals, 2025 targets); every figure valid."""
    t = REPORT_2025
    add_document(con, "hz-2025", t, 2024, 2025)
    add_figure(con, "hz-2025", 1, "4700亿元", 4700, "亿元", doc_text=t, period=2024, indicator="地区生产总值")
    add_figure(con, "hz-2025", 2, "5.5%", 5.5, "%", doc_text=t, period=2024, measure="growth", indicator="地区生产总值")
    add_figure(con, "hz-2025", 3, "280亿元", 280, "亿元", doc_text=t, period=2024, indicator="一般公共预算收入")
    add_figure(con, "hz-2025", 4, "5%", 5, "%", doc_text=t, period=2025, measure="growth", status="target",
               qualifier="approx", indicator="地区生产总值")


def good_2026(con, overrides: dict | None = None) -> None:
    """This year's report; `overrides` maps figure_no -> dict of add_figure kwargs to replace."""
    t = REPORT_2026
    add_document(con, "hz-2026", t, 2025, 2026)
    figs = {
        1: dict(text="5000亿元", value=5000, unit="亿元", period=2025, indicator="地区生产总值"),
        2: dict(text="6.0%", value=6.0, unit="%", period=2025, measure="growth", indicator="地区生产总值"),
        3: dict(text="55.0%", value=55.0, unit="%", period=2025, measure="share", of="GDP", indicator="第三产业"),
        4: dict(text="300亿元", value=300, unit="亿元", period=2025, indicator="一般公共预算收入"),
        5: dict(text="第一", value=1, unit="rank", period=2025, measure="rank", of="全省", indicator="数字经济核心产业增加值"),
        6: dict(text="12万人", value=12, unit="万人", period=2025, indicator="新增城镇就业"),
        7: dict(text="5%", value=5, unit="%", period=2026, measure="growth", status="target", qualifier="approx",
                indicator="地区生产总值"),
        8: dict(text="3%", value=3, unit="%", period=2026, measure="growth", status="target", qualifier="approx",
                indicator="居民消费价格"),
    }
    for no, kw in figs.items():
        kw = {**kw, **(overrides or {}).get(no, {})}
        add_figure(con, "hz-2026", no, kw.pop("text"), kw.pop("value"), kw.pop("unit"), doc_text=t, **kw)

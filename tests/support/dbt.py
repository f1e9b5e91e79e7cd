"""dbt as the tests run it (a subprocess with its own target and log folders), and the
made-up warehouse of tests/fixtures/dbt: documents through the real ingestion and loader,
their figures written straight into raw.figures so every answer is known exactly (see the
fixture README)."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb

from orchestration import ingest, load, warehouse
from tests.support.paths import DBT_DIR
from tests.support.paths import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "dbt"
DBT = str(Path(sys.executable).with_name("dbt"))

def _csv(name: str) -> list[dict]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _num(s: str) -> float | None:
    return float(s) if s != "" else None


def run_dbt(args: list[str], db: Path, tmp: Path, project: Path = DBT_DIR) -> subprocess.CompletedProcess:
    """dbt as a subprocess on `db`, with its own target and log folders (never the repo's)."""
    env = {**os.environ, "ZHIBIAO_DUCKDB": str(db), "DO_NOT_TRACK": "1"}
    return subprocess.run(
        [DBT, *args, "--project-dir", str(project), "--profiles-dir", str(project),
         "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
        env=env, cwd=tmp, capture_output=True, text=True,
    )


def _span(text: str, anchor: str, value_text: str) -> tuple[int, int]:
    assert text.count(anchor) == 1, f"anchor {anchor!r} must occur once"
    start = text.index(anchor) + anchor.index(value_text)
    return start, start + len(value_text)


def load_fixture_documents(con: duckdb.DuckDBPyConnection, raw: Path) -> dict[tuple[str, int], str]:
    """Load fixture files in order (v1 before the final version); pin their metadata."""
    texts: dict[tuple[str, int], str] = {}
    for row in _csv("documents.csv"):
        src = FIXTURES / row["path"]
        sub = "bulletins" if row["kind"] == "bulletin" else "reports"
        dest = raw / sub / f"{row['document_id']}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        files, errors = ingest.scan(raw)
        assert not errors
        (rf,) = [f for f in files if f.document_id == row["document_id"]]
        result = load.load_document(con, ingest.read(rf), run_id="test")
        assert result.version == (2 if row["load_after"] else 1)
        (region_code, text) = con.execute(
            "SELECT region_code, original_text FROM raw.documents WHERE document_id = ? AND version = ?",
            [row["document_id"], result.version]).fetchone()
        assert region_code == row["expected_region_code"], row["document_id"]
        con.execute(
            "UPDATE raw.documents SET doc_date = ?, review_year = ?, plan_year = ?, kind = ? "
            "WHERE document_id = ? AND version = ?",
            [date.fromisoformat(row["doc_date"]), int(row["review_year"]),
             int(row["plan_year"]) if row["plan_year"] else None, row["kind"],
             row["document_id"], result.version])
        texts[(row["document_id"], result.version)] = text
    return texts


def insert_fixture_figures(con: duckdb.DuckDBPyConnection, texts: dict) -> dict[str, tuple]:
    """Write figures.csv into raw.figures; returns anchor → (document_id, version, figure_no)."""
    numbers: dict[tuple[str, int], int] = {}
    where: dict[str, tuple] = {}
    now = datetime(2026, 1, 1)
    for f in _csv("figures.csv"):
        key = (f["document_id"], int(f["version"]))
        text = texts[key]
        start, end = _span(text, f["anchor"], f["text"])
        assert text[start:end] == f["text"]
        numbers[key] = numbers.get(key, 0) + 1
        s0 = text.rfind("\n", 0, start) + 1
        s1 = text.find("\n", end)
        con.execute(
            """INSERT INTO raw.figures (document_id, version, figure_no, text, start_offset, end_offset,
                   value, value_high, unit, measure, status, period, qualifier, "of", indicator_text,
                   is_key, sentence, sentence_start, sentence_end, extractor_version, extracted_at, run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture', ?, 'test')""",
            [key[0], key[1], numbers[key], f["text"], start, end, float(f["value"]), _num(f["value_high"]),
             f["unit"], f["measure"], f["status"], int(f["period"]), f["qualifier"], f["of"],
             f["indicator"], f["key"] == "true", text[s0:s1], s0, s1, now])
        where[f"{key[0]}|{key[1]}|{f['anchor']}"] = (key[0], key[1], numbers[key])
    return where


def insert_fixture_quarantine(con: duckdb.DuckDBPyConnection, where: dict) -> None:
    for q in _csv("quarantine.csv"):
        doc, version, no = where[f"{q['document_id']}|{q['version']}|{q['anchor']}"]
        released = datetime(2026, 1, 2) if q["released"] == "true" else None
        con.execute(
            """INSERT INTO raw.quarantine (document_id, version, figure_no, suite, check_name, reason,
                   run_id, quarantined_at, released_at, released_run_id)
               VALUES (?, ?, ?, 'raw_figures', ?, ?, 'test', ?, ?, ?)""",
            [doc, version, no, q["check_name"], q["reason"], datetime(2026, 1, 1), released,
             "test2" if released else None])




def load_fixture_raw(db: Path) -> None:
    """The raw tables of the made-up warehouse, into a new DuckDB file `db`."""
    with warehouse.connect(db) as con:
        texts = load_fixture_documents(con, db.parent / "raw")
        insert_fixture_quarantine(con, insert_fixture_figures(con, texts))

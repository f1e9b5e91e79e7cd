"""Extraction across processes: the pool gives the serial path's figures, in the same order,
and the figures asset's loader writes the same rows either way."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration import extract, ingest, load, warehouse
from orchestration.extract import pool
from tests.support.paths import ROOT as ROOT_DIR

ROOT = ROOT_DIR
# Shipped reports of different kinds and sizes (a county, a province, the nation, a bulletin).
SHIPPED = sorted((ROOT / "raw").rglob("*.txt"))[:8]


def test_pool_returns_the_serial_figures_in_input_order():
    texts = [p.read_text(encoding="utf-8") for p in SHIPPED]
    assert len(texts) >= pool.MIN_PARALLEL
    serial = [extract.extract(t) for t in texts]
    parallel = list(pool.extract_many(texts, workers=2))
    assert parallel == serial
    assert sum(len(f) for f in serial) > 100


def test_workers_setting(monkeypatch):
    monkeypatch.setenv(pool.ENV_WORKERS, "3")
    assert pool.default_workers() == 3
    monkeypatch.setenv(pool.ENV_WORKERS, "0")
    with pytest.raises(ValueError, match="at least 1"):
        pool.default_workers()
    monkeypatch.delenv(pool.ENV_WORKERS)
    assert pool.default_workers() >= 1


def _ingest(raw: Path, db: Path) -> list[str]:
    for p in SHIPPED:
        dest = raw / p.parent.name / p.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(p.read_bytes())
    ids = []
    with warehouse.connect(db) as con:
        for f in ingest.scan(raw)[0]:
            load.load_document(con, ingest.read(f), "r")
            ids.append(f.document_id)
    return ids


def _figures(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT * EXCLUDE (extracted_at) FROM raw.figures ORDER BY document_id, figure_no").fetchall()


def test_parallel_and_serial_loads_write_the_same_figures(tmp_path):
    outcomes = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        ids = _ingest(tmp_path / f"raw{workers}", db)
        asked = [ids[0], "never-ingested", *ids[1:]]
        with warehouse.connect(db) as con:
            results = list(load.load_figures_many(con, asked, run_id="r", workers=workers))
            again = list(load.load_figures_many(con, asked, run_id="r", workers=workers))
        assert [d for d, _ in results] == asked  # the order asked, whatever order workers finished in
        assert isinstance(results[1][1], LookupError)
        assert all(r.status == "extracted" for d, r in results if d != "never-ingested")
        assert all(r.status == "up_to_date" for d, r in again if d != "never-ingested")
        outcomes[workers] = ([(d, r.version, r.rows) for d, r in results if d != "never-ingested"], _figures(db))
    assert outcomes[1] == outcomes[2]
    assert len(outcomes[2][1]) == sum(rows for _, _, rows in outcomes[2][0]) > 100

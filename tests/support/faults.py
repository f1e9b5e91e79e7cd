"""Helpers for the publish/fault/serve tests (no tests here): a synthetic warehouse
builder and a run command that the kill tests can interrupt.

Run as a script it is the synthetic "run": ``python tests/support/faults.py
--raw R --warehouse W --runs N`` builds the working database and publishes it N times, under
the run lock, printing ``published <run_id>`` after each. Once the lead's
``orchestration/cli.py`` exists, ``ZHIBIAO_FAULT_REAL_RUN=1`` makes :func:`run_command`
return the real ``zhibiao run --raw R --warehouse W`` instead, so the same kill tests
exercise the whole pipeline.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV_REAL_RUN = "ZHIBIAO_FAULT_REAL_RUN"
MARKER = "published "


def real_run_available() -> bool:
    return (REPO / "orchestration" / "cli.py").is_file()


def use_real_run() -> bool:
    return os.environ.get(ENV_REAL_RUN) == "1" and real_run_available()


def run_command(raw: Path, warehouse: Path, runs: int = 1) -> list[str]:
    """The command line of one (or, synthetic only, ``runs`` back-to-back) run(s)."""
    if use_real_run():
        return [sys.executable, "-m", "orchestration.cli", "run", "--raw", str(raw), "--warehouse", str(warehouse)]
    return [sys.executable, str(Path(__file__).resolve()), "--raw", str(raw), "--warehouse", str(warehouse), "--runs", str(runs)]


def prepare_raw(raw: Path) -> None:
    """Give a real run something to ingest: the two smallest shipped reports (or the files
    named in ZHIBIAO_FAULT_RAW_FILES, separated by ':'). The synthetic run needs nothing."""
    import shutil

    raw.mkdir(parents=True, exist_ok=True)
    if not use_real_run():
        return
    names = os.environ.get("ZHIBIAO_FAULT_RAW_FILES")
    reports = sorted((REPO / "raw" / "reports").glob("*.txt"), key=lambda p: p.stat().st_size)
    chosen = [Path(n) for n in names.split(":")] if names else reports[:2]
    (raw / "reports").mkdir(exist_ok=True)
    for f in chosen:
        shutil.copyfile(f, raw / "reports" / f.name)


def build_working(settings, run_no: int, rows: int = 20_000) -> dict[str, int]:
    """(Re)build the working database as a run would: marts whose rows all carry the run
    number, so a snapshot mixing two runs is detectable. Returns document versions."""
    import duckdb

    docs = {f"doc{i}": run_no for i in range(3)}
    settings.home.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.working_db))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.execute("CREATE OR REPLACE TABLE raw.documents AS SELECT 'doc' || i AS document_id, ? AS version FROM range(3) t(i)", [run_no])
        con.execute(
            "CREATE OR REPLACE TABLE main.fct_figures AS "
            "SELECT i AS figure_no, 'doc' || (i % 3) AS document_id, ? AS run_no, "
            "CAST(i * 1.5 AS DOUBLE) AS value, '亿元' AS unit, (i % 2 = 0) AS is_key, DATE '2025-01-01' AS doc_date, "
            "CAST((i % 100) / 4 AS DECIMAL(5, 2)) AS share "
            "FROM range(?) t(i)",
            [run_no, rows],
        )
        con.execute("CREATE OR REPLACE TABLE main.dim_documents AS SELECT DISTINCT document_id, ? AS run_no FROM main.fct_figures", [run_no])
        con.execute("CREATE OR REPLACE VIEW main.mart_totals AS SELECT document_id, run_no, sum(value) AS total FROM main.fct_figures GROUP BY ALL")
        con.execute("CREATE OR REPLACE TABLE main.stg_hidden AS SELECT 1 AS x")  # not a mart
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return docs


def check_consistent(info, path: Path) -> int:
    """The snapshot's marts all come from the run its metadata names; returns that run number."""
    from orchestration.reader import connect_path_readonly

    con = connect_path_readonly(path)
    try:
        run_nos = {r[0] for t in ("fct_figures", "dim_documents", "mart_totals") for r in con.execute(f"SELECT DISTINCT run_no FROM {t}").fetchall()}
    finally:
        con.close()
    expected = int(info.run_id.rsplit("-", 1)[1])
    assert run_nos == {expected}, (run_nos, info.run_id)
    assert info.documents == {f"doc{i}": expected for i in range(3)}
    return expected


def _main(argv: list[str]) -> int:
    import argparse

    sys.path.insert(0, str(REPO))
    from orchestration import config, publish, runlock

    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", required=True)
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--wait", type=float, default=60)
    args = parser.parse_args(argv)
    settings = config.settings(args.raw, args.warehouse)
    for _ in range(args.runs):
        with runlock.run_lock(settings, timeout=args.wait):
            run_no = _next_run_no(settings)
            docs = build_working(settings, run_no, args.rows)
            publish.publish(settings, f"run-{run_no}", docs, load_postgres=True)
        print(f"{MARKER}run-{run_no}", flush=True)
    return 0


def _next_run_no(settings) -> int:
    """Monotonic across killed runs: a counter file bumped before the run starts."""
    from orchestration import publish

    counter = settings.home / "runs.counter"
    n = int(counter.read_text()) + 1 if counter.exists() else 1
    if settings.warehouse.exists():  # snapshots published by other means count too
        n = max(n, int(publish.verify_snapshot(settings.warehouse).run_id.rsplit("-", 1)[1]) + 1)
    tmp = counter.with_suffix(".tmp")
    tmp.write_text(str(n))
    os.replace(tmp, counter)
    return n


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

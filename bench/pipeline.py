"""Benchmark: `zhibiao run` on the shipped documents against the same work as a plain script.

    .venv/bin/python bench/pipeline.py [--raw raw]

Prints: wall time of `zhibiao run` as a fresh process (imports included), the time of the
run itself (imports excluded, measured in-process), and a plain DuckDB script doing the same
ingest + extract + the SQL of the marts' core (no Dagster, no dbt, no GX), with the ratios;
then, on the same warehouse, a second run with nothing changed (as a fresh process, imports
included) and a run after one new document (in-process).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def plain_script(raw: Path, db: Path) -> float:
    t = time.perf_counter()
    from orchestration import ingest, load, warehouse

    with warehouse.connect(db) as con:
        for f in ingest.scan(raw)[0]:
            r = load.load_document(con, ingest.read(f))
            load.load_figures(con, f.document_id, r.version)
        con.execute("""CREATE TABLE fct AS SELECT f.* FROM raw.figures f JOIN (
                         SELECT document_id, max(version) AS version FROM raw.documents GROUP BY 1) l
                       USING (document_id, version)""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", default=str(ROOT / "raw"))
    args = ap.parse_args()
    raw = Path(args.raw).resolve()
    zhibiao = Path(sys.executable).with_name("zhibiao")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        subprocess.run([str(zhibiao), "run", "--raw", str(raw), "--warehouse", str(tmp / "a" / "z.duckdb")],
                       check=True, stdout=subprocess.DEVNULL)
        cold = time.perf_counter() - t

        import dagster, dagster_dbt  # noqa: F401,E401  (imports paid before the in-process timing)
        from orchestration import config, runner
        import orchestration.definitions  # noqa: F401

        t = time.perf_counter()
        runner.run(config.settings(raw, tmp / "b" / "z.duckdb"), progress=lambda s: None)
        warm = time.perf_counter() - t
        plain = plain_script(raw, tmp / "c" / "z.duckdb")

        t = time.perf_counter()
        out = subprocess.run([str(zhibiao), "run", "--raw", str(raw), "--warehouse", str(tmp / "a" / "z.duckdb")],
                             check=True, capture_output=True, text=True).stdout
        noop = time.perf_counter() - t
        said = [line for line in out.splitlines() if "nothing new" in line]

        # one more document: a copy of raw/ plus one shipped report under a new name, a line added
        plus = tmp / "raw-plus"
        shutil.copytree(raw, plus)
        first = sorted((raw / "reports").glob("*.txt"))[0]
        (plus / "reports" / "bench-added-document.txt").write_text(
            first.read_text(encoding="utf-8") + "\n（基准测试新增文档）\n", encoding="utf-8")
        # (copytree keeps sizes and mtimes: the other files are known unchanged)
        t = time.perf_counter()
        runner.run(config.settings(plus, tmp / "b" / "z.duckdb"), progress=lambda s: None)
        one_more = time.perf_counter() - t
    docs = sum(1 for p in raw.rglob("*") if p.is_file() and not p.name.startswith("."))
    print(f"documents:                          {docs}")
    print(f"zhibiao run (new process, imports): {cold:7.2f} s")
    print(f"zhibiao run (in-process, no imports): {warm:5.2f} s")
    print(f"plain DuckDB script, same work:     {plain:7.2f} s")
    print(f"ratio run/plain: {cold / plain:.1f}x with imports, {warm / plain:.1f}x without")
    print(f"second run, nothing changed (new process, imports): {noop:5.2f} s, {len(said)} steps say 'nothing new'")
    print(f"one new document (in-process):      {one_more:7.2f} s")


if __name__ == "__main__":
    main()

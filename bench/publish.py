"""Benchmark: what the publish step costs, part by part, on a built working database.

    nice .venv/bin/python bench/publish.py WORKING_DB [--repeat 3]

Copies WORKING_DB (a ``zhibiao.work.duckdb`` left by ``zhibiao run`` or bench/scale.py) into a
temp home and publishes it there as ``published_warehouse`` does: the snapshot alone (no sinks),
the snapshot with the Parquet export, with the Parquet export and the lake, then the HTML report
(``report.write_after_publish``). Prints the seconds of each (median of --repeat), the working
database's and the snapshot's sizes. Nothing is asserted: figures only."""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("working_db")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from orchestration import config, publish, report, warehouse as wh
    from orchestration.sinks import default_sinks
    from orchestration.sinks.parquet import ParquetExport

    home = Path(tempfile.mkdtemp(prefix="zhibiao-publish-"))
    try:
        settings = config.settings(home / "raw", home / "wh" / "zhibiao.duckdb")
        settings.working_db.parent.mkdir(parents=True)
        shutil.copyfile(args.working_db, settings.working_db)
        os.environ.setdefault("ZHIBIAO_LAKE", str(home / "lake"))
        with wh.connect(settings.working_db, read_only=True) as con:
            versions = dict(con.execute("SELECT document_id, max(version) FROM raw.documents GROUP BY 1").fetchall())
        parts = {
            "snapshot only": lambda: [],
            "snapshot + Parquet export": lambda: [ParquetExport(settings)],
            "snapshot + Parquet + lake": lambda: default_sinks(settings, load_postgres=False),
        }
        times: dict[str, list[float]] = {k: [] for k in [*parts, "report"]}
        for i in range(args.repeat):
            for name, sinks in parts.items():
                t = time.perf_counter()
                publish.publish(settings, f"bench-{i}-{len(times[name])}", versions, sinks=sinks())
                times[name].append(time.perf_counter() - t)
            t = time.perf_counter()
            report.write_after_publish(settings)
            times["report"].append(time.perf_counter() - t)
        mb = 2**20
        print(f"publish of {args.working_db}: {len(versions):,} documents, working db "
              f"{settings.working_db.stat().st_size / mb:,.1f} MB, snapshot {settings.warehouse.stat().st_size / mb:,.1f} MB"
              f", load average {os.getloadavg()[0]:.1f}")
        for name, ts in times.items():
            print(f"   {name:<28} {statistics.median(ts):7.2f} s  (runs: {', '.join(f'{t:.2f}' for t in ts)})")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

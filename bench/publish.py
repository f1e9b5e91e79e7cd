"""Benchmark: what the publish step costs, part by part, on a built working database.

    nice .venv/bin/python bench/publish.py WORKING_DB [--before OLDER_WORKING_DB] [--repeat 3]

Copies WORKING_DB (a ``zhibiao.work.duckdb`` left by ``zhibiao run`` or bench/scale.py) into a
temp home and publishes it there as ``published_warehouse`` does, timing each part apart: the
snapshot written whole (``ZHIBIAO_SNAPSHOT_PATCH=off``) and copied and patched from the previous
one (no sinks: what a run's publish writes of the snapshot), the Parquet export as ``zhibiao export``
writes it off the run's path (orchestration/export.py), a publish with the export in it as before
(``ZHIBIAO_PARQUET_EXPORT=every-run``: a second patch with nothing left to replace, plus the
export), the open lake written incrementally on top of the previous version and written whole
(``reuse=False``), then the HTML report on top of the previous one (``report.write_after_publish``).
A run's publish is the patched snapshot + the incremental lake + the report.

With ``--before`` (the working database of the run before, e.g. one report fewer), every
repetition first publishes that one and writes its lake and report, untimed (again before the
patched snapshot, after the whole one): the incremental parts are then the ones a run pays for
one new report. Without it, the previous version is the same
snapshot (every partition unchanged). Prints the seconds of each part (median of --repeat), CPU
seconds of this process, the sizes and the load average. Nothing is asserted: figures only."""
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
    ap.add_argument("--before", default=None, help="the working database of the run before (untimed)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from orchestration import config, export, lake, publish, report, warehouse as wh
    from orchestration.sinks.parquet import ParquetExport

    home = Path(tempfile.mkdtemp(prefix="zhibiao-publish-"))
    try:
        settings = config.settings(home / "raw", home / "wh" / "zhibiao.duckdb")
        settings.working_db.parent.mkdir(parents=True)
        root, full_root = home / "lake", home / "lake-full"

        def use(db: str) -> dict[str, int]:
            shutil.copyfile(db, settings.working_db)
            with wh.connect(settings.working_db, read_only=True) as con:
                return dict(con.execute("SELECT document_id, max(version) FROM raw.documents GROUP BY 1").fetchall())

        times: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}

        def timed(name: str, fn, *args, **kwargs) -> None:
            t, c = time.perf_counter(), time.process_time()
            fn(*args, **kwargs)
            times.setdefault(name, []).append(time.perf_counter() - t)
            cpu.setdefault(name, []).append(time.process_time() - c)

        load = [os.getloadavg()[0]]
        def whole(*args, **kwargs):
            os.environ[publish.ENV_PATCH] = "off"
            try:
                return publish.publish(*args, **kwargs)
            finally:
                del os.environ[publish.ENV_PATCH]

        for i in range(args.repeat):
            before = use(args.before or args.working_db)
            publish.publish(settings, f"before-{i}", before, sinks=[])
            lake.write_lake(settings.warehouse, root, f"before-{i}")
            report.write_after_publish(settings)
            versions = use(args.working_db)
            timed("snapshot written whole", whole, settings, f"bench-{i}-w", versions, sinks=[])
            use(args.before or args.working_db)
            publish.publish(settings, f"before-{i}-again", before, sinks=[])
            use(args.working_db)
            timed("snapshot copied and patched", publish.publish, settings, f"bench-{i}", versions, sinks=[])
            timed("Parquet export (zhibiao export)", export.export_parquet, settings, force=True)
            timed("snapshot + Parquet export", publish.publish, settings, f"bench-{i}-e", versions,
                  sinks=[ParquetExport(settings)])
            timed("lake, incremental", lake.write_lake, settings.warehouse, root, f"bench-{i}")
            timed("lake, written whole", lake.write_lake, settings.warehouse, full_root, f"bench-{i}", reuse=False)
            timed("report", report.write_after_publish, settings)
            load.append(os.getloadavg()[0])
        mb = 2**20
        manifest = lake.read_manifest(lake.current_lake(root))["tables"]
        written = sum(t["partitions_written"] for t in manifest.values())
        parts = sum(t["partitions"] for t in manifest.values())
        print(f"publish of {args.working_db}{' after ' + args.before if args.before else ''}: {len(versions):,} "
              f"documents, working db {settings.working_db.stat().st_size / mb:,.1f} MB, snapshot "
              f"{settings.warehouse.stat().st_size / mb:,.1f} MB, lake partitions written {written:,} of {parts:,}, "
              f"load average {min(load):.1f}-{max(load):.1f}")
        for name, ts in times.items():
            print(f"   {name:<32} {statistics.median(ts):7.2f} s  cpu {statistics.median(cpu[name]):6.2f} s  "
                  f"(runs: {', '.join(f'{t:.2f}' for t in ts)})")
        run_parts = ("snapshot copied and patched", "lake, incremental", "report")
        print(f"   {'a run publishes (' + ' + '.join(run_parts) + ')':<32} "
              f"{sum(statistics.median(times[n]) for n in run_parts):7.2f} s  "
              f"cpu {sum(statistics.median(cpu[n]) for n in run_parts):6.2f} s")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

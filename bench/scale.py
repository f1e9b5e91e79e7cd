"""Benchmark: `zhibiao run` on a synthetic archive of 10,000 documents, and one more report.

    nice .venv/bin/python bench/scale.py [--docs 10000] [--small 1000] [--workdir DIR]

Generates the archive (bench/synthetic.py: real paragraphs of the shipped reports recombined
under made-up regions and years, marked synthetic, never committed) into --workdir (a temp dir
removed at the end unless given). For each size (--small, then --docs):

1. the full build: a cold `zhibiao run` on that many documents;
2. the same run again with nothing changed;
3. one more report added: the increment (ingest, extract, checks, dbt, publish).

Each run is its own process (so its peak RSS is its own, dbt's child included; Python imports
are paid before the clock starts). Prints per run: wall time, peak RSS, figures extracted per
second, and each step's time; then the increment at both sizes and their ratio, and the cost of
publishing (the snapshot write) at the larger size. Nothing is asserted: figures only.

With --workdir on a folder of an earlier invocation, built warehouses are reused: the bench then
runs once to catch up with any code change (printed as "catch-up") before the increment.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------------------------------------
# one run, in a child process


def _peak_rss_reset() -> None:
    try:  # Linux: "5" resets VmHWM, so the peak is this run's, not the imports'
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stage(raw: str, warehouse: str, out: str) -> None:
    import dagster, dagster_dbt  # noqa: F401,E401  (imports are paid before the clock)
    import great_expectations  # noqa: F401
    from orchestration import config, runner
    import orchestration.definitions  # noqa: F401

    settings = config.settings(raw, warehouse)
    before = _count(settings.working_db, "SELECT count(*) FROM raw.figures")
    lines: list[str] = []
    _peak_rss_reset()
    t = time.perf_counter()
    summary = runner.run(settings, progress=lines.append)
    seconds = time.perf_counter() - t
    after = _count(settings.working_db, "SELECT count(*) FROM raw.figures")
    docs = _count(settings.working_db, "SELECT count(DISTINCT document_id) FROM raw.documents")
    marts = _count(settings.warehouse, "SELECT count(*) FROM main.fct_figure")
    Path(out).write_text(json.dumps({
        "seconds": seconds, "steps": summary.steps, "ok": summary.ok, "published": summary.published,
        "checks_failed": summary.checks_failed, "refused": summary.refused[:5],
        "figures_extracted": after - before, "documents": docs, "fct_figure_rows": marts,
        "python_peak_mb": _vm_hwm_mb(), "lines": lines[-12:],
        "working_db_mb": settings.working_db.stat().st_size / 2**20,
        "snapshot_mb": settings.warehouse.stat().st_size / 2**20,
    }))


def _count(db: Path, sql: str) -> int:
    import duckdb

    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        try:
            return con.execute(sql).fetchone()[0]
        except duckdb.CatalogException:
            return 0


def run_stage(raw: Path, warehouse: Path, label: str) -> dict:
    """One `zhibiao run` in a fresh process; peak RSS of that process tree from wait4."""
    out = warehouse.parent / f".stage-{os.getpid()}-{time.monotonic_ns()}.json"
    proc = subprocess.Popen([sys.executable, __file__, "--_stage", str(raw), str(warehouse), str(out)])
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{label}: the run's process exited with {proc.returncode}")
    result = json.loads(out.read_text())
    out.unlink()
    result["label"] = label
    result["peak_rss_mb"] = usage.ru_maxrss / 1024   # the child and the children it waited for (dbt)
    _print_stage(result)
    return result


def _print_stage(r: dict) -> None:
    rate = r["figures_extracted"] / r["seconds"] if r["seconds"] else 0.0
    print(f"\n== {r['label']}: {r['seconds']:.1f} s, peak RSS {r['peak_rss_mb']:,.0f} MB "
          f"(the run's own Python {r['python_peak_mb']:,.0f} MB), {r['figures_extracted']:,} figures extracted "
          f"({rate:,.0f} figures/s), {r['documents']:,} documents, fct_figure {r['fct_figure_rows']:,} rows, "
          f"working db {r['working_db_mb']:,.0f} MB, snapshot {r['snapshot_mb']:,.0f} MB"
          f"{'' if r['ok'] else ' — NOT OK: ' + '; '.join(r['checks_failed'] + r['refused'])}", flush=True)
    for step, s in r["steps"].items():
        per = f"{r['figures_extracted'] / s:,.0f} figures/s" if s and step in ("raw_documents", "figures") else ""
        print(f"   {step:<45} {s:8.2f} s  {per}")
    if not r["steps"]:
        print("   " + "\n   ".join(r["lines"]))


# ---------------------------------------------------------------------------------------------
# the archive and the sequence of runs


def build_size(archive, work: Path, size: int) -> dict:
    raw = work / f"raw-{size}"
    warehouse = work / f"warehouse-{size}" / "zhibiao.duckdb"
    results = {}
    reused = warehouse.exists()
    if not reused:
        t = time.perf_counter()
        nbytes = archive.write(raw / "reports", 0, size)
        print(f"\ngenerated {size:,} synthetic documents ({nbytes / 2**20:,.0f} MB) in {time.perf_counter() - t:.1f} s "
              f"into {raw}", flush=True)
        results["full"] = run_stage(raw, warehouse, f"full build, {size:,} documents")
    else:
        results["catch-up"] = run_stage(raw, warehouse, f"catch-up run on the reused {size:,}-document warehouse")
    results["noop"] = run_stage(raw, warehouse, f"nothing changed, {size:,} documents")
    # one more report: the next document of the archive not yet in this folder
    extra = size + sum(1 for _ in (raw / "added").glob("*.txt")) if (raw / "added").exists() else size
    archive.write(raw / "added", extra, extra + 1)
    results["one"] = run_stage(raw, warehouse, f"one new report on {size:,} documents")
    return results


def publish_cost(work: Path, size: int) -> None:
    """What publishing costs at this size, apart from the run: the snapshot written from the
    working database, as `zhibiao run` does it."""
    from orchestration import config, publish, warehouse as wh

    settings = config.settings(work / f"raw-{size}", work / f"warehouse-{size}" / "zhibiao.duckdb")
    with wh.connect(settings.working_db, read_only=True) as con:
        versions = dict(con.execute("SELECT document_id, max(version) FROM raw.documents GROUP BY 1").fetchall())
    t = time.perf_counter()
    publish.publish(settings, "bench-publish", versions, sinks=[])
    snap = time.perf_counter() - t
    t = time.perf_counter()
    publish.publish(settings, "bench-publish-2", versions, load_postgres=False)
    full = time.perf_counter() - t
    print(f"\npublish at {size:,} documents: snapshot only {snap:.2f} s, with the Parquet export and the lake {full:.2f} s "
          f"(working db {settings.working_db.stat().st_size / 2**20:,.0f} MB, "
          f"snapshot {settings.warehouse.stat().st_size / 2**20:,.0f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=None, help="the smaller size (default docs/10)")
    ap.add_argument("--workdir", default=None, help="keep the archive and warehouses here (reused next time)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-publish-cost", action="store_true",
                    help="skip the two extra publishes at the end (bench/publish.py times them part by part)")
    ap.add_argument("--_stage", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._stage:
        stage(*args._stage)
        return
    from synthetic import Archive

    small = args.small or max(1, args.docs // 10)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="zhibiao-scale-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    print(f"bench/scale.py: {small:,} then {args.docs:,} synthetic documents under {work}", flush=True)
    try:
        archive = Archive(args.seed)
        at = {size: build_size(archive, work, size) for size in sorted({small, args.docs})}
        if not args.no_publish_cost:
            publish_cost(work, args.docs)
        print("\n== summary")
        for size, r in at.items():
            first = r.get("full") or r["catch-up"]
            print(f"{size:>7,} documents: {'full build' if 'full' in r else 'catch-up'} {first['seconds']:8.1f} s "
                  f"(peak RSS {first['peak_rss_mb']:,.0f} MB) · nothing new {r['noop']['seconds']:5.2f} s · "
                  f"one new report {r['one']['seconds']:6.2f} s (peak RSS {r['one']['peak_rss_mb']:,.0f} MB)")
        if len(at) == 2:
            a, b = (at[s]["one"]["seconds"] for s in sorted(at))
            print(f"one new report, {args.docs:,} vs {small:,} documents: ratio {b / a:.2f} (goal ≤ 1.5; "
                  f"goal ≤ 10 s: {b:.1f} s)")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

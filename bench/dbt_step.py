"""Benchmark: the dbt step and the four mart checks of one new report, on a built working db.

    nice .venv/bin/python bench/dbt_step.py BUILT.work.duckdb REPORT.txt [--name ID] [--workdir DIR]

BUILT is a working database a full build made (bench/scale.py's warehouse, or a copy: never the
file itself, which is copied first). The bench, in this process and on the copy:

1. brings the copy up to this checkout's dbt project when the project differs from its last
   build (`dbt build --full-refresh`, then the four mart checks judging whole marts, so the
   scoped record exists): the "previous run", not timed;
2. adds REPORT.txt as a new document (the real ingest and extractor, under --name, by default
   the file's name with its year + 1: same region, next year, so it meets that region's targets);
3. runs the increment's `dbt build` with the selection `zhibiao run` makes on an unchanged
   project (defs/launch.py: no seeds, no views, no dim_region, no dbt tests on seed-only
   models; unit tests excluded), in this process (dbtRunner, as defs/dbt_inprocess.py does);
4. runs the four blocking mart checks as the asset checks run them (scoped=True), after a
   warm-up judgement of dim_indicator (a run's process has imported and run GX before them:
   figures_valid; the first judgement in a process pays ~5 s of GX's lazy imports).

Prints dbt's elapsed time, the slowest nodes (run_results.json), each suite's seconds, the
process CPU seconds of each part, and the load average. Figures only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _clock():
    return time.perf_counter(), time.process_time()


def _since(t) -> tuple[float, float]:
    w, c = _clock()
    return w - t[0], c - t[1]


def dbt(args: list[str], db: Path, target: Path) -> dict:
    from dbt.cli.main import dbtRunner

    from orchestration import config

    os.environ["ZHIBIAO_DUCKDB"] = str(db)
    os.environ["DO_NOT_TRACK"] = "1"
    from orchestration.defs.dbt_inprocess import close_duckdb

    try:
        res = dbtRunner().invoke([*args, "--project-dir", str(config.DBT_PROJECT_DIR), "--profiles-dir",
                                  str(config.DBT_PROJECT_DIR), "--target-path", str(target),
                                  "--log-path", str(target / "logs"), "--quiet"])
    finally:
        close_duckdb()      # dbt-duckdb keeps the file attached in this process, as a run's dbt step does
    if not res.success:
        raise SystemExit(f"dbt {' '.join(args)} failed: {res.exception or 'see ' + str(target / 'logs')}")
    results = target / "run_results.json"
    return json.loads(results.read_text()) if args[0] != "parse" and results.exists() else {}


def run_selection(target: Path) -> list[str]:
    """The nodes `zhibiao run` builds when the project is unchanged (Launcher.warehouse_subset)."""
    from orchestration.defs.assets.dbt import ZhibiaoTranslator, seed_asset_keys, seed_only_asset_keys

    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    unchanged = seed_asset_keys(nodes) | seed_only_asset_keys(nodes)
    tr = ZhibiaoTranslator()
    key = {uid: tr.get_asset_key(n) for uid, n in nodes.items() if n["resource_type"] in ("model", "seed")}
    picked = []
    for uid, n in nodes.items():
        if n["resource_type"] == "model":
            if n["config"].get("materialized") == "view" or (key[uid] in unchanged and n["name"] != "dim_indicator"):
                continue
            picked.append(n["name"])
        elif n["resource_type"] == "test":
            parents = [p for p in n["depends_on"]["nodes"] if p in key]
            if parents and all(key[p] in unchanged for p in parents):
                continue
            picked.append(n["name"])
    return picked


def mart_checks(db: Path, run_id: str, only=None) -> dict[str, tuple[float, float, bool]]:
    from orchestration import validate, warehouse
    from orchestration.validate.suites import MARTS

    out = {}
    with warehouse.connect(db) as con:
        for table in only or MARTS:
            t = _clock()
            outcome = validate.validate_table(con, table, run_id, scoped=True)
            out[table] = (*_since(t), outcome.success)
    return out


def record_build(db: Path) -> None:
    from orchestration import load, warehouse
    from orchestration.runstate import dbt_project_digest

    with warehouse.connect(db) as con:
        now = load.now_utc()
        con.execute("INSERT INTO raw.builds VALUES (?, 'bench')", [now])
        con.execute("INSERT INTO raw.build_inputs VALUES (?, 'bench', ?)", [now, dbt_project_digest()])


def add_report(db: Path, report: Path, name: str) -> str:
    from orchestration import ingest, load, warehouse

    raw = Path(tempfile.mkdtemp(prefix="zb-dbt-step-raw-"))
    try:
        dest = raw / "reports" / f"{name}.txt"
        dest.parent.mkdir(parents=True)
        # a line added, so the text (and its sha256) is new, as bench/pipeline.py does
        dest.write_text(report.read_text(encoding="utf-8") + "\n本报告由基准测试新增。\n", encoding="utf-8")
        (rf,) = ingest.scan(raw)[0]
        with warehouse.connect(db) as con:
            load.load_document(con, ingest.read(rf), run_id="bench")
            load.load_figures(con, rf.document_id, run_id="bench")
        return rf.document_id
    finally:
        shutil.rmtree(raw, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("built", type=Path)
    ap.add_argument("report", type=Path)
    ap.add_argument("--name")
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--keep", action="store_true", help="keep the copy (and its caught-up state) in --workdir")
    ap.add_argument("--built-by-this", action="store_true",
                    help="BUILT was built by this checkout's dbt project (`dbt build --full-refresh`): skip the rebuild")
    a = ap.parse_args()
    from orchestration import config, warehouse

    work = a.workdir or Path(tempfile.mkdtemp(prefix="zb-dbt-step-"))
    work.mkdir(parents=True, exist_ok=True)
    # defs/ reads the project's manifest at import (`zhibiao` runs `dbt parse` first as well)
    dbt(["parse"], work / "none.duckdb", config.DBT_PROJECT_DIR / "target")
    from orchestration.defs.assets.dbt import project_unchanged
    from orchestration.runstate import dbt_project_digest

    caught_up = work / "caught-up.duckdb"
    target = work / "dbt-target"
    digest = dbt_project_digest()
    if caught_up.exists():
        with warehouse.connect(caught_up) as con:
            fresh = project_unchanged(con, digest)
    else:
        fresh = False
    if not fresh:
        shutil.copyfile(a.built, caught_up)
        t = _clock()
        if not a.built_by_this:
            dbt(["build", "--full-refresh", "--exclude-resource-type", "unit_test"], caught_up, target)
        record_build(caught_up)
        mart_checks(caught_up, "bench-catch-up")
        print(f"catch-up (full refresh + whole mart checks): {_since(t)[0]:.1f} s")
    db = work / "increment.duckdb"
    shutil.copyfile(caught_up, db)
    name = a.name or re.sub(r"-(\d{4})-", lambda m: f"-{int(m.group(1)) + 1}-", a.report.stem, count=1)
    add_report(db, a.report, name)
    dbt(["parse"], db, target)
    select = run_selection(target)
    # the run's process has imported and run GX before its mart checks (figures_valid): so does this one
    import great_expectations  # noqa: F401
    mart_checks(db, "bench-warm-up", only=("dim_indicator",))   # seeds only: unchanged by the increment
    load0 = os.getloadavg()
    t = _clock()
    rr = dbt(["build", "--exclude-resource-type", "unit_test", "--select", *select], db, target)
    dbt_wall, dbt_cpu = _since(t)
    record_build(db)
    t = _clock()
    checks = mart_checks(db, "bench-increment")
    checks_wall, checks_cpu = _since(t)
    load1 = os.getloadavg()
    results = sorted(rr["results"], key=lambda r: -r["execution_time"])
    print(f"one new report ({name}) on {a.built}")
    print(f"load average before {load0[0]:.2f} / after {load1[0]:.2f}")
    print(f"dbt build: {dbt_wall:.2f} s wall, {dbt_cpu:.2f} s CPU of this process, dbt elapsed "
          f"{rr['elapsed_time']:.2f} s, {len(results)} nodes, {sum(r['execution_time'] for r in results):.2f} s of node time")
    for r in results[:15]:
        print(f"    {r['execution_time']:6.2f} s  {r['unique_id'].split('.', 2)[2]}")
    print(f"mart checks: {checks_wall:.2f} s wall, {checks_cpu:.2f} s CPU")
    for table, (w, c, ok) in checks.items():
        print(f"    {table:20s} {w:6.2f} s wall {c:6.2f} s CPU  {'pass' if ok else 'FAIL'}")
    print(f"dbt + checks: {dbt_wall + checks_wall:.2f} s wall, {dbt_cpu + checks_cpu:.2f} s CPU")
    if not a.keep:
        db.unlink()
    if a.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

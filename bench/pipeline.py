"""Benchmark: `zhibiao run` on the shipped documents against the same work as a plain script.

    .venv/bin/python bench/pipeline.py [--raw raw]

Prints: wall time of `zhibiao run` as a fresh process (imports included), the time of the
run itself (imports excluded, measured in-process), and a plain DuckDB script doing the same
ingest + extract + dbt's compiled SQL for every model, seeds loaded from their CSV files (no
Dagster, no dbt, no GX, no tests), with the ratios;
then, on the same warehouse, a second run with nothing changed (as a fresh process, imports
included) and a run after one new document (in-process).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cpu_seconds() -> float:
    """User + system CPU of this process and its finished children: the figure to read beside
    the wall time when other work shares the machine."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def compiled_models(tmp: Path) -> list[tuple[str, str, str, str]]:
    """(schema, name, materialization, SQL) of every dbt model in build order, compiled by dbt
    against an empty warehouse. The SQL names the catalog `zhibiao` (the profile attaches every
    warehouse under that name: orchestration/dbt_duckdb_path.py), so the plain script's file is
    named zhibiao.duckdb."""
    import json
    import os

    from orchestration import config, warehouse

    db = tmp / "compile" / "z.duckdb"
    with warehouse.connect(db):
        pass                                     # the raw tables exist: no empty stand-ins compiled
    dbt = Path(sys.executable).with_name("dbt")
    subprocess.run([str(dbt), "compile", "--quiet", "--project-dir", str(config.DBT_PROJECT_DIR),
                    "--profiles-dir", str(config.DBT_PROJECT_DIR), "--target-path", str(tmp / "target"),
                    "--log-path", str(tmp / "logs")], check=True, env={**os.environ, "ZHIBIAO_DUCKDB": str(db)})
    nodes = json.loads((tmp / "target" / "manifest.json").read_text())["nodes"]
    models = {k: n for k, n in nodes.items() if n["resource_type"] == "model"}
    order, seen = [], set()

    def visit(key: str) -> None:
        if key in seen or key not in models:
            return
        seen.add(key)
        for dep in models[key]["depends_on"]["nodes"]:
            visit(dep)
        order.append(key)

    for key in sorted(models):
        visit(key)
    return [(models[k]["schema"], models[k]["name"], models[k]["config"]["materialized"], models[k]["compiled_code"])
            for k in order]


def seeds() -> list[tuple[str, Path]]:
    from orchestration import config

    return [(p.stem, p) for p in sorted((config.DBT_PROJECT_DIR / "seeds").glob("*.csv"))]


def plain_script(raw: Path, db: Path, models) -> float:
    """The same work without Dagster, dbt or GX: ingest and extract every file, load the seeds,
    then run dbt's own compiled SQL for every model (views as views, the rest as tables)."""
    t = time.perf_counter()
    from orchestration import ingest, load, warehouse

    with warehouse.connect(db) as con:
        for f in ingest.scan(raw)[0]:
            r = load.load_document(con, ingest.read(f))
            load.load_figures(con, f.document_id, r.version)
        con.execute("CREATE SCHEMA IF NOT EXISTS seeds")
        for name, path in seeds():
            con.execute(f"CREATE TABLE seeds.{name} AS SELECT * FROM read_csv('{path}', header = true)")
        for schema, name, materialized, sql in models:
            kind = "VIEW" if materialized == "view" else "TABLE"
            con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            con.execute(f'CREATE {kind} "{schema}"."{name}" AS {sql}')
        con.execute("CHECKPOINT")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", default=str(ROOT / "raw"))
    args = ap.parse_args()
    raw = Path(args.raw).resolve()
    zhibiao = Path(sys.executable).with_name("zhibiao")
    # the `zhibiao` script imports the package the venv was installed from (maybe another
    # checkout): put this checkout first so the new-process runs time the code beside this file
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        load_before = os.getloadavg()[0]
        t, c = time.perf_counter(), cpu_seconds()
        subprocess.run([str(zhibiao), "run", "--raw", str(raw), "--warehouse", str(tmp / "a" / "z.duckdb")],
                       check=True, stdout=subprocess.DEVNULL, env=env)
        cold, cold_cpu = time.perf_counter() - t, cpu_seconds() - c

        # imports paid before the in-process timing (the plain script's are paid before it too):
        # Dagster, dagster-dbt, the definitions, and GX, which figures_valid would import lazily
        t = time.perf_counter()
        import dagster, dagster_dbt  # noqa: F401,E401
        import great_expectations  # noqa: F401
        from orchestration import config, runner
        import orchestration.definitions  # noqa: F401
        imports = time.perf_counter() - t

        t, c = time.perf_counter(), cpu_seconds()
        summary = runner.run(config.settings(raw, tmp / "b" / "z.duckdb"), progress=lambda s: None)
        warm, warm_cpu = time.perf_counter() - t, cpu_seconds() - c
        models = compiled_models(tmp)
        t, c = time.perf_counter(), cpu_seconds()
        plain = plain_script(raw, tmp / "c" / "zhibiao.duckdb", models)
        plain_cpu = cpu_seconds() - c

        t = time.perf_counter()
        out = subprocess.run([str(zhibiao), "run", "--raw", str(raw), "--warehouse", str(tmp / "a" / "z.duckdb")],
                             check=True, capture_output=True, text=True, env=env).stdout
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
    from orchestration import ingest
    files, refused = ingest.scan(raw)      # what a run counts: notes (.md) and hidden files are not documents
    docs = len(files) + len(refused)
    print(f"documents:                          {docs}")
    print(f"load average (1 min) at the start:  {load_before:7.2f}")
    print(f"zhibiao run (new process, imports): {cold:7.2f} s  (CPU {cold_cpu:.1f} s)")
    print(f"imports before the in-process run:  {imports:7.2f} s  (dagster, dagster_dbt, GX, definitions)")
    print(f"zhibiao run (in-process, no imports): {warm:5.2f} s  (CPU {warm_cpu:.1f} s, dbt subprocesses included)")
    print(f"plain DuckDB script, same work:     {plain:7.2f} s  (CPU {plain_cpu:.1f} s; {len(models)} models' compiled SQL)")
    print(f"ratio run/plain: {cold / plain:.1f}x with imports, {warm / plain:.1f}x without"
          f" (CPU: {cold_cpu / plain_cpu:.1f}x, {warm_cpu / plain_cpu:.1f}x)")
    print("the in-process run's steps:")
    for step, seconds in summary.steps.items():
        print(f"    {step:<45} {seconds:7.2f} s")
    print(f"second run, nothing changed (new process, imports): {noop:5.2f} s, {len(said)} steps say 'nothing new'")
    print(f"one new document (in-process):      {one_more:7.2f} s")


if __name__ == "__main__":
    main()

"""The same dbt project on DuckDB, PostgreSQL and Spark, on the same raw tables: are the
marts identical? Prints each mart's rows and canonical checksum (orchestration.mart_checksum)
side by side, and each engine's `dbt build` time; exits 1 if any mart differs.

Run it through scripts/compare-engines.sh (it makes .venv-spark and bounds the time):

    ./scripts/compare-engines.sh                       # the shipped reports under raw/
    ./scripts/compare-engines.sh --home DIR            # reuse a home a previous run left
    ./scripts/compare-engines.sh --engines duckdb,postgres

Steps: `zhibiao run` on raw/ into a temp home (ingest, extract, validate, publish: this also
writes the open lake); then from the working database's raw tables, `dbt build` three times:
DuckDB (a copy of the working file), PostgreSQL 15 (a throw-away cluster; raw tables copied
in), Spark (dbt-spark `session`, in this process; raw tables are the lake's Parquet, read by
the on-run-start hook register_raw_sources).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration import config, lake, publish  # noqa: E402
from orchestration.mart_checksum import TableChecksum, table_checksum  # noqa: E402
from orchestration.postgres.scratch import scratch_cluster  # noqa: E402

DBT_DIR = ROOT / "dbt_project"
RAW_TABLES = ("documents", "figures", "extractions", "ingest_errors", "quarantine")
BUILD = ["build"]  # set by main(): with or without the tests
PG_PORT = int(os.environ.get("ZHIBIAO_COMPARE_PG_PORT", "0"))  # 0: a free port


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, help="a zhibiao home to reuse (skips `zhibiao run` if it has a snapshot)")
    ap.add_argument("--raw", type=Path, default=ROOT / "raw")
    ap.add_argument("--engines", default="duckdb,postgres,spark")
    ap.add_argument("--tests", action="store_true",
                    help="also run the data and unit tests on every engine (./scripts/test.sh runs them on DuckDB and "
                         "PostgreSQL; on Spark in local mode each test is a job of 5-30 s)")
    ap.add_argument("--results", type=Path,
                    help="folder for each engine's checksums (<engine>.json); the table shows every engine found there, "
                         "so engines run by separate invocations line up (default: <home>/compare)")
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    home = args.home or Path(tempfile.mkdtemp(prefix="zhibiao-compare-"))
    settings = config.settings(args.raw, home / "zhibiao.duckdb")
    os.environ.update(DO_NOT_TRACK="1", ZHIBIAO_RAW=str(settings.raw_dir), ZHIBIAO_WAREHOUSE=str(settings.warehouse))
    os.environ.pop("ZHIBIAO_PG_URL", None)
    os.environ.pop(lake.ENV_LAKE, None)

    if not settings.warehouse.exists():
        t = time.monotonic()
        _run([str(Path(sys.executable).with_name("zhibiao")), "run"], "zhibiao run")
        print(f"zhibiao run on {settings.raw_dir}: {time.monotonic() - t:.1f} s", flush=True)
    info = publish.verify_snapshot(settings.warehouse)
    print(f"published run {info.run_id}: {len(info.documents)} documents, marts {sum(info.marts.values())} rows")

    work = home / "compare"
    saved = args.results or work
    saved.mkdir(parents=True, exist_ok=True)
    global BUILD
    BUILD = ["build"] if args.tests else ["build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]
    builders = {"duckdb": build_duckdb, "postgres": build_postgres, "spark": build_spark}
    for engine in engines:
        shutil.rmtree(work / engine, ignore_errors=True)
        t = time.monotonic()
        load_before = os.getloadavg()[0]
        checksums, seconds = builders[engine](settings, work / engine)
        print(f"{engine}: dbt {' '.join(BUILD)}: {seconds:.1f} s (whole step {time.monotonic() - t:.1f} s)", flush=True)
        (saved / f"{engine}.json").write_text(json.dumps({
            "run_id": info.run_id, "seconds": seconds, "command": BUILD,
            "finished_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load": [load_before, os.getloadavg()[0]],
            "marts": {n: [c.rows, c.sha256] for n, c in checksums.items()}}, indent=1), encoding="utf-8")
    results: dict[str, dict[str, TableChecksum]] = {}
    builds: dict[str, dict] = {}
    for engine in ("duckdb", "postgres", "spark"):
        path = saved / f"{engine}.json"
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["run_id"] != info.run_id:
                print(f"ignoring {path}: another published run ({data['run_id']})")
                continue
            results[engine] = {n: TableChecksum(r, h) for n, (r, h) in data["marts"].items()}
            builds[engine] = data
    if not results:
        print("no engine built yet")
        return 1
    print(f"\npublished run {info.run_id}: {len(info.documents)} documents; {os.cpu_count()} cores")
    return report(results, builds)


# -- engines --------------------------------------------------------------------------------


def build_duckdb(settings: config.Settings, work: Path) -> tuple[dict[str, TableChecksum], float]:
    work.mkdir(parents=True)
    db = work / "work.duckdb"
    shutil.copyfile(settings.working_db, db)
    seconds = _dbt(BUILD, work, env={"ZHIBIAO_DUCKDB": str(db)}, target="dev", profiles=DBT_DIR)
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for name in publish.list_marts(con):
            cur = con.execute(f'SELECT * FROM main."{name}"')
            out[name] = table_checksum([d[0] for d in cur.description], cur.fetchall())
    return out, seconds


def build_postgres(settings: config.Settings, work: Path) -> tuple[dict[str, TableChecksum], float]:
    import psycopg

    work.mkdir(parents=True)
    port = PG_PORT or _free_port()
    with scratch_cluster(port, prefix="zhibiao-compare-pg-") as dsn:
        _copy_raw_to_postgres(settings.working_db, dsn)
        profiles = work / "profiles"
        profiles.mkdir()
        (profiles / "profiles.yml").write_text(
            "zhibiao:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n"
            f"      port: {port}\n      user: zb\n      password: ''\n      dbname: postgres\n"
            "      schema: main\n      threads: 2\n", encoding="utf-8")
        seconds = _dbt(BUILD, work, env={}, target="pg", profiles=profiles)
        out = {}
        with psycopg.connect(dsn) as con:
            names = [n for (n,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
                if n.startswith(publish.MART_PREFIXES)]
            for name in sorted(names):
                cur = con.execute(f'SELECT * FROM main."{name}"')
                out[name] = table_checksum([d.name for d in cur.description], cur.fetchall())
        return out, seconds


def build_spark(settings: config.Settings, work: Path) -> tuple[dict[str, TableChecksum], float]:
    """dbt-spark's session method in this process: the SparkSession dbt made is still there
    afterwards, so the marts are read from it without a second JVM start."""
    from dbt.cli.main import dbtRunner

    work.mkdir(parents=True)
    current = lake.current_lake(settings.home / "lake")
    if current is None:  # a home published before the lake existed
        current = lake.write_lake(settings.warehouse, settings.home / "lake", publish.verify_snapshot(settings.warehouse).run_id)
    os.environ.update(ZHIBIAO_RAW_PARQUET=str(current / "raw"), ZHIBIAO_SPARK_HOME=str(work / "spark"))
    os.chdir(work)  # Spark and derby leave files in the working directory
    t = time.monotonic()
    result = dbtRunner().invoke([*BUILD, "--target", "spark", "--project-dir", str(DBT_DIR),
                                 "--profiles-dir", str(DBT_DIR), "--target-path", str(work / "target"),
                                 "--log-path", str(work / "logs")])
    seconds = time.monotonic() - t
    if not result.success:
        raise SystemExit(f"dbt build on Spark failed ({result.exception}); log: {work / 'logs' / 'dbt.log'}")
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    out = {}
    for row in spark.sql("SHOW TABLES IN main").collect():
        name = row.tableName
        if name.startswith(publish.MART_PREFIXES):
            df = spark.table(f"main.{name}")
            out[name] = table_checksum(df.columns, [tuple(r) for r in df.collect()])
    return out, seconds


# -- report -----------------------------------------------------------------------------------


def report(results: dict[str, dict[str, TableChecksum]], builds: dict[str, dict]) -> int:
    """The side-by-side table, in Markdown (docs/scale.md quotes it): per mart and engine the
    rows and the first 12 hex digits of the checksum, whether all engines agree, and per
    engine the dbt build's seconds, when it finished and the 1-minute load average before and
    after it."""
    engines = list(results)
    names = sorted(set().union(*(r.keys() for r in results.values())))
    print()
    print("| mart | " + " | ".join(f"{e} rows | {e} sha256" for e in engines) + " | same |")
    print("| --- | " + " | ".join("---: | ---" for _ in engines) + " | --- |")
    differ = 0
    for name in names:
        cells = [results[e].get(name) for e in engines]
        same = all(c is not None and c == cells[0] for c in cells)
        differ += not same
        print(f"| {name} | " + " | ".join(f"{c.rows} | `{c.sha256[:12]}`" if c else "missing | " for c in cells)
              + (" | yes |" if same else " | **NO** |"))
    print("| dbt build, s | " + " | ".join(f"{builds[e]['seconds']:.1f} | " for e in engines) + " |")
    print("| finished (load before → after) | " + " | ".join(
        f"{builds[e].get('finished_at', '?')} | {_load(builds[e])}" for e in engines) + " |")
    commands = {" ".join(b["command"]) for b in builds.values()}
    print("dbt command: " + "; ".join(sorted(commands)))
    print(f"\n{len(names) - differ} of {len(names)} marts identical on {', '.join(engines)}")
    return 1 if differ else 0


def _load(build: dict) -> str:
    load = build.get("load")
    return f"{load[0]:.1f} → {load[1]:.1f}" if load else "?"


# -- helpers ------------------------------------------------------------------------------------


def _dbt(args: list[str], work: Path, env: dict[str, str], target: str, profiles: Path) -> float:
    t = time.monotonic()
    _run([str(Path(sys.executable).with_name("dbt")), *args, "--target", target, "--project-dir", str(DBT_DIR),
          "--profiles-dir", str(profiles), "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
         f"dbt {' '.join(args)} ({target})", env=env, cwd=work)
    return time.monotonic() - t


def _run(cmd: list[str], what: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    result = subprocess.run(cmd, env={**os.environ, **(env or {})}, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{what} failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _copy_raw_to_postgres(duck: Path, dsn: str) -> None:
    import psycopg

    types = {"DOUBLE": "double precision", "VARCHAR": "text", "TIMESTAMP": "timestamp"}
    with duckdb.connect(str(duck), read_only=True) as con, psycopg.connect(dsn, autocommit=True) as pg:
        pg.execute("CREATE SCHEMA raw")
        for name in RAW_TABLES:
            cols = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'raw' AND table_name = ? ORDER BY ordinal_position", [name]).fetchall()
            if not cols:
                continue
            pg.execute(f"CREATE TABLE raw.{name} ({', '.join(f'{chr(34)}{c}{chr(34)} {types.get(t, t)}' for c, t in cols)})")
            with pg.cursor() as cur, cur.copy(f"COPY raw.{name} FROM STDIN") as copy:
                for row in con.execute(f"SELECT * FROM raw.{name}").fetchall():
                    copy.write_row(row)


if __name__ == "__main__":
    sys.exit(main())

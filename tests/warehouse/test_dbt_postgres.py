"""Portability: the same dbt project, seeds, data tests and unit tests build on PostgreSQL 15
and give the same answers as on DuckDB.

Needs a dbt with the postgres adapter: dbt-postgres in this venv, or the executable named by
ZHIBIAO_DBT_POSTGRES (e.g. a side venv: `uv pip install dbt-core==1.11.16 dbt-postgres==1.11.0`),
and initdb/pg_ctl on PATH. Skipped, saying why, when either is missing.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.mart_checksum import differences, table_checksum
from orchestration.postgres.scratch import scratch_cluster
from tests.support import dbt
from tests.support.net import free_port
from tests.warehouse import test_dbt_warehouse as wh  # the analyst questions, asked on both engines

PORT = free_port()  # other checkouts run this module at the same time


def _dbt_postgres() -> str | None:
    explicit = os.environ.get("ZHIBIAO_DBT_POSTGRES")
    if explicit:
        return explicit
    if importlib.util.find_spec("dbt.adapters.postgres") is not None:
        return str(Path(sys.executable).with_name("dbt"))
    return None


DBT_PG = _dbt_postgres()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.skipif(DBT_PG is None, reason="no dbt-postgres (install it or set ZHIBIAO_DBT_POSTGRES)"),
    pytest.mark.skipif(shutil.which("initdb") is None, reason="PostgreSQL server binaries not on PATH"),
]


@pytest.fixture(scope="module")
def pg():
    with scratch_cluster(PORT, prefix="zhibiao-dbt-pg-") as dsn:
        yield dsn


def _copy_raw_tables(duck: Path, dsn: str) -> None:
    import psycopg

    with duckdb.connect(str(duck), read_only=True) as con, psycopg.connect(dsn, autocommit=True) as pgc:
        pgc.execute("create schema raw")
        for name in ("documents", "figures", "ingest_errors", "quarantine"):
            cols = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'raw' and table_name = ? order by ordinal_position", [name]).fetchall()
            ddl = ", ".join(f'"{c}" {"double precision" if t == "DOUBLE" else t}' for c, t in cols)
            pgc.execute(f"create table raw.{name} ({ddl})")
            rows = con.execute(f"select * from raw.{name}").fetchall()
            if rows:
                with pgc.cursor() as cur:
                    cur.executemany(f"insert into raw.{name} values ({', '.join(['%s'] * len(cols))})", rows)


@pytest.fixture(scope="module")
def built_duck(fixture_warehouse) -> Path:
    """The same raw tables built by dbt on DuckDB (the session's shared build; read only)."""
    return fixture_warehouse


@pytest.fixture(scope="module")
def built_pg(pg, fixture_raw_db, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dbt_pg")
    _copy_raw_tables(fixture_raw_db, pg)
    (tmp / "profiles").mkdir()
    (tmp / "profiles" / "profiles.yml").write_text(
        "zhibiao:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n"
        f"      port: {PORT}\n      user: zb\n      password: ''\n      dbname: postgres\n"
        "      schema: main\n      threads: 1\n")
    result = _dbt_pg(tmp, "build")
    assert result.returncode == 0, result.stdout[-6000:]
    _TMP.append(tmp)
    return pg


_TMP: list[Path] = []   # the built fixture's folder (profiles, target), for later dbt runs


def built_pg_tmp() -> Path:
    return _TMP[-1]


def _dbt_pg(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [DBT_PG, *args, "--project-dir", str(dbt.DBT_DIR), "--profiles-dir", str(tmp / "profiles"),
         "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
        env={**os.environ, "DO_NOT_TRACK": "1"}, cwd=tmp, capture_output=True, text=True)


def _q(dsn: str, sql: str, params: list) -> list[tuple]:
    import psycopg

    with psycopg.connect(dsn, options="-c search_path=main") as con:
        return con.execute(sql.replace("?", "%s"), params).fetchall()


def test_targets_met_on_postgres(built_pg):
    rows = {r[0]: r[-1] for r in _q(built_pg, wh.TARGETS_MET, [wh.ANJI, 2024])}
    assert rows == {"cpi": True, "energy_intensity": False, "gdp": True, "general_budget_revenue": False,
                    "new_listed_companies": True, "urban_unemployment_rate": True}


def test_gdp_and_province_targets_on_postgres(built_pg):
    gdp = _q(built_pg, wh.GDP_BY_YEAR, [wh.ANJI])
    assert [(r[0], float(r[1]) if r[1] is not None else None, r[8]) for r in gdp] == [
        (2023, 580e8, False), (2024, 631.5e8, True), (2025, None, False)]  # 2023: one report only
    provinces = _q(built_pg, wh.PROVINCE_GDP_TARGETS, [2026])
    assert [(r[0], r[3]) for r in provinces] == [("江苏省", "range"), ("浙江省", "approx")]


def _pg_marts(dsn: str) -> dict:
    import psycopg

    out = {}
    with psycopg.connect(dsn) as con:
        names = [n for (n,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()]
        for name in sorted(n for n in names if n.startswith(("dim_", "fct_", "mart_"))):
            cur = con.execute(f'select * from main."{name}"')
            out[name] = table_checksum([d.name for d in cur.description], cur.fetchall())
    return out


def _duck_marts(db: Path) -> dict:
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for (name,) in con.execute("select table_name from information_schema.tables where table_schema = 'main' "
                                   "and regexp_matches(table_name, '^(dim|fct|mart)_') order by 1").fetchall():
            cur = con.execute(f'select * from main."{name}"')
            out[name] = table_checksum([d[0] for d in cur.description], cur.fetchall())
    return out


def test_every_mart_is_identical_on_duckdb_and_postgres(built_pg, built_duck):
    """Same rows, same canonical checksum (orchestration.mart_checksum) for every mart."""
    duck, pg = _duck_marts(built_duck), _pg_marts(built_pg)
    assert set(duck) == {"dim_document", "dim_indicator", "dim_period", "dim_region", "fct_estimate_revision",
                         "fct_figure", "fct_target_outcome", "mart_key_indicators"}
    assert all(c.rows > 0 for c in duck.values()), duck
    assert differences(duck, pg) == []


def test_incremental_build_on_postgres_follows_the_quarantine(built_pg):
    """Last in the module: an incremental `dbt run` (delete+insert and the stale-row post-hook on
    PostgreSQL) drops a figure quarantined after the build, and brings it back once released."""
    import psycopg

    tmp = built_pg_tmp()
    count = "select count(*) from main.fct_figure where document_id = ?"
    (doc, version, no) = _q(built_pg, "select document_id, version, figure_no from main.fct_figure "
                                      "order by document_id, figure_no limit 1", [])[0]
    (before,) = _q(built_pg, count, [doc])[0]
    with psycopg.connect(built_pg, autocommit=True) as con:
        con.execute("""insert into raw.quarantine (document_id, version, figure_no, suite, check_name, reason,
                           run_id, quarantined_at) values (%s, %s, %s, 'raw_figures', 'test_check', 'test', 'pg', now())""",
                    [doc, version, no])
    result = _dbt_pg(tmp, "run")
    assert result.returncode == 0, result.stdout[-4000:]
    assert "incremental" in result.stdout
    assert _q(built_pg, count, [doc])[0][0] == before - 1
    with psycopg.connect(built_pg, autocommit=True) as con:
        con.execute("update raw.quarantine set released_at = now() + interval '1 second' where run_id = 'pg'")
    assert _dbt_pg(tmp, "run").returncode == 0
    assert _q(built_pg, count, [doc])[0][0] == before

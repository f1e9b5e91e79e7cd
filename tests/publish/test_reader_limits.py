"""What a reader's query may not do: write anywhere, take unbounded memory, run for ever."""
from __future__ import annotations

import time

import duckdb
import pytest

from orchestration import cli, config, reader


@pytest.fixture
def snapshot(tmp_path):
    path = tmp_path / "zhibiao.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t AS SELECT range AS n FROM range(1000)")
    return path


def test_no_writable_directory_not_even_duckdbs_temp_folder(snapshot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tmp").mkdir()  # DuckDB's default temp directory, allowed even with external access off
    con = reader.connect_path_readonly(snapshot)
    try:
        for statement in ["COPY t TO '.tmp/out.csv'", "ATTACH '.tmp/new.duckdb' AS n",
                          f"COPY t TO '{tmp_path}/.tmp/abs.parquet'"]:
            with pytest.raises(duckdb.PermissionException):
                con.execute(statement)
        with pytest.raises(duckdb.Error, match="configuration"):
            con.execute("SET temp_directory = '.tmp'")
    finally:
        con.close()
    assert list((tmp_path / ".tmp").iterdir()) == []


def test_memory_limit_comes_from_configuration_and_stops_a_big_query(snapshot, monkeypatch):
    monkeypatch.setenv(config.ENV_SQL_MEMORY_LIMIT, "100MB")
    con = reader.connect_path_readonly(snapshot)
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert limit.endswith("MiB") and float(limit.split()[0]) < 100
        with pytest.raises(duckdb.OutOfMemoryException):
            con.execute("SELECT a.range FROM range(30000000) a ORDER BY random()").fetchall()
        with pytest.raises(duckdb.Error, match="configuration"):
            con.execute("SET memory_limit = '100GB'")
    finally:
        con.close()


def test_query_timeout_interrupts_a_cross_join(snapshot, monkeypatch):
    monkeypatch.setenv(config.ENV_SQL_TIMEOUT, "1")
    con = reader.connect_path_readonly(snapshot)
    try:
        t0 = time.monotonic()
        with pytest.raises(reader.QueryTimeout, match="after 1 s"):
            reader.execute(con, "SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range * b.range = 7")
        assert time.monotonic() - t0 < 30
        assert reader.execute(con, "SELECT count(*) FROM t").fetchone() == (1000,)  # still usable
    finally:
        con.close()


def test_zhibiao_sql_applies_the_timeout(snapshot, monkeypatch, capsys):
    monkeypatch.setenv(config.ENV_SQL_TIMEOUT, "1")
    rc = cli.main(["sql", "--warehouse", str(snapshot),
                   "SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range * b.range = 7"])
    assert rc == 1 and "QueryTimeout" in capsys.readouterr().err

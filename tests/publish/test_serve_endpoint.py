"""The PostgreSQL endpoint: BI clients (psql, psycopg, SQLAlchemy) read the marts, cannot
write or escape to the file system, and see new publishes without reconnecting while
running queries finish on the old data. One private cluster per module (~1 s to start)."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import signal
import threading
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from orchestration import config, publish, serve
from tests.support.faults import REPO, build_working, run_command
from tests.support.net import free_port

# every test but two start-up checks reads the module's private cluster
pytestmark = pytest.mark.postgres

PASSWORD = "s3cret-for-tests"
READER = "bi_reader"
MARTS = ["dim_documents", "fct_figures", "mart_totals", "zhibiao_snapshot"]


def _env_for_cluster(port: int) -> dict:
    return {serve.ENV_PASSWORD: PASSWORD, serve.ENV_USER: READER, serve.ENV_PORT: str(port),
            serve.ENV_TEMP_FILE_LIMIT: "20MB"}


ALICE, BOB = ("bi_alice", "alice-pw"), ("bi_bob", "bob-pw")


@pytest.fixture(scope="module")
def cluster():
    """A home folder reachable by the cluster's OS user (pytest's tmp dirs are 0700 under
    root), a first published snapshot, and a started endpoint."""
    base = serve.reachable_tempdir("zhibiao-test-serve-")
    saved = {k: os.environ.get(k) for k in [*_env_for_cluster(0), serve.ENV_URL]}
    os.environ.update(_env_for_cluster(free_port()))
    os.environ.pop(serve.ENV_URL, None)
    settings = config.settings(base / "raw", base / "wh" / "zhibiao.duckdb")
    users = base / "bi-users"
    users.write_text(f"# more BI users\n{ALICE[0]} {ALICE[1]}\n{BOB[0]} {BOB[1]}\n", encoding="utf-8")
    os.environ[serve.ENV_USERS_FILE] = str(users)
    saved.setdefault(serve.ENV_USERS_FILE, None)
    try:
        publish.publish(settings, "run-1", build_working(settings, 1, 300))
        endpoint = serve.start(settings)
        yield settings, endpoint
    finally:
        serve.stop(settings)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(base, ignore_errors=True)


def _reader(endpoint, **kw) -> psycopg.Connection:
    return psycopg.connect(host=endpoint.host, port=endpoint.port, dbname=endpoint.database,
                           user=READER, password=PASSWORD, connect_timeout=10, **kw)


def _served_rows(conn) -> tuple:
    return conn.execute("SELECT (SELECT run_id FROM zhibiao_snapshot), count(*) FROM marts.fct_figures").fetchone()


def test_psycopg_reads_the_marts(cluster):
    settings, endpoint = cluster
    assert endpoint.reader_url == f"postgresql://{READER}@127.0.0.1:{endpoint.port}/zhibiao"
    with _reader(endpoint) as conn:
        run_id, n = _served_rows(conn)
        assert n == publish.verify_snapshot(settings.warehouse).marts["fct_figures"]
        assert run_id == publish.verify_snapshot(settings.warehouse).run_id
        # search_path defaults to marts, types survive the trip
        row = conn.execute("SELECT unit, is_key, doc_date, value FROM fct_figures WHERE figure_no = 3").fetchone()
        assert row[0] == "亿元" and row[1] is False and str(row[2]) == "2025-01-01" and row[3] == 4.5
        docs = conn.execute("SELECT documents FROM zhibiao_snapshot").fetchone()[0]
        assert sorted(d["document_id"] for d in docs) == ["doc0", "doc1", "doc2"]


def test_psql_reads_the_marts(cluster):
    _, endpoint = cluster
    out = subprocess.run(
        ["psql", "-h", endpoint.host, "-p", str(endpoint.port), "-U", READER, "-d", "zhibiao", "-At",
         "-c", "SELECT count(*) FROM marts.dim_documents"],
        env=dict(os.environ, PGPASSWORD=PASSWORD, PGCONNECT_TIMEOUT="10"), capture_output=True, text=True, timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "3"


def test_sqlalchemy_inspects_tables_and_columns(cluster):
    import sqlalchemy as sa

    _, endpoint = cluster
    engine = sa.create_engine(sa.URL.create(
        "postgresql+psycopg", username=READER, password=PASSWORD, host=endpoint.host,
        port=endpoint.port, database="zhibiao"))
    try:
        insp = sa.inspect(engine)
        assert "marts" in insp.get_schema_names()
        assert sorted(insp.get_table_names(schema="marts")) == MARTS
        cols = {c["name"]: c["type"] for c in insp.get_columns("fct_figures", schema="marts")}
        assert list(cols) == ["figure_no", "document_id", "run_no", "value", "unit", "is_key", "doc_date", "share"]
        assert isinstance(cols["value"], sa.Double)  # DOUBLE_PRECISION
        assert isinstance(cols["share"], sa.Numeric) and (cols["share"].precision, cols["share"].scale) == (5, 2)
        assert isinstance(cols["is_key"], sa.Boolean) and isinstance(cols["doc_date"], sa.Date)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM marts.mart_totals")).scalar() == 3
    finally:
        engine.dispose()


def test_wrong_password_and_other_databases_are_refused(cluster):
    _, endpoint = cluster
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host=endpoint.host, port=endpoint.port, dbname="zhibiao", user=READER, password="wrong")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(host=endpoint.host, port=endpoint.port, dbname="postgres", user=READER, password=PASSWORD)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host=endpoint.host, port=endpoint.port, dbname="zhibiao", user=serve.ADMIN, password=PASSWORD)


REFUSED = [
    "CREATE TABLE marts.x (a int)",
    "CREATE TABLE public.x (a int)",
    "CREATE TEMP TABLE x (a int)",
    "CREATE SCHEMA x",
    "CREATE VIEW v AS SELECT 1",
    "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE EXTENSION pgcrypto",  # a trusted extension: needs CREATE on the database
    "CREATE EXTENSION file_fdw",  # reads server files
    "CREATE DATABASE x",
    "CREATE ROLE x",
    "INSERT INTO marts.fct_figures (figure_no) VALUES (1)",
    "UPDATE marts.fct_figures SET value = 0",
    "DELETE FROM marts.fct_figures",
    "TRUNCATE marts.fct_figures",
    "ALTER TABLE marts.fct_figures ADD COLUMN z int",
    "DROP TABLE marts.fct_figures",
    "COMMENT ON TABLE marts.fct_figures IS 'x'",
    "COPY marts.fct_figures TO '/tmp/zhibiao-escape.csv'",
    "COPY marts.fct_figures FROM '/etc/passwd'",
    "COPY (SELECT 1) TO PROGRAM 'touch /tmp/zhibiao-escape'",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_read_binary_file('/etc/passwd')",
    "SELECT pg_ls_dir('.')",
    "SELECT pg_stat_file('/etc/passwd')",
    "SELECT lo_import('/etc/passwd')",
    "SELECT lo_export(1, '/tmp/zhibiao-escape')",
    "SELECT lo_create(0)",
    "SELECT lo_from_bytea(0, 'x')",
    "SELECT * FROM pg_authid",
    "ALTER SYSTEM SET work_mem = '1MB'",
    "BEGIN; LOCK TABLE marts.fct_figures IN ACCESS EXCLUSIVE MODE",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_writes_and_file_access_are_refused_by_privileges(cluster, statement):
    _, endpoint = cluster
    with _reader(endpoint, autocommit=True) as conn:
        # Lift the read-only default first: the refusal must come from privileges, which a
        # client cannot switch off, not from a session setting it can.
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
        with pytest.raises(errors.InsufficientPrivilege):
            for part in statement.split("; "):
                conn.execute(part)
    assert not Path("/tmp/zhibiao-escape.csv").exists() and not Path("/tmp/zhibiao-escape").exists()


def test_temp_files_are_capped_and_the_bi_role_cannot_lift_the_cap(cluster):
    # Once a cross join wrote 4.8 GB of temp files in 60 s: temp_file_limit is a superuser setting.
    _, endpoint = cluster
    with _reader(endpoint, autocommit=True) as conn:
        assert conn.execute("SHOW temp_file_limit").fetchone()[0] == "20MB"
        assert conn.execute("SHOW work_mem").fetchone()[0] == "16MB"
        assert conn.execute("SHOW client_connection_check_interval").fetchone()[0] == "5s"
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")  # refusals from privileges
        for attempt in ("SET temp_file_limit = -1", f"ALTER ROLE {READER} SET temp_file_limit = -1",
                        "ALTER SYSTEM SET temp_file_limit = -1"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(attempt)
        conn.execute("SET work_mem = '64kB'")  # force the sort to spill
        with pytest.raises(errors.ConfigurationLimitExceeded, match="temp_file_limit"):
            conn.execute("SELECT count(*) FROM (SELECT g, md5(g::text) FROM generate_series(1, 2000000) g "
                         "ORDER BY random()) s").fetchone()


def test_defaults_the_bi_role_gave_itself_are_undone_at_the_next_start(cluster):
    # Stock PostgreSQL lets a role ALTER ROLE itself SET …; it sticks for every session of the role.
    settings, endpoint = cluster
    with _reader(endpoint, autocommit=True) as conn:
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
        conn.execute(f"ALTER ROLE {READER} SET statement_timeout = 0")
        conn.execute(f"ALTER ROLE {READER} SET default_transaction_read_only = off")
    with _reader(endpoint) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "0"
    serve.start(settings)
    with _reader(endpoint) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "10min"
        assert conn.execute("SHOW default_transaction_read_only").fetchone()[0] == "on"


def test_sessions_default_to_read_only(cluster):
    _, endpoint = cluster
    with _reader(endpoint, autocommit=True) as conn:
        assert conn.execute("SHOW default_transaction_read_only").fetchone()[0] == "on"
        with pytest.raises(errors.ReadOnlySqlTransaction):
            conn.execute("CREATE TEMP TABLE x (a int)")


def test_publish_swaps_data_in_without_disturbing_running_queries(cluster):
    settings, endpoint = cluster
    before = publish.verify_snapshot(settings.warehouse)
    idle = _reader(endpoint, autocommit=True)  # open before, used after: must see new data
    long_result: dict = {}
    started = threading.Event()

    def long_query():
        with _reader(endpoint, autocommit=True) as conn:
            started.set()
            long_result["rows"] = conn.execute(
                "SELECT count(*), min(run_no), max(run_no), pg_sleep(1.5) IS NULL FROM marts.fct_figures").fetchone()

    worker = threading.Thread(target=long_query)
    worker.start()
    try:
        assert started.wait(10)
        n = int(before.run_id.split("-")[1]) + 1
        result = publish.publish(settings, f"run-{n}", build_working(settings, n, 450))
        assert result.postgres.startswith(f"loaded run-{n}")
        worker.join(30)
        old_n = before.marts["fct_figures"]
        assert long_result["rows"][:3] == (old_n, n - 1, n - 1)  # finished, on the old data
        assert _served_rows(idle) == (f"run-{n}", 450)
        with _reader(endpoint) as fresh:
            assert _served_rows(fresh) == (f"run-{n}", 450)
            schemas = [r[0] for r in fresh.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'marts%' ORDER BY 1")]
            assert schemas == ["marts"]  # no half-loaded or old schema left behind
    finally:
        idle.close()
        worker.join(30)


def test_a_client_pinning_the_old_tables_never_makes_other_clients_wait(cluster):
    """A BI session left inside a transaction on the old tables: the swap still commits, the
    old schema is dropped later, and no other client ever waits on a lock meanwhile."""
    settings, endpoint = cluster
    pinning = _reader(endpoint)  # not autocommit: its transaction stays open
    pinning.execute("SELECT count(*) FROM marts.fct_figures").fetchone()
    stop, waits, answers = threading.Event(), [], []

    def querying_client():
        with _reader(endpoint, autocommit=True) as conn:
            while not stop.is_set():
                answers.append(_served_rows(conn)[0])

    def lock_monitor():
        with psycopg.connect(endpoint.admin_conninfo, autocommit=True) as admin:
            while not stop.is_set():
                waits.extend(admin.execute(
                    "SELECT a.query FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                    "WHERE NOT l.granted AND a.usename = %s", [READER]).fetchall())
                time.sleep(0.02)

    threads = [threading.Thread(target=querying_client), threading.Thread(target=lock_monitor)]
    for t in threads:
        t.start()
    try:
        n = int(publish.verify_snapshot(settings.warehouse).run_id.split("-")[1]) + 1
        assert publish.publish(settings, f"run-{n}", build_working(settings, n, 20)).postgres.startswith("loaded")
        time.sleep(0.3)  # let the client run a few queries on the new data
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert waits == []
    assert answers[-1] == f"run-{n}"
    with _reader(endpoint, autocommit=True) as fresh:
        names = [r[0] for r in fresh.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'marts%' ORDER BY 1")]
    assert names[0] == "marts" and len(names) == 2 and names[1].startswith("marts_old_")  # still pinned
    pinning.rollback()
    pinning.close()
    n += 1
    publish.publish(settings, f"run-{n}", build_working(settings, n, 20))
    with _reader(endpoint, autocommit=True) as fresh:
        names = [r[0] for r in fresh.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'marts%'")]
    assert names == ["marts"]  # dropped at the next load once released


@pytest.mark.slow
def test_short_load_while_publishing_twice(cluster):
    """bench/serve.py in small: 5 clients, 5 s, 2 publishes, no failed query, new runs seen."""
    settings, endpoint = cluster
    spec = importlib.util.spec_from_file_location("bench_serve", REPO / "bench" / "serve.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    start_n = int(publish.verify_snapshot(settings.warehouse).run_id.split("-")[1])
    counter = iter(range(start_n + 1, start_n + 10))

    def publish_once():
        n = next(counter)
        assert publish.publish(settings, f"run-{n}", build_working(settings, n, 2000)).postgres.startswith("loaded")

    conninfo = f"host={endpoint.host} port={endpoint.port} dbname=zhibiao user={READER} password={PASSWORD}"
    out = bench.run_load(conninfo, clients=5, seconds=5, publish_once=publish_once, publishes=2)
    assert out["failed"] == []
    assert out["queries"] > 0
    assert out["runs_seen"][-1] == f"run-{start_n + 2}"
    assert out["clients_seeing_every_run"] >= 1


def test_stopped_endpoint_is_skipped_then_caught_up_at_start(cluster):
    settings, endpoint = cluster
    assert serve.stop(settings) is True
    try:
        n = int(publish.verify_snapshot(settings.warehouse).run_id.split("-")[1]) + 1
        result = publish.publish(settings, f"run-{n}", build_working(settings, n, 77))
        assert result.postgres.startswith("skipped: private PostgreSQL not running")
    finally:
        again = serve.start(settings)
    assert again.port == endpoint.port
    assert serve.status(settings)["run_id"] == f"run-{n}"
    with _reader(again) as conn:
        assert _served_rows(conn) == (f"run-{n}", 77)


@pytest.mark.slow
def test_kill_9_during_postgres_load_keeps_serving_the_previous_run(cluster):
    settings, endpoint = cluster
    with _reader(endpoint, autocommit=True) as conn:
        served_before = _served_rows(conn)
    killed = subprocess.run(
        run_command(settings.raw_dir, settings.warehouse), capture_output=True, text=True, timeout=120, cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO), ZHIBIAO_FAULT_KILL_AT="pg_loaded"),
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    published = publish.verify_snapshot(settings.warehouse)
    assert published.run_id != served_before[0]  # the DuckDB snapshot moved on ...
    with _reader(endpoint, autocommit=True) as conn:
        assert _served_rows(conn) == served_before  # ... PostgreSQL still serves the old run whole
        for _ in range(50):  # the server aborts the dead loader's transaction when it sees EOF
            names = [r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'marts%'")]
            if names == ["marts"]:
                break
            time.sleep(0.1)
        assert names == ["marts"]
    done = subprocess.run(
        run_command(settings.raw_dir, settings.warehouse), capture_output=True, text=True, timeout=120, cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    assert done.returncode == 0, done.stderr
    latest = publish.verify_snapshot(settings.warehouse)
    with _reader(endpoint, autocommit=True) as conn:
        assert _served_rows(conn) == (latest.run_id, latest.marts["fct_figures"])


def test_existing_server_from_url(cluster, tmp_path, monkeypatch):
    """ZHIBIAO_PG_URL: nothing is started; roles, grants and loads go to that server."""
    _, endpoint = cluster
    with psycopg.connect(endpoint.admin_conninfo, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS ext")
        admin.execute("CREATE DATABASE ext")
    url = f"postgresql://{serve.ADMIN}@{endpoint.host}:{endpoint.port}/ext?password=" + \
        psycopg.conninfo.conninfo_to_dict(endpoint.admin_conninfo)["password"]
    monkeypatch.setenv(serve.ENV_URL, url)
    monkeypatch.setenv(serve.ENV_USER, "bi_ext")
    other = config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")
    publish.publish(other, "run-1", build_working(other, 1, 40))  # loads at once: URL configured
    ext = serve.start(other)
    assert (ext.private, ext.database, ext.port) == (False, "ext", endpoint.port)
    assert not serve.data_dir(other).exists()  # no private cluster was created
    result = publish.publish(other, "run-2", build_working(other, 2, 41))
    assert result.postgres.startswith("loaded run-2")
    with psycopg.connect(host=endpoint.host, port=endpoint.port, dbname="ext", user="bi_ext", password=PASSWORD,
                         autocommit=True) as conn:
        assert _served_rows(conn) == ("run-2", 41)
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("DELETE FROM marts.fct_figures")


def test_existing_server_guards_foreign_roles_and_schemas(cluster, tmp_path, monkeypatch):
    """On a shared server zhibiao never takes over the loading role, nor a `marts` it did not load."""
    _, endpoint = cluster
    with psycopg.connect(endpoint.admin_conninfo, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS ext2")
        admin.execute("CREATE DATABASE ext2")
        admin.execute("DROP ROLE IF EXISTS ext_loader")
        admin.execute("CREATE ROLE ext_loader LOGIN PASSWORD 'loader-pw'")
    monkeypatch.setenv(serve.ENV_URL, f"postgresql://ext_loader@{endpoint.host}:{endpoint.port}/ext2?password=loader-pw")
    monkeypatch.setenv(serve.ENV_USER, "ext_loader")
    with pytest.raises(serve.ServeError, match="role of"):
        serve.start(config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb"))

    password = psycopg.conninfo.conninfo_to_dict(endpoint.admin_conninfo)["password"]
    url = f"postgresql://{serve.ADMIN}@{endpoint.host}:{endpoint.port}/ext2?password={password}"
    monkeypatch.setenv(serve.ENV_URL, url)

    monkeypatch.setenv(serve.ENV_USER, "bi_ext2")
    with psycopg.connect(url, autocommit=True) as owner:
        owner.execute("CREATE SCHEMA marts")
        owner.execute("CREATE TABLE marts.someone_elses (x int)")
    other = config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")
    result = publish.publish(other, "run-1", build_working(other, 1, 5))
    assert result.postgres.startswith("failed") and "not loaded by zhibiao" in result.postgres
    with psycopg.connect(url, autocommit=True) as owner:
        assert owner.execute("SELECT count(*) FROM marts.someone_elses").fetchone() == (0,)


TYPES_SQL = r"""
CREATE OR REPLACE TABLE main.mart_types AS SELECT * FROM (VALUES
  (1, true, 7::TINYINT, 170141183460469231731687303715884105727::HUGEINT, 1.25::FLOAT, 'inf'::DOUBLE,
   12345.678::DECIMAL(12, 3), 'a "quoted", comma
and newline \N', '', NULL::VARCHAR, DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05.123456',
   TIMESTAMPTZ '2024-01-02 03:04:05+00', INTERVAL 90 MINUTE, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID,
   '\xAA\x00'::BLOB, [1, 2, NULL], {'k': 'v', 'n': 1}, MAP {'x': 1}, '{"j": [1]}'::JSON),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
) t(id, b, ti, hi, f, d, dec, s, empty, nul, dt, ts, tstz, iv, u, bl, l, st, m, j)
"""


def test_every_duckdb_type_survives_the_load(cluster):
    import duckdb

    settings, endpoint = cluster
    n = int(publish.verify_snapshot(settings.warehouse).run_id.split("-")[1]) + 1
    docs = build_working(settings, n, 10)
    con = duckdb.connect(str(settings.working_db))
    con.execute(TYPES_SQL)
    con.execute("COMMENT ON TABLE main.mart_types IS 'every DuckDB type'")
    con.execute("COMMENT ON COLUMN main.mart_types.id IS 'row number'")
    con.close()
    try:
        assert publish.publish(settings, f"run-{n}", docs).postgres.startswith("loaded")
        with _reader(endpoint) as conn:
            row = conn.execute("SELECT * FROM mart_types WHERE id = 1").fetchone()
            nulls = conn.execute("SELECT * FROM mart_types WHERE id = 2").fetchone()
            comments = conn.execute("SELECT obj_description('marts.mart_types'::regclass), "
                                    "col_description('marts.mart_types'::regclass, 1)").fetchone()
    finally:
        con = duckdb.connect(str(settings.working_db))
        con.execute("DROP TABLE main.mart_types")
        con.close()
    (id_, b, ti, hi, f, d, dec, s, empty, nul, dt, ts, tstz, iv, u, bl, lst, st, m, j) = row
    assert (b, ti, hi, f, d) == (True, 7, 170141183460469231731687303715884105727, 1.25, float("inf"))
    assert str(dec) == "12345.678"
    assert s == 'a "quoted", comma\nand newline \\N' and empty == "" and nul is None
    # a naive DuckDB TIMESTAMP is UTC by our convention: served as timestamptz
    assert str(dt) == "2024-02-29" and ts.isoformat() == "2024-01-02T03:04:05.123456+00:00"
    assert tstz.isoformat().startswith("2024-01-02T03:04:05") and tstz.utcoffset() is not None
    assert iv.total_seconds() == 5400 and str(u) == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
    assert bytes(bl) == b"\xaa\x00"
    assert lst == [1, 2, None] and st == {"k": "v", "n": 1} and m == {"x": 1} and j == {"j": [1]}
    assert nulls[0] == 2 and all(v is None for v in nulls[1:])
    assert comments == ("every DuckDB type", "row number")  # what BI tools show as docs


SERVE_SCRIPT = r"""
import sys
from orchestration import config, serve
serve.serve_forever(config.settings(sys.argv[1], sys.argv[2]), on_ready=lambda m: print("ready", m, flush=True), poll=0.2)
print("stopped", flush=True)
"""


@pytest.mark.slow
def test_serve_forever_serves_until_sigterm_then_stops_the_cluster(cluster):
    base = serve.reachable_tempdir("zhibiao-test-serve-fg-")
    settings = config.settings(base / "raw", base / "wh" / "zhibiao.duckdb")
    try:
        publish.publish(settings, "run-1", build_working(settings, 1, 5), load_postgres=False)
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVE_SCRIPT, str(settings.raw_dir), str(settings.warehouse)],
            env=dict(os.environ, PYTHONPATH=str(REPO), **{serve.ENV_PORT: str(port)}),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        )
        try:
            line = proc.stdout.readline()
            assert line.startswith("ready ") and f":{port}/zhibiao" in line, proc.stderr.read() if not line else line
            with psycopg.connect(host="127.0.0.1", port=port, dbname="zhibiao", user=READER, password=PASSWORD,
                                 autocommit=True) as conn:
                assert _served_rows(conn) == ("run-1", 5)
                # A publish that did not load PostgreSQL itself: the serve loop catches up.
                publish.publish(settings, "run-2", build_working(settings, 2, 6), load_postgres=False)
                for _ in range(200):
                    if _served_rows(conn)[0] == "run-2":
                        break
                    time.sleep(0.1)
                assert _served_rows(conn) == ("run-2", 6)
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
        assert out.strip() == "stopped" and proc.returncode == 0, err
        assert serve.status(settings)["running"] is False
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(host="127.0.0.1", port=port, dbname="zhibiao", user=READER, password=PASSWORD, connect_timeout=3)
    finally:
        serve.stop(settings)
        shutil.rmtree(base, ignore_errors=True)


def test_start_needs_a_password(tmp_path, monkeypatch):
    monkeypatch.delenv(serve.ENV_PASSWORD, raising=False)
    with pytest.raises(serve.ServeError, match=serve.ENV_PASSWORD):
        serve.start(config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb"))


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the cluster to another OS user")
def test_unreachable_data_folder_is_explained(tmp_path, monkeypatch):
    # pytest's tmp_path lives under a 0700 root folder: the postgres user cannot get there.
    monkeypatch.setenv(serve.ENV_PASSWORD, PASSWORD)
    monkeypatch.delenv(serve.ENV_URL, raising=False)
    with pytest.raises(serve.ServeError, match="cannot write .*chmod o\\+x"):
        serve.start(config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb"))


def test_served_marts_have_the_keys_dbt_declares(cluster):
    # BI tools find joins from primary and foreign keys; dbt's yml tests declare them.
    import duckdb

    settings, endpoint = cluster
    n = int(publish.verify_snapshot(settings.warehouse).run_id.split("-")[1]) + 1
    docs = build_working(settings, n, 10)
    con = duckdb.connect(str(settings.working_db))
    con.execute("CREATE OR REPLACE TABLE main.dim_region AS SELECT * FROM (VALUES ('330000', NULL), ('330100', '330000')) t(region_code, parent_code)")
    con.execute("CREATE OR REPLACE TABLE main.mart_key_indicators AS SELECT '330000:2025:gdp' AS key_indicator_id, "
                "'330000' AS region_code, 'gdp' AS indicator_id")
    con.close()
    try:
        assert publish.publish(settings, f"run-{n}", docs).postgres.startswith("loaded")
        with _reader(endpoint) as conn:
            # pg_catalog, as JDBC/SQLAlchemy read keys (information_schema hides them from a SELECT-only role)
            keys = conn.execute("""
                SELECT c.conrelid::regclass::text, CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'FOREIGN KEY' END,
                       (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)
                FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
                WHERE s.nspname = 'marts' AND c.contype IN ('p', 'f') ORDER BY 1, 2, 3""").fetchall()
    finally:
        con = duckdb.connect(str(settings.working_db))
        con.execute("DROP TABLE main.dim_region")
        con.execute("DROP TABLE main.mart_key_indicators")
        con.close()
    # mart_key_indicators.indicator_id -> dim_indicator is left out: no dim_indicator here.
    assert keys == [("dim_region", "FOREIGN KEY", "parent_code"), ("dim_region", "PRIMARY KEY", "region_code"),
                    ("mart_key_indicators", "FOREIGN KEY", "region_code"),
                    ("mart_key_indicators", "PRIMARY KEY", "key_indicator_id")]


def test_one_bi_user_cannot_change_another_ones_password_or_defaults(cluster):
    # Before: one shared role; `ALTER ROLE … SET statement_timeout = 0` and a new password hit every BI user.
    _, endpoint = cluster

    def login(user, password, **kw):
        return psycopg.connect(host=endpoint.host, port=endpoint.port, dbname=endpoint.database, user=user,
                               password=password, connect_timeout=10, autocommit=True, **kw)

    with login(*ALICE) as conn:
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
        assert conn.execute("SELECT count(*) FROM fct_figures").fetchone()[0] > 0  # through the group
        conn.execute(f"ALTER ROLE {ALICE[0]} SET statement_timeout = 0")      # her own, allowed
        for attempt in (f"ALTER ROLE {BOB[0]} SET statement_timeout = 0", f"ALTER ROLE {BOB[0]} PASSWORD 'x'",
                        f"ALTER ROLE {READER} PASSWORD 'x'", f"ALTER ROLE {serve.group_role(READER)} LOGIN",
                        f"GRANT {serve.group_role(READER)} TO {BOB[0]}"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(attempt)
    with login(*BOB) as conn, _reader(endpoint) as other:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "10min"
        assert other.execute("SHOW statement_timeout").fetchone()[0] == "10min"
    with pytest.raises(psycopg.OperationalError):  # the group holds the privileges and cannot log in
        login(serve.group_role(READER), PASSWORD)

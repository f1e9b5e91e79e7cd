"""publish.publish and reader.connect_readonly: what a reader of the snapshot can rely on."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration import config, publish, reader, runlock
from tests.support.faults import build_working, check_consistent
from tests.support.net import free_port


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    return config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")


def _publish(settings, run_no, rows=1000, **kw):
    docs = build_working(settings, run_no, rows)
    return publish.publish(settings, f"run-{run_no}", docs, **kw)


def test_publish_writes_metadata_marts_and_exports(settings):
    result = _publish(settings, 1, rows=1234)
    info = publish.verify_snapshot(settings.warehouse)
    assert info.run_id == "run-1" == result.run_id
    assert info.documents == {"doc0": 1, "doc1": 1, "doc2": 1}
    assert info.marts == {"dim_documents": 3, "fct_figures": 1234, "mart_totals": 3}
    assert info.duckdb_version == duckdb.__version__
    assert check_consistent(info, settings.warehouse) == 1
    assert result.postgres == "not configured"
    # No temp file and no WAL next to the published snapshot.
    assert sorted(p.name for p in settings.warehouse.parent.iterdir() if p.is_file()) == [
        "zhibiao.duckdb", "zhibiao.duckdb.sha256", "zhibiao.lock", "zhibiao.work.duckdb"
    ]
    latest = publish.latest_export(settings)
    assert latest == result.export_dir
    assert (settings.home / "exports" / "latest").resolve() == latest.resolve()
    assert sorted(p.name for p in latest.iterdir()) == [
        "dim_documents.parquet", "fct_figures.parquet", "manifest.json", "mart_totals.parquet", "zhibiao_snapshot.parquet"
    ]
    con = duckdb.connect()
    assert con.execute("SELECT count(*), min(run_no) FROM read_parquet(?)", [str(settings.home / "exports/latest/fct_figures.parquet")]).fetchone() == (1234, 1)


def test_reader_is_sandboxed(settings):
    _publish(settings, 1)
    con = reader.connect_readonly(settings)
    try:
        assert con.execute("SELECT count(*) FROM fct_figures").fetchone()[0] == 1000
        assert con.execute("SELECT count(*) FROM zhibiao.main.dim_documents").fetchone()[0] == 3
        with pytest.raises(duckdb.PermissionException):
            con.execute("SELECT * FROM read_csv('/etc/passwd')")
        with pytest.raises(duckdb.PermissionException):
            con.execute("COPY fct_figures TO '/tmp/zhibiao-escape.csv'")
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"ATTACH '{settings.working_db}' AS w")
        with pytest.raises(duckdb.Error, match="read-only|read only"):
            con.execute("INSERT INTO fct_figures (figure_no) VALUES (1)")
        with pytest.raises(duckdb.Error, match="read-only|read only"):
            con.execute("CREATE TABLE main.x AS SELECT 1")
        with pytest.raises(duckdb.Error, match="configuration"):
            con.execute("SET enable_external_access = true")
    finally:
        con.close()
    assert not Path("/tmp/zhibiao-escape.csv").exists()


def test_reader_says_nothing_published(settings):
    with pytest.raises(reader.NothingPublished, match="nothing is published"):
        reader.connect_readonly(settings)


def test_open_reader_keeps_snapshot_new_reader_sees_new_one_in_process(settings):
    _publish(settings, 1, rows=100)
    old = reader.connect_readonly(settings)
    _publish(settings, 2, rows=200)
    new = reader.connect_readonly(settings)
    try:
        assert old.execute("SELECT count(*), min(run_no) FROM fct_figures").fetchone() == (100, 1)
        assert new.execute("SELECT count(*), min(run_no) FROM fct_figures").fetchone() == (200, 2)
    finally:
        old.close()
        new.close()


def test_failed_publish_leaves_snapshot_untouched(settings):
    _publish(settings, 1, rows=100)
    before = settings.warehouse.read_bytes()
    build_working(settings, 2, 100)
    # Another process holds the working database: publish must refuse, not copy half a run.
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok',flush=True); time.sleep(60)", str(settings.working_db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(publish.PublishError, match="another process"):
            publish.publish(settings, "run-2", {"doc0": 2})
    finally:
        holder.kill()
        holder.wait()
    assert settings.warehouse.read_bytes() == before
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-1"
    assert [p.name for p in settings.warehouse.parent.iterdir() if ".publish-" in p.name] == []


def test_stale_temp_files_are_removed_by_next_publish(settings):
    _publish(settings, 1, rows=10)
    wh_dir = settings.warehouse.parent
    stale = wh_dir / ".zhibiao.duckdb.publish-999999-deadbeef.tmp"
    stale.write_bytes(b"half a file")
    (wh_dir / ".zhibiao.duckdb.publish-999999-deadbeef.tmp.wal").write_bytes(b"x")
    (settings.home / "exports" / ".tmp-999999-cafe").mkdir()
    (settings.home / "exports" / f".tmp-{os.getpid()}-beef").mkdir()  # our own earlier failure
    (wh_dir / ".pgload-999999-abcd1234").mkdir()
    live = wh_dir / f".pgload-{os.getppid()}-abcd1234"  # a live process (a serve loading): kept
    live.mkdir()
    unrelated = wh_dir / "notes.txt"
    unrelated.write_text("keep me")
    result = _publish(settings, 2, rows=10)
    assert {p.name for p in result.removed_stale} == {
        ".zhibiao.duckdb.publish-999999-deadbeef.tmp", ".zhibiao.duckdb.publish-999999-deadbeef.tmp.wal", ".tmp-999999-cafe",
        ".pgload-999999-abcd1234", f".tmp-{os.getpid()}-beef",
    }
    assert not stale.exists() and unrelated.exists() and live.exists()


def test_working_wal_is_folded_before_copy(settings):
    build_working(settings, 1, 10)
    # Simulate a writer that committed and died before its checkpoint: data only in the WAL.
    script = (
        "import duckdb,os,sys; c=duckdb.connect(sys.argv[1]); c.execute('SET checkpoint_threshold=\"1GB\"');"
        "c.execute('INSERT INTO main.fct_figures (figure_no, document_id, run_no, value) VALUES (-1, \\'doc0\\', 1, 0)');"
        "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(settings.working_db)], check=True)
    assert Path(str(settings.working_db) + ".wal").exists()
    publish.publish(settings, "run-1", {"doc0": 1, "doc1": 1, "doc2": 1})
    assert publish.verify_snapshot(settings.warehouse).marts["fct_figures"] == 11


def test_exports_keep_last_n(settings):
    for n in range(1, 5):
        _publish(settings, n, rows=10, keep_exports=2)
    folders = sorted(p.name for p in (settings.home / "exports").iterdir() if p.is_dir() and not p.is_symlink())
    assert len(folders) == 2 and folders[-1].endswith("run-4") and folders[0].endswith("run-3")


def test_publish_outside_a_run_refuses_while_a_run_holds_the_lock(settings):
    build_working(settings, 1, 10)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from orchestration import config, runlock\n"
         "s=config.settings(sys.argv[1], sys.argv[2])\n"
         "with runlock.run_lock(s, run_id='run-x'):\n print('locked', flush=True); time.sleep(60)",
         str(settings.raw_dir), str(settings.warehouse)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(runlock.RunLockBusy, match=rf"pid {holder.pid}.*run run-x"):
            publish.publish(settings, "run-1", {})
    finally:
        holder.kill()
        holder.wait()
    assert not settings.warehouse.exists()
    # Inside our own run the lock is ours: publish goes through.
    with runlock.run_lock(settings, timeout=5):
        assert runlock.held_by_me(settings)
        publish.publish(settings, "run-1", {})
    assert not runlock.held_by_me(settings)
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-1"


def test_non_marts_are_not_exported(settings):
    result = _publish(settings, 1, rows=10)
    assert "stg_hidden" not in publish.verify_snapshot(settings.warehouse).marts
    assert not (result.export_dir / "stg_hidden.parquet").exists()


def test_snapshot_holds_what_readers_read_and_nothing_else(settings):
    """The marts (a view becomes a table with the view's rows), the raw tables readers read, dbt's
    comments; not dbt's staging/intermediate models, its seeds or the build records."""
    build_working(settings, 1, rows=50)
    con = duckdb.connect(str(settings.working_db))
    try:
        con.execute("CREATE SCHEMA intermediate")
        con.execute("CREATE TABLE intermediate.int_big AS SELECT range AS x FROM range(10)")
        con.execute("CREATE SCHEMA seeds")
        con.execute("CREATE TABLE seeds.units AS SELECT 'x' AS unit")
        con.execute("CREATE TABLE raw.builds AS SELECT now() AS built_at")
        con.execute("CREATE TABLE raw.figures AS SELECT 'doc0' AS document_id, 1 AS version, 7 AS figure_no")
        con.execute("COMMENT ON TABLE main.fct_figures IS 'one row per figure'")
        con.execute("COMMENT ON COLUMN main.fct_figures.value IS 'the value, as written'")
        con.execute("COMMENT ON VIEW main.mart_totals IS 'totals per document'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    publish.publish(settings, "run-1", {"doc0": 1})
    snap = reader.connect_readonly(settings)
    try:
        tables = snap.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'zhibiao' "
                              "ORDER BY ALL").fetchall()
        assert tables == [("main", "dim_documents"), ("main", "fct_figures"), ("main", "mart_totals"),
                          ("main", "zhibiao_digests"), ("main", "zhibiao_snapshot"), ("raw", "documents"),
                          ("raw", "figures")]
        assert snap.execute("SELECT count(*) FROM duckdb_views() WHERE database_name = 'zhibiao' "
                            "AND NOT internal").fetchone()[0] == 0
        assert snap.execute("SELECT sum(total) FROM mart_totals").fetchone()[0] == sum(i * 1.5 for i in range(50))
        assert snap.execute("SELECT figure_no FROM raw.figures").fetchall() == [(7,)]
        comments = snap.execute("SELECT table_name, comment FROM duckdb_tables() WHERE database_name = 'zhibiao' "
                                "AND comment IS NOT NULL ORDER BY ALL").fetchall()
        assert comments == [("fct_figures", "one row per figure"), ("mart_totals", "totals per document")]
        assert snap.execute("SELECT comment FROM duckdb_columns() WHERE database_name = 'zhibiao' "
                            "AND table_name = 'fct_figures' AND column_name = 'value'").fetchone()[0] == "the value, as written"
    finally:
        snap.close()


def test_failed_postgres_load_does_not_undo_the_publish(settings, monkeypatch):
    from orchestration import serve

    monkeypatch.setenv(serve.ENV_URL, f"postgresql://nobody@127.0.0.1:{free_port()}/zhibiao?connect_timeout=2")
    monkeypatch.delenv(serve.ENV_PASSWORD, raising=False)
    result = _publish(settings, 1, rows=10)
    assert result.postgres.startswith("failed: ") and "127.0.0.1" in result.postgres
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-1"
    with pytest.raises(publish.ReplicaError) as raised:
        _publish(settings, 2, rows=10, strict_postgres=True)
    assert raised.value.result.run_id == "run-2"
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-2"


WRITE_AND_DIE = (
    "import duckdb,os,sys; c=duckdb.connect(sys.argv[1]); c.execute('SET checkpoint_threshold=\"1GB\"');"
    "c.execute('CREATE TABLE main.scribble AS SELECT 1 AS x'); os._exit(0)"
)


def test_wal_left_by_a_writer_on_the_published_file_is_removed(settings):
    _publish(settings, 1, rows=10)
    assert settings.warehouse.stat().st_mode & 0o777 == 0o444
    # Someone opened the snapshot read-write (root ignores the 0444) and crashed mid-session.
    subprocess.run([sys.executable, "-c", WRITE_AND_DIE, str(settings.warehouse)], check=True)
    wal = Path(str(settings.warehouse) + ".wal")
    assert wal.exists()
    result = _publish(settings, 2, rows=10)
    assert wal in result.removed_stale and not wal.exists()
    con = reader.connect_readonly(settings)  # with the old WAL beside it, this would fail
    try:
        assert con.execute("SELECT run_id FROM zhibiao_snapshot").fetchone()[0] == "run-2"
    finally:
        con.close()


def test_publish_refuses_while_the_published_file_is_open_read_write(settings):
    _publish(settings, 1, rows=10)
    before = settings.warehouse.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok',flush=True); time.sleep(60)", str(settings.warehouse)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        build_working(settings, 2, 10)
        with pytest.raises(publish.PublishError, match="open read-write"):
            publish.publish(settings, "run-2", {})
    finally:
        holder.kill()
        holder.wait()
    assert settings.warehouse.read_bytes() == before
    assert [p.name for p in settings.warehouse.parent.iterdir() if ".publish-" in p.name] == []


def test_a_client_that_changes_the_snapshot_is_caught_on_open_and_at_the_next_publish(settings, caplog):
    # harlequin opens without -r; as root the 0444 mode does not stop it: a created table persisted.
    _publish(settings, 1)
    assert publish.snapshot_modified(settings.warehouse) is None
    os.chmod(settings.warehouse, 0o644)  # what root can do anyway
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute("CREATE TABLE injected AS SELECT 42 AS answer")
        con.execute("CHECKPOINT")
    assert "changed after it was published" in publish.snapshot_modified(settings.warehouse)
    with pytest.raises(reader.SnapshotModified, match="duckdb -readonly"):
        reader.connect_readonly(settings)
    with caplog.at_level("WARNING", logger="orchestration.publish"):
        _publish(settings, 2)
    assert "modified after publish" in caplog.text
    con = reader.connect_readonly(settings)  # the fresh snapshot reads again, without the table
    try:
        assert con.execute("SELECT run_id FROM zhibiao_snapshot").fetchone() == ("run-2",)
        assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'injected'").fetchone() == (0,)
    finally:
        con.close()


def test_opening_read_only_leaves_the_checksum_valid(settings):
    _publish(settings, 1)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        con.execute("SELECT count(*) FROM fct_figures").fetchone()
    assert publish.snapshot_modified(settings.warehouse) is None
    reader.connect_readonly(settings).close()


def _duckdb_cli() -> str | None:
    import shutil as _sh

    here = Path(sys.executable).parent / "duckdb"
    return str(here) if here.is_file() else _sh.which("duckdb")


@pytest.mark.skipif(_duckdb_cli() is None, reason="no duckdb CLI (requirements.lock installs duckdb-cli)")
def test_the_1x_duckdb_cli_from_pypi_opens_the_snapshot(settings):
    # The pinned DuckDB 2 writes a storage format 1.x clients refuse ("version number 69, we can
    # only read 64-68"); the snapshot is published in v1.4.0 storage, which they read.
    _publish(settings, 1, rows=321)
    assert publish.snapshot_storage_version() == "v1.4.0"
    proc = subprocess.run([_duckdb_cli(), "-readonly", "-csv", str(settings.warehouse), "-c",
                           "SELECT (SELECT run_id FROM zhibiao_snapshot), count(*) FROM fct_figures"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "run-1,321"
    assert publish.snapshot_modified(settings.warehouse) is None  # a read-only open changes nothing


def test_snapshot_storage_version_can_be_the_pinned_duckdbs(settings, monkeypatch):
    monkeypatch.setenv(publish.ENV_STORAGE_VERSION, "")
    _publish(settings, 1)
    con = duckdb.connect()
    con.execute("ATTACH ? AS s (READ_ONLY)", [str(settings.warehouse)])
    (tags,) = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 's'").fetchone()
    assert tags["storage_version"].startswith("v2")
    monkeypatch.setenv(publish.ENV_STORAGE_VERSION, "1.4")
    with pytest.raises(publish.PublishError, match="expected a DuckDB version"):
        _publish(settings, 2)

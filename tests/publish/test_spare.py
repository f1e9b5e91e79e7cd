"""The spare (orchestration/spare.py): the snapshot the last swap retired is patched in place by
the next publish only when nothing reads it; a reader that still has it open, in this process or
another, keeps its rows, and that publish copies the published file as before. Real DuckDB files,
real publishes; each snapshot compared with one written whole (test_snapshot_patch.py)."""
from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from orchestration import config, publish, reader, spare
from tests.publish.test_snapshot_patch import _marts, _raw, _whole, _working, assert_same_snapshot


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    monkeypatch.delenv(publish.ENV_PATCH, raising=False)
    return config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")


def _publish_docs(settings, n: int, run: str) -> str:
    state = {f"doc{i:02d}": 1 for i in range(n)}
    docs = _working(settings, lambda con: (_raw(con, state), _marts(con)))
    return publish.publish(settings, run, docs, sinks=[]).written


def _figures(con) -> int:
    return con.execute("SELECT count(*) FROM main.fct_figure").fetchone()[0]


def test_the_retired_snapshot_is_patched_in_place_and_equals_a_whole_one(settings, tmp_path, monkeypatch):
    assert _publish_docs(settings, 10, "run-1") == "whole"
    first = settings.warehouse.stat().st_ino
    assert _publish_docs(settings, 11, "run-2").startswith("patched: ")   # no spare yet: a copy
    assert spare.spare_path(settings.warehouse).stat().st_ino == first   # run-1's file, kept
    written = _publish_docs(settings, 12, "run-3")
    # run-1's file, brought to 12 documents: two runs' groups replaced, nothing copied
    assert written.startswith("patched the spare: ") and "whole" not in written, written
    assert settings.warehouse.stat().st_ino == first
    assert oct(settings.warehouse.stat().st_mode & 0o777) == "0o444"
    _whole(settings, tmp_path / "whole.duckdb")
    assert_same_snapshot(settings.warehouse, tmp_path / "whole.duckdb")
    assert publish.verify_snapshot(settings.warehouse).marts["fct_figure"] == 12 * 30
    assert not publish.snapshot_modified(settings.warehouse)
    monkeypatch.setenv(publish.ENV_PATCH, "off")   # patching off: written whole, no spare kept (its disk given back)
    assert _publish_docs(settings, 12, "run-4") == "whole"
    assert not spare.spare_path(settings.warehouse).exists()


def test_a_reader_of_this_process_keeps_the_retired_snapshot(settings):
    _publish_docs(settings, 10, "run-1")
    con = reader.connect_readonly(settings)   # opens run-1's file
    try:
        assert _figures(con) == 300
        _publish_docs(settings, 11, "run-2")   # run-1's file becomes the spare
        written = _publish_docs(settings, 12, "run-3")
        assert written.startswith("patched: "), written   # the spare is read here: a copy instead
        assert _figures(con) == 300
    finally:
        con.close()
    assert publish.verify_snapshot(settings.warehouse).marts["fct_figure"] == 12 * 30


def test_a_reader_of_another_process_keeps_the_retired_snapshot(settings):
    _publish_docs(settings, 10, "run-1")
    held = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; con = duckdb.connect(sys.argv[1], read_only=True); "
         "print(con.execute('SELECT count(*) FROM main.fct_figure').fetchone()[0], flush=True); sys.stdin.read(); "
         "print(con.execute('SELECT count(*) FROM main.fct_figure').fetchone()[0], flush=True)",
         str(settings.warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert held.stdout.readline().strip() == "300"
        _publish_docs(settings, 11, "run-2")
        written = _publish_docs(settings, 12, "run-3")
        assert written.startswith("patched: "), written   # its lock refused the write: a copy
        out, _ = held.communicate("", timeout=60)
        assert out.strip() == "300"
    finally:
        if held.poll() is None:
            held.kill()
    assert publish.verify_snapshot(settings.warehouse).marts["fct_figure"] == 12 * 30
    # the spare dropped for that reader, run-2's file is the next one: used again
    assert _publish_docs(settings, 13, "run-4").startswith("patched the spare: ")


def test_a_spare_that_is_the_published_file_or_was_changed_is_not_used(settings, tmp_path):
    _publish_docs(settings, 10, "run-1")
    _publish_docs(settings, 11, "run-2")
    # a publish killed between keeping the spare and its swap: the spare names the published file
    spare.keep(settings.warehouse)
    assert spare.spare_path(settings.warehouse).stat().st_ino == settings.warehouse.stat().st_ino
    assert _publish_docs(settings, 12, "run-3").startswith("patched: ")
    assert publish.verify_snapshot(settings.warehouse).marts["fct_figure"] == 12 * 30
    # a spare written after it was retired is not what its record says: not a starting point
    kept = spare.spare_path(settings.warehouse)
    kept.chmod(0o644)
    con = duckdb.connect(str(kept))
    con.execute("DELETE FROM main.fct_figure WHERE document_id = 'doc01'")
    con.close()
    written = _publish_docs(settings, 13, "run-4")
    assert written.startswith("patched: "), written
    _whole(settings, tmp_path / "whole.duckdb")
    assert_same_snapshot(settings.warehouse, tmp_path / "whole.duckdb")

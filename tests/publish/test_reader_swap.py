"""A reader opening the snapshot while a publish replaces it.

DuckDB reads a file's headers and then its blocks through two separate opens; an ``os.replace``
between them pairs two files (CI saw "Could not read enough bytes" from the kill suite's readers).
The reader compares the path's identity around its ATTACH and opens again when a publish came
in between. The swap is made to land inside that window here by a hook on the identity read, since
the real window is microseconds wide."""
from __future__ import annotations

import os

import duckdb
import pytest

from orchestration import reader


def _snapshot(path, run: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE m AS SELECT ? AS run", [run])
        con.execute("CREATE TABLE t AS SELECT range AS n, ? AS run FROM range(?)", [run, 1000 * run])


@pytest.fixture
def published(tmp_path):
    path = tmp_path / "zhibiao.duckdb"
    _snapshot(path, 1)
    return path


def _publish_after_attach(monkeypatch, path, runs):
    """Each identity read that follows an ATTACH first publishes the next of ``runs``."""
    real, calls, pending = reader._identity, [], list(runs)

    def identity(p):
        calls.append(p)
        if len(calls) % 2 == 0 and pending:   # the check after an ATTACH
            new = path.with_name(f".next-{len(calls)}.duckdb")
            _snapshot(new, pending.pop(0))
            os.replace(new, path)
        return real(p)

    monkeypatch.setattr(reader, "_identity", identity)
    return calls


def test_a_publish_during_the_attach_gives_the_new_snapshot_whole(published, monkeypatch):
    calls = _publish_after_attach(monkeypatch, published, [2])
    con = reader.connect_path_readonly(published)
    try:
        row = con.execute("SELECT (SELECT run FROM m), count(*), min(run), max(run) FROM t").fetchone()
    finally:
        con.close()
    assert row == (2, 2000, 2, 2)   # the file the path names, not the one replaced under the ATTACH
    assert len(calls) == 4          # opened twice


def test_publishes_on_every_attempt_give_a_clear_error(published, monkeypatch):
    _publish_after_attach(monkeypatch, published, range(2, 2 + reader.ATTACH_ATTEMPTS))
    with pytest.raises(reader.SnapshotSwapping, match="replaced by a publish"):
        reader.connect_path_readonly(published)
    monkeypatch.undo()
    con = reader.connect_path_readonly(published)   # once publishing stops, it opens
    try:
        assert con.execute("SELECT run FROM m").fetchone()[0] == 1 + reader.ATTACH_ATTEMPTS
    finally:
        con.close()

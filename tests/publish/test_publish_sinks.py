"""Sinks around the swap: prepared on the checked copy, committed after the swap, each cleaning
its own temp files; a replica's failure never undoes a publish."""
from __future__ import annotations

import duckdb
import pytest

from orchestration import config, publish
from orchestration.sinks import default_sinks
from orchestration.sinks.parquet import ParquetExport
from tests.support.faults import build_working


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    return config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")


class Recorder:
    """A sink writing one temp file per publish; fails where it is told to."""
    label = "recorder"

    def __init__(self, settings, name="recorder", critical=True, fail_at=None):
        self.name, self.critical, self.fail_at = name, critical, fail_at
        self.folder = settings.home / "recorded"
        self.tmp = None
        self.calls: list[str] = []

    def prepare(self, con, run_id, marts):
        self.calls.append("prepare")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.tmp = self.folder / f".tmp-{run_id}"
        rows = con.execute("SELECT count(*) FROM main.fct_figures").fetchone()[0]
        self.tmp.write_text(f"{run_id} {rows} {sorted(marts)}", encoding="utf-8")
        if self.fail_at == "prepare":
            raise RuntimeError("disk full")

    def commit(self):
        self.calls.append("commit")
        if self.fail_at == "commit":
            raise RuntimeError("endpoint down")
        final = self.tmp.with_name(self.tmp.name[len(".tmp-"):])
        self.tmp.rename(final)
        return str(final)

    def abort(self):
        self.calls.append("abort")
        self.tmp.unlink()

    @staticmethod
    def remove_stale(settings, locked):
        return []


def test_a_sink_sees_the_checked_copy_and_commits_after_the_swap(settings):
    docs = build_working(settings, 1, 321)
    sink = Recorder(settings)
    result = publish.publish(settings, "run-1", docs, sinks=[sink])
    assert sink.calls == ["prepare", "commit"]
    assert (settings.home / "recorded" / "run-1").read_text() == "run-1 321 ['dim_documents', 'fct_figures', 'mart_totals']"
    assert result.sinks == {"recorder": str(settings.home / "recorded" / "run-1")}
    assert result.export_dir is None and result.postgres == "not configured"
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-1"


def test_a_failed_prepare_publishes_nothing_and_every_prepared_sink_cleans_up(settings):
    publish.publish(settings, "run-1", build_working(settings, 1, 10), load_postgres=False)
    docs = build_working(settings, 2, 20)
    export, failing = ParquetExport(settings), Recorder(settings, fail_at="prepare")
    with pytest.raises(RuntimeError, match="disk full"):
        publish.publish(settings, "run-2", docs, sinks=[export, failing])
    assert failing.calls == ["prepare", "abort"]
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-1"
    assert publish.latest_export(settings).name.endswith("run-1")
    assert [p.name for p in (settings.home / "exports").iterdir() if p.name.startswith(".")] == []
    assert list((settings.home / "recorded").iterdir()) == []


def test_a_failed_replica_keeps_the_publish_and_says_so(settings, caplog):
    docs = build_working(settings, 1, 10)
    replica = Recorder(settings, name="postgres", critical=False, fail_at="commit")
    result = publish.publish(settings, "run-1", docs, sinks=[replica])
    assert result.postgres == "failed: endpoint down" == result.sinks["postgres"]
    assert publish.verify_snapshot(settings.warehouse).run_id == "run-1"
    assert "snapshot run-1 published, but the recorder failed: endpoint down" in caplog.text

    docs = build_working(settings, 2, 10)
    with pytest.raises(publish.ReplicaError) as err:
        publish.publish(settings, "run-2", docs, sinks=[Recorder(settings, name="postgres", critical=False,
                                                                 fail_at="commit")], strict_postgres=True)
    assert err.value.result.run_id == "run-2" == publish.verify_snapshot(settings.warehouse).run_id


def test_the_default_sinks_follow_the_flags(settings, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_LAKE", raising=False)
    assert [s.name for s in default_sinks(settings)] == ["parquet", "lake", "postgres"]
    assert [s.name for s in default_sinks(settings, export_parquet=False)] == ["lake", "postgres"]
    assert [s.name for s in default_sinks(settings, load_postgres=False)] == ["parquet", "lake"]
    monkeypatch.setenv("ZHIBIAO_LAKE", "off")
    assert [s.name for s in default_sinks(settings)] == ["parquet", "postgres"]


def test_leftovers_of_each_sink_are_removed_by_the_next_publish(settings):
    publish.publish(settings, "run-1", build_working(settings, 1, 10))
    dead = 2 ** 22 + 17  # above pid_max on these machines: no such process
    (settings.home / "exports" / f".tmp-{dead}-abcd1234").mkdir()
    (settings.warehouse.parent / f".pgload-{dead}-abcd1234").mkdir()
    result = publish.publish(settings, "run-2", build_working(settings, 2, 10))
    assert {p.name for p in result.removed_stale} == {f".tmp-{dead}-abcd1234", f".pgload-{dead}-abcd1234"}
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("SELECT run_id FROM zhibiao_snapshot").fetchone() == ("run-2",)

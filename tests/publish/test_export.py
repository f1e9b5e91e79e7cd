"""orchestration/export.py (`zhibiao export`): the Parquet export off the per-run path. Its files
are what a publish's own export writes; exports/latest is always one whole export of one snapshot."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import duckdb
import pytest

from orchestration import cli, config, export, publish
from orchestration.faults import ENV_FAULT
from tests.support.faults import REPO, build_working


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    monkeypatch.setenv("ZHIBIAO_LAKE", "off")
    return config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")


def _publish(settings, run_no: int, rows: int, **kw) -> publish.PublishResult:
    return publish.publish(settings, f"run-{run_no}", build_working(settings, run_no, rows), **kw)


def _same_rows(con, a: str, b: str) -> bool:
    """Two row sets are equal as multisets (EXCEPT ALL both ways)."""
    return con.execute(f"SELECT count(*) FROM (({a}) EXCEPT ALL ({b})) UNION ALL "
                       f"SELECT count(*) FROM (({b}) EXCEPT ALL ({a}))").fetchall() == [(0,), (0,)]


def _assert_whole_export(folder, snapshot) -> str:
    """Every file of the export folder holds its mart as the snapshot does, the manifest names the
    snapshot's run and counts, and nothing else is there. Returns the run."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    con = duckdb.connect()
    con.execute("ATTACH ? AS snap (READ_ONLY)", [str(snapshot)])
    [(run_id, marts)] = con.execute("SELECT run_id, marts FROM snap.main.zhibiao_snapshot").fetchall()
    assert manifest == {"run_id": run_id, "marts": {m["name"]: m["row_count"] for m in marts}}
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{m}.parquet" for m in manifest["marts"]] + ["zhibiao_snapshot.parquet", "manifest.json"])
    for name, rows in manifest["marts"].items():
        file = str(folder / f"{name}.parquet")
        assert con.execute("SELECT count(*) FROM read_parquet(?)", [file]).fetchone()[0] == rows
        assert _same_rows(con, f"SELECT * FROM read_parquet('{file}')", f"SELECT * FROM snap.main.{name}"), name
    assert con.execute("SELECT run_id FROM read_parquet(?)", [str(folder / "zhibiao_snapshot.parquet")]).fetchall() \
        == [(run_id,)]
    return run_id


def test_export_writes_what_a_publish_export_writes(settings):
    with_export = _publish(settings, 1, 1500)   # the API's default: the publish exports too
    by_publish = with_export.export_dir
    _assert_whole_export(by_publish, settings.warehouse)
    result = export.export_parquet(settings, force=True)
    assert result.written and result.run_id == "run-1" and result.folder != by_publish
    assert publish.latest_export(settings) == result.folder
    _assert_whole_export(result.folder, settings.warehouse)
    con = duckdb.connect()
    for name in ("dim_documents", "fct_figures", "mart_totals", "zhibiao_snapshot"):
        a, b = (f"SELECT * FROM read_parquet('{d / (name + '.parquet')}')" for d in (by_publish, result.folder))
        assert _same_rows(con, a, b), name
        # same schema too, column by column
        assert con.execute(f"DESCRIBE {a}").fetchall() == con.execute(f"DESCRIBE {b}").fetchall()


def test_a_run_without_the_export_leaves_latest_as_of_the_last_export(settings):
    _publish(settings, 1, 800, export_parquet=False)
    assert publish.latest_export(settings) is None
    first = export.export_parquet(settings)
    assert first.written and _assert_whole_export(first.folder, settings.warehouse) == "run-1"
    assert export.export_parquet(settings) == export.ExportResult("run-1", first.folder, written=False)
    _publish(settings, 2, 900, export_parquet=False)
    # exports/latest still holds run-1, whole, until the next export
    assert publish.latest_export(settings) == first.folder
    assert json.loads((first.folder / "manifest.json").read_text())["marts"]["fct_figures"] == 800
    second = export.export_parquet(settings)
    assert second.written and _assert_whole_export(second.folder, settings.warehouse) == "run-2"
    assert (settings.home / "exports" / "latest").resolve() == second.folder.resolve()


def test_export_every_run_is_the_switch_of_the_run_path(monkeypatch):
    monkeypatch.delenv(export.ENV_EXPORT, raising=False)
    assert not export.export_every_run()
    monkeypatch.setenv(export.ENV_EXPORT, "every-run")
    assert export.export_every_run()
    monkeypatch.setenv(export.ENV_EXPORT, "scheduled")
    assert not export.export_every_run()


def test_export_refuses_without_a_snapshot_and_while_a_run_holds_the_lock(settings):
    with pytest.raises(export.ExportError, match="nothing is published"):
        export.export_parquet(settings)
    _publish(settings, 1, 100, export_parquet=False)
    # another process holds the lock: refused (exit code 75 from the command)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom orchestration import config, runlock\n"
         "s = config.settings(sys.argv[1], sys.argv[2])\n"
         "with runlock.run_lock(s, run_id='busy'):\n    print('held', flush=True); sys.stdin.readline()",
         str(settings.raw_dir), str(settings.warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        assert holder.stdout.readline().strip() == "held"
        assert cli.main(["export", "--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse)]) == 75
    finally:
        holder.communicate("done\n", timeout=30)
    assert publish.latest_export(settings) is None
    assert cli.main(["export", "--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse)]) == 0
    assert _assert_whole_export(publish.latest_export(settings), settings.warehouse) == "run-1"


EXPORT_SCRIPT = r"""
import sys
from orchestration import config, export
export.export_parquet(config.settings(sys.argv[1], sys.argv[2]), force=True)
"""


def test_export_killed_before_its_rename_leaves_the_previous_export_whole(settings):
    _publish(settings, 1, 700, export_parquet=False)
    first = export.export_parquet(settings).folder
    _publish(settings, 2, 1100, export_parquet=False)
    env = dict(os.environ, PYTHONPATH=str(REPO), ZHIBIAO_LAKE="off", **{ENV_FAULT: "export_written"})
    proc = subprocess.run([sys.executable, "-c", EXPORT_SCRIPT, str(settings.raw_dir), str(settings.warehouse)],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    exports = settings.home / "exports"
    assert [p.name for p in exports.iterdir() if p.name.startswith(".tmp-")]   # the killed export's files
    assert publish.latest_export(settings) == first
    # still one whole export, of run-1 (its manifest, counts and rows agree with each other)
    manifest = json.loads((first / "manifest.json").read_text())
    con = duckdb.connect()
    assert manifest["run_id"] == "run-1"
    for name, rows in manifest["marts"].items():
        assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(first / f"{name}.parquet")]).fetchone()[0] == rows
    assert con.execute("SELECT DISTINCT run_no FROM read_parquet(?)", [str(first / "fct_figures.parquet")]).fetchall() == [(1,)]
    second = export.export_parquet(settings)   # cleans the leftover, then exports run-2
    assert [p.name for p in exports.iterdir() if p.name.startswith(".")] == []
    assert _assert_whole_export(second.folder, settings.warehouse) == "run-2"

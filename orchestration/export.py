"""The Parquet export of the published snapshot, off the per-run path: ``zhibiao export``, the
Dagster asset ``parquet_export`` and its schedule.

Why not in every publish: an export is one whole Parquet file per mart (``exports/latest/
<mart>.parquet``), which cannot follow the change. At 10,000 documents writing it was most of a
one-report publish (``COPY fct_figure`` alone 3.6 s of CPU, 50 MB; 15 s of the 20 s publish), while
the open lake (orchestration/lake/, written by every publish, only the partitions that changed)
already is the per-run open copy. So ``exports/latest/`` is "the marts as of the last export", and
its manifest says which published run that is. ``ZHIBIAO_PARQUET_EXPORT=every-run`` puts the
export back into every publish (small warehouses, where it costs a fraction of a second).

Rules:
- The export is written from the *published* snapshot (attached read-only: the file it names at
  the start, even if a publish replaces it meanwhile), never from the working database, with the
  same sink as a publish's export (orchestration/sinks/parquet.py): a temp folder, fsynced, renamed,
  then the ``latest``/``LATEST`` pointers swapped atomically. A reader of ``exports/latest/`` sees
  the previous export or the new one, each whole and of one snapshot.
- It holds the run lock (one writer of ``exports/`` at a time; a publish with the export on writes
  there too), waiting up to ``wait`` seconds for a running run.
- An export of the run ``exports/latest`` already holds is skipped (nothing to do), unless forced.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import runlock
from orchestration.checksums import snapshot_modified
from orchestration.config import Settings
from orchestration.faults import kill_point
from orchestration.published import MART_SCHEMA, SNAPSHOT_TABLE
from orchestration.sinks.parquet import ParquetExport, latest_export

ENV_EXPORT = "ZHIBIAO_PARQUET_EXPORT"   # "scheduled" (default) or "every-run"
EVERY_RUN = "every-run"


class ExportError(RuntimeError):
    """Nothing to export (no snapshot) or the snapshot cannot be trusted; exports/ is unchanged."""


@dataclass(frozen=True)
class ExportResult:
    run_id: str            # the published run the export holds
    folder: Path           # exports/<stamp>-<run_id>/ (exports/latest points at it)
    written: bool          # False: exports/latest already held this run


def export_every_run() -> bool:
    """Whether every publish writes the export too (ZHIBIAO_PARQUET_EXPORT=every-run)."""
    return os.environ.get(ENV_EXPORT, "").strip().lower() == EVERY_RUN


def export_parquet(settings: Settings, *, keep: int = 5, wait: float = 0.0, force: bool = False) -> ExportResult:
    """Export the published snapshot's marts to ``<home>/exports/`` and point ``latest`` at it.

    Takes the run lock unless this process holds it (``wait``: seconds to wait for a run; raises
    runlock.RunLockBusy after). Raises ExportError when nothing is published or the published
    file was modified after its publish."""
    if runlock.held_by_me(settings):
        return _export_locked(settings, keep, force)
    with runlock.run_lock(settings, timeout=wait, run_id="export"):
        return _export_locked(settings, keep, force)


def _export_locked(settings: Settings, keep: int, force: bool) -> ExportResult:
    target = settings.warehouse
    if not target.is_file():
        raise ExportError(f"nothing is published at {target} yet: `zhibiao run` publishes a snapshot first")
    modified = snapshot_modified(target)
    if modified:
        raise ExportError(f"not exporting: {modified}")
    ParquetExport.remove_stale(settings, locked=True)   # we hold the lock: any temp export is a leftover
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("ATTACH ? AS snap (READ_ONLY)", [str(target)])
        con.execute("USE snap")
        [(run_id, marts)] = con.execute(f"SELECT run_id, marts FROM {MART_SCHEMA}.{SNAPSHOT_TABLE}").fetchall()
        current = latest_export(settings)
        if not force and current is not None and _manifest_run(current) == run_id:
            return ExportResult(run_id, current, written=False)
        sink = ParquetExport(settings, keep)
        try:
            sink.prepare(con, run_id, {m["name"]: m["row_count"] for m in marts})
        except BaseException:
            sink.abort()
            raise
    finally:
        con.close()
    kill_point("export_written")
    return ExportResult(run_id, Path(sink.commit()), written=True)


def _manifest_run(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("run_id")
    except (OSError, ValueError):
        return None

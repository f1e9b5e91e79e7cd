"""The Parquet export: every mart and the zhibiao_snapshot row as Parquet files in
``<home>/exports/<stamp>-<run_id>/`` with a manifest.json; ``exports/latest`` (a symlink) and
``exports/LATEST`` (a file naming the folder) are swapped atomically after the snapshot. The last
``keep`` folders are kept. Temp names: ``exports/.tmp-<pid>-<token>`` (the export being
written), ``exports/.latest.<pid>`` and ``exports/.LATEST.<pid>`` (the pointers being swapped);
the swap, the pruning and the sweep of those temp names are orchestration/pointers.py's.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from orchestration import pointers
from orchestration.config import Settings
from orchestration.faults import kill_point
from orchestration.identifiers import quote_ident
from orchestration.files import fsync_dir, fsync_file
from orchestration.published import MART_SCHEMA, SNAPSHOT_TABLE

EXPORTS_DIR = "exports"
LATEST_LINK = "latest"
LATEST_FILE = "LATEST"


class ParquetExport:
    name = "parquet"
    label = "Parquet export"
    critical = True   # an export that cannot be written or promoted fails the publish

    def __init__(self, settings: Settings, keep: int = 5):
        self.exports = settings.home / EXPORTS_DIR
        self.keep = keep
        self.tmp: Path | None = None
        self.final: Path | None = None

    def prepare(self, con, run_id: str, marts: dict[str, int]) -> None:
        self.exports.mkdir(parents=True, exist_ok=True)
        tmp = self.tmp = pointers.temp_path(self.exports)
        tmp.mkdir()
        for name in marts:
            con.execute(f"COPY {MART_SCHEMA}.{quote_ident(name)} TO ? (FORMAT parquet)", [str(tmp / f"{name}.parquet")])
        con.execute(f"COPY {MART_SCHEMA}.{SNAPSHOT_TABLE} TO ? (FORMAT parquet)", [str(tmp / f"{SNAPSHOT_TABLE}.parquet")])
        (tmp / "manifest.json").write_text(
            json.dumps({"run_id": run_id, "marts": marts}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        for p in tmp.iterdir():
            fsync_file(p)
        fsync_dir(tmp)

    def commit(self) -> str:
        """Give the finished export its final name, then swap the pointers atomically."""
        tmp, exports = self.tmp, self.exports
        final = self.final = pointers.version_path(exports, _read_run_id(tmp))
        os.rename(tmp, final)
        self.tmp = None
        pointers.swap_pointers(exports, final, LATEST_LINK, LATEST_FILE)
        pointers.prune_versions(exports, final, self.keep)
        kill_point("exports_swapped")
        return str(final)

    def abort(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    @staticmethod
    def remove_stale(settings: Settings, locked: bool) -> list[Path]:
        """Locked (no publish under way), every temp export goes; else those of dead processes."""
        exports = settings.home / EXPORTS_DIR
        if not exports.is_dir():
            return []
        return pointers.remove_stale_temps(exports, LATEST_LINK, LATEST_FILE, any_pid=locked)


def latest_export(settings: Settings) -> Path | None:
    """The export folder of the latest publish, or None."""
    return pointers.read_pointer(settings.home / EXPORTS_DIR, LATEST_FILE)


def _read_run_id(export_dir: Path) -> str:
    return json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))["run_id"]

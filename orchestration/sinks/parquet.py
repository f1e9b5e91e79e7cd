"""The Parquet export: every mart and the zhibiao_snapshot row as Parquet files in
``<home>/exports/<stamp>-<run_id>/`` with a manifest.json; ``exports/latest`` (a symlink) and
``exports/LATEST`` (a file naming the folder) are swapped atomically after the snapshot. The last
``keep`` folders are kept. Temp names: ``exports/.tmp-<pid>-<token>`` (the export being
written), ``exports/.latest.<pid>`` and ``exports/.LATEST.<pid>`` (the pointers being swapped).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from datetime import datetime, UTC
from pathlib import Path

from orchestration.config import Settings
from orchestration.faults import kill_point
from orchestration.identifiers import quote_ident
from orchestration.files import fsync_dir, fsync_file, pid_alive, safe_name, unlink_quietly
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
        tmp = self.tmp = self.exports / f".tmp-{os.getpid()}-{secrets.token_hex(4)}"
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
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        final = self.final = exports / f"{stamp}-{safe_name(_read_run_id(tmp))}"
        os.rename(tmp, final)
        self.tmp = None
        link_tmp = exports / f".{LATEST_LINK}.{os.getpid()}"
        unlink_quietly(link_tmp)
        os.symlink(final.name, link_tmp)  # relative, so the home folder can move
        os.replace(link_tmp, exports / LATEST_LINK)
        file_tmp = exports / f".{LATEST_FILE}.{os.getpid()}"
        file_tmp.write_text(final.name + "\n", encoding="utf-8")
        fsync_file(file_tmp)
        os.replace(file_tmp, exports / LATEST_FILE)
        fsync_dir(exports)
        finished = sorted(p for p in exports.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
        for old in finished[: max(len(finished) - max(self.keep, 1), 0)]:
            if old != final:
                shutil.rmtree(old, ignore_errors=True)
        kill_point("exports_swapped")
        return str(final)

    def abort(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    @staticmethod
    def remove_stale(settings: Settings, locked: bool) -> list[Path]:
        """Locked (no publish under way), every temp export goes; else those of dead processes."""
        removed: list[Path] = []
        exports = settings.home / EXPORTS_DIR
        if not exports.is_dir():
            return removed
        for p in exports.iterdir():
            m = re.match(rf"^\.(?:tmp|{LATEST_LINK}|{LATEST_FILE})[.-](\d+)", p.name)
            if m and (locked or (int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))))):
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    unlink_quietly(p)
                removed.append(p)
        return removed


def latest_export(settings: Settings) -> Path | None:
    """The export folder of the latest publish, or None."""
    pointer = settings.home / EXPORTS_DIR / LATEST_FILE
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return settings.home / EXPORTS_DIR / name


def _read_run_id(export_dir: Path) -> str:
    return json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))["run_id"]

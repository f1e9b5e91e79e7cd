"""A folder of versions behind a pointer, as the open lake (``current``/``CURRENT``) and the
Parquet export (``latest``/``LATEST``) keep theirs::

    <root>/<link> -> <stamp>-<run_id>/    relative symlink, so the folder can move
    <root>/<FILE>                         the same folder name as text (for tools that do not
                                          follow symlinks)
    <root>/<stamp>-<run_id>/              finished versions, oldest first by name

A version is written under ``temp_path(root)`` (``.tmp-<pid>-<token>``), renamed to
``version_path(root, run_id)``, then pointed at by ``swap_pointers``: each pointer is written
under ``.<name>.<pid>`` and renamed over the old one, and the folder is fsynced, so a reader
sees the old version or the new one, never neither. ``prune_versions`` keeps the newest
``keep``. ``remove_stale_temps`` sweeps the temp names this module hands out, by their pid.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from datetime import datetime, UTC
from pathlib import Path

from orchestration.files import fsync_dir, fsync_file, pid_alive, safe_name, unlink_quietly


def temp_path(root: Path) -> Path:
    """Where a new version is written before it gets its name (not created here)."""
    return root / f".tmp-{os.getpid()}-{secrets.token_hex(4)}"


def version_path(root: Path, run_id: str) -> Path:
    """The name a finished version is renamed to: ``<UTC stamp>-<run id>``, sorting by time."""
    return root / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}-{safe_name(run_id)}"


def swap_pointers(root: Path, version: Path, link: str, file: str) -> None:
    """Point ``root/link`` (symlink) and ``root/file`` (its name as text) at ``version``,
    each replaced atomically, then fsync ``root``."""
    link_tmp = root / f".{link}.{os.getpid()}"
    unlink_quietly(link_tmp)
    os.symlink(version.name, link_tmp)  # relative: the folder can move
    os.replace(link_tmp, root / link)
    file_tmp = root / f".{file}.{os.getpid()}"
    file_tmp.write_text(version.name + "\n", encoding="utf-8")
    fsync_file(file_tmp)
    os.replace(file_tmp, root / file)
    fsync_dir(root)


def read_pointer(root: Path, file: str) -> Path | None:
    """The version ``root/file`` names, or None when there is none yet."""
    try:
        name = (root / file).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return root / name


def prune_versions(root: Path, current: Path, keep: int, *, background: bool = False) -> None:
    """Remove all but the newest ``keep`` (at least one) versions; never ``current``.

    ``background``: each old version is first renamed to a temp name (one rename: it is no
    longer a version), then a detached, niced ``rm -rf`` removes those folders. For a
    version of many thousand folders (the lake: one per region and year) the removal costs
    tens of seconds of ``rmdir`` on a busy disk, which the run need not wait for. A folder the
    child did not finish is a stale temp: the next writer's ``remove_stale_temps`` takes it."""
    versions = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
    old = [p for p in versions[: max(len(versions) - max(keep, 1), 0)] if p != current]
    if not background:
        for p in old:
            shutil.rmtree(p, ignore_errors=True)
        return
    retired = []
    for p in old:
        tmp = temp_path(root)
        os.rename(p, tmp)
        retired.append(str(tmp))
    if retired:
        import subprocess

        # sh puts the removal in the background and exits at once: waited for here, so no
        # zombie or "still running" child is left to this (possibly long-lived) process.
        subprocess.run(["sh", "-c", 'nice -n 10 rm -rf -- "$@" </dev/null >/dev/null 2>&1 &', "sh", *retired],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       start_new_session=True, check=False)


def remove_stale_temps(root: Path, link: str, file: str, *, any_pid: bool = False) -> list[Path]:
    """Remove the temp versions and pointer temps under ``root`` whose writer is gone; with
    ``any_pid`` (the caller holds the run lock and writes nothing yet) every one, ours included.
    Returns what it tried to remove."""
    pattern = re.compile(rf"^\.(?:tmp-|{re.escape(link)}\.|{re.escape(file)}\.)(\d+)")
    removed: list[Path] = []
    for p in root.iterdir():
        m = pattern.match(p.name)
        if m and (any_pid or (int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))))):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                unlink_quietly(p)
            removed.append(p)
    return removed

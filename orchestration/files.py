"""File operations that make writes durable and clean-ups safe: fsync of a file and of its
folder (a rename is durable only once the folder is synced), unlink that tolerates absence,
whether the process that named a temp file is still alive, and a run id made safe for a folder name."""
from __future__ import annotations

import os
import re
from pathlib import Path


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_filesystem(path: Path) -> bool:
    """Flush every written file and folder of the file system holding ``path`` and wait for it
    (Linux ``syncfs``). One call instead of an fsync per file and folder: a tree of many
    thousand small files and folders (the lake) costs one journal commit, not one each.
    Returns False where ``syncfs`` is unavailable or failed; the caller then fsyncs each entry."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)


def unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def safe_name(text: str) -> str:
    """A run id as a folder-name part: only letters, digits, '.', '_' and '-', at most 80."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:80] or "run"

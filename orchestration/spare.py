"""The spare: the snapshot a publish retired, kept under a hidden name as the starting point of
the next publish, so that one patches it in place instead of copying the published file first.

Why: at 10,000 documents the copy of the 600 MB published file was the largest part of a patched
publish (1.8 s of kernel CPU, 2 s wall, more than the hashing and the patch together), and a copy
of a file that big only to replace a few thousand rows in it is the part that grows with the
warehouse. The file the swap replaces is an earlier snapshot, complete and checked, carrying its
own digests (orchestration/snapshot.py): patched from there, the groups of two runs are replaced
instead of one (the patch compares every group, so the result is the same either way).

The spare is ``.<warehouse name>.spare`` beside the snapshot, with its checksum record
``.<warehouse name>.spare.sha256`` (the published file's, which names the same inode). It is
made just before the swap as a second name of the published file (a hard link, no copy); after
the swap it is the only name of that inode. It is used only when nothing can be reading it:

- it is exactly the file that was published (its record: inode, size, mtime; no WAL beside it)
  and not the inode of the current snapshot (a crash between the link and the swap);
- no open file of this process is that inode (DuckDB's file lock does not stop a second opener in
  the same process: a reader connection of this process found in /proc/self/fd);
- no other process has it open: DuckDB's lock refuses the read-write ATTACH while a reader
  holds its read lock (orchestration/snapshot.py then copies the published file, as before).

A reader that still reads the retired file keeps it: the spare is then dropped (unlinked: the
reader keeps its inode) and the next swap makes a new one. A tool that reads the published file
without DuckDB (a backup's ``cp``) takes no lock: one still copying the old file at the next
publish would see it change. ``ZHIBIAO_SNAPSHOT_PATCH=off`` keeps no spare. The spare costs the
disk one more snapshot-sized file.
"""
from __future__ import annotations

import os
from pathlib import Path

from orchestration.checksums import as_published, checksum_file
from orchestration.files import unlink_quietly


def spare_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.spare")


def keep(target: Path) -> None:
    """Just before the swap: make the published file (about to be replaced) the spare, a second
    name of its inode with a copy of its checksum record. A file not as published is no spare."""
    drop(target)
    if not as_published(target):
        return
    spare = spare_path(target)
    record = checksum_file(spare)
    part = record.with_name(f"{record.name}.{os.getpid()}.tmp")
    part.write_bytes(checksum_file(target).read_bytes())
    os.replace(part, record)
    os.link(target, spare)


def take(target: Path, tmp: Path) -> bool:
    """Move the spare to ``tmp`` (the publish's temp name: a crash leaves a temp file the next
    publish removes) when nothing of this process may be reading it, writable. False (and the
    spare dropped when it cannot serve) otherwise. Other processes: the caller's read-write
    ATTACH fails on their lock (module docstring)."""
    spare = spare_path(target)
    try:
        st, published = spare.stat(), target.stat()
    except OSError:
        drop(target)
        return False
    if ((st.st_dev, st.st_ino) == (published.st_dev, published.st_ino) or not as_published(spare)
            or spare.with_name(spare.name + ".wal").exists() or _open_here(st)):
        drop(target)
        return False
    os.replace(spare, tmp)
    unlink_quietly(checksum_file(spare))
    tmp.chmod(0o644)
    return True


def drop(target: Path) -> None:
    spare = spare_path(target)
    unlink_quietly(spare)
    unlink_quietly(checksum_file(spare))


def _open_here(st: os.stat_result) -> bool:
    """Whether a file descriptor of this process is the file ``st`` (Linux: /proc/self/fd). Where
    that cannot be known, it is assumed open."""
    fds = Path("/proc/self/fd")
    try:
        names = os.listdir(fds)
    except OSError:
        return True
    for name in names:
        try:
            fd = os.stat(fds / name)
        except OSError:   # closed since the listing (the listing's own descriptor among them)
            continue
        if (fd.st_dev, fd.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False

"""The record beside a published snapshot, ``<name>.sha256`` (JSON: sha256, size, inode, mtime
of the file as published), and the check of a snapshot against it. Mode bits do not stop root,
and a client opening the file read-write (harlequin's default) can change it: readers check the
file against this record on every open (a stat; the hash only if the stat differs) and refuse
a changed snapshot. Publishing writes it; the reader checks it; neither imports the other."""
from __future__ import annotations

import json
import os
from pathlib import Path

from orchestration.ingest import sha256_of


def checksum_file(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def write_checksum(tmp: Path, target: Path) -> None:
    st = tmp.stat()  # os.replace keeps the inode: the record describes the file readers will open
    record = {"sha256": sha256_of(tmp), "size": st.st_size, "inode": st.st_ino, "mtime_ns": st.st_mtime_ns}
    side = checksum_file(target)
    part = side.with_name(f".{side.name}.{os.getpid()}.tmp")
    part.write_text(json.dumps(record) + "\n", encoding="utf-8")
    os.replace(part, side)


def snapshot_modified(target: Path) -> str | None:
    """Why the published file differs from what was published, or None if it does not (or
    if there is no record for this file: published before records existed, or a publish is
    between writing the record and its rename)."""
    try:
        record = json.loads(checksum_file(target).read_text(encoding="utf-8"))
        st = target.stat()
    except (OSError, ValueError):
        return None
    if st.st_ino != record.get("inode"):
        return None
    if (st.st_size, st.st_mtime_ns) == (record.get("size"), record.get("mtime_ns")):
        return None
    digest = sha256_of(target)
    if digest == record.get("sha256"):
        return None
    return (f"{target} changed after it was published (sha256 {digest[:12]}…, published {record['sha256'][:12]}…): "
            f"a client opened it read-write")


def as_published(target: Path) -> bool:
    """Whether the file is exactly the one a publish wrote: its record names its inode, size and
    mtime (a stat, no hash). What may be trusted to describe itself (its stored digests)."""
    try:
        record = json.loads(checksum_file(target).read_text(encoding="utf-8"))
        st = target.stat()
    except (OSError, ValueError):
        return False
    return (st.st_ino, st.st_size, st.st_mtime_ns) == (record.get("inode"), record.get("size"), record.get("mtime_ns"))

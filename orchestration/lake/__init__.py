"""The open lake: the published marts and raw tables as plain Parquet, partitioned Hive-style
by province and year, so DuckDB, Spark or Trino elsewhere read the warehouse without zhibiao.

Layout (stable; ``LAYOUT_VERSION`` changes if it ever must)::

    <lake>/current -> <stamp>-<run_id>/      symlink, swapped atomically at each publish
    <lake>/CURRENT                           the same folder name as text (for tools that
                                             do not follow symlinks)
    <lake>/<stamp>-<run_id>/
        _lake.json                           run, layout version, and per table: rows,
                                             columns, partition keys
        marts/<table>/province=<code>/year=<yyyy>/data_0.parquet
        raw/<table>/province=<code>/year=<yyyy>/data_0.parquet
        marts/dim_region/data_0.parquet      dimensions (small lookup tables): one file

``province`` is the GB/T 2260 adcode of the row's province as text (the first two digits of its
region's code and ``0000``: ``330000`` for a county of Zhejiang, ``100000`` for the nation) and
``year`` the period (facts and ``mart_`` tables) or the document's year (raw: review year, else
plan year, else the year of its date). Both are *extra* columns: every file also holds all of the
table's own columns, the region's own code (``region_code``) among them, so a reader that ignores
the directory names loses nothing and a county is one filter away
(``WHERE province = '330000' AND region_code = '330523'``).

Layout version 2 (province) replaced version 1 (``region=<county code>``): at 10,000 documents
the counties made ~95,000 folders of 25 KB files, and a publish linked each of them again
(36 s); by province and year it is ~4,000. A missing key is written as
``__HIVE_DEFAULT_PARTITION__`` (read back as NULL by DuckDB, Spark and Trino). A table
without rows is one empty file at its root, so its schema is still readable.

The lake is written from the published snapshot (read-only), into a temp folder beside the
versions, synced, renamed, and only then pointed at: a reader never sees half a lake, and
one that is reading the previous version keeps it until ``keep`` newer ones exist (the
pointers, the pruning and the temp names are orchestration/pointers.py's, as for the Parquet export).

Every version is complete, but a publish writes only the partitions whose rows changed: the
others are hard links to the previous version's files (orchestration/lake/partitions.py, by a
digest of each partition's rows). Versions are never written again once renamed, so sharing
files between them changes none. The version that falls out of ``keep`` is renamed to a temp
name and removed by a detached child: at 1,000 documents it is ~15,000 folders.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

import duckdb

from orchestration.config import Settings
from orchestration import pointers
from orchestration.checksums import as_published
from orchestration.files import fsync_dir, fsync_file, sync_filesystem
from orchestration.identifiers import quote_ident as _ident
from orchestration.lake.layout import HIVE_TYPES, LAYOUT_VERSION, MART_PREFIXES, RAW_TABLES, Layout, layout
from orchestration.lake.partitions import SINGLE_FILE, Partitions

__all__ = ["HIVE_TYPES", "LAYOUT_VERSION", "MART_PREFIXES", "RAW_TABLES", "LakeError", "TableLayout", "current_lake",
           "lake_dir", "publish_lake", "read_manifest", "remove_stale_temps", "write_lake"]

log = logging.getLogger(__name__)

ENV_LAKE = "ZHIBIAO_LAKE"  # a folder, or "off"
CURRENT_LINK = "current"
CURRENT_FILE = "CURRENT"
MANIFEST = "_lake.json"


class LakeError(RuntimeError):
    """The lake could not be written; the previous version is still the current one."""


@dataclass(frozen=True)
class TableLayout:
    layer: str              # marts | raw
    name: str
    rows: int
    columns: list[str]
    partitioned_by: list[str]
    partitions: int         # partition folders (1 for a table written as one file)
    written: int            # of which this version wrote; the others are links to the previous one's files


def lake_dir(settings: Settings) -> Path | None:
    """Where the lake lives: ``$ZHIBIAO_LAKE``, else ``<home>/lake``; None when turned off."""
    value = os.environ.get(ENV_LAKE, "").strip()
    if value.lower() == "off":
        return None
    return Path(value).resolve() if value else settings.home / "lake"


def publish_lake(settings: Settings, snapshot: Path, run_id: str) -> str:
    """The sink publish calls after the swap: write the lake from the published snapshot.
    Returns where it went, ``"off"``, or ``"failed: …"`` (logged; the snapshot stays published
    and the lake keeps its previous version whole)."""
    root = lake_dir(settings)
    if root is None:
        return "off"
    try:
        return str(write_lake(snapshot, root, run_id))
    except LakeError as exc:
        log.warning("snapshot %s published, but %s", run_id, exc)
        return f"failed: {exc}"


def current_lake(root: Path) -> Path | None:
    """The folder of the current lake version under ``root``, or None."""
    return pointers.read_pointer(root, CURRENT_FILE)


def write_lake(snapshot: Path, root: Path, run_id: str, *, keep: int = 2, reuse: bool = True) -> Path:
    """Write the marts and raw tables of the published ``snapshot`` as a new lake version
    under ``root`` and make it current. Returns the version's folder; raises LakeError
    (the previous version stays current).

    The partitions whose rows are those of the current version are hard-linked from it, not
    written again (orchestration/lake/partitions.py); ``reuse=False`` writes every one."""
    tmp = pointers.temp_path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(root)
        previous = _comparable(current_lake(root)) if reuse else None
        tmp.mkdir()
        con = duckdb.connect(":memory:")
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute("ATTACH ? AS snap (READ_ONLY)", [str(snapshot)])
            # The digests the snapshot's writer kept are summed instead of hashing its rows again,
            # but only in a file that is exactly what a publish wrote (its checksum record).
            parts = Partitions(con, previous, stored=as_published(snapshot))
            tables = [_write_mart(con, tmp, name, parts) for name in _marts(con)]
            tables += [_write_raw(con, tmp, name, parts) for name in RAW_TABLES if _exists(con, "raw", name)]
            parts.save(tmp)
        finally:
            con.close()
        manifest = {
            "layout_version": LAYOUT_VERSION,
            "run_id": run_id,
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "hive_types": HIVE_TYPES,
            "tables": {f"{t.layer}/{t.name}": {"rows": t.rows, "columns": t.columns,
                                              "partitioned_by": t.partitioned_by,
                                              "partitions": t.partitions, "partitions_written": t.written}
                       for t in tables},
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        _fsync_tree(tmp, skip=set(parts.linked))
        final = pointers.version_path(root, run_id)
        os.rename(tmp, final)
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise LakeError(f"could not write the lake under {root}: {exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        pointers.swap_pointers(root, final, CURRENT_LINK, CURRENT_FILE)
    except OSError as exc:
        shutil.rmtree(final, ignore_errors=True)
        raise LakeError(f"could not make {final.name} the current lake version: {exc}") from exc
    pointers.prune_versions(root, final, keep, background=True)
    return final


def _comparable(version: Path | None) -> Path | None:
    """The current version, if its partitions can be reused: same layout, manifest readable."""
    try:
        if version is not None and read_manifest(version).get("layout_version") == LAYOUT_VERSION:
            return version
    except (OSError, ValueError):
        pass
    return None


def read_manifest(version: Path) -> dict:
    return json.loads((version / MANIFEST).read_text(encoding="utf-8"))


# -- tables ----------------------------------------------------------------------------------


def _marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    names = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'snap' AND table_schema = 'main'"
    ).fetchall()
    return sorted(n for (n,) in names if n.startswith(MART_PREFIXES))


def _exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'snap' AND table_schema = ? AND table_name = ?",
        [schema, name]).fetchone()[0])


def _write_mart(con: duckdb.DuckDBPyConnection, out: Path, name: str, parts: Partitions) -> TableLayout:
    return _copy(con, out, layout(con, "snap", "marts", name), parts)


def _write_raw(con: duckdb.DuckDBPyConnection, out: Path, name: str, parts: Partitions) -> TableLayout:
    return _copy(con, out, layout(con, "snap", "raw", name), parts)


def _copy(con, out: Path, table: Layout, parts: Partitions) -> TableLayout:
    layer, name, keys, columns = table.layer, table.name, table.keys, table.columns
    folder = out / layer / name
    folder.mkdir(parents=True)
    select = table.select
    plan = parts.plan(f"{layer}/{name}", table.signature, select, table.hashed, list(keys) if keys else [],
                      stored=("raw" if layer == "raw" else "main", name))
    rows = plan.rows
    # Sorted by every own column: the same snapshot gives the same files.
    order = ", ".join(str(i) for i in range(1, len(columns) + 1))
    if keys and rows:
        if plan.write:
            con.execute(f"COPY (SELECT * FROM ({select}) AS q {parts.where(list(keys), plan, HIVE_TYPES)} ORDER BY {order}) "
                        f"TO ? (FORMAT parquet, PARTITION_BY ({', '.join(keys)}))", [str(folder)])
    elif plan.write or not rows:
        own = ", ".join(f"t.{_ident(c)}" for c in columns)
        con.execute(f"COPY (SELECT {own} FROM {table.source} ORDER BY {order}) TO ? (FORMAT parquet)",
                    [str(folder / SINGLE_FILE)])
    parts.link(f"{layer}/{name}", plan, folder)
    return TableLayout(layer, name, rows, columns, list(keys) if rows else [],
                       partitions=max(len(plan.partitions), 1), written=len(plan.write) if rows else 1)


# -- versions ---------------------------------------------------------------------------------


def remove_stale_temps(root: Path) -> list[Path]:
    """Temp folders and pointer temps of killed writers (their pid is gone; never our own).
    Callers hold the run lock."""
    return pointers.remove_stale_temps(root, CURRENT_LINK, CURRENT_FILE)


# -- small helpers -------------------------------------------------------------------------------


def _fsync_tree(top: Path, skip: set[Path] = frozenset()) -> None:
    # A version is thousands of small files and folders (one per region and year): one syncfs
    # flushes them all, where an fsync each cost ~1.5 ms apiece (at 1,000 documents 25,000 of
    # them). Without syncfs, each entry; the links to the previous version's files are durable
    # already, only their folders need it.
    if sync_filesystem(top):
        return
    for folder, _, files in os.walk(top):
        for f in files:
            if Path(folder) / f not in skip:
                _fsync(Path(folder) / f)
        _fsync(Path(folder), directory=True)


def _fsync(path: Path, directory: bool = False) -> None:
    (fsync_dir if directory else fsync_file)(path)

"""Publishing: turn the working database into the snapshot readers open (build-then-swap),
plus a Parquet export of the marts and, if an endpoint is configured, a PostgreSQL load.

Rules (what a reader can rely on):
- The published file ``settings.warehouse`` only ever changes by one ``os.replace`` of a
  complete, checkpointed, fsynced, read-only (0444) copy that carries its ``zhibiao_snapshot``
  row. Publish refuses while some process holds the published file read-write, and removes
  a ``.wal`` such a process left beside it (DuckDB would replay it onto the new file). A run that
  fails or is killed at any point leaves the previously published snapshot untouched.
- Beside the snapshot, ``<name>.sha256`` (JSON: sha256, size, inode, mtime of the file as
  published; :mod:`orchestration.checksums`) is written just before the rename. Mode bits do not stop root, and a client
  opening the file read-write (harlequin's default) can change it: the reader checks the
  file against this record on every open (a stat; the hash only if the stat differs) and
  refuses a changed snapshot; the next publish says it replaced a modified one.
- Open readers keep the snapshot they opened (they hold the old inode); new connections see
  the new one.
- The caller must hold no connection to ``settings.working_db`` when calling
  :func:`publish` (in-process or elsewhere). Inside a run, hold the run lock
  (:mod:`orchestration.runlock`); called outside one, publish takes the lock itself and
  refuses if a run holds it. Publish folds any leftover WAL of the working database
  itself, then attaches it read-only and writes what readers read into a new file
  (:func:`orchestration.snapshot.write_snapshot`); it never modifies the working database's content.
  When the published snapshot is exactly what the last publish wrote, the new file starts as a
  copy of it and only the rows that differ are replaced (copy and patch: at 10,000 documents one
  report changes a few thousand rows of a 360 MB file); otherwise it is written whole.
- The snapshot holds the marts (as tables, with dbt's comments), the ``zhibiao_snapshot``
  row and the raw tables of :data:`orchestration.published.RAW_TABLES`; dbt's staging and
  intermediate models, seeds and build records stay in the working database.
- Temp files live beside the published file (same file system, so the rename is atomic)
  and are named ``.<warehouse name>.publish-<pid>-<token>.tmp``. Leftovers of killed runs
  are removed at the start of the next publish (only if their pid is gone).
- Marts are the tables and views of the dbt ``main`` schema whose names start with
  ``dim_``, ``fct_`` or ``mart_`` (:mod:`orchestration.published`).
- Everything else a publish writes is a sink (:mod:`orchestration.sinks`), prepared on the
  checked copy before the swap and committed right after it, under the run lock: the Parquet
  export (``<home>/exports/<stamp>-<run_id>/``, pointers ``exports/latest`` and
  ``exports/LATEST`` swapped atomically; the last ``keep_exports`` folders kept; ``export_parquet``,
  on by default here, but a run's publish leaves it to :mod:`orchestration.export` unless
  ZHIBIAO_PARQUET_EXPORT=every-run), then, if an
  endpoint is configured (``ZHIBIAO_PG_URL``, or the private cluster of ``zhibiao serve`` is
  running), the PostgreSQL load. Each sink owns and cleans its temp files. A failed
  PostgreSQL load never undoes the publish: it is reported in ``PublishResult.postgres``
  (``"failed: ..."``), or raised as :class:`ReplicaError` with ``strict_postgres=True``; the
  endpoint keeps serving the previous run whole.
- The open lake (:mod:`orchestration.lake`, the sink :mod:`orchestration.sinks.lake`): marts and
  raw tables as Hive-partitioned Parquet under ``<home>/lake/current`` (``ZHIBIAO_LAKE``), written
  after the swap; a failed lake write is reported in ``PublishResult.lake`` and never undoes the
  publish.
"""
from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path
from collections.abc import Iterable, Mapping

import duckdb

from orchestration.config import Settings
from orchestration.faults import ENV_FAULT, kill_point  # noqa: F401 - ENV_FAULT: re-exported for the fault tests
from orchestration.files import fsync_dir as _fsync_dir
from orchestration.files import fsync_file as _fsync_file
from orchestration.files import pid_alive as _pid_alive
from orchestration.files import unlink_quietly as _unlink_quietly
from orchestration.checksums import as_published, checksum_file, snapshot_modified, write_checksum as _write_checksum  # noqa: F401
from orchestration.identifiers import quote_ident as _ident
from orchestration.published import MART_PREFIXES, MART_SCHEMA, RAW_SCHEMA, RAW_TABLES, SNAPSHOT_TABLE, list_marts  # noqa: F401 - re-exported
from orchestration import snapshot
from orchestration.sinks import Sink, default_sinks, sink_types
from orchestration.sinks.parquet import EXPORTS_DIR, LATEST_FILE, LATEST_LINK, latest_export  # noqa: F401 - re-exported

ENV_STORAGE_VERSION = "ZHIBIAO_SNAPSHOT_STORAGE_VERSION"
ENV_PATCH = "ZHIBIAO_SNAPSHOT_PATCH"  # "off": every publish writes the snapshot whole
DEFAULT_STORAGE_VERSION = "v1.4.0"


log = logging.getLogger(__name__)


class PublishError(RuntimeError):
    """The run could not be published; the previous snapshot is still the published one."""


class ReplicaError(RuntimeError):
    """The snapshot was published but a replica (a non-critical sink: PostgreSQL) could not be updated."""

    def __init__(self, message: str, result: PublishResult):
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class SnapshotInfo:
    path: Path
    run_id: str
    published_at: datetime
    duckdb_version: str
    documents: dict[str, int]
    marts: dict[str, int]  # name -> row count recorded at publish (verified on read)


@dataclass
class PublishResult:
    snapshot: SnapshotInfo
    export_dir: Path | None
    postgres: str  # "loaded", "not configured", or why it was skipped
    removed_stale: list[Path] = field(default_factory=list)
    sinks: dict[str, str] = field(default_factory=dict)  # sink name -> what its commit did
    written: str = ""  # how the snapshot was written: "whole" or "patched: ..." (orchestration/snapshot.py)

    @property
    def lake(self) -> str:
        """The lake version folder written, "off", or "failed: ..." (orchestration/sinks/lake.py)."""
        return self.sinks.get("lake", "off")

    @property
    def run_id(self) -> str:
        return self.snapshot.run_id


def publish(
    settings: Settings,
    run_id: str,
    document_versions: Mapping[str, int] | Iterable[tuple[str, int]],
    *,
    export_parquet: bool = True,
    keep_exports: int = 5,
    load_postgres: bool = True,
    strict_postgres: bool = False,
    sinks: list[Sink] | None = None,
) -> PublishResult:
    """Publish ``settings.working_db`` as the snapshot ``settings.warehouse``.

    ``document_versions``: the document versions this run's marts were built from, as
    ``{document_id: version}`` or ``(document_id, version)`` pairs; recorded in the snapshot.
    The caller holds no connection to the working database, and holds the run lock if it
    is a run (otherwise publish takes the lock itself and raises RunLockBusy if it is taken).
    Raises :class:`PublishError` (nothing changed). A failed PostgreSQL load does not undo
    the publish: ``result.postgres`` then starts with ``"failed:"`` and a warning is logged;
    with ``strict_postgres=True`` it raises :class:`ReplicaError` instead (the snapshot is
    still published; the exception carries the result). ``sinks`` replaces the default list
    (:func:`orchestration.sinks.default_sinks` of the three flags above).
    """
    docs = dict(document_versions.items() if isinstance(document_versions, Mapping) else document_versions)
    if not run_id or not isinstance(run_id, str):
        raise PublishError("publish needs a non-empty run_id")
    from orchestration import runlock

    if sinks is None:
        sinks = default_sinks(settings, export_parquet=export_parquet, keep_exports=keep_exports,
                              load_postgres=load_postgres)
    if runlock.held_by_me(settings):
        result, failed = _publish_locked(settings, run_id, docs, sinks)
    else:
        # Called outside a run (e.g. by hand): take the lock ourselves, refuse if a run holds it.
        with runlock.run_lock(settings, timeout=0, run_id=run_id):
            result, failed = _publish_locked(settings, run_id, docs, sinks)
    for sink, exc in failed:  # the snapshot is published either way; say so, keep it
        message = f"snapshot {run_id} published, but the {sink.label} failed: {exc}"
        if strict_postgres:
            raise ReplicaError(message, result) from exc
        log.warning("%s; %s", message, getattr(sink, "failure_note", "its previous output stays"))
    return result


def _publish_locked(settings: Settings, run_id: str, docs: dict[str, int],
                    sinks: list[Sink]) -> tuple[PublishResult, list[tuple[Sink, Exception]]]:
    working, target = settings.working_db, settings.warehouse
    if not working.is_file():
        raise PublishError(f"no working database at {working}: nothing to publish")
    target.parent.mkdir(parents=True, exist_ok=True)
    # We hold the run lock: every temp file not written by this process is a leftover.
    removed = cleanup_stale(settings, locked=True)

    _fold_wal(working)
    kill_point("before_copy")
    tmp = target.parent / f".{target.name}.publish-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    prepared: list[Sink] = []
    try:
        published_at = datetime.now(UTC)
        con = duckdb.connect(":memory:")
        try:
            version = snapshot_storage_version()
            written = snapshot.write_snapshot(con, working, tmp, _storage_literal(version) if version else "",
                                              previous=target if _patchable(target) else None)
            kill_point("copied")
            marts = snapshot.mart_row_counts(con)
            snapshot.write_metadata(con, run_id, published_at, docs, marts)
            kill_point("metadata_written")
            con.execute("CHECKPOINT")
            for sink in sinks:
                prepared.append(sink)
                sink.prepare(con, run_id, marts)
            kill_point("exported")
        finally:
            con.close()
        if _wal(tmp).exists():
            raise PublishError(f"checkpoint left a WAL beside {tmp}; not publishing")
        info = verify_snapshot(tmp)  # what readers will get must pass the checks first
        os.chmod(tmp, 0o444)  # a snapshot is never written again; `duckdb file` (read-write) is refused
        _fsync_file(tmp)
        removed += _guard_published(target)
        modified = snapshot_modified(target)
        if modified:
            log.warning("replacing a published snapshot that was modified after publish: %s", modified)
        _write_checksum(tmp, target)
        kill_point("before_replace")
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        kill_point("replaced")
    except BaseException:
        _unlink_quietly(tmp)
        _unlink_quietly(_wal(tmp))
        for sink in prepared:
            sink.abort()
        raise

    info = SnapshotInfo(target, info.run_id, info.published_at, info.duckdb_version, info.documents, info.marts)
    done: dict[str, str] = {}
    failed: list[tuple[Sink, Exception]] = []
    for sink in sinks:
        try:
            done[sink.name] = sink.commit()
        except Exception as exc:
            if sink.critical:
                raise
            done[sink.name] = f"failed: {exc}"
            failed.append((sink, exc))
    export = done.get("parquet")
    result = PublishResult(snapshot=info, export_dir=Path(export) if export else None,
                           postgres=done.get("postgres", "not configured"), removed_stale=removed, sinks=done,
                           written=written)
    return result, failed


def verify_snapshot(path: Path | str) -> SnapshotInfo:
    """Open a snapshot read-only and check it: exactly one metadata row, every recorded
    mart present with the recorded row count. Raises PublishError if not."""
    from orchestration.reader import connect_path_readonly

    path = Path(path)
    con = connect_path_readonly(path, alias="snapshot")
    try:
        try:
            rows = con.execute(
                f"SELECT run_id, published_at, duckdb_version, documents, marts FROM main.{SNAPSHOT_TABLE}"
            ).fetchall()
        except duckdb.CatalogException as exc:
            raise PublishError(f"{path} has no {SNAPSHOT_TABLE} table: not a published snapshot") from exc
        if len(rows) != 1:
            raise PublishError(f"{path}: {SNAPSHOT_TABLE} has {len(rows)} rows, expected 1")
        run_id, published_at, version, documents, marts = rows[0]
        marts = {m["name"]: m["row_count"] for m in marts}
        for name, expected in marts.items():
            got = con.execute(f"SELECT count(*) FROM main.{_ident(name)}").fetchone()[0]
            if got != expected:
                raise PublishError(f"{path}: {name} has {got} rows, snapshot metadata says {expected}")
        return SnapshotInfo(
            path=path,
            run_id=run_id,
            published_at=published_at,
            duckdb_version=version,
            documents={d["document_id"]: d["version"] for d in documents},
            marts=marts,
        )
    finally:
        con.close()


def cleanup_stale(settings: Settings, locked: bool = False) -> list[Path]:
    """Remove temp snapshots and the sinks' temp files (exports, PostgreSQL loads) left by killed runs.

    With ``locked=True`` (the caller holds the run lock and has not started writing, so no
    publish can be under way) every temp snapshot and export goes; otherwise only those whose
    writer pid is gone, so it is safe to call at any time. (A pid reused by an unrelated
    process keeps its leftover until the next locked clean-up.)"""

    def stale(pid: str) -> bool:
        # Locked, even our own pid's leftovers are stale: publish cleans before it writes.
        return locked or (int(pid) != os.getpid() and not _pid_alive(int(pid)))

    removed: list[Path] = []
    pattern = re.compile(rf"^\.{re.escape(settings.warehouse.name)}\.publish-(\d+)-[0-9a-f]+\.tmp(\.wal)?$")
    if settings.warehouse.parent.is_dir():
        for p in settings.warehouse.parent.iterdir():
            m = pattern.match(p.name)
            if m and stale(m.group(1)):
                _unlink_quietly(p)
                removed.append(p)
            m = re.match(rf"^\.{re.escape(settings.warehouse.name)}\.sha256\.(\d+)\.tmp$", p.name)
            if m and stale(m.group(1)):  # a checksum record cut short by a kill
                _unlink_quietly(p)
                removed.append(p)
    for kind in sink_types():  # each sink knows its own temp files
        removed += kind.remove_stale(settings, locked)
    return removed


# -- steps -------------------------------------------------------------------------------


def _fold_wal(working: Path) -> None:
    """Open and close the working database so committed WAL content lands in the file.

    Opening read-write also proves no other process has it open (DuckDB's file lock)."""
    try:
        con = duckdb.connect(str(working))
    except duckdb.IOException as exc:
        raise PublishError(
            f"cannot open the working database {working} for publishing; is another process "
            f"using it? ({exc})"
        ) from exc
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if _wal(working).exists():
        raise PublishError(
            f"{_wal(working)} is still there after CHECKPOINT: a connection in this process is "
            f"still open; close it before publishing"
        )


def _patchable(target: Path) -> bool:
    """Whether the published snapshot may be the starting point of the next one (copy and patch,
    orchestration/snapshot.py): it is exactly the file a publish wrote (its checksum record names
    its inode, size and mtime, and no WAL of a writer lies beside it), and ZHIBIAO_SNAPSHOT_PATCH
    is not ``off``. Otherwise the snapshot is written whole."""
    if os.environ.get(ENV_PATCH, "").strip().lower() == "off" or _wal(target).exists():
        return False
    return as_published(target)


def _guard_published(target: Path) -> list[Path]:
    """Refuse if a process holds the published snapshot read-write, and remove a WAL left
    beside it by one that crashed: DuckDB would replay that WAL onto the new file and every
    reader would fail with "WAL does not match database file"."""
    if target.exists():
        try:
            con = duckdb.connect(":memory:")
            try:
                con.execute("ATTACH ? AS published (READ_ONLY)", [str(target)])
            finally:
                con.close()
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise PublishError(
                    f"a process holds the published snapshot {target} open read-write; readers must "
                    f"open it read-only (zhibiao sql, reader.connect_readonly). Not publishing. ({exc})"
                ) from exc
            # Unreadable as it stands (e.g. a foreign WAL): replacing it is the cure.
    wal = _wal(target)
    if wal.exists():
        log.warning("removing %s: writes to a published snapshot are not allowed", wal)
        _unlink_quietly(wal)
        return [wal]
    return []


# -- small helpers -------------------------------------------------------------------------


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def snapshot_storage_version() -> str:
    """DuckDB storage format of the published file: ``v1.4.0`` by default, which DuckDB 1.4 and
    later read (the 1.x CLI and the clients built on it, e.g. harlequin); ``ZHIBIAO_SNAPSHOT_STORAGE_VERSION``
    overrides it, and an empty value keeps the format of the pinned DuckDB."""
    value = os.environ.get(ENV_STORAGE_VERSION)
    return DEFAULT_STORAGE_VERSION if value is None else value.strip()


def _storage_literal(version: str) -> str:
    if not re.fullmatch(r"v\d+\.\d+\.\d+", version):
        raise PublishError(f"{ENV_STORAGE_VERSION}={version!r}: expected a DuckDB version such as v1.4.0")
    return version

"""Publishing: turn the working database into the snapshot readers open (build-then-swap),
plus a Parquet export of the marts and, if an endpoint is configured, a PostgreSQL load.

Rules (what a reader can rely on):
- The published file ``settings.warehouse`` only ever changes by one ``os.replace`` of a
  complete, checkpointed, fsynced, read-only (0444) copy that carries its ``zhibiao_snapshot``
  row. Publish refuses while some process holds the published file read-write, and removes
  a ``.wal`` such a process left beside it (DuckDB would replay it onto the new file). A run that
  fails or is killed at any point leaves the previously published snapshot untouched.
- Beside the snapshot, ``<name>.sha256`` (JSON: sha256, size, inode, mtime of the file as
  published) is written just before the rename. Mode bits do not stop root, and a client
  opening the file read-write (harlequin's default) can change it: the reader checks the
  file against this record on every open (a stat; the hash only if the stat differs) and
  refuses a changed snapshot; the next publish says it replaced a modified one.
- Open readers keep the snapshot they opened (they hold the old inode); new connections see
  the new one.
- The caller must hold no connection to ``settings.working_db`` when calling
  :func:`publish` (in-process or elsewhere). Inside a run, hold the run lock
  (:mod:`orchestration.runlock`); called outside one, publish takes the lock itself and
  refuses if a run holds it. Publish folds any leftover WAL of the working database
  itself and copies the file; it never modifies the working database's content.
- Temp files live beside the published file (same file system, so the rename is atomic)
  and are named ``.<warehouse name>.publish-<pid>-<token>.tmp``. Leftovers of killed runs
  are removed at the start of the next publish (only if their pid is gone).
- Marts are the tables and views of the dbt ``main`` schema whose names start with
  ``dim_``, ``fct_`` or ``mart_``. Each publish writes them as Parquet into
  ``<home>/exports/<stamp>-<run_id>/``; ``exports/latest`` (a symlink) and
  ``exports/LATEST`` (a file naming the folder) are swapped atomically after the snapshot.
  The last ``keep_exports`` folders are kept.
- If a PostgreSQL endpoint is configured (``ZHIBIAO_PG_URL``, or the private cluster of
  ``zhibiao serve`` is running), the marts are loaded into it after the swap; see
  :mod:`orchestration.serve`. A failed load never undoes the publish: it is reported in
  ``PublishResult.postgres`` (``"failed: ..."``), or raised as :class:`ReplicaError` with
  ``strict_postgres=True``; the endpoint keeps serving the previous run whole.
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import signal
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path
from collections.abc import Iterable, Mapping

import duckdb

from orchestration.config import Settings
from orchestration.ingest import sha256_of

MART_PREFIXES = ("dim_", "fct_", "mart_")
MART_SCHEMA = "main"
SNAPSHOT_TABLE = "zhibiao_snapshot"
EXPORTS_DIR = "exports"
LATEST_LINK = "latest"
LATEST_FILE = "LATEST"
ENV_FAULT = "ZHIBIAO_FAULT_KILL_AT"
ENV_STORAGE_VERSION = "ZHIBIAO_SNAPSHOT_STORAGE_VERSION"
DEFAULT_STORAGE_VERSION = "v1.4.0"  # test hook: SIGKILL ourselves at the named step


log = logging.getLogger(__name__)


class PublishError(RuntimeError):
    """The run could not be published; the previous snapshot is still the published one."""


class ReplicaError(RuntimeError):
    """The snapshot was published but a replica (PostgreSQL) could not be updated."""

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
) -> PublishResult:
    """Publish ``settings.working_db`` as the snapshot ``settings.warehouse``.

    ``document_versions``: the document versions this run's marts were built from, as
    ``{document_id: version}`` or ``(document_id, version)`` pairs; recorded in the snapshot.
    The caller holds no connection to the working database, and holds the run lock if it
    is a run (otherwise publish takes the lock itself and raises RunLockBusy if it is taken).
    Raises :class:`PublishError` (nothing changed). A failed PostgreSQL load does not undo
    the publish: ``result.postgres`` then starts with ``"failed:"`` and a warning is logged;
    with ``strict_postgres=True`` it raises :class:`ReplicaError` instead (the snapshot is
    still published; the exception carries the result).
    """
    docs = dict(document_versions.items() if isinstance(document_versions, Mapping) else document_versions)
    if not run_id or not isinstance(run_id, str):
        raise PublishError("publish needs a non-empty run_id")
    from orchestration import runlock

    if runlock.held_by_me(settings):
        result = _publish_locked(settings, run_id, docs, export_parquet, keep_exports)
    else:
        # Called outside a run (e.g. by hand): take the lock ourselves, refuse if a run holds it.
        with runlock.run_lock(settings, timeout=0, run_id=run_id):
            result = _publish_locked(settings, run_id, docs, export_parquet, keep_exports)
    if load_postgres:
        from orchestration import serve  # psycopg only when a replica may be configured

        try:
            result.postgres = serve.load_if_configured(settings)
        except Exception as exc:  # the snapshot is published either way; say so, keep it
            result.postgres = f"failed: {exc}"
            message = f"snapshot {run_id} published, but the PostgreSQL load failed: {exc}"
            if strict_postgres:
                raise ReplicaError(message, result) from exc
            log.warning("%s; the endpoint keeps serving the previous run", message)
    return result


def _publish_locked(settings: Settings, run_id: str, docs: dict[str, int], export_parquet: bool, keep_exports: int) -> PublishResult:
    working, target = settings.working_db, settings.warehouse
    if not working.is_file():
        raise PublishError(f"no working database at {working}: nothing to publish")
    target.parent.mkdir(parents=True, exist_ok=True)
    # We hold the run lock: every temp file not written by this process is a leftover.
    removed = cleanup_stale(settings, locked=True)

    _fold_wal(working)
    _fault("before_copy")
    tmp = target.parent / f".{target.name}.publish-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    export_tmp: Path | None = None
    try:
        shutil.copyfile(working, tmp)
        _fault("copied")
        published_at = datetime.now(UTC)
        con = duckdb.connect(str(tmp))
        try:
            marts = _mart_row_counts(con)
            _write_metadata(con, run_id, published_at, docs, marts)
            _fault("metadata_written")
            con.execute("CHECKPOINT")
            if export_parquet:
                export_tmp = _export_parquet(con, settings, run_id, marts)
            _fault("exported")
        finally:
            con.close()
        if _wal(tmp).exists():
            raise PublishError(f"checkpoint left a WAL beside {tmp}; not publishing")
        _rewrite_storage_version(tmp, target)
        info = verify_snapshot(tmp)  # what readers will get must pass the checks first
        os.chmod(tmp, 0o444)  # a snapshot is never written again; `duckdb file` (read-write) is refused
        _fsync_file(tmp)
        removed += _guard_published(target)
        modified = snapshot_modified(target)
        if modified:
            log.warning("replacing a published snapshot that was modified after publish: %s", modified)
        _write_checksum(tmp, target)
        _fault("before_replace")
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        _fault("replaced")
    except BaseException:
        _unlink_quietly(tmp)
        _unlink_quietly(_wal(tmp))
        if export_tmp is not None:
            shutil.rmtree(export_tmp, ignore_errors=True)
        raise

    info = SnapshotInfo(target, info.run_id, info.published_at, info.duckdb_version, info.documents, info.marts)
    export_dir = _promote_export(export_tmp, keep_exports) if export_tmp else None
    _fault("exports_swapped")
    return PublishResult(snapshot=info, export_dir=export_dir, postgres="not configured", removed_stale=removed)


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


def list_marts(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    """Names of the mart tables/views in the ``main`` schema, sorted."""
    where_catalog = "AND table_catalog = ?" if catalog else ""
    params = [MART_SCHEMA] + ([catalog] if catalog else [])
    names = con.execute(
        f"SELECT table_name FROM information_schema.tables WHERE table_schema = ? {where_catalog}",
        params,
    ).fetchall()
    return sorted(n for (n,) in names if n.startswith(MART_PREFIXES))


def cleanup_stale(settings: Settings, locked: bool = False) -> list[Path]:
    """Remove temp snapshots and half-written exports left by killed runs.

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
            # CSV files of a killed PostgreSQL load. `zhibiao serve` loads without the run
            # lock, so these go only when their process is gone.
            m = re.match(r"^\.pgload-(\d+)-[0-9a-f]+$", p.name)
            if m and int(m.group(1)) != os.getpid() and not _pid_alive(int(m.group(1))):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
    exports = settings.home / EXPORTS_DIR
    if exports.is_dir():
        for p in exports.iterdir():
            m = re.match(rf"^\.(?:tmp|{LATEST_LINK}|{LATEST_FILE})[.-](\d+)", p.name)
            if m and stale(m.group(1)):
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    _unlink_quietly(p)
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


def _mart_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        name: con.execute(f"SELECT count(*) FROM {MART_SCHEMA}.{_ident(name)}").fetchone()[0]
        for name in list_marts(con)
    }


def _write_metadata(con, run_id: str, published_at: datetime, docs: dict[str, int], marts: dict[str, int]) -> None:
    con.execute(
        f"""CREATE OR REPLACE TABLE {MART_SCHEMA}.{SNAPSHOT_TABLE} (
            run_id          VARCHAR NOT NULL,
            published_at    TIMESTAMPTZ NOT NULL,
            duckdb_version  VARCHAR NOT NULL,
            documents       STRUCT(document_id VARCHAR, version INTEGER)[] NOT NULL,
            marts           STRUCT(name VARCHAR, row_count BIGINT)[] NOT NULL
        )"""
    )
    con.execute(
        f"INSERT INTO {MART_SCHEMA}.{SNAPSHOT_TABLE} VALUES (?, ?, ?, ?, ?)",
        [
            run_id,
            published_at,
            duckdb.__version__,
            [{"document_id": d, "version": int(v)} for d, v in sorted(docs.items())],
            [{"name": n, "row_count": c} for n, c in marts.items()],
        ],
    )


def _export_parquet(con, settings: Settings, run_id: str, marts: dict[str, int]) -> Path:
    exports = settings.home / EXPORTS_DIR
    exports.mkdir(parents=True, exist_ok=True)
    tmp = exports / f".tmp-{os.getpid()}-{secrets.token_hex(4)}"
    tmp.mkdir()
    for name in marts:
        con.execute(f"COPY {MART_SCHEMA}.{_ident(name)} TO ? (FORMAT parquet)", [str(tmp / f"{name}.parquet")])
    con.execute(f"COPY {MART_SCHEMA}.{SNAPSHOT_TABLE} TO ? (FORMAT parquet)", [str(tmp / f"{SNAPSHOT_TABLE}.parquet")])
    (tmp / "manifest.json").write_text(
        json.dumps({"run_id": run_id, "marts": marts}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    for p in tmp.iterdir():
        _fsync_file(p)
    _fsync_dir(tmp)
    return tmp


def _promote_export(tmp: Path, keep: int) -> Path:
    """Give the finished export its final name, then swap the pointers atomically."""
    exports = tmp.parent
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = exports / f"{stamp}-{_safe(_read_run_id(tmp))}"
    os.rename(tmp, final)
    link_tmp = exports / f".{LATEST_LINK}.{os.getpid()}"
    _unlink_quietly(link_tmp)
    os.symlink(final.name, link_tmp)  # relative, so the home folder can move
    os.replace(link_tmp, exports / LATEST_LINK)
    file_tmp = exports / f".{LATEST_FILE}.{os.getpid()}"
    file_tmp.write_text(final.name + "\n", encoding="utf-8")
    _fsync_file(file_tmp)
    os.replace(file_tmp, exports / LATEST_FILE)
    _fsync_dir(exports)
    finished = sorted(p for p in exports.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
    for old in finished[: max(len(finished) - max(keep, 1), 0)]:
        if old != final:
            shutil.rmtree(old, ignore_errors=True)
    return final


def _read_run_id(export_dir: Path) -> str:
    return json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))["run_id"]


# -- small helpers -------------------------------------------------------------------------


def _fault(step: str) -> None:
    """Test hook: the fault suite sets ZHIBIAO_FAULT_KILL_AT=<step> to die exactly here."""
    if os.environ.get(ENV_FAULT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:80] or "run"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def snapshot_storage_version() -> str:
    """DuckDB storage format of the published file: ``v1.4.0`` by default, which DuckDB 1.4 and
    later read (the 1.x CLI and the clients built on it, e.g. harlequin); ``ZHIBIAO_SNAPSHOT_STORAGE_VERSION``
    overrides it, and an empty value keeps the format of the pinned DuckDB."""
    value = os.environ.get(ENV_STORAGE_VERSION)
    return DEFAULT_STORAGE_VERSION if value is None else value.strip()


def _rewrite_storage_version(tmp: Path, target: Path) -> None:
    version = snapshot_storage_version()
    if not version:
        return
    out = tmp.parent / f".{target.name}.publish-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute("ATTACH ? AS src (READ_ONLY)", [str(tmp)])
            con.execute(f"ATTACH ? AS dst (STORAGE_VERSION '{_storage_literal(version)}')", [str(out)])
            con.execute("COPY FROM DATABASE src TO dst")
            con.execute("CHECKPOINT dst")
        finally:
            con.close()
        if _wal(out).exists():
            raise PublishError(f"checkpoint left a WAL beside {out}; not publishing")
        os.replace(out, tmp)
    except BaseException:
        _unlink_quietly(out)
        _unlink_quietly(_wal(out))
        raise


def _storage_literal(version: str) -> str:
    if not re.fullmatch(r"v\d+\.\d+\.\d+", version):
        raise PublishError(f"{ENV_STORAGE_VERSION}={version!r}: expected a DuckDB version such as v1.4.0")
    return version


def checksum_file(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _write_checksum(tmp: Path, target: Path) -> None:
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

"""Read-only connections to the published snapshot: what ``zhibiao sql`` and the Python API use.

Rules:
- Readers open ``settings.warehouse`` (the published snapshot), never the working database.
- The snapshot is attached READ_ONLY, then external access is switched off and the
  configuration locked: no file reads (``read_csv('/etc/passwd')``), no COPY TO, no ATTACH,
  no INSTALL, and nobody can switch it back. Writes to the snapshot fail.
- No writable directory either: DuckDB allows its temp directory (``$CWD/.tmp``) even with
  external access off, so the temp directory is switched off (nothing spills to disk) and the
  memory limit (``ZHIBIAO_SQL_MEMORY_LIMIT``, default 2GB) bounds every query. A query over
  the limit fails with DuckDB's Out of Memory error; :func:`execute` adds a timeout
  (``ZHIBIAO_SQL_TIMEOUT`` seconds, default 300).
- The connection sees the snapshot that was published when it was opened, for its whole
  life; a publish in between does not disturb it. Open a new connection to see new data.
- Opening is safe against a publish at the same moment: DuckDB reads a file's headers and its
  blocks through two separate opens, so a swap between them would pair two files; the file's
  identity is compared around the ATTACH and the attach retried when it changed. (Other clients
  opening the path themselves, e.g. the duckdb CLI, can hit this race and get an IO error:
  reconnecting is the cure.)
- Why ATTACH into a fresh in-memory database instead of ``duckdb.connect(path,
  read_only=True)``: DuckDB caches database instances by path inside a process, so while
  any connection to the old snapshot is alive, ``connect(path)`` hands back the *old* file
  even after a publish replaced it. A fresh in-memory database per call attaches whatever
  file the path names now. (Scratch tables in the in-memory catalog are possible and vanish
  with the connection, just like TEMP tables on a read-only connection.)
- The default catalog is named after the file stem (``zhibiao``), as with a direct connect,
  so ``zhibiao.main.fct_x`` and plain ``fct_x`` both work.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration import config
from orchestration.checksums import snapshot_modified
from orchestration.identifiers import quote_ident as _ident
from orchestration.config import Settings


class SnapshotModified(RuntimeError):
    """The published file no longer matches its publish-time checksum."""


class QueryTimeout(TimeoutError):
    """A reader's query ran longer than ZHIBIAO_SQL_TIMEOUT and was interrupted."""


class NothingPublished(FileNotFoundError):
    """No snapshot has been published at the warehouse path yet."""


class SnapshotSwapping(RuntimeError):
    """Publishes kept replacing the snapshot while it was being opened."""


ATTACH_ATTEMPTS = 5  # a publish takes seconds: a second attempt all but always finds the file still


def connect_path_readonly(path: Path | str, alias: str | None = None, sandbox: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file at ``path`` read-only with file-system access disabled.

    ``sandbox=False`` is for our own code only (the PostgreSQL loader writes CSV files):
    never hand such a connection to user SQL."""
    path = Path(path)
    if not path.is_file():
        raise NothingPublished(
            f"nothing is published at {path} yet: run `zhibiao run` (it publishes when its "
            f"checks pass), or point --warehouse / ZHIBIAO_WAREHOUSE at a published snapshot"
        )
    alias = alias or path.stem
    for _ in range(ATTACH_ATTEMPTS):
        con = _attach_unswapped(path, alias)
        if con is None:
            continue
        try:
            con.execute(f"USE {_ident(alias)}")
            if sandbox:
                con.execute("SET temp_directory = ''")
                con.execute("SET memory_limit = ?", [config.sql_memory_limit()])
                con.execute("SET enable_external_access = false")
                con.execute("SET lock_configuration = true")
        except BaseException:
            con.close()
            raise
        return con
    raise SnapshotSwapping(
        f"{path} was replaced by a publish during each of {ATTACH_ATTEMPTS} attempts to open it; try again")


def _attach_unswapped(path: Path, alias: str) -> duckdb.DuckDBPyConnection | None:
    """ATTACH the file at ``path``, or None when a publish replaced it meanwhile.

    DuckDB opens a database file twice on ATTACH: once to read its headers, then again for the
    blocks (strace shows the close and the second open). A publish's ``os.replace`` between the
    two gives the old file's headers over the new file's blocks: an IO error ("Could not read
    enough bytes") or, worse, rows read from the wrong file. The path names one file as long as
    its identity is unchanged around the ATTACH (a publish always brings a new inode), so a
    changed identity means: close and open again."""
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
    before = _identity(path)
    try:
        con.execute(f"ATTACH ? AS {_ident(alias)} (READ_ONLY)", [str(path.resolve())])
    except duckdb.Error:
        con.close()
        if _identity(path) != before:
            return None
        raise
    except BaseException:
        con.close()
        raise
    if _identity(path) != before:
        con.close()
        return None
    return con


def _identity(path: Path) -> tuple[int, int, int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise NothingPublished(f"{path} disappeared while being opened") from None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def connect_readonly(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A read-only, sandboxed connection to the published snapshot ``settings.warehouse``.

    Raises :class:`NothingPublished` (a FileNotFoundError) if nothing was published yet.
    The caller closes the connection; keep connections short-lived to see new publishes.
    Raises :class:`SnapshotModified` if a client changed the file after it was published.
    """
    problem = snapshot_modified(settings.warehouse)
    if problem:
        raise SnapshotModified(
            f"{problem}. Refusing to read it: run `zhibiao run` to publish a fresh snapshot, and open "
            f"the file read-only in other tools (`duckdb -readonly FILE`, harlequin --read-only)")
    return connect_path_readonly(settings.warehouse)


def execute(con: duckdb.DuckDBPyConnection, query: str, params=None, timeout: float | None = None):
    """``con.execute`` that interrupts the query after ``timeout`` seconds (default
    ``ZHIBIAO_SQL_TIMEOUT``; 0 or less: none) and raises :class:`QueryTimeout`.
    DuckDB has no statement timeout of its own, hence the timer."""
    import threading

    timeout = config.sql_timeout() if timeout is None else timeout
    if timeout <= 0:
        return con.execute(query, params)
    fired = threading.Event()

    def _stop():
        fired.set()
        con.interrupt()

    timer = threading.Timer(timeout, _stop)
    timer.daemon = True
    timer.start()
    try:
        return con.execute(query, params)
    except duckdb.InterruptException:
        if fired.is_set():
            raise QueryTimeout(f"query interrupted after {timeout:g} s (set {config.ENV_SQL_TIMEOUT} to allow longer)") from None
        raise
    finally:
        timer.cancel()

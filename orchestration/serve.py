"""The PostgreSQL endpoint for BI tools (``zhibiao serve``) and the marts load that every
publish runs when an endpoint is configured.

Where the endpoint comes from:
- ``ZHIBIAO_PG_URL`` set: an existing server. The URL names a role that may create schemas
  in its database (and roles, unless the reader role already exists). Nothing is started.
- otherwise: a private PostgreSQL 15 cluster in ``<home>/<stem>.pgdata``, started by
  :func:`start`. Its state (port, admin role) is in ``<home>/<stem>.pg.json`` and its admin
  password in ``<home>/<stem>.pg.secret`` (mode 0600), so a later ``zhibiao run`` in another
  process can load into it.

Rules:
- ``initdb`` refuses root. Run as root, the cluster belongs to an unprivileged OS user
  (``ZHIBIAO_PG_OS_USER``, default ``postgres`` if it exists, else ``nobody``) and every
  ``initdb``/``pg_ctl`` runs through ``setpriv`` (or ``runuser``). That user must be able to
  reach the data folder: every folder above it needs o+x. We check and say so instead of
  failing obscurely.
- Listens on ``ZHIBIAO_PG_LISTEN`` (default 127.0.0.1) and ``ZHIBIAO_PG_PORT`` (default
  5433); no Unix socket; every connection authenticates with scram-sha-256. Extra client
  networks only through ``ZHIBIAO_PG_ALLOW_CIDR``.
- BI clients log in as ``ZHIBIAO_PG_USER`` (default ``zhibiao_reader``) with
  ``ZHIBIAO_PG_PASSWORD`` (required; stored only as a SCRAM verifier computed client-side), or
  as one of the users of ``ZHIBIAO_PG_USERS_FILE``. The privileges below belong to the NOLOGIN
  group ``<user>_group``; each login role is a member, so what a user alters of itself (its
  password, ``ALTER ROLE … SET``) never reaches the others. The group can connect to the ``zhibiao`` database and SELECT the ``marts`` schema, nothing
  else: no CREATE anywhere (no TEMP either), no INSERT/UPDATE/DELETE/TRUNCATE/LOCK, no
  server-file COPY or ``pg_read_file`` (not superuser, not in pg_read/write_server_files),
  no CREATE EXTENSION (no CREATE on the database), no large objects. Sessions default to
  read-only transactions and time out when idle in a transaction (so a forgotten BEGIN
  cannot pin an old schema forever). One thing stock PostgreSQL cannot forbid: a role may
  change its own password; :func:`start` resets it from configuration every time.
- Loading (:func:`load_snapshot`): one transaction creates ``marts_load_<token>``, fills it
  with COPY, grants SELECT, renames ``marts`` to ``marts_old_<token>`` and the new schema to
  ``marts``, and commits. Clients never see a half-loaded schema; queries already running
  finish on the old tables (the old schema is dropped afterwards with a short lock timeout
  and retried at the next load if a client still holds it); new statements see the new data
  without reconnecting. Loads are serialised with an advisory lock.
- Caveat for BI tools: a REPEATABLE READ/SERIALIZABLE transaction that started before a
  swap sees the new tables empty until it ends (PostgreSQL MVCC on new tables).
"""
from __future__ import annotations

import json
import logging
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.config import Settings

log = logging.getLogger(__name__)

ENV_URL = "ZHIBIAO_PG_URL"
ENV_PORT = "ZHIBIAO_PG_PORT"
ENV_LISTEN = "ZHIBIAO_PG_LISTEN"
ENV_ALLOW_CIDR = "ZHIBIAO_PG_ALLOW_CIDR"
ENV_USER = "ZHIBIAO_PG_USER"
ENV_PASSWORD = "ZHIBIAO_PG_PASSWORD"
ENV_OS_USER = "ZHIBIAO_PG_OS_USER"
ENV_BIN = "ZHIBIAO_PG_BIN"
# Resource limits of the private cluster, in postgresql.conf: temp_file_limit is a superuser
# setting, so no BI session can lift it (a cross join once wrote 4.8 GB of temp files in 60 s);
# work_mem is only the default (PostgreSQL lets any session raise it; temp_file_limit still caps
# what spills). client_connection_check_interval ends a query whose client went away.
ENV_USERS_FILE = "ZHIBIAO_PG_USERS_FILE"  # more BI users: lines of `name password`
ENV_TEMP_FILE_LIMIT = "ZHIBIAO_PG_TEMP_FILE_LIMIT"
ENV_WORK_MEM = "ZHIBIAO_PG_WORK_MEM"
DEFAULT_TEMP_FILE_LIMIT = "1GB"
DEFAULT_WORK_MEM = "16MB"

DEFAULT_PORT = 5433
DEFAULT_LISTEN = "127.0.0.1"
DEFAULT_READER = "zhibiao_reader"
DEFAULT_BIN = "/usr/lib/postgresql/15/bin"
DATABASE = "zhibiao"
SCHEMA = "marts"
ADMIN = "zhibiao_admin"
LOAD_LOCK_KEY = 7_237_114_400  # pg_advisory_xact_lock key serialising loads
OLD_SCHEMA_LOCK_TIMEOUT = "3s"  # after a swap: let queries that began before it finish


class ServeError(RuntimeError):
    """The endpoint could not be started, configured or loaded; the message says why."""


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    database: str
    reader_user: str
    private: bool  # True: our own cluster; False: an existing server from ZHIBIAO_PG_URL
    admin_conninfo: str = field(repr=False)  # for loading; holds a password: never print it

    @property
    def reader_url(self) -> str:
        """Connection URL for BI clients, without the password."""
        return f"postgresql://{self.reader_user}@{self.host}:{self.port}/{self.database}"


# -- paths -----------------------------------------------------------------------------------


def data_dir(settings: Settings) -> Path:
    return settings.home / f"{settings.warehouse.stem}.pgdata"


def _state_file(settings: Settings) -> Path:
    return settings.home / f"{settings.warehouse.stem}.pg.json"


def _secret_file(settings: Settings) -> Path:
    return settings.home / f"{settings.warehouse.stem}.pg.secret"


# -- public API ------------------------------------------------------------------------------


def start(settings: Settings, port: int | None = None, listen: str | None = None, load: bool = True) -> Endpoint:
    """Start (or reuse) the endpoint, apply the reader role and hardening, and load the
    published snapshot's marts if the endpoint does not hold them yet.

    Idempotent: calling it on a running private cluster re-applies roles and grants.
    Needs ``ZHIBIAO_PG_PASSWORD``. Returns the :class:`Endpoint`.
    """
    reader, password = _reader_credentials()
    url = os.environ.get(ENV_URL)
    if url:
        endpoint = _external_endpoint(url, reader)
    else:
        endpoint = _start_private(settings, port, listen, reader)
    _configure(endpoint, password)
    if load and settings.warehouse.is_file():
        load_snapshot(endpoint, settings.warehouse, only_if_changed=True)
    return endpoint


def stop(settings: Settings) -> bool:
    """Stop the private cluster (fast shutdown: open sessions are ended). False if it was not running."""
    if not data_dir(settings).is_dir() or not _running(settings):
        return False
    _pg_ctl(settings, "stop", "-m", "fast", "-w", "-t", "60")
    return True


def status(settings: Settings) -> dict:
    """Whether an endpoint is configured/running, where, and which run it serves."""
    try:
        endpoint = configured_endpoint(settings)
    except ServeError as exc:
        return {"configured": True, "running": False, "error": str(exc)}
    if endpoint is None:
        return {"configured": data_dir(settings).is_dir(), "running": False}
    info = {"configured": True, "running": True, "url": endpoint.reader_url, "private": endpoint.private}
    try:
        info["run_id"] = served_run_id(endpoint)
    except Exception as exc:  # running but unreachable for us: report, do not raise
        info["running"], info["error"] = False, str(exc)
    return info


def serve_forever(
    settings: Settings, port: int | None = None, listen: str | None = None, on_ready=print, poll: float = 5.0
) -> None:
    """``zhibiao serve``: start, report the URL, block until SIGINT/SIGTERM, then stop the
    private cluster. New publishes are loaded by the publishing run itself; as a safety net
    this loop also loads any snapshot the endpoint does not serve yet (a publish whose load
    failed, or one made without access to the endpoint), checking every ``poll`` seconds."""
    endpoint = start(settings, port=port, listen=listen)
    on_ready(
        f"serving marts of {settings.warehouse} at {endpoint.reader_url} (schema {SCHEMA}); "
        f"password from ${ENV_PASSWORD}. Ctrl-C stops."
    )
    stopped = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stopped.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    seen = _snapshot_identity(settings)
    try:
        while not stopped.wait(poll):
            if endpoint.private and not _running(settings):
                raise ServeError(f"PostgreSQL stopped unexpectedly; see {data_dir(settings) / 'server.log'}")
            current = _snapshot_identity(settings)
            if current != seen and current is not None:
                try:
                    load_snapshot(endpoint, settings.warehouse, only_if_changed=True)
                    seen = current
                except Exception as exc:  # keep serving the previous run; retry next time
                    on_ready(f"could not load {settings.warehouse}: {exc}")
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
        if endpoint.private:
            stop(settings)


def _snapshot_identity(settings: Settings) -> tuple[int, int] | None:
    """(inode, mtime) of the published file: a publish always changes the inode."""
    try:
        st = settings.warehouse.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def configured_endpoint(settings: Settings) -> Endpoint | None:
    """The endpoint publishes should load into, or None: ``ZHIBIAO_PG_URL`` if set, else the
    private cluster if it is running. Raises ServeError if configured but unusable."""
    url = os.environ.get(ENV_URL)
    if url:
        return _external_endpoint(url, os.environ.get(ENV_USER, DEFAULT_READER))
    state = _read_state(settings)
    if state is None or not _running(settings):
        return None
    return _private_endpoint(settings, state)


def load_if_configured(settings: Settings) -> str:
    """Called by publish after each swap: load the published marts into the configured
    endpoint. Returns what happened; raises on a failed load."""
    endpoint = configured_endpoint(settings)
    if endpoint is None:
        if data_dir(settings).is_dir():
            return "skipped: private PostgreSQL not running (`zhibiao serve` loads the latest snapshot when it starts)"
        return "not configured"
    if not endpoint.private and os.environ.get(ENV_PASSWORD):
        # An existing server may never have seen `zhibiao serve`: make sure the role is there.
        _configure(endpoint, _reader_credentials()[1])
    run_id = load_snapshot(endpoint, settings.warehouse)
    return f"loaded {run_id} into {endpoint.reader_url}"


def served_run_id(endpoint: Endpoint) -> str | None:
    """run_id of the snapshot the endpoint currently serves, or None if nothing loaded."""
    import psycopg

    with psycopg.connect(endpoint.admin_conninfo, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT to_regclass(%s) IS NOT NULL", [f"{SCHEMA}.zhibiao_snapshot"]
        ).fetchone()
        if not row[0]:
            return None
        row = conn.execute(f"SELECT run_id FROM {SCHEMA}.zhibiao_snapshot LIMIT 1").fetchone()
        return row[0] if row else None


def load_snapshot(endpoint: Endpoint, snapshot: Path, only_if_changed: bool = False) -> str:
    """Copy the marts (and the zhibiao_snapshot row) of a published DuckDB snapshot into
    ``marts`` by a load-then-rename swap. Returns the run_id now served."""
    import psycopg
    from psycopg import sql

    from orchestration.faults import kill_point
    from orchestration.publish import list_marts
    from orchestration.reader import connect_path_readonly

    src = connect_path_readonly(snapshot, alias="snapshot", sandbox=False)
    # CSV files DuckDB writes and COPY streams: no per-row Python work. Named with our pid
    # so publish.cleanup_stale can remove what a killed loader left.
    workdir = snapshot.parent / f".pgload-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        run_id = src.execute("SELECT run_id FROM main.zhibiao_snapshot").fetchone()[0]
        if only_if_changed and served_run_id(endpoint) == run_id:
            return run_id
        tables = list_marts(src) + ["zhibiao_snapshot"]
        token = secrets.token_hex(4)
        load, old = f"{SCHEMA}_load_{token}", f"{SCHEMA}_old_{token}"
        # autocommit, so each `conn.transaction()` below is a real transaction: the swap
        # commits before old schemas are dropped. (Inside one transaction the drop's lock
        # request would queue every client still resolving `marts` to the old tables.)
        with psycopg.connect(endpoint.admin_conninfo, connect_timeout=10, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [group_role(endpoint.reader_user)]).fetchone():
                raise ServeError(
                    f"role {group_role(endpoint.reader_user)!r} does not exist on {endpoint.host}:{endpoint.port}: run "
                    f"`zhibiao serve` once, or set {ENV_PASSWORD} so publishing can create it"
                )
            _drop_old_schemas(conn, lock_timeout="100ms")  # leftovers: only if free now
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", [LOAD_LOCK_KEY])
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(load)))
                workdir.mkdir()
                for table in tables:
                    _copy_table(conn, src, table, load, workdir)
                _add_keys(conn, load, tables)
                group = sql.Identifier(group_role(endpoint.reader_user))
                conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(load), group))
                conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(sql.Identifier(load), group))
                kill_point("pg_loaded")  # test hook: die with the load done but not swapped in
                exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [SCHEMA]).fetchone()
                if exists and not conn.execute(
                        "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s", [SCHEMA, "zhibiao_snapshot"]
                ).fetchone():
                    # On a shared server a schema of that name may be someone else's: never swap it out.
                    raise ServeError(f"schema {SCHEMA!r} on {endpoint.host}:{endpoint.port} exists and was not "
                                     "loaded by zhibiao (no zhibiao_snapshot table); refusing to replace it")
                if exists:
                    conn.execute(sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(sql.Identifier(SCHEMA), sql.Identifier(old)))
                conn.execute(sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(sql.Identifier(load), sql.Identifier(SCHEMA)))
            _drop_old_schemas(conn)
        return run_id
    finally:
        src.close()
        shutil.rmtree(workdir, ignore_errors=True)


# -- loading -----------------------------------------------------------------------------------

# DuckDB type -> PostgreSQL type; anything not listed travels as JSON text into jsonb.
_SCALAR_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "UTINYINT": "smallint",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "UBIGINT": "numeric(20,0)",
    "HUGEINT": "numeric(39,0)",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "VARCHAR": "text",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "INTERVAL": "interval",
    "UUID": "uuid",
    "JSON": "jsonb",
}


def _pg_type(duck_type: str) -> tuple[str, str]:
    """(PostgreSQL type, DuckDB select expression template) for one column."""
    t = duck_type.upper()
    if t in _SCALAR_TYPES:
        return _SCALAR_TYPES[t], "{}"
    if t in ("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"):
        # Our timestamps are UTC without a zone (load.now_utc): say so, or BI tools shift them
        # to the viewer's zone.
        return "timestamptz", "CAST({} AS VARCHAR) || '+00'"
    if t == "BLOB":
        return "bytea", "'\\x' || hex({})"
    if t.startswith("DECIMAL"):
        return t.replace("DECIMAL", "numeric"), "{}"
    if t.startswith("ENUM"):
        return "text", "CAST({} AS VARCHAR)"
    return "jsonb", "CAST(to_json({}) AS VARCHAR)"  # lists, structs, maps


def _copy_table(conn, src, table: str, schema: str, workdir: Path) -> None:
    from psycopg import sql

    cols = src.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    mapped = [(name, *_pg_type(dtype)) for name, dtype in cols]
    target = sql.Identifier(schema, table)
    conn.execute(
        sql.SQL("CREATE TABLE {} ({})").format(
            target,
            sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(pg)) for n, pg, _ in mapped),
        )
    )
    select = ", ".join(expr.format(_duck_ident(n)) for n, _, expr in mapped)
    csv = workdir / "table.csv"
    # FORCE_QUOTE: an empty string is written "" and NULL as nothing, which is exactly how
    # PostgreSQL's CSV COPY tells them apart.
    src.execute(
        f"COPY (SELECT {select} FROM main.{_duck_ident(table)}) TO ? (FORMAT csv, HEADER false, FORCE_QUOTE *, NULLSTR '')",
        [str(csv)],
    )
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(
        target, sql.SQL(", ").join(sql.Identifier(n) for n, _, _ in mapped)
    )
    with conn.cursor().copy(copy_sql) as copy, open(csv, "rb") as f:
        while chunk := f.read(1 << 20):
            copy.write(chunk)
    csv.unlink()
    _copy_comments(conn, src, table, target)
    conn.execute(sql.SQL("ANALYZE {}").format(target))


def _copy_comments(conn, src, table: str, target) -> None:
    """dbt's descriptions (persisted into DuckDB by persist_docs) become PostgreSQL comments,
    which BI tools show beside tables and columns."""
    from psycopg import sql

    row = src.execute("SELECT comment FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ? "
                      "AND database_name = current_database()", [table]).fetchone()
    if row and row[0]:
        conn.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(target, sql.Literal(row[0])))
    for name, comment in src.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? "
            "AND database_name = current_database() AND comment IS NOT NULL AND comment <> ''", [table]).fetchall():
        conn.execute(sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(target, sql.Identifier(name), sql.Literal(comment)))


def declared_keys(models_dir: Path | None = None) -> tuple[dict[str, list[str]], list[tuple[str, list[str], str, list[str]]]]:
    """Primary and foreign keys as dbt's tests declare them in the marts' yml files:
    a column tested ``not_null`` and ``unique`` (else a ``unique_combination``) is the primary
    key; ``relationships`` / ``relationships_composite`` tests are foreign keys."""
    import re

    import yaml

    from orchestration.config import DBT_PROJECT_DIR

    primary: dict[str, list[str]] = {}
    foreign: list[tuple[str, list[str], str, list[str]]] = []

    def ref(text: str) -> str | None:
        m = re.fullmatch(r"\s*ref\(['\"]([\w]+)['\"]\)\s*", str(text))
        return m.group(1) if m else None

    for path in sorted((models_dir or DBT_PROJECT_DIR / "models" / "marts").glob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            name, combos = model["name"], []
            for test in model.get("data_tests") or []:
                if isinstance(test, dict) and "unique_combination" in test:
                    combos.append(list(test["unique_combination"]["arguments"]["columns"]))
                elif isinstance(test, dict) and "relationships_composite" in test:
                    a = test["relationships_composite"]["arguments"]
                    if ref(a["to"]):
                        foreign.append((name, list(a["columns"]), ref(a["to"]), list(a["to_columns"])))
            for col in model.get("columns") or []:
                tests = col.get("data_tests") or []
                names = {t if isinstance(t, str) else next(iter(t)) for t in tests}
                if {"not_null", "unique"} <= names and name not in primary:
                    primary[name] = [col["name"]]
                for t in tests:
                    if isinstance(t, dict) and "relationships" in t:
                        a = t["relationships"].get("arguments", t["relationships"])
                        if ref(a.get("to", "")):
                            foreign.append((name, [col["name"]], ref(a["to"]), [a["field"]]))
            if name not in primary and combos:
                primary[name] = combos[0]
    return primary, foreign


def _add_keys(conn, schema: str, tables: list[str]) -> None:
    """Keys for BI tools' joins. Each in a savepoint: data that breaks a key (a dbt test would
    have said so already) leaves that key out, never the load."""
    from psycopg import errors, sql

    primary, foreign = declared_keys()
    keyed = set()
    for table, cols in primary.items():
        if table not in tables:
            continue
        try:
            with conn.transaction():
                conn.execute(sql.SQL("ALTER TABLE {} ADD PRIMARY KEY ({})").format(
                    sql.Identifier(schema, table), sql.SQL(", ").join(map(sql.Identifier, cols))))
            keyed.add((table, tuple(cols)))
        except errors.Error as exc:
            log.warning("no primary key on %s (%s): %s", table, ", ".join(cols), exc)
    for table, cols, to, to_cols in foreign:
        if table not in tables or (to, tuple(to_cols)) not in keyed:
            continue
        try:
            with conn.transaction():
                conn.execute(sql.SQL("ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({})").format(
                    sql.Identifier(schema, table), sql.SQL(", ").join(map(sql.Identifier, cols)),
                    sql.Identifier(schema, to), sql.SQL(", ").join(map(sql.Identifier, to_cols))))
        except errors.Error as exc:
            log.warning("no foreign key %s(%s) -> %s: %s", table, ", ".join(cols), to, exc)


def _drop_old_schemas(conn, lock_timeout: str = OLD_SCHEMA_LOCK_TIMEOUT) -> None:
    """Drop schemas left by earlier swaps; one still in use by a client stays for next time."""
    import psycopg
    from psycopg import sql

    olds = conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", [f"{SCHEMA}\\_old\\_%"]
    ).fetchall()
    for (name,) in olds:
        try:
            with conn.transaction():
                conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(lock_timeout)))
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
        except psycopg.errors.LockNotAvailable:
            pass


# -- roles and hardening ------------------------------------------------------------------------

_LARGE_OBJECT_FUNCTIONS = [
    "lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)", "lo_import(text)",
    "lo_import(text, oid)", "lo_export(oid, text)", "lo_put(oid, bigint, bytea)",
    "lo_unlink(oid)", "lo_truncate(integer, integer)", "lo_truncate64(integer, bigint)",
    "lowrite(integer, bytea)", "lo_open(oid, integer)",
]


def _configure(endpoint: Endpoint, password: str) -> None:
    """Create/refresh the reader role and lock the database down to SELECT on marts."""
    import psycopg
    from psycopg import sql

    from psycopg.conninfo import make_conninfo

    reader = sql.Identifier(endpoint.reader_user)
    # Roles are cluster-wide; on our own cluster the database may not exist yet.
    first = make_conninfo(endpoint.admin_conninfo, dbname="postgres") if endpoint.private else endpoint.admin_conninfo
    with psycopg.connect(first, connect_timeout=10, autocommit=True) as conn:
        if endpoint.private and not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
        # The privileges belong to a NOLOGIN group; every BI user is a login member of it with
        # a password of its own. A member can alter only itself (stock PostgreSQL lets any role
        # ALTER ROLE itself SET … and change its password): never the other users' sessions.
        group = sql.Identifier(group_role(endpoint.reader_user))
        group_attrs = sql.SQL("NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS")
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [group_role(endpoint.reader_user)]).fetchone()
        conn.execute(sql.SQL("ALTER ROLE {} " if exists else "CREATE ROLE {} ").format(group) + group_attrs)
        for user, secret in [(endpoint.reader_user, password), *_extra_users(endpoint.reader_user)]:
            _login_member(conn, user, secret, group)
        if endpoint.private:
            # Our own cluster: PUBLIC may connect nowhere and create nothing (no TEMP either).
            for db in ("postgres", "template1", DATABASE):
                conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(db)))
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(endpoint.database), group))
        # A cluster set up before the group existed granted to the login role itself.
        conn.execute(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM {}").format(sql.Identifier(endpoint.database), reader))
    with psycopg.connect(endpoint.admin_conninfo, connect_timeout=10, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [SCHEMA]).fetchone():
            # A role created after the last load still gets the marts that are there.
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(SCHEMA), group))
            conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(sql.Identifier(SCHEMA), group))
        if endpoint.private:
            conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            for fn in _LARGE_OBJECT_FUNCTIONS:
                conn.execute(f"REVOKE EXECUTE ON FUNCTION pg_catalog.{fn} FROM PUBLIC")
        else:
            conn.execute(sql.SQL("REVOKE ALL ON SCHEMA public FROM {}, {}").format(reader, group))


def group_role(reader: str) -> str:
    """The NOLOGIN role holding the BI privileges; BI users are its login members."""
    return f"{reader}_group"


def _login_member(conn, user: str, password: str, group) -> None:
    from psycopg import sql

    role = sql.Identifier(user)
    verifier = conn.pgconn.encrypt_password(password.encode(), user.encode(), b"scram-sha-256").decode()
    attrs = sql.SQL(
        "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 64 PASSWORD {}"
    ).format(sql.Literal(verifier))
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [user]).fetchone()
    conn.execute(sql.SQL("ALTER ROLE {} " if exists else "CREATE ROLE {} ").format(role) + attrs)
    # Drop whatever defaults the user gave itself since the last start, then ours.
    conn.execute(sql.SQL("ALTER ROLE {} RESET ALL").format(role))
    for setting, value in [
        ("default_transaction_read_only", "on"),
        ("idle_in_transaction_session_timeout", "10min"),
        ("statement_timeout", "10min"),
        ("search_path", SCHEMA),
    ]:
        conn.execute(sql.SQL("ALTER ROLE {} SET {} = {}").format(role, sql.Identifier(setting), sql.Literal(value)))
    conn.execute(sql.SQL("GRANT {} TO {}").format(group, role))


def _extra_users(reader: str) -> list[tuple[str, str]]:
    """More BI users, one per line ``name password`` in the file $ZHIBIAO_PG_USERS_FILE."""
    path = os.environ.get(ENV_USERS_FILE)
    if not path:
        return []
    users = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, password = line.strip().partition(" ")
        password = password.strip()
        if not password or name in (ADMIN, "postgres", group_role(reader)) or not name.replace("_", "").isalnum():
            raise ServeError(f"{path}:{n}: expected `name password` with a plain name other than the admin role")
        users.append((name, password))
    return users


# -- the private cluster --------------------------------------------------------------------------


def _start_private(settings: Settings, port: int | None, listen: str | None, reader: str) -> Endpoint:
    pgdata = data_dir(settings)
    settings.home.mkdir(parents=True, exist_ok=True)
    state = _read_state(settings) or {}
    port = int(port or os.environ.get(ENV_PORT) or state.get("port") or DEFAULT_PORT)
    listen = listen or os.environ.get(ENV_LISTEN) or state.get("listen") or DEFAULT_LISTEN
    if not (pgdata / "PG_VERSION").is_file():
        _initdb(settings)
    running = _running(settings)
    if running and (state.get("port") != port or state.get("listen") != listen):
        _pg_ctl(settings, "stop", "-m", "fast", "-w", "-t", "60")
        running = False
    state = {"port": port, "listen": listen, "admin": ADMIN, "host": _client_host(listen), "reader": reader}
    _write_config(settings, port, listen)
    _write_state(settings, state)
    if not running:
        log = pgdata / "server.log"
        try:
            _pg_ctl(settings, "start", "-w", "-t", "60", "-l", str(log))
        except ServeError as exc:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServeError(f"{exc}\n--- {log} (tail) ---\n{tail}") from None
    return _private_endpoint(settings, state)


def _private_endpoint(settings: Settings, state: dict) -> Endpoint:
    from psycopg.conninfo import make_conninfo

    secret = _secret_file(settings)
    if not secret.is_file():
        raise ServeError(
            f"{secret} is missing, so the admin password of {data_dir(settings)} is lost: stop the "
            f"cluster (`zhibiao serve --stop`) and move that folder away; `zhibiao serve` recreates it"
        )
    password = secret.read_text(encoding="utf-8").strip()
    conninfo = make_conninfo(
        host=state["host"], port=state["port"], dbname=DATABASE, user=state["admin"], password=password
    )
    return Endpoint(state["host"], int(state["port"]), DATABASE, state.get("reader", DEFAULT_READER), True, conninfo)


def _external_endpoint(url: str, reader: str) -> Endpoint:
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(url)
    if parts.get("user") and parts["user"] == reader:
        # The BI role is altered to read-only with the BI password: it must not be the loading role.
        raise ServeError(f"{ENV_USER} ({reader!r}) is the role of {ENV_URL}; give BI clients a role of their own")
    return Endpoint(
        parts.get("host", "localhost"), int(parts.get("port", 5432)), parts.get("dbname", DATABASE),
        reader, False, url,
    )


def _initdb(settings: Settings) -> None:
    pgdata = data_dir(settings)
    if pgdata.exists() and any(pgdata.iterdir()):
        raise ServeError(f"{pgdata} exists but is not a PostgreSQL data folder; move it away")
    pgdata.mkdir(mode=0o700, exist_ok=True)
    owner = _os_user()
    if owner is not None:
        os.chown(pgdata, owner.pw_uid, owner.pw_gid)
        if _as_user(owner, ["test", "-w", str(pgdata)], check=False).returncode != 0:
            raise ServeError(
                f"the PostgreSQL OS user {owner.pw_name!r} cannot write {pgdata}: every folder above "
                f"it must be searchable by that user (chmod o+x), or set {ENV_OS_USER}"
            )
    password = secrets.token_urlsafe(24)
    _secret_file(settings).touch(mode=0o600)
    _secret_file(settings).write_text(password + "\n", encoding="utf-8")
    with tempfile.NamedTemporaryFile("w", prefix="zhibiao-pw-", delete=False) as pwfile:
        pwfile.write(password + "\n")
    try:
        if owner is not None:
            os.chown(pwfile.name, owner.pw_uid, owner.pw_gid)
        _run_pg(
            [_bin("initdb"), "-D", str(pgdata), "-U", ADMIN, f"--pwfile={pwfile.name}", "-E", "UTF8",
             "--locale=C.UTF-8", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256"]
        )
    finally:
        os.unlink(pwfile.name)
    with open(pgdata / "postgresql.conf", "a", encoding="utf-8") as f:
        f.write("\n# zhibiao: listen address, port and auth live here, rewritten by `zhibiao serve`\n")
        f.write("include_if_exists = 'zhibiao.conf'\n")


def _write_config(settings: Settings, port: int, listen: str) -> None:
    pgdata = data_dir(settings)
    conf = "\n".join([
        f"listen_addresses = '{listen}'",
        f"port = {port}",
        "unix_socket_directories = ''",  # TCP with passwords only: no peer/trust path
        "password_encryption = 'scram-sha-256'",
        "max_connections = 100",
        "shared_buffers = '64MB'",
        f"temp_file_limit = '{_conf_size(ENV_TEMP_FILE_LIMIT, DEFAULT_TEMP_FILE_LIMIT)}'",
        f"work_mem = '{_conf_size(ENV_WORK_MEM, DEFAULT_WORK_MEM)}'",
        "client_connection_check_interval = '5s'",
        "",
    ])
    hba = ["# zhibiao: generated by orchestration/serve.py; every client authenticates with a password",
           "host all all 127.0.0.1/32 scram-sha-256",
           "host all all ::1/128 scram-sha-256"]
    if os.environ.get(ENV_ALLOW_CIDR):
        hba.append(f"host all all {os.environ[ENV_ALLOW_CIDR]} scram-sha-256")
    owner = _os_user()
    for name, text in (("zhibiao.conf", conf), ("pg_hba.conf", "\n".join(hba) + "\n")):
        path = pgdata / name
        path.write_text(text, encoding="utf-8")
        if owner is not None:
            os.chown(path, owner.pw_uid, owner.pw_gid)


def _conf_size(env: str, default: str) -> str:
    import re

    value = (os.environ.get(env) or default).strip()
    if not re.fullmatch(r"-1|\d+\s*(kB|MB|GB|TB)?", value):
        raise ServeError(f"{env}={value!r}: give a size such as 512MB or 2GB (-1: no limit)")
    return value


def _running(settings: Settings) -> bool:
    if not (data_dir(settings) / "PG_VERSION").is_file():
        return False
    return _run_pg([_bin("pg_ctl"), "status", "-D", str(data_dir(settings))], check=False).returncode == 0


def _pg_ctl(settings: Settings, *args: str) -> None:
    _run_pg([_bin("pg_ctl"), "-D", str(data_dir(settings)), *args])


def _run_pg(cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    owner = _os_user()
    if owner is not None:
        proc = _as_user(owner, cmd, check=False)
    else:
        proc = subprocess.run(cmd, cwd="/", capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if check and proc.returncode != 0:
        raise ServeError(f"{Path(cmd[0]).name} {' '.join(cmd[1:3])} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
    return proc


def _as_user(owner: pwd.struct_passwd, cmd: list[str], check: bool) -> subprocess.CompletedProcess:
    """Run ``cmd`` as ``owner`` (we are root). setpriv needs no PAM session, which minimal CI
    containers may lack; runuser is the fallback. Either way the environment is reset (PG needs
    nothing from ours) and cwd is / because that user may not be allowed into our folder."""
    if shutil.which("setpriv"):
        prefix = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups", "--reset-env"]
    elif shutil.which("runuser"):
        prefix = ["runuser", "-u", owner.pw_name, "--"]
    else:
        raise ServeError("running as root needs setpriv or runuser (util-linux) to start PostgreSQL as another user")
    return subprocess.run(
        [*prefix, *cmd], cwd="/", capture_output=True, text=True, stdin=subprocess.DEVNULL, check=check,
    )


def _os_user() -> pwd.struct_passwd | None:
    """The unprivileged account that owns the cluster when we run as root; None otherwise."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get(ENV_OS_USER)
    candidates = [name] if name else ["postgres", "nobody"]
    for candidate in candidates:
        try:
            entry = pwd.getpwnam(candidate)
        except KeyError:
            continue
        if entry.pw_uid != 0:
            return entry
    raise ServeError(f"running as root and no unprivileged OS user for PostgreSQL: set {ENV_OS_USER}")


def _bin(name: str) -> str:
    folder = os.environ.get(ENV_BIN) or DEFAULT_BIN
    path = Path(folder) / name
    if path.is_file():
        return str(path)
    found = shutil.which(name)
    if not found:
        raise ServeError(f"{name} not found in {folder} or on PATH; set {ENV_BIN} to PostgreSQL 15's bin folder")
    return found


def _reader_credentials() -> tuple[str, str]:
    user = os.environ.get(ENV_USER, DEFAULT_READER)
    password = os.environ.get(ENV_PASSWORD)
    if not password:
        raise ServeError(f"set {ENV_PASSWORD} (and optionally {ENV_USER}, default {DEFAULT_READER}) for BI clients")
    if user in (ADMIN, "postgres") or not user.replace("_", "").isalnum():
        raise ServeError(f"{ENV_USER}={user!r} is not allowed: use a plain name other than the admin role")
    return user, password


def _client_host(listen: str) -> str:
    first = listen.split(",")[0].strip()
    return "127.0.0.1" if first in ("*", "0.0.0.0", "") else ("::1" if first == "::" else first)


def _read_state(settings: Settings) -> dict | None:
    try:
        return json.loads(_state_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(settings: Settings, state: dict) -> None:
    tmp = _state_file(settings).with_suffix(".json.tmp")
    tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
    os.replace(tmp, _state_file(settings))


def reachable_tempdir(prefix: str) -> Path:
    """A fresh temp folder the cluster's OS user can reach (for tests and benches): pytest's
    and some TMPDIRs sit under a 0700 folder, so fall back to /tmp when a parent is closed."""
    base = Path(tempfile.mkdtemp(prefix=prefix))
    if any(not (p.stat().st_mode & 0o001) for p in base.parents):
        base.rmdir()
        base = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    base.chmod(0o755)
    return base


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for tests and benches)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _duck_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

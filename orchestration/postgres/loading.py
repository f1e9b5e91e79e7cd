"""Loading a published snapshot's marts (and its zhibiao_snapshot row) into PostgreSQL.

One transaction creates ``marts_load_<token>``, fills it with COPY, grants SELECT, renames
``marts`` to ``marts_old_<token>`` and the new schema to ``marts``, and commits. Clients never
see a half-loaded schema; queries already running finish on the old tables (the old schema is
dropped afterwards with a short lock timeout and retried at the next load if a client still
holds it); new statements see the new data without reconnecting. Loads are serialised with an
advisory lock.

Caveat for BI tools: a REPEATABLE READ/SERIALIZABLE transaction that started before a swap sees
the new tables empty until it ends (PostgreSQL MVCC on new tables).
"""
from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from orchestration.faults import kill_point
from orchestration.identifiers import quote_ident
from orchestration.published import SNAPSHOT_TABLE, list_marts

from .endpoint import ENV_PASSWORD, SCHEMA, Endpoint, ServeError, group_role
from .keys import add_keys

LOAD_LOCK_KEY = 7_237_114_400  # pg_advisory_xact_lock key serialising loads
OLD_SCHEMA_LOCK_TIMEOUT = "3s"  # after a swap: let queries that began before it finish
WORKDIR_PREFIX = ".pgload-"    # CSV files of a load, beside the snapshot: .pgload-<pid>-<token>


def served_run_id(endpoint: Endpoint) -> str | None:
    """run_id of the snapshot the endpoint currently serves, or None if nothing loaded."""
    import psycopg

    with psycopg.connect(endpoint.admin_conninfo, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT to_regclass(%s) IS NOT NULL", [f"{SCHEMA}.{SNAPSHOT_TABLE}"]
        ).fetchone()
        if not row[0]:
            return None
        row = conn.execute(f"SELECT run_id FROM {SCHEMA}.{SNAPSHOT_TABLE} LIMIT 1").fetchone()
        return row[0] if row else None


def load_snapshot(endpoint: Endpoint, snapshot: Path, only_if_changed: bool = False) -> str:
    """Copy the marts (and the zhibiao_snapshot row) of a published DuckDB snapshot into
    ``marts`` by a load-then-rename swap. Returns the run_id now served."""
    import psycopg
    from psycopg import sql

    from orchestration.reader import connect_path_readonly

    src = connect_path_readonly(snapshot, alias="snapshot", sandbox=False)
    # CSV files DuckDB writes and COPY streams: no per-row Python work. Named with our pid
    # so the PostgreSQL sink can remove what a killed loader left (sinks/postgres.py).
    workdir = snapshot.parent / f"{WORKDIR_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        run_id = src.execute(f"SELECT run_id FROM main.{SNAPSHOT_TABLE}").fetchone()[0]
        if only_if_changed and served_run_id(endpoint) == run_id:
            return run_id
        tables = list_marts(src) + [SNAPSHOT_TABLE]
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
                add_keys(conn, load, tables)
                group = sql.Identifier(group_role(endpoint.reader_user))
                conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(load), group))
                conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(sql.Identifier(load), group))
                kill_point("pg_loaded")  # test hook: die with the load done but not swapped in
                exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [SCHEMA]).fetchone()
                if exists and not conn.execute(
                        "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s", [SCHEMA, SNAPSHOT_TABLE]
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
    select = ", ".join(expr.format(quote_ident(n)) for n, _, expr in mapped)
    csv = workdir / "table.csv"
    # FORCE_QUOTE: an empty string is written "" and NULL as nothing, which is exactly how
    # PostgreSQL's CSV COPY tells them apart.
    src.execute(
        f"COPY (SELECT {select} FROM main.{quote_ident(table)}) TO ? (FORMAT csv, HEADER false, FORCE_QUOTE *, NULLSTR '')",
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

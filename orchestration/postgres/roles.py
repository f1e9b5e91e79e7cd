"""The reader roles and the hardening of the database.

The privileges belong to the NOLOGIN group ``<user>_group``; each BI login role is a member, so
what a user alters of itself (its password, ``ALTER ROLE … SET``) never reaches the others. The
group can connect to the ``zhibiao`` database and SELECT the ``marts`` schema, nothing else: no
CREATE anywhere (no TEMP either), no INSERT/UPDATE/DELETE/TRUNCATE/LOCK, no server-file COPY or
``pg_read_file`` (not superuser, not in pg_read/write_server_files), no CREATE EXTENSION (no
CREATE on the database), no large objects. Sessions default to read-only transactions and time
out when idle in a transaction (so a forgotten BEGIN cannot pin an old schema forever). One
thing stock PostgreSQL cannot forbid: a role may change its own password; ``zhibiao serve``
resets it from configuration every time it starts.
"""
from __future__ import annotations

import os
from pathlib import Path

from .endpoint import ADMIN, DATABASE, SCHEMA, Endpoint, ServeError, group_role

ENV_USERS_FILE = "ZHIBIAO_PG_USERS_FILE"  # more BI users: lines of `name password`

_LARGE_OBJECT_FUNCTIONS = [
    "lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)", "lo_import(text)",
    "lo_import(text, oid)", "lo_export(oid, text)", "lo_put(oid, bigint, bytea)",
    "lo_unlink(oid)", "lo_truncate(integer, integer)", "lo_truncate64(integer, bigint)",
    "lowrite(integer, bytea)", "lo_open(oid, integer)",
]


def configure(endpoint: Endpoint, password: str) -> None:
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

"""Where the endpoint is and who reads it.

- ``ZHIBIAO_PG_URL`` set: an existing server. The URL names a role that may create schemas
  in its database (and roles, unless the reader role already exists). Nothing is started.
- otherwise: our private PostgreSQL 15 cluster (cluster.py).

BI clients log in as ``ZHIBIAO_PG_USER`` (default ``zhibiao_reader``) with
``ZHIBIAO_PG_PASSWORD`` (required), or as one of the users of ``ZHIBIAO_PG_USERS_FILE``
(roles.py); the privileges belong to the NOLOGIN group ``<user>_group``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

ENV_URL = "ZHIBIAO_PG_URL"
ENV_USER = "ZHIBIAO_PG_USER"
ENV_PASSWORD = "ZHIBIAO_PG_PASSWORD"
DEFAULT_READER = "zhibiao_reader"
DATABASE = "zhibiao"
SCHEMA = "marts"
ADMIN = "zhibiao_admin"


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


def external_endpoint(url: str, reader: str) -> Endpoint:
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(url)
    if parts.get("user") and parts["user"] == reader:
        # The BI role is altered to read-only with the BI password: it must not be the loading role.
        raise ServeError(f"{ENV_USER} ({reader!r}) is the role of {ENV_URL}; give BI clients a role of their own")
    return Endpoint(
        parts.get("host", "localhost"), int(parts.get("port", 5432)), parts.get("dbname", DATABASE),
        reader, False, url,
    )


def reader_credentials() -> tuple[str, str]:
    user = os.environ.get(ENV_USER, DEFAULT_READER)
    password = os.environ.get(ENV_PASSWORD)
    if not password:
        raise ServeError(f"set {ENV_PASSWORD} (and optionally {ENV_USER}, default {DEFAULT_READER}) for BI clients")
    if user in (ADMIN, "postgres") or not user.replace("_", "").isalnum():
        raise ServeError(f"{ENV_USER}={user!r} is not allowed: use a plain name other than the admin role")
    return user, password


def group_role(reader: str) -> str:
    """The NOLOGIN role holding the BI privileges; BI users are its login members."""
    return f"{reader}_group"

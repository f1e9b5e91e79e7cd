"""`zhibiao serve`: the PostgreSQL endpoint for BI tools, started, reported and stopped here.

The parts live in orchestration/postgres/ (each with its rules): where the endpoint is and who
reads it (endpoint.py), the private cluster (cluster.py), roles and hardening (roles.py),
loading a snapshot by a schema swap (loading.py). Every publish loads into a configured
endpoint through the PostgreSQL sink (orchestration/sinks/postgres.py); this module adds the
long-running command, which also loads any snapshot the endpoint does not serve yet.
"""
from __future__ import annotations

import os
import signal
import threading

from orchestration.config import Settings
# The names callers and tests use, from the modules that own them.
from orchestration.postgres.cluster import (  # noqa: F401
    ENV_ALLOW_CIDR, ENV_BIN, ENV_LISTEN, ENV_OS_USER, ENV_PORT, ENV_TEMP_FILE_LIMIT, ENV_WORK_MEM, data_dir, is_running,
    reachable_tempdir, start_private, stop)
from orchestration.postgres.configured import configured_endpoint, load_if_configured  # noqa: F401
from orchestration.postgres.endpoint import (  # noqa: F401
    ADMIN, DATABASE, DEFAULT_READER, ENV_PASSWORD, ENV_URL, ENV_USER, SCHEMA, Endpoint, ServeError, external_endpoint,
    group_role, reader_credentials)
from orchestration.postgres.keys import declared_keys  # noqa: F401
from orchestration.postgres.loading import load_snapshot, served_run_id
from orchestration.postgres.roles import ENV_USERS_FILE, configure  # noqa: F401


def start(settings: Settings, port: int | None = None, listen: str | None = None, load: bool = True) -> Endpoint:
    """Start (or reuse) the endpoint, apply the reader role and hardening, and load the
    published snapshot's marts if the endpoint does not hold them yet.

    Idempotent: calling it on a running private cluster re-applies roles and grants.
    Needs ``ZHIBIAO_PG_PASSWORD``. Returns the :class:`Endpoint`.
    """
    reader, password = reader_credentials()
    url = os.environ.get(ENV_URL)
    if url:
        endpoint = external_endpoint(url, reader)
    else:
        endpoint = start_private(settings, port, listen, reader)
    configure(endpoint, password)
    if load and settings.warehouse.is_file():
        load_snapshot(endpoint, settings.warehouse, only_if_changed=True)
    return endpoint


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
            if endpoint.private and not is_running(settings):
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

"""A throw-away PostgreSQL cluster for comparing engines: the dbt portability test
(tests/warehouse/test_dbt_postgres.py) and scripts/compare_engines.py start theirs here.

Unlike the private cluster of cluster.py it holds nothing worth keeping: trust
authentication on 127.0.0.1 only (the folder is private to this process's user and gone
afterwards), admin role ``zb``, database ``postgres``, stopped with ``-m immediate`` and
deleted on exit. As root it runs as cluster.py's unprivileged OS user, in a folder that user
can reach.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from .cluster import os_user, pg_bin, reachable_tempdir, run_pg

USER = "zb"


@contextmanager
def scratch_cluster(port: int, prefix: str = "zhibiao-scratch-pg-") -> Iterator[str]:
    """Start a fresh cluster on 127.0.0.1:``port``; yields its libpq DSN (role ``zb``)."""
    base = reachable_tempdir(prefix)
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    owner = os_user()
    if owner is not None:
        for path in (base, sock):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    try:
        run_pg([pg_bin("initdb"), "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8"])
        run_pg([pg_bin("pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                f"-p {port} -k {sock} -c listen_addresses=127.0.0.1", "start"])
        yield f"host=127.0.0.1 port={port} user={USER} dbname=postgres"
    finally:
        if (data / "PG_VERSION").is_file():
            run_pg([pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], check=False)
        shutil.rmtree(base, ignore_errors=True)

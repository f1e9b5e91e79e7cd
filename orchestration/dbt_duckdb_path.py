"""dbt-duckdb plugin (profiles.yml, target dev): the working DuckDB file is read from ZHIBIAO_DUCKDB
when dbt connects, not when it loads the profile, and is attached as the catalog `zhibiao`.

Why: dbt reuses its partial parse (target/partial_parse.msgpack) only if the profile's hash is
the one the parse was made with, and that hash covers every connection field: dbt-core 1.11
`ManifestLoader.build_manifest_state_check` hashes `credentials.connection_info()`, which for
dbt-duckdb includes `path` and `database`. With the path in the profile, every new warehouse
(a first `zhibiao run`, each test's file) paid a full parse (~15 % of a cold run's dbt step,
docs/performance.md). The profile now names no path (`:memory:`) and a fixed database, so
its hash, and the database every parsed node carries, is the same for every warehouse, and
the project's shipped parse is reused.

The file is attached under one name whatever it is called (dbt-duckdb would have named the
catalog after the file, and the parsed nodes after the catalog). The profile's own `attach`
entry (`:memory:` AS zhibiao, IF NOT EXISTS) is what lets its `database: zhibiao` pass
dbt-duckdb's profile check; dbt-duckdb runs it after the plugins, so it finds this ATTACH done.
This ATTACH has no IF NOT EXISTS: were the order ever reversed, it fails rather than build
into memory.
"""
from __future__ import annotations

import os

from dbt.adapters.duckdb.plugins import BasePlugin

ENV = "ZHIBIAO_DUCKDB"
# as the profile said before: relative to dbt's working directory
DEFAULT_PATH = "../warehouse/zhibiao.work.duckdb"
CATALOG = "zhibiao"


def working_db_path() -> str:
    return os.environ.get(ENV) or DEFAULT_PATH


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:
        path = working_db_path().replace("'", "''")
        conn.execute(f"ATTACH '{path}' AS {CATALOG}")
        conn.execute(f"USE {CATALOG}")

"""What a published snapshot holds, for every writer and loader of one: the marts (the tables
and views of the dbt ``main`` schema named ``dim_``, ``fct_`` or ``mart_``) and the
``zhibiao_snapshot`` row that names the run. No dependency beyond DuckDB, so publishing and the
PostgreSQL loader both read it without importing each other."""
from __future__ import annotations

import duckdb

MART_PREFIXES = ("dim_", "fct_", "mart_")
MART_SCHEMA = "main"
SNAPSHOT_TABLE = "zhibiao_snapshot"


def list_marts(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    """Names of the mart tables/views in the ``main`` schema, sorted."""
    where_catalog = "AND table_catalog = ?" if catalog else ""
    params = [MART_SCHEMA] + ([catalog] if catalog else [])
    names = con.execute(
        f"SELECT table_name FROM information_schema.tables WHERE table_schema = ? {where_catalog}",
        params,
    ).fetchall()
    return sorted(n for (n,) in names if n.startswith(MART_PREFIXES))

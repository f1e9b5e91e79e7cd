"""What a published snapshot holds, for every writer and loader of one: the marts (the tables
and views of the dbt ``main`` schema named ``dim_``, ``fct_`` or ``mart_``; tables in the
snapshot), the ``zhibiao_snapshot`` row that names the run, and the raw tables readers read
(RAW_TABLES). dbt's staging and intermediate models, its seeds and the build records are not
published. No dependency beyond DuckDB, so publishing and the
PostgreSQL loader both read it without importing each other."""
from __future__ import annotations

import duckdb

MART_PREFIXES = ("dim_", "fct_", "mart_")
MART_SCHEMA = "main"
SNAPSHOT_TABLE = "zhibiao_snapshot"
RAW_SCHEMA = "raw"
# The raw tables a snapshot carries, and who reads them from it: the open lake (documents,
# figures, extractions, quarantine, ingest_errors: orchestration/lake/), the HTML report
# (figures' sentence offsets, refused files, the quarantine, the latest checks:
# orchestration/report/data.py) and `zhibiao quarantine`/`zhibiao sql` users.
RAW_TABLES = ("documents", "figures", "extractions", "quarantine", "ingest_errors", "validation_results")


def list_marts(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    """Names of the mart tables/views in the ``main`` schema, sorted."""
    where_catalog = "AND table_catalog = ?" if catalog else ""
    params = [MART_SCHEMA] + ([catalog] if catalog else [])
    names = con.execute(
        f"SELECT table_name FROM information_schema.tables WHERE table_schema = ? {where_catalog}",
        params,
    ).fetchall()
    return sorted(n for (n,) in names if n.startswith(MART_PREFIXES))

"""What a published snapshot holds, written into its new file: the marts (views written as
tables) and the raw tables readers read, with dbt's comments, and the ``zhibiao_snapshot`` record
of the run. :mod:`orchestration.publish` decides when and where (temp file, checks, swap); this
module only fills the file it is given."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from orchestration.identifiers import quote_ident as _ident
from orchestration.published import MART_SCHEMA, RAW_SCHEMA, RAW_TABLES, SNAPSHOT_TABLE, list_marts


def write_snapshot(con: duckdb.DuckDBPyConnection, working: Path, tmp: Path, storage_version: str) -> None:
    """Write into the new file ``tmp`` (in the snapshot's storage version) what readers read, and
    leave ``con`` using it: the marts (views included, written as tables) and the raw tables of
    :data:`orchestration.published.RAW_TABLES`, with dbt's table and column comments. dbt's
    staging and intermediate models, its seeds and the build records stay in the working
    database: nothing reads them from a snapshot, and at scale the per-figure intermediate
    tables are most of the file (docs/performance.md). One pass, no copy of the whole file."""
    option = f" (STORAGE_VERSION '{storage_version}')" if storage_version else ""
    con.execute("ATTACH ? AS zb_src (READ_ONLY)", [str(working)])
    con.execute(f"ATTACH ? AS zb_dst{option}", [str(tmp)])
    con.execute("USE zb_dst")
    tables = [(MART_SCHEMA, name) for name in list_marts(con, "zb_src")]
    present = {n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'zb_src' "
                                         "AND schema_name = ?", [RAW_SCHEMA]).fetchall()}
    if present:
        con.execute(f"CREATE SCHEMA zb_dst.{RAW_SCHEMA}")
    tables += [(RAW_SCHEMA, name) for name in RAW_TABLES if name in present]
    for schema, name in tables:
        rel = f"{_ident(schema)}.{_ident(name)}"
        con.execute(f"CREATE TABLE zb_dst.{rel} AS SELECT * FROM zb_src.{rel}")
    _copy_comments(con, tables)
    con.execute("DETACH zb_src")


def _copy_comments(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]]) -> None:
    """dbt's persisted descriptions (persist_docs) of the copied tables and views and of their
    columns, which the PostgreSQL load turns into comments there."""
    wanted = set(tables)
    rows = con.execute(
        """SELECT schema_name, table_name, NULL, comment FROM duckdb_tables() WHERE database_name = 'zb_src'
           UNION ALL
           SELECT schema_name, view_name, NULL, comment FROM duckdb_views() WHERE database_name = 'zb_src'
           UNION ALL
           SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() WHERE database_name = 'zb_src'
           ORDER BY 1, 2, 3 NULLS FIRST""").fetchall()
    for schema, name, column, comment in rows:
        if not comment or (schema, name) not in wanted:
            continue
        rel = f"zb_dst.{_ident(schema)}.{_ident(name)}"
        if column is None:
            con.execute(f"COMMENT ON TABLE {rel} IS {_literal(comment)}")
        else:
            con.execute(f"COMMENT ON COLUMN {rel}.{_ident(column)} IS {_literal(comment)}")


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def mart_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        name: con.execute(f"SELECT count(*) FROM {MART_SCHEMA}.{_ident(name)}").fetchone()[0]
        for name in list_marts(con)
    }


def write_metadata(con, run_id: str, published_at: datetime, docs: dict[str, int], marts: dict[str, int]) -> None:
    con.execute(
        f"""CREATE OR REPLACE TABLE {MART_SCHEMA}.{SNAPSHOT_TABLE} (
            run_id          VARCHAR NOT NULL,
            published_at    TIMESTAMPTZ NOT NULL,
            duckdb_version  VARCHAR NOT NULL,
            documents       STRUCT(document_id VARCHAR, version INTEGER)[] NOT NULL,
            marts           STRUCT(name VARCHAR, row_count BIGINT)[] NOT NULL
        )"""
    )
    con.execute(
        f"INSERT INTO {MART_SCHEMA}.{SNAPSHOT_TABLE} VALUES (?, ?, ?, ?, ?)",
        [
            run_id,
            published_at,
            duckdb.__version__,
            [{"document_id": d, "version": int(v)} for d, v in sorted(docs.items())],
            [{"name": n, "row_count": c} for n, c in marts.items()],
        ],
    )

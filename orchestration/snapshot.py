"""What a published snapshot holds, written into its new file: the marts (views written as
tables) and the raw tables readers read, with dbt's comments, and the ``zhibiao_snapshot`` record
of the run. :mod:`orchestration.publish` decides when and where (temp file, checks, swap); this
module only fills the file it is given.

Two ways to fill it, with the same content (tests/publish/test_snapshot_patch.py compares them
table by table with ``EXCEPT ALL`` both ways):

- whole (:func:`write_snapshot` without ``previous``): every table written anew from the working
  database into an empty file. The first publish, and whenever the previous snapshot cannot be
  trusted as a starting point.
- copy and patch (``previous``: the published snapshot): the file is copied, and inside the copy,
  in one transaction, only the rows that differ are replaced. Each table's rows are grouped by its
  first column of PATCH_KEYS (a document, else a region; a table with none is one group), and
  per group the row count and the sum of DuckDB's ``hash`` of each row are compared between the
  working database and the copy; a group that differs is deleted from the copy and inserted again
  from the working database. No rule about which documents a run changed is needed, so a
  cross-document mart (a target and its outcome in two documents, a region's indicators), a
  ``--full-refresh``, a removed document and a changed seed are all covered the same way. A table
  whose columns or types changed, or that is new, is written whole; one that is no longer
  published is dropped.

Each snapshot keeps the row counts and hash sums of its own tables per group and lake partition
in ``main.zhibiao_digests`` (DIGESTS_TABLE; written in the same transaction as the rows, so it
always describes them; tests/publish/test_snapshot_patch.py recomputes it after every publish).
The next patch reads the previous file's side from there instead of hashing every row of it
again, and the lake sums them per partition instead of hashing the snapshot (lake/partitions.py).
A table whose stored digests are missing, or were taken over other columns or partitions, is
hashed as before. (At 10,000 documents the finer grouping costs the patch about what the lake
saves: docs/performance.md, increment-10k.)
"""
from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from orchestration.identifiers import quote_ident as _ident
from orchestration.lake.layout import published_layout
from orchestration.lake.partitions import path_sql
from orchestration.published import DIGESTS_TABLE, MART_SCHEMA, RAW_SCHEMA, RAW_TABLES, SNAPSHOT_TABLE, hashed_columns, \
    list_marts

# The column a table's rows are grouped by when patching: the first of these it has. Any column
# is correct (every row of a changed group is replaced); one that follows the documents keeps the
# groups a new report touches small.
PATCH_KEYS = ("document_id", "target_document_id", "estimate_document_id", "region_code")
# Replacing more than this share of a table's rows costs about what writing it whole does: then
# it is written whole (and the file does not carry the deleted rows' space).
WHOLE_ABOVE = 0.5
# Per table, group and lake partition (orchestration/lake/layout.py; '' for a table the lake
# writes as one file or does not hold) of the snapshot: rows and hash sum (as text: Parquet and
# pandas have no 128-bit integer), what they were taken over (the hashed columns with their
# types) and the lake's signature of the table ('' when the lake does not hold it).
_DIGESTS_DDL = f"""CREATE TABLE IF NOT EXISTS zb_dst.{MART_SCHEMA}.{DIGESTS_TABLE} (
    schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL, taken_over VARCHAR NOT NULL,
    partitioned VARCHAR NOT NULL, k VARCHAR, path VARCHAR NOT NULL, n BIGINT NOT NULL, h VARCHAR NOT NULL)"""


def write_snapshot(con: duckdb.DuckDBPyConnection, working: Path, tmp: Path, storage_version: str,
                   previous: Path | None = None) -> str:
    """Fill the new file ``tmp`` (in the snapshot's storage version) with what readers read, and
    leave ``con`` using it: the marts (views included, written as tables) and the raw tables of
    :data:`orchestration.published.RAW_TABLES`, with dbt's table and column comments. dbt's
    staging and intermediate models, its seeds and the build records stay in the working
    database: nothing reads them from a snapshot, and at scale the per-figure intermediate
    tables are most of the file (docs/performance.md).

    With ``previous`` (the published snapshot, unmodified since its publish: the caller checks),
    ``tmp`` starts as a copy of it and only the rows that differ are replaced (module docstring);
    if the copy cannot be used (another storage version or DuckDB), it is written whole instead.
    Returns what was done: ``"whole"`` or ``"patched: …"``."""
    if previous is not None:
        shutil.copyfile(previous, tmp)   # not its mode: the published file is read-only
        tmp.chmod(0o644)
        con.execute("ATTACH ? AS zb_dst", [str(tmp)])
        if _patchable(con, storage_version):
            con.execute("ATTACH ? AS zb_src (READ_ONLY)", [str(working)])
            con.execute("USE zb_dst")
            done = _patch(con, _published_tables(con))
            con.execute("DETACH zb_src")
            return done
        con.execute("DETACH zb_dst")
        tmp.unlink()
    option = f" (STORAGE_VERSION '{storage_version}')" if storage_version else ""
    con.execute("ATTACH ? AS zb_src (READ_ONLY)", [str(working)])
    con.execute(f"ATTACH ? AS zb_dst{option}", [str(tmp)])
    con.execute("USE zb_dst")
    tables = _published_tables(con)
    if any(schema == RAW_SCHEMA for schema, _ in tables):
        con.execute(f"CREATE SCHEMA zb_dst.{RAW_SCHEMA}")
    con.execute(_DIGESTS_DDL)
    for schema, name in tables:
        _write_whole(con, f"{_ident(schema)}.{_ident(name)}")
        _store_digests(con, schema, name, _digests_into(con, "zb_src", schema, name, "zb_new"), "temp.zb_new")
    con.execute("DROP TABLE IF EXISTS temp.zb_new")
    _copy_comments(con, tables)
    con.execute("DETACH zb_src")
    return "whole"


def _published_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """The (schema, name) of what a snapshot of zb_src holds."""
    tables = [(MART_SCHEMA, name) for name in list_marts(con, "zb_src")]
    present = {n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'zb_src' "
                                         "AND schema_name = ?", [RAW_SCHEMA]).fetchall()}
    return tables + [(RAW_SCHEMA, name) for name in RAW_TABLES if name in present]


def _patchable(con: duckdb.DuckDBPyConnection, storage_version: str) -> bool:
    # The copy keeps the previous file's storage format and was hashed by the DuckDB that wrote
    # it: both must be this publish's, or the result would differ from a whole write.
    # No storage version asked for (the pinned DuckDB's own default for new files): a copy would
    # keep the previous file's, so it is written whole.
    [(tags,)] = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'zb_dst'").fetchall()
    if not storage_version or not str(tags.get("storage_version", "")).startswith(storage_version):
        return False
    try:
        rows = con.execute(f"SELECT duckdb_version FROM zb_dst.{MART_SCHEMA}.{SNAPSHOT_TABLE}").fetchall()
    except duckdb.Error:
        return False
    return rows == [(duckdb.__version__,)]


def _patch(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]]) -> str:
    """Make the tables of zb_dst (a copy of the previous snapshot) those of zb_src, in one
    transaction, by replacing only the groups of rows that differ."""
    whole, patched, groups, rows = [], [], 0, 0
    con.execute(_DIGESTS_DDL)
    # Each table's digests as temp tables, before the transaction (it may write zb_dst only);
    # compared and stored in SQL, so only the groups that differ come into Python (the ~60,000
    # digest rows of 10,000 documents cost 1 s as Python dicts).
    digests = {table: _digests_into(con, "zb_src", *table, f"zb_new_{i}") for i, table in enumerate(tables)}
    kept = {table: _kept(con, *table, digests[table]) for table in tables}
    for i, table in enumerate(tables):
        if not kept[table] and _column_types(con, "zb_dst", *table) == _column_types(con, "zb_src", *table):
            _digests_into(con, "zb_dst", *table, f"zb_old_{i}")   # none kept (an older publish's file)
    con.execute("BEGIN TRANSACTION")
    try:
        wanted = set(tables)
        for schema, name in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'zb_dst' "
                "AND schema_name IN (?, ?) AND table_name NOT IN (?, ?)",
                [MART_SCHEMA, RAW_SCHEMA, SNAPSHOT_TABLE, DIGESTS_TABLE]).fetchall():
            if (schema, name) not in wanted:
                con.execute(f"DROP TABLE zb_dst.{_ident(schema)}.{_ident(name)}")
                _store_digests(con, schema, name)
        if any(schema == RAW_SCHEMA for schema, _ in tables):
            con.execute(f"CREATE SCHEMA IF NOT EXISTS zb_dst.{RAW_SCHEMA}")
        for i, (schema, name) in enumerate(tables):
            old = f"zb_dst.{MART_SCHEMA}.{DIGESTS_TABLE}" if kept[(schema, name)] else f"temp.zb_old_{i}"
            changed = _patch_table(con, schema, name, digests[(schema, name)], f"temp.zb_new_{i}", old)
            if changed is None:
                whole.append(name)
            elif changed[0]:
                patched.append(name)
                groups, rows = groups + changed[0], rows + changed[1]
        _copy_comments(con, tables, reset=True)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for i in range(len(tables)):
            con.execute(f"DROP TABLE IF EXISTS temp.zb_new_{i}")
            con.execute(f"DROP TABLE IF EXISTS temp.zb_old_{i}")
    return (f"patched: {groups} groups, {rows} rows in {len(patched)} tables"
            + (f"; written whole: {', '.join(whole)}" if whole else ""))


def _patch_table(con: duckdb.DuckDBPyConnection, schema: str, name: str, taken_over: tuple[str, str],
                 new: str, old: str) -> tuple[int, int] | None:
    """Replace in zb_dst the groups of rows of one table that differ from zb_src's. ``new``: the
    temp table of zb_src's digests of it; ``old``: where zb_dst's are (the stored digests, or a
    temp table of them hashed from its rows). Returns (groups, rows) replaced, or None if the table
    was written whole."""
    rel = f"{_ident(schema)}.{_ident(name)}"
    src = _column_types(con, "zb_src", schema, name)
    if src != _column_types(con, "zb_dst", schema, name):   # new, or its columns changed: nothing to patch
        _write_whole(con, rel)
        _store_digests(con, schema, name, taken_over, new)
        return None
    kept = old.startswith("zb_dst.")
    mine = "WHERE schema_name = ? AND table_name = ?" if kept else ""
    # A group differs when any of its partitions' digests does; it is replaced in every partition.
    # NULL is a group too (a key column may hold NULLs): compared with IS NOT DISTINCT FROM.
    changed = con.execute(f"""
        WITH o AS (SELECT k, path, n, h FROM {old} {mine}),
             d AS (SELECT DISTINCT CASE WHEN nw.n IS NOT NULL THEN nw.k ELSE o.k END AS k
                   FROM {new} nw FULL JOIN o ON nw.k IS NOT DISTINCT FROM o.k AND nw.path = o.path
                   WHERE nw.n IS DISTINCT FROM o.n OR nw.h IS DISTINCT FROM o.h)
        SELECT d.k, coalesce(sum(nw.n), 0) FROM d LEFT JOIN {new} nw ON nw.k IS NOT DISTINCT FROM d.k
        GROUP BY d.k""", [schema, name] if kept else []).fetchall()
    if changed or not kept:
        _store_digests(con, schema, name, taken_over, new)
    if not changed:
        return 0, 0
    groups, rows = len(changed), sum(n for _, n in changed)
    [(total,)] = con.execute(f"SELECT coalesce(sum(n), 0) FROM {new}").fetchall()
    if rows > WHOLE_ABOVE * total:
        _write_whole(con, rel)
        return None
    group = _group_sql([c for c, _ in src])
    # The keys as a parameter (a temp table would be a second database written in the
    # transaction); NULL is a group too: a key column may hold NULLs.
    keys = [k for k, _ in changed if k is not None]
    match = f"({group} IN (SELECT unnest(CAST(? AS VARCHAR[]))) OR ({group} IS NULL AND ?))"
    params = [keys, len(keys) < groups]
    con.execute(f"DELETE FROM zb_dst.{rel} WHERE {match}", params)
    con.execute(f"INSERT INTO zb_dst.{rel} SELECT * FROM zb_src.{rel} WHERE {match}", params)
    return groups, rows


def _group_sql(columns: list[str]) -> str:
    """The group of a row: its first column of PATCH_KEYS as text, else one group for the table."""
    key = next((c for c in PATCH_KEYS if c in columns), None)
    return f"CAST({_ident(key)} AS VARCHAR)" if key else "''"


def _digest_sql(con: duckdb.DuckDBPyConnection, db: str, schema: str, name: str) -> tuple[tuple[str, str], str]:
    """((what they are taken over, the lake's signature), the query of (k: group, path: lake
    partition, n: rows, h: hash sum as text)) of a table of ``db``. Split by the lake's partitions
    too, so the lake can sum them (orchestration/lake/partitions.py) instead of hashing the
    snapshot again."""
    types = _column_types(con, db, schema, name)
    columns = [c for c, _ in types]
    hashed = hashed_columns(schema, name, columns)   # raw.documents' texts: its sha256 stands for them
    taken_over = json.dumps([[c, t] for c, t in types if c in hashed], ensure_ascii=False)
    lake = published_layout(con, db, schema, name)
    rows_of, keys, partitioned = (f"({lake.select})", list(lake.keys), lake.signature) if lake is not None else \
        (f"{db}.{_ident(schema)}.{_ident(name)}", [], "")
    # grouped by the partition keys' values, the folder's name spelt per group, not per row
    by = "".join(f", {key}" for key in keys)
    sql = f"""SELECT k, {path_sql(keys)} AS path, n, CAST(h AS VARCHAR) AS h FROM (
                  SELECT {_group_sql(columns)} AS k{by}, count(*) AS n,
                         sum(CAST(hash({', '.join(_ident(c) for c in hashed)}) AS HUGEINT)) AS h
                  FROM {rows_of} AS q GROUP BY {', '.join(str(i) for i in range(1, len(keys) + 2))})"""
    return (taken_over, partitioned), sql


def _digests(con: duckdb.DuckDBPyConnection, db: str, schema: str, name: str) -> tuple[tuple[str, str], dict]:
    """(what they are taken over, {(group, lake partition): (rows, hash sum as text)}) of a table
    of ``db`` (_digest_sql), as Python values."""
    taken_over, sql = _digest_sql(con, db, schema, name)
    return taken_over, {(k, p): (n, h) for k, p, n, h in con.execute(sql).fetchall()}


def _digests_into(con: duckdb.DuckDBPyConnection, db: str, schema: str, name: str, temp: str) -> tuple[str, str]:
    """The digests of a table of ``db`` (_digest_sql) into the temp table ``temp``; returns what
    they are taken over."""
    taken_over, sql = _digest_sql(con, db, schema, name)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {temp} AS {sql}")
    return taken_over


def _kept(con: duckdb.DuckDBPyConnection, schema: str, name: str, taken_over: tuple[str, str]) -> bool:
    """Whether the previous file stored digests of a table, all taken over these columns and
    partitions (else its rows are hashed)."""
    [(rows, same)] = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE taken_over = ? AND partitioned = ?) "
        f"FROM zb_dst.{MART_SCHEMA}.{DIGESTS_TABLE} WHERE schema_name = ? AND table_name = ?",
        [*taken_over, schema, name]).fetchall()
    return rows > 0 and rows == same


def _store_digests(con: duckdb.DuckDBPyConnection, schema: str, name: str, taken_over: tuple[str, str] = ("", ""),
                   temp: str | None = None) -> None:
    """Replace zb_dst's stored digests of a table with those in the temp table ``temp`` (None:
    the table is gone)."""
    con.execute(f"DELETE FROM zb_dst.{MART_SCHEMA}.{DIGESTS_TABLE} WHERE schema_name = ? AND table_name = ?",
                [schema, name])
    if temp is not None:
        con.execute(f"INSERT INTO zb_dst.{MART_SCHEMA}.{DIGESTS_TABLE} SELECT ?, ?, ?, ?, k, path, n, h FROM {temp}",
                    [schema, name, *taken_over])


def _write_whole(con: duckdb.DuckDBPyConnection, rel: str) -> None:
    """zb_dst's table ``rel`` (schema.name, quoted) as a copy of zb_src's, replacing any there."""
    con.execute(f"DROP TABLE IF EXISTS zb_dst.{rel}")
    con.execute(f"CREATE TABLE zb_dst.{rel} AS SELECT * FROM zb_src.{rel}")


def _column_types(con: duckdb.DuckDBPyConnection, db: str, schema: str, name: str) -> list[tuple[str, str]]:
    return con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND schema_name = ? "
                       "AND table_name = ? ORDER BY column_index", [db, schema, name]).fetchall()


_COMMENTS = """SELECT schema_name, table_name, NULL, comment FROM duckdb_tables() WHERE database_name = '{db}'
               UNION ALL
               SELECT schema_name, view_name, NULL, comment FROM duckdb_views() WHERE database_name = '{db}'
               UNION ALL
               SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() WHERE database_name = '{db}'
               ORDER BY 1, 2, 3 NULLS FIRST"""


def _copy_comments(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]], reset: bool = False) -> None:
    """dbt's persisted descriptions (persist_docs) of the copied tables and views and of their
    columns, which the PostgreSQL load turns into comments there. ``reset``: zb_dst already has
    comments (a patched copy): set those that differ, removing those zb_src no longer has."""
    wanted = set(tables)
    have = {tuple(r[:3]): r[3] for r in con.execute(_COMMENTS.format(db="zb_dst")).fetchall()} if reset else {}
    for schema, name, column, comment in con.execute(_COMMENTS.format(db="zb_src")).fetchall():
        if (schema, name) not in wanted or (comment or None) == (have.get((schema, name, column)) or None):
            continue
        if not comment:
            comment = None
        rel = f"zb_dst.{_ident(schema)}.{_ident(name)}"
        if column is None:
            con.execute(f"COMMENT ON TABLE {rel} IS {_literal(comment)}")
        else:
            con.execute(f"COMMENT ON COLUMN {rel}.{_ident(column)} IS {_literal(comment)}")


def _literal(text: str | None) -> str:
    return "NULL" if text is None else "'" + str(text).replace("'", "''") + "'"


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

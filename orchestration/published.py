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
# Per table, group of rows and lake partition: row count and hash sum, kept in each snapshot by
# its writer (orchestration/snapshot.py) for the next patch and for the lake (orchestration/lake/).
DIGESTS_TABLE = "zhibiao_digests"
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


# Columns a digest of the rows may leave out (the snapshot's copy-and-patch and the lake compare
# per-group digests to find what changed), and why that is sound: raw.documents is written once
# per (document_id, version) by load.load_document and never updated (new bytes are a new
# version), and these columns are the decoding of the file whose sha256 is in the row. At 10,000
# documents they are ~1.5 GB: hashing them made most of a publish's reading.
HASHED_ELSEWHERE = {(RAW_SCHEMA, "documents"): ("original_text", "normalized_text", "offset_map")}


def hashed_columns(schema: str, name: str, columns: list[str]) -> list[str]:
    """The columns of a table a digest of its rows hashes (all but HASHED_ELSEWHERE's, and all of
    them when the table is not one the rule knows: no sha256 column to stand for the others)."""
    skip = HASHED_ELSEWHERE.get((schema, name), ())
    if not skip or "sha256" not in columns:
        return list(columns)
    return [c for c in columns if c not in skip]

"""Which lake partition each row of a published table falls in (layout version 2: province and
year), as SQL over any attached database: the lake writes its partitions with it, and the
snapshot's copy-and-patch keeps its per-group digests split by the same partitions
(orchestration/snapshot.py), so the lake can sum those instead of hashing every row of the
snapshot again.

A table's ``Layout``: its own columns, the FROM clause (raw tables join their document for its
region and year), the partition keys (name -> SQL expression; none for a table written as one
file) and the digest ``signature``: what must be equal for two digests of the table to be
comparable. The signature is always computed over the alias ``snap`` (the lake's), whichever
database the SQL is for, so the snapshot's stored digests and the lake's own agree.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from orchestration.identifiers import quote_ident as _ident
from orchestration.lake.partitions import path_sql, signature
from orchestration.published import RAW_SCHEMA, hashed_columns

LAYOUT_VERSION = 2
MART_PREFIXES = ("dim_", "fct_", "mart_")
HIVE_TYPES = {"province": "VARCHAR", "year": "INTEGER"}  # what a reader should pass as hive_types
# A region's province: the first two digits of its adcode (GB/T 2260), then 0000.
_PROVINCE = "substr({c}, 1, 2) || '0000'"
_DOC_YEAR = "coalesce({d}.review_year, {d}.plan_year, year({d}.doc_date))"
RAW_TABLES = ("documents", "figures", "extractions", "quarantine", "ingest_errors")


@dataclass(frozen=True)
class Layout:
    layer: str                  # marts | raw
    name: str
    columns: list[str]
    types: list[str]
    source: str                 # FROM clause, table alias t
    keys: dict[str, str]        # partition key -> SQL expression over the source
    hashed: list[str]           # the columns a digest of a row hashes
    signature: str

    @property
    def select(self) -> str:
        """The table's own columns, then its partition keys (cast to HIVE_TYPES)."""
        own = ", ".join(f"t.{_ident(c)}" for c in self.columns)
        extra = "".join(f", CAST({expr} AS {HIVE_TYPES[key]}) AS {key}" for key, expr in self.keys.items())
        return f"SELECT {own}{extra} FROM {self.source}"

    @property
    def path(self) -> str:
        """The partition folder of a row of ``select`` ('' for a one-file table)."""
        return path_sql(list(self.keys))


def layout(con: duckdb.DuckDBPyConnection, db: str, layer: str, name: str) -> Layout:
    """The layout of the table ``name`` of layer ``marts`` (schema main) or ``raw`` in the
    attached database ``db``."""
    schema = RAW_SCHEMA if layer == "raw" else "main"
    columns, types = _columns(con, db, schema, name)
    keys: dict[str, str] = {}
    source = "{db}." + f"{schema}.{_ident(name)} AS t"
    if layer == "marts":
        if not name.startswith("dim_"):   # dimensions (small lookup tables): one file each
            if "region_code" in columns:
                keys["province"] = _PROVINCE.format(c="t.region_code")
            if "period" in columns:
                keys["year"] = "t.period"
    elif {"region_code", "review_year", "plan_year", "doc_date"} <= set(_columns(con, db, RAW_SCHEMA, "documents")[0]):
        doc = None
        if name == "documents":
            doc = "t"
        elif {"document_id", "version"} <= set(columns):
            source += " LEFT JOIN {db}.raw.documents AS d USING (document_id, version)"
            doc = "d"
        if doc is not None:
            keys = {"province": _PROVINCE.format(c=f"{doc}.region_code"), "year": _DOC_YEAR.format(d=doc)}
    hashed = hashed_columns(schema, name, columns)
    sig = signature(LAYOUT_VERSION, columns, types, keys, source.replace("{db}", "snap"), hashed)
    return Layout(layer, name, columns, types, source.replace("{db}", db), keys, hashed, sig)


def published_layout(con: duckdb.DuckDBPyConnection, db: str, schema: str, name: str) -> Layout | None:
    """The layout of a table of a snapshot's schema (main or raw), or None if the lake does not
    hold it (not a mart, not one of its raw tables)."""
    if schema == "main" and name.startswith(MART_PREFIXES):
        return layout(con, db, "marts", name)
    if schema == RAW_SCHEMA and name in RAW_TABLES:
        return layout(con, db, "raw", name)
    return None


def _columns(con: duckdb.DuckDBPyConnection, db: str, schema: str, name: str) -> tuple[list[str], list[str]]:
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = ? "
                       "AND table_schema = ? AND table_name = ? ORDER BY ordinal_position", [db, schema, name]).fetchall()
    return [c for c, _ in rows], [t for _, t in rows]

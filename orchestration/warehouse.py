"""The raw tables Python writes into the working DuckDB database (schema ``raw``).

dbt reads them as sources and owns every table an analyst sees. Each write here is one
transaction: a document version's rows are replaced whole or not at all.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

SCHEMA = "raw"

DDL = [
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    # One row per version of a document; a changed file adds a version, old ones stay.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.documents (
        document_id     VARCHAR NOT NULL,   -- from the file name (stem)
        version         INTEGER NOT NULL,   -- 1, 2, ... one per distinct sha256
        sha256          VARCHAR NOT NULL,
        kind            VARCHAR NOT NULL,   -- report | bulletin
        source_path     VARCHAR NOT NULL,   -- relative to raw/
        byte_size       BIGINT  NOT NULL,
        encoding        VARCHAR NOT NULL,   -- as detected by charset-normalizer
        original_text   VARCHAR NOT NULL,   -- decoded, exactly as in the file
        normalized_text VARCHAR NOT NULL,   -- page-break artefacts repaired
        offset_map      VARCHAR NOT NULL,   -- JSON [[norm_start, orig_start], ...] runs
        title           VARCHAR,
        issuer          VARCHAR,
        doc_date        DATE,
        review_year     INTEGER,
        plan_year       INTEGER,
        region_code     VARCHAR,            -- GB/T 2260 adcode, '100000' for the nation
        region_name     VARCHAR,
        ingested_at     TIMESTAMP NOT NULL,
        run_id          VARCHAR,
        PRIMARY KEY (document_id, version)
    )""",
    # One row per figure of a document version, with provenance into original_text.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.figures (
        document_id       VARCHAR NOT NULL,
        version           INTEGER NOT NULL,
        figure_no         INTEGER NOT NULL,  -- order in the document
        text              VARCHAR NOT NULL,  -- original_text[start_offset:end_offset]
        start_offset      INTEGER NOT NULL,
        end_offset        INTEGER NOT NULL,
        value             DOUBLE,
        value_high        DOUBLE,
        unit              VARCHAR,
        measure           VARCHAR,
        status            VARCHAR,
        period            INTEGER,
        qualifier         VARCHAR,
        "of"              VARCHAR,
        indicator_text    VARCHAR,
        is_key            BOOLEAN,
        sentence          VARCHAR,
        sentence_start    INTEGER,
        sentence_end      INTEGER,
        extractor_version VARCHAR NOT NULL,
        extracted_at      TIMESTAMP NOT NULL,
        run_id            VARCHAR,
        PRIMARY KEY (document_id, version, figure_no)
    )""",
    # Files that could not be ingested, with the reason; nothing is refused silently.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.ingest_errors (
        source_path VARCHAR NOT NULL,
        reason      VARCHAR NOT NULL,
        sha256      VARCHAR,
        seen_at     TIMESTAMP NOT NULL,
        run_id      VARCHAR
    )""",
]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for stmt in DDL:
        con.execute(stmt)


@contextmanager
def connect(path: Path | str, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            ensure_schema(con)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")

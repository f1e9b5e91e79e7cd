"""The raw tables Python writes into the working DuckDB database (schema ``raw``).

dbt reads them as sources and owns every table an analyst sees. Each write here is one
transaction: a document version's rows are replaced whole or not at all.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

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
    # One row per extracted document version, written in the same transaction as its figures:
    # a version whose extraction failed has none, and dbt keeps the previous version current.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.extractions (
        document_id       VARCHAR NOT NULL,
        version           INTEGER NOT NULL,
        extractor_version VARCHAR NOT NULL,
        figures           INTEGER NOT NULL,
        extracted_at      TIMESTAMP NOT NULL,
        run_id            VARCHAR,
        PRIMARY KEY (document_id, version)
    )""",
    # One row per finished `dbt build` of the marts. Publishing checks that every blocking suite
    # judged the marts after the last build, so a build that slipped in between a run's checks
    # and its publish step is never published unvalidated.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.builds (
        built_at TIMESTAMP NOT NULL,
        run_id   VARCHAR
    )""",
    # The dbt project (models, macros, seeds) each finished build was made with: incremental models
    # keep rows built by earlier builds, so a build after the project changed is a --full-refresh.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.build_inputs (
        built_at       TIMESTAMP NOT NULL,
        run_id         VARCHAR,
        project_digest VARCHAR NOT NULL
    )""",
    # Files that could not be ingested, with the reason; nothing is refused silently.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.ingest_errors (
        source_path VARCHAR NOT NULL,
        reason      VARCHAR NOT NULL,
        sha256      VARCHAR,
        seen_at     TIMESTAMP NOT NULL,
        run_id      VARCHAR
    )""",
    # Validation (owned by orchestration/validate/). One row per (figure, failed check); a row is
    # active while released_at IS NULL and dbt staging then excludes the figure. Never deleted.
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.quarantine (
        document_id     VARCHAR NOT NULL,
        version         INTEGER NOT NULL,
        figure_no       INTEGER NOT NULL,
        suite           VARCHAR NOT NULL,
        check_name      VARCHAR NOT NULL,   -- meta.check of the failed expectation
        reason          VARCHAR NOT NULL,
        run_id          VARCHAR NOT NULL,   -- the run that quarantined it
        quarantined_at  TIMESTAMP NOT NULL,
        released_at     TIMESTAMP,          -- set by the first run in which the figure passes
        released_run_id VARCHAR,
        text            VARCHAR,            -- provenance, copied at quarantine time
        start_offset    INTEGER,
        end_offset      INTEGER,
        value           DOUBLE,
        unit            VARCHAR,
        measure         VARCHAR,
        indicator_text  VARCHAR,
        sentence        VARCHAR,
        PRIMARY KEY (document_id, version, figure_no, check_name, run_id)
    )""",
    # Every expectation result of every validation (audit; GX Data Docs show only the latest run).
    f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.validation_results (
        run_id             VARCHAR NOT NULL,
        suite              VARCHAR NOT NULL,
        table_name         VARCHAR NOT NULL,
        expectation        VARCHAR NOT NULL,  -- GX expectation type
        column_name        VARCHAR,
        check_name         VARCHAR,
        severity           VARCHAR,           -- critical fails the check; warning is recorded only
        success            BOOLEAN,
        element_count      BIGINT,
        unexpected_count   BIGINT,
        unexpected_percent DOUBLE,
        mostly             DOUBLE,
        observed_value     VARCHAR,           -- JSON
        exception          VARCHAR,
        validated_at       TIMESTAMP NOT NULL
    )""",
    # 初步核算: a preliminary figure (extract/bulletin.py); null for figures extracted before 0.8.0.
    f"ALTER TABLE {SCHEMA}.figures ADD COLUMN IF NOT EXISTS is_preliminary BOOLEAN",
    # What was validated: a document id, "documents" (several or all) or the mart's name.
    f"ALTER TABLE {SCHEMA}.validation_results ADD COLUMN IF NOT EXISTS batch VARCHAR",
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

"""Copy and patch (orchestration/snapshot.py): a snapshot made by copying the previous one and
replacing the rows that differ holds exactly what a snapshot written whole holds.

A working database shaped like zhibiao's (raw tables per document version, a per-figure fact, a
cross-document mart pairing a target with the outcome a later report of its region gives, a
per-region mart, a dimension without any key, a view) goes through a sequence of runs: a first
publish, a new document, a revised one (new version), a removed one, a rebuild of every mart from
scratch (what `--full-refresh` does: same rows, new tables), then a changed schema, a dropped and
a new mart, changed comments and NULL keys. After each publish the snapshot is compared with one
written whole from the same working database: the same tables, columns, types and comments, and
the same rows (EXCEPT ALL both ways, so duplicates count too). The patched publishes also say how
little they replaced.
"""
from __future__ import annotations

import duckdb
import pytest

from orchestration import config, publish, snapshot

# Region of each document: two documents share region 330100, so a new report there changes the
# outcome of the other's targets (cross-document).
REGIONS = {f"doc{i:02d}": f"3301{i % 20:02d}" for i in range(40)}


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    monkeypatch.delenv(publish.ENV_PATCH, raising=False)
    return config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")


def _raw(con, docs: dict[str, int]) -> None:
    """raw tables as ingest and extraction write them: rows per (document, version), kept for
    old versions too."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute("""CREATE TABLE IF NOT EXISTS raw.documents (document_id VARCHAR, version INTEGER, region_code VARCHAR,
                   year INTEGER, normalized_text VARCHAR)""")
    con.execute("""CREATE TABLE IF NOT EXISTS raw.figures (document_id VARCHAR, version INTEGER, figure_no INTEGER,
                   value DOUBLE, is_target BOOLEAN, indicator VARCHAR)""")
    for doc, version in docs.items():
        if con.execute("SELECT count(*) FROM raw.documents WHERE document_id = ? AND version = ?",
                       [doc, version]).fetchall()[0][0]:
            continue
        n = int(doc[3:])
        con.execute("INSERT INTO raw.documents VALUES (?, ?, ?, ?, ?)",
                    [doc, version, REGIONS[doc], 2020 + n // 20, f"{doc} v{version} " + "正文" * 200])
        con.execute("""INSERT INTO raw.figures SELECT ?, ?, i, (i * ? + ?) / 10.0, i % 2 = 0,
                       CASE WHEN i % 5 = 4 THEN NULL ELSE 'ind' || (i % 4) END FROM range(30) t(i)""",
                    [doc, version, n + 1, version])


def _marts(con, comment: str = "one row per figure", extra_column: bool = False) -> None:
    """The marts as dbt builds them from the raw tables: every table made anew (a --full-refresh
    builds the same rows into new tables)."""
    latest = "(SELECT document_id, max(version) AS version FROM raw.documents GROUP BY 1)"
    con.execute(f"""CREATE OR REPLACE TABLE main.fct_figure AS
        SELECT f.*, d.region_code, d.year AS period {', f.value * 2 AS doubled' if extra_column else ''}
        FROM raw.figures f JOIN {latest} l USING (document_id, version)
        JOIN raw.documents d USING (document_id, version)""")
    con.execute(f"""CREATE OR REPLACE TABLE main.dim_document AS
        SELECT d.document_id, d.version, d.region_code, d.version = l.version AS is_latest
        FROM raw.documents d JOIN {latest} l USING (document_id)""")
    # A target of one document, its outcome from the next year's document of the same region.
    con.execute("""CREATE OR REPLACE TABLE main.fct_target_outcome AS
        SELECT t.document_id AS target_document_id, t.figure_no, t.region_code, t.indicator,
               o.document_id AS outcome_document_id, o.value - t.value AS gap
        FROM main.fct_figure t LEFT JOIN main.fct_figure o
          ON o.region_code = t.region_code AND o.indicator IS NOT DISTINCT FROM t.indicator
         AND o.period = t.period + 1 AND o.figure_no = t.figure_no AND NOT o.is_target
        WHERE t.is_target""")
    con.execute("""CREATE OR REPLACE TABLE main.mart_key_indicators AS
        SELECT region_code, period, indicator, sum(value) AS level, count(*) AS n
        FROM main.fct_figure GROUP BY ALL""")
    con.execute("CREATE OR REPLACE TABLE main.dim_indicator AS SELECT 'ind' || i AS indicator_id, i AS rank FROM range(4) t(i)")
    con.execute("CREATE OR REPLACE VIEW main.mart_documents AS SELECT region_code, count(*) AS documents "
                "FROM main.dim_document WHERE is_latest GROUP BY 1")
    con.execute(f"COMMENT ON TABLE main.fct_figure IS '{comment}'")
    con.execute("COMMENT ON COLUMN main.fct_figure.value IS 'the value, as written'")


def _working(settings, change) -> dict[str, int]:
    settings.home.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.working_db))
    try:
        change(con)
        con.execute("CHECKPOINT")
        return dict(con.execute("SELECT document_id, max(version) FROM raw.documents GROUP BY 1").fetchall())
    finally:
        con.close()


def _whole(settings, path) -> None:
    con = duckdb.connect(":memory:")
    try:
        assert snapshot.write_snapshot(con, settings.working_db, path, publish.DEFAULT_STORAGE_VERSION) == "whole"
        snapshot.write_metadata(con, "whole", publish.datetime.now(publish.UTC), {}, snapshot.mart_row_counts(con))
    finally:
        con.close()


def assert_same_snapshot(a, b) -> None:
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS a (READ_ONLY)", [str(a)])
        con.execute("ATTACH ? AS b (READ_ONLY)", [str(b)])

        def described(db):
            return con.execute(f"""SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns()
                                   WHERE database_name = '{db}' AND table_name <> 'zhibiao_snapshot' ORDER BY ALL""").fetchall()

        def table_comments(db):
            return con.execute(f"SELECT schema_name, table_name, comment FROM duckdb_tables() WHERE database_name = '{db}' "
                               "AND table_name <> 'zhibiao_snapshot' ORDER BY ALL").fetchall()

        assert described("a") == described("b")
        assert table_comments("a") == table_comments("b")
        for schema, name, _ in table_comments("a"):
            rel = f'"{schema}"."{name}"'
            for x, y in (("a", "b"), ("b", "a")):
                extra = con.execute(f"SELECT count(*) FROM (SELECT * FROM {x}.{rel} EXCEPT ALL SELECT * FROM {y}.{rel})").fetchall()
                assert extra == [(0,)], (rel, x, "has rows", y, "has not")
    finally:
        con.close()


def test_copy_and_patch_equals_a_whole_snapshot_run_after_run(settings, tmp_path):
    state = {f"doc{i:02d}": 1 for i in range(30)}

    def step(change, expect):
        docs = _working(settings, change)
        result = publish.publish(settings, f"run-{len(steps)}", docs, sinks=[])
        whole = tmp_path / f"whole-{len(steps)}.duckdb"
        _whole(settings, whole)
        assert_same_snapshot(settings.warehouse, whole)
        assert publish.verify_snapshot(settings.warehouse).documents == docs
        steps.append(result.written)
        assert expect(result.written), result.written

    steps: list[str] = []
    step(lambda con: (_raw(con, state), _marts(con)), lambda w: w == "whole")

    state["doc30"] = 1   # a new report, in region 330110 with doc10: doc10's outcomes change
    step(lambda con: (_raw(con, state), _marts(con)), lambda w: w.startswith("patched: ") and "whole" not in w)
    # raw.documents and raw.figures: one group each; fct_figure, dim_document: one; the
    # outcome mart: doc10's targets; the region mart: its region; the view: its region.
    assert steps[-1].split(",")[0] == "patched: 7 groups", steps[-1]

    state["doc05"] = 2   # a revised report: a new version beside the old one in raw
    step(lambda con: (_raw(con, state), _marts(con)), lambda w: w.startswith("patched: "))

    def remove(con):
        del state["doc12"]
        for table in ("documents", "figures"):
            con.execute(f"DELETE FROM raw.{table} WHERE document_id = 'doc12'")
        _marts(con)
    step(remove, lambda w: w.startswith("patched: "))

    # Every mart rebuilt from scratch with the same rows (a --full-refresh): nothing to replace.
    step(lambda con: _marts(con), lambda w: w.startswith("patched: 0 groups, 0 rows in 0 tables"))

    # A new column in fct_figure: that table written whole; a dropped mart, a new one, a new
    # comment; NULL keys (a document without region) as a group of their own.
    def reshape(con):
        con.execute("UPDATE raw.documents SET region_code = NULL WHERE document_id = 'doc03'")
        _marts(con, comment="one row per figure, revised", extra_column=True)
        con.execute("DROP TABLE main.dim_indicator")
        con.execute("CREATE TABLE main.dim_unit AS SELECT '亿元' AS unit")
    step(reshape, lambda w: w.endswith("written whole: dim_unit, fct_figure"))
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "dim_unit" in tables and "dim_indicator" not in tables
    finally:
        con.close()

    # The same working database once more: the NULL group is compared, not replaced again.
    step(lambda con: None, lambda w: w.startswith("patched: 0 groups"))


def test_a_changed_published_file_or_patch_off_is_written_whole(settings, monkeypatch):
    state = {f"doc{i:02d}": 1 for i in range(5)}
    docs = _working(settings, lambda con: (_raw(con, state), _marts(con)))
    assert publish.publish(settings, "run-1", docs, sinks=[]).written == "whole"
    assert publish.publish(settings, "run-2", docs, sinks=[]).written.startswith("patched: 0 groups")
    monkeypatch.setenv(publish.ENV_PATCH, "off")
    assert publish.publish(settings, "run-3", docs, sinks=[]).written == "whole"
    monkeypatch.delenv(publish.ENV_PATCH)
    # Another storage format asked for (here the pinned DuckDB's own): a copy would keep the old one.
    monkeypatch.setenv(publish.ENV_STORAGE_VERSION, "")
    assert publish.publish(settings, "run-3b", docs, sinks=[]).written == "whole"
    con = duckdb.connect()
    con.execute("ATTACH ? AS s (READ_ONLY)", [str(settings.warehouse)])
    [(tags,)] = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 's'").fetchall()
    con.close()
    assert not tags["storage_version"].startswith(publish.DEFAULT_STORAGE_VERSION)
    monkeypatch.delenv(publish.ENV_STORAGE_VERSION)
    assert publish.publish(settings, "run-3c", docs, sinks=[]).written == "whole"   # back to v1.4.0: whole again
    # The published file no longer the one its checksum record describes: not a starting point.
    settings.warehouse.chmod(0o644)
    con = duckdb.connect(str(settings.warehouse))
    con.execute("DELETE FROM main.fct_figure WHERE document_id = 'doc01'")
    con.close()
    result = publish.publish(settings, "run-4", docs, sinks=[])
    assert result.written == "whole"
    counts = publish.verify_snapshot(settings.warehouse).marts
    assert counts["fct_figure"] == 5 * 30


def test_the_stored_digests_describe_the_file_and_an_older_file_without_them_is_hashed(settings, tmp_path):
    from orchestration.checksums import write_checksum

    state = {f"doc{i:02d}": 1 for i in range(8)}
    docs = _working(settings, lambda con: (_raw(con, state), _marts(con)))
    publish.publish(settings, "run-1", docs, sinks=[])

    def key(row):
        return tuple("" if x is None else str(x) for x in row)

    def stored():
        """The digests the file keeps, and those of its rows computed now."""
        con = duckdb.connect()
        try:
            con.execute("ATTACH ? AS s (READ_ONLY)", [str(settings.warehouse)])
            kept = con.execute(f"SELECT schema_name, table_name, k, path, n, h FROM s.main.{snapshot.DIGESTS_TABLE}"
                               ).fetchall()
            fresh = [(schema, name, k, path, n, h)
                     for schema, name in {(a, b) for a, b, *_ in kept}
                     for (k, path), (n, h) in snapshot._digests(con, "s", schema, name)[1].items()]
            return sorted(kept, key=key), sorted(fresh, key=key)
        finally:
            con.close()

    kept, fresh = stored()
    assert {(s, t) for s, t, *_ in kept} >= {("main", "fct_figure"), ("raw", "figures"), ("main", "dim_indicator")}
    assert kept == fresh
    # a snapshot published before the digests were kept: none in the file (its record rewritten,
    # so it is still the file a publish wrote); the next publish hashes it and patches exactly
    settings.warehouse.chmod(0o644)
    con = duckdb.connect(str(settings.warehouse))
    con.execute(f"DROP TABLE main.{snapshot.DIGESTS_TABLE}")
    con.execute("CHECKPOINT")
    con.close()
    write_checksum(settings.warehouse, settings.warehouse)
    state["doc08"] = 1
    docs = _working(settings, lambda con: (_raw(con, state), _marts(con)))
    written = publish.publish(settings, "run-2", docs, sinks=[]).written
    assert written.startswith("patched: ") and "whole" not in written, written
    _whole(settings, tmp_path / "whole.duckdb")
    assert_same_snapshot(settings.warehouse, tmp_path / "whole.duckdb")
    kept, fresh = stored()
    assert kept == fresh and len(kept) > 0

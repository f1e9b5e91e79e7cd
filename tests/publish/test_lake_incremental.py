"""The open lake, written incrementally: a publish writes only the partitions whose rows changed
and hard-links the others from the previous version. What a reader gets must be exactly what a
full rewrite of the same snapshot gives (same files, same rows in each), and a version never
changes once it is current.

The snapshots are real DuckDB files with the published layout (marts in ``main``, the raw tables
in ``raw``), written by the real lake writer."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pytest

from orchestration import lake
from orchestration.lake.partitions import PARTITIONS



def make_snapshot(path: Path, docs: dict[str, tuple[str | None, int, int]]) -> None:
    """A snapshot: ``docs`` maps document_id -> (region, year, figures). Every figure row carries
    its document, so changing one document changes exactly its province-year partitions (and the
    one-file dimension, whose rows list every document)."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA raw")
        con.execute("CREATE TABLE raw.documents (document_id VARCHAR, version INTEGER, region_code VARCHAR, "
                    "review_year INTEGER, plan_year INTEGER, doc_date DATE)")
        con.execute("CREATE TABLE raw.figures (document_id VARCHAR, version INTEGER, figure_no INTEGER, "
                    "value DOUBLE, text VARCHAR)")
        con.execute("CREATE TABLE raw.ingest_errors (source_path VARCHAR, reason VARCHAR)")
        for doc, (region, year, n) in docs.items():
            con.execute("INSERT INTO raw.documents VALUES (?, 1, ?, ?, ?, NULL)", [doc, region, year - 1, year])
            con.execute("INSERT INTO raw.figures SELECT ?, 1, i, i * 1.5, ? || '的第' || i || '个数' FROM range(?) t(i)",
                        [doc, doc, n])
        con.execute("""CREATE TABLE main.fct_figure AS
                       SELECT f.document_id, f.version, f.figure_no, d.region_code, d.plan_year AS period, f.value,
                              [f.figure_no, f.figure_no + 1] AS span, {'unit': '亿元'} AS unit
                       FROM raw.figures f JOIN raw.documents d USING (document_id, version)""")
        con.execute("CREATE TABLE main.dim_document AS SELECT document_id, region_code FROM raw.documents")
        con.execute("""CREATE TABLE main.mart_totals AS SELECT region_code, period, count(*) AS figures, sum(value) AS total
                       FROM main.fct_figure GROUP BY ALL""")
        con.execute("CREATE TABLE main.fct_empty (region_code VARCHAR, period INTEGER, x INTEGER)")
    finally:
        con.close()


BASE = {"a1": ("330523", 2024, 40), "a2": ("330523", 2025, 30), "b1": ("320100", 2024, 20),
        "c1": ("110000", 2023, 10), "n1": (None, 2024, 5)}


def files(version: Path) -> dict[str, Path]:
    return {str(p.relative_to(version)): p for p in version.rglob("*.parquet") if p.name != PARTITIONS}


def rows(con, path: Path) -> list[tuple]:
    # Every column as text: one query reads files of different schemas alike.
    return sorted(map(str, con.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchall()))


def digest_tree(version: Path) -> dict[str, tuple[str, float]]:
    return {str(p.relative_to(version)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
            for p in sorted(version.rglob("*")) if p.is_file()}


def assert_same_lake(got: Path, want: Path) -> None:
    got_files, want_files = files(got), files(want)
    assert sorted(got_files) == sorted(want_files)
    with duckdb.connect() as con:
        for name in want_files:
            assert rows(con, got_files[name]) == rows(con, want_files[name]), name
    got_m, want_m = lake.read_manifest(got), lake.read_manifest(want)
    for table, entry in want_m["tables"].items():
        assert {k: v for k, v in got_m["tables"][table].items() if k != "partitions_written"} == \
               {k: v for k, v in entry.items() if k != "partitions_written"}, table


@pytest.fixture
def snap(tmp_path) -> Path:
    path = tmp_path / "snap.duckdb"
    make_snapshot(path, BASE)
    return path


def test_incremental_write_equals_full_rewrite_and_links_the_unchanged(snap, tmp_path):
    root = tmp_path / "lake"
    v1 = lake.write_lake(snap, root, "run-1")
    before = digest_tree(v1)
    # a2 changes its figures, b1 goes away, d1 arrives in a new province-year
    changed = {**BASE, "a2": ("330523", 2025, 31), "d1": ("110000", 2026, 7)}
    del changed["b1"]
    make_snapshot(snap, changed)
    v2 = lake.write_lake(snap, root, "run-2")
    full = lake.write_lake(snap, tmp_path / "full", "full", reuse=False)
    assert_same_lake(v2, full)

    tables = lake.read_manifest(v2)["tables"]
    # fct_figure: 330000/2024, 110000/2023 and the default partition kept; 330000/2025 and 110000/2026 written
    assert (tables["marts/fct_figure"]["partitions"], tables["marts/fct_figure"]["partitions_written"]) == (5, 2)
    assert (tables["raw/figures"]["partitions"], tables["raw/figures"]["partitions_written"]) == (5, 2)
    assert tables["raw/ingest_errors"]["partitions_written"] == 1   # empty: its one empty file, always written
    assert tables["marts/dim_document"]["partitions_written"] == 1  # one file, rows changed
    kept = "marts/fct_figure/province=330000/year=2024/data_0.parquet"
    assert os.stat(v2 / kept).st_ino == os.stat(v1 / kept).st_ino      # a link, not a copy
    new = "marts/fct_figure/province=330000/year=2025/data_0.parquet"
    assert os.stat(v2 / new).st_ino != os.stat(v1 / new).st_ino
    assert not (v2 / "marts/fct_figure/province=320000").exists()      # the partition that went away
    assert (v2 / "marts/fct_figure/province=__HIVE_DEFAULT_PARTITION__/year=2024/data_0.parquet").is_file()
    # the previous version did not move: same bytes, same mtimes
    assert digest_tree(v1) == before

    # the NULL-region document changes with one in a province already there: the write's filter
    # on the keys' values (a plain IN list, and IS NULL for the default partition) keeps both
    make_snapshot(snap, {**changed, "n1": (None, 2024, 6), "c1": ("110000", 2023, 11)})
    v3 = lake.write_lake(snap, root, "run-3")
    assert_same_lake(v3, lake.write_lake(snap, tmp_path / "full3", "full", reuse=False))
    assert lake.read_manifest(v3)["tables"]["marts/fct_figure"]["partitions_written"] == 2


def test_the_write_filter_lists_each_keys_values_and_null():
    from orchestration.lake.partitions import _key_prefilter

    types = {"province": "VARCHAR", "year": "INTEGER"}
    paths = ["province=330000/year=2024", "province=__HIVE_DEFAULT_PARTITION__/year=2025", "province=11'0000/year=2024"]
    assert _key_prefilter(["province", "year"], paths, types) == (
        """("province" IN ('11''0000', '330000', '__HIVE_DEFAULT_PARTITION__') OR "province" IS NULL) AND """
        """("year" IN (2024, 2025)) AND """)
    # a folder that does not spell its keys as expected: no prefilter, the exact test alone
    assert _key_prefilter(["province", "year"], ["province=33/00/year=2024"], types) == ""
    assert _key_prefilter(["province", "year"], ["province=330000/year=twenty"], types) == ""


def test_unchanged_snapshot_links_every_partition_and_versions_stay_immutable(snap, tmp_path):
    root = tmp_path / "lake"
    v1 = lake.write_lake(snap, root, "run-1")
    v2 = lake.write_lake(snap, root, "run-2")
    tables = lake.read_manifest(v2)["tables"]
    assert all(t["partitions_written"] == 0 for name, t in tables.items() if t["rows"]), tables
    assert_same_lake(v2, v1)
    v2_before = digest_tree(v2)
    make_snapshot(snap, {**BASE, "c1": ("110000", 2023, 11)})
    v3 = lake.write_lake(snap, root, "run-3")      # prunes run-1 (keep=2): v2's links must survive
    assert not v1.exists() and digest_tree(v2) == v2_before
    assert_same_lake(v3, lake.write_lake(snap, tmp_path / "full", "full", reuse=False))
    assert lake.read_manifest(v3)["tables"]["marts/fct_figure"]["partitions_written"] == 1


def test_a_changed_schema_or_a_lake_without_digests_is_written_whole(snap, tmp_path):
    root = tmp_path / "lake"
    lake.write_lake(snap, root, "run-1")
    con = duckdb.connect(str(snap))
    con.execute("ALTER TABLE main.fct_figure ALTER COLUMN figure_no TYPE BIGINT")  # same values, other type
    con.close()
    tables = lake.read_manifest(v2 := lake.write_lake(snap, root, "run-2"))["tables"]
    assert tables["marts/fct_figure"]["partitions_written"] == tables["marts/fct_figure"]["partitions"] == 5
    assert tables["raw/figures"]["partitions_written"] == 0
    (v2 / PARTITIONS).unlink()                     # as a version written before the digests existed
    tables = lake.read_manifest(v3 := lake.write_lake(snap, root, "run-3"))["tables"]
    assert all(t["partitions_written"] == t["partitions"] for t in tables.values()), tables
    assert_same_lake(v3, lake.write_lake(snap, tmp_path / "full", "full", reuse=False))
    (v3 / PARTITIONS).chmod(0o644)
    (v3 / PARTITIONS).write_bytes(b"not parquet")  # unreadable digests: written whole, not a failed lake
    tables = lake.read_manifest(lake.write_lake(snap, root, "run-4"))["tables"]
    assert all(t["partitions_written"] == t["partitions"] for t in tables.values()), tables


def test_links_fall_back_to_copies(snap, tmp_path, monkeypatch):
    root = tmp_path / "lake"
    v1 = lake.write_lake(snap, root, "run-1")

    def no_links(src, dst):
        raise OSError(18, "Invalid cross-device link")   # EXDEV: another file system
    monkeypatch.setattr(os, "link", no_links)
    v2 = lake.write_lake(snap, root, "run-2")
    assert_same_lake(v2, v1)
    kept = "marts/fct_figure/province=330000/year=2024/data_0.parquet"
    assert os.stat(v2 / kept).st_ino != os.stat(v1 / kept).st_ino
    assert (v2 / kept).read_bytes() == (v1 / kept).read_bytes()


def _partition_digests(version: Path) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute("SELECT * FROM read_parquet(?) ORDER BY ALL", [str(version / PARTITIONS)]).fetchall()


def test_the_lake_sums_the_digests_a_publish_kept_and_gets_what_hashing_gives(tmp_path, monkeypatch):
    """A published snapshot keeps per-group, per-partition digests (orchestration/snapshot.py): the
    lake sums them instead of hashing every row, and its digests, links and files are what hashing
    gives, after a whole publish and after a patched one."""
    from orchestration import config, publish
    from orchestration.lake.partitions import Partitions

    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    settings = config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")
    settings.home.mkdir(parents=True)
    summed: list[str] = []
    real = Partitions._from_stored

    def spy(self, table, *args):
        used = real(self, table, *args)
        if used:
            summed.append(table)
        return used

    monkeypatch.setattr(Partitions, "_from_stored", spy)
    root, hashed_root = tmp_path / "lake", tmp_path / "hashed"
    for run, docs in enumerate([BASE, {**{k: v for k, v in BASE.items() if k != "b1"},
                                       "a2": ("330523", 2025, 31), "d1": ("110000", 2026, 7)}], start=1):
        make_snapshot(settings.working_db, docs)
        written = publish.publish(settings, f"run-{run}", {d: 1 for d in docs}, sinks=[]).written
        assert written == "whole" if run == 1 else written.startswith("patched: ")
        summed.clear()
        version = lake.write_lake(settings.warehouse, root, f"run-{run}")
        assert {"marts/fct_figure", "marts/mart_totals", "raw/figures", "raw/documents"} <= set(summed), summed
        with monkeypatch.context() as m:   # the same snapshot, every row hashed
            m.setattr(lake, "as_published", lambda path: False)
            summed.clear()
            hashed = lake.write_lake(settings.warehouse, hashed_root, f"run-{run}")
            assert summed == []
        assert _partition_digests(version) == _partition_digests(hashed)
        assert_same_lake(version, hashed)
        assert lake.read_manifest(version)["tables"] == lake.read_manifest(hashed)["tables"]
    # the second version linked what it could: fct_figure's 330000/2024 partition is the first's
    assert lake.read_manifest(version)["tables"]["marts/fct_figure"]["partitions_written"] == 2

"""The open lake: after a publish, plain DuckDB reads the marts and raw tables back from
Hive-partitioned Parquet (no zhibiao code) and gets the marts exactly.

The warehouse is the dbt fixture project (tests/warehouse/test_dbt_warehouse.py) built by a real
`dbt build`, published by the real publish step."""
from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from orchestration import config, lake, publish
from orchestration.mart_checksum import table_checksum
from tests.warehouse import test_dbt_warehouse as wh
from tests.warehouse.test_dbt_warehouse import built  # noqa: F401 - the module's one dbt build

pytestmark = pytest.mark.slow  # real dbt builds

PARTITION_DIR = re.compile(r"^province=(\d{2}0000|__HIVE_DEFAULT_PARTITION__)$")
YEAR_DIR = re.compile(r"^year=(\d{4}|__HIVE_DEFAULT_PARTITION__)$")


@pytest.fixture(scope="module")
def published(built, tmp_path_factory):  # noqa: F811
    home = tmp_path_factory.mktemp("lake_home")
    settings = config.settings(home / "raw", home / "wh" / "zhibiao.duckdb")
    settings.home.mkdir(parents=True)
    shutil.copyfile(built, settings.working_db)
    mp = pytest.MonkeyPatch()
    mp.delenv("ZHIBIAO_PG_URL", raising=False)
    mp.delenv(lake.ENV_LAKE, raising=False)
    try:
        result = publish.publish(settings, "run-1", {"x": 1}, load_postgres=False)
    finally:
        mp.undo()
    return settings, result


def _plain_read(con, folder) -> duckdb.DuckDBPyRelation:
    # What a reader elsewhere types: no zhibiao code, only the documented layout (the
    # partition keys of a table are its folder names; province is text, year an integer).
    keys = {p.name.split("=")[0] for p in folder.iterdir() if "=" in p.name}
    keys |= {p.name.split("=")[0] for d in folder.iterdir() if d.is_dir() for p in d.iterdir() if "=" in p.name}
    types = ", ".join(f"'{k}': {'VARCHAR' if k == 'province' else 'INTEGER'}" for k in sorted(keys))
    hive_types = f", hive_types = {{{types}}}" if types else ""
    return con.sql(f"SELECT * FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true{hive_types})")


def test_lake_marts_read_back_equal_the_published_marts(published):
    settings, result = published
    current = settings.home / "lake" / "current"
    assert result.lake == str(current.resolve())
    con = duckdb.connect()
    con.execute("ATTACH ? AS snap (READ_ONLY)", [str(settings.warehouse)])
    marts = publish.list_marts(con, "snap")
    assert {"fct_figure", "fct_target_outcome", "mart_key_indicators", "dim_region"} <= set(marts)
    for name in marts:
        expected = con.sql(f"SELECT * FROM snap.main.{name}")
        lake_rel = _plain_read(con, current / "marts" / name)
        partition_cols = [c for c in ("province", "year") if c in lake_rel.columns and c not in expected.columns]
        own = lake_rel.select(", ".join(f'"{c}"' for c in expected.columns))
        assert own.columns == expected.columns, name
        assert table_checksum(own.columns, own.fetchall()) == table_checksum(expected.columns, expected.fetchall()), name
        if name.startswith("dim_"):
            assert partition_cols == [], name
        if "province" in partition_cols:  # the directory says what the rows say
            assert lake_rel.filter("province IS DISTINCT FROM substr(region_code, 1, 2) || '0000'").count("*").fetchall()[0][0] == 0, name
        if "year" in partition_cols:
            assert lake_rel.filter("year IS DISTINCT FROM period").count("*").fetchall()[0][0] == 0, name
    assert _plain_read(con, current / "marts" / "fct_figure").columns[-2:] == ["province", "year"]


def test_lake_layout_is_hive_partitioned_by_province_then_year(published):
    settings, _ = published
    current = settings.home / "lake" / "current"
    fact = current / "marts" / "fct_figure"
    provinces = sorted(p.name for p in fact.iterdir())
    assert "province=330000" in provinces  # 安吉县 of the fixture is in Zhejiang
    assert all(PARTITION_DIR.match(r) for r in provinces), provinces
    for region in fact.iterdir():
        assert all(YEAR_DIR.match(y.name) and (y / "data_0.parquet").is_file() for y in region.iterdir())
    assert sorted(p.name for p in (current / "marts" / "dim_region").iterdir()) == ["data_0.parquet"]
    manifest = lake.read_manifest(current)
    assert manifest["layout_version"] == lake.LAYOUT_VERSION and manifest["run_id"] == "run-1"
    assert manifest["tables"]["marts/fct_figure"]["partitioned_by"] == ["province", "year"]
    assert manifest["hive_types"] == {"province": "VARCHAR", "year": "INTEGER"}
    assert (settings.home / "lake" / "CURRENT").read_text().strip() == current.resolve().name


def test_lake_raw_tables_carry_the_documents_province_and_year(published):
    settings, _ = published
    current = settings.home / "lake" / "current"
    con = duckdb.connect()
    con.execute("ATTACH ? AS snap (READ_ONLY)", [str(settings.warehouse)])
    for name in ("documents", "figures", "quarantine"):
        got = _plain_read(con, current / "raw" / name)
        assert got.count("*").fetchall()[0][0] == con.sql(f"SELECT count(*) FROM snap.raw.{name}").fetchall()[0][0] > 0
    figures = _plain_read(con, current / "raw" / "figures")
    anji = con.sql(f"SELECT DISTINCT f.year FROM figures f JOIN snap.raw.documents d USING (document_id, version) "
                   f"WHERE f.province = '330000' AND d.region_code = '{wh.ANJI}' ORDER BY 1").fetchall()
    assert anji and all(y is not None for (y,) in anji)
    del figures
    # every figure sits under its own document's province
    mismatched = con.sql(
        f"""SELECT count(*) FROM read_parquet('{current}/raw/figures/**/*.parquet', hive_partitioning = true,
                                              hive_types = {{'province': VARCHAR, 'year': INTEGER}}) f
            JOIN snap.raw.documents d USING (document_id, version)
            WHERE f.province IS DISTINCT FROM substr(d.region_code, 1, 2) || '0000'""").fetchall()[0][0]
    assert mismatched == 0


def test_second_publish_swaps_current_and_keeps_two_versions(published, tmp_path):
    settings, first = published
    home = tmp_path / "h"
    s2 = config.settings(home / "raw", home / "wh" / "zhibiao.duckdb")
    s2.home.mkdir(parents=True)
    shutil.copyfile(settings.working_db, s2.working_db)
    results = [publish.publish(s2, f"run-{i}", {"x": i}, load_postgres=False) for i in (1, 2, 3)]
    versions = sorted(p.name for p in (s2.home / "lake").iterdir() if not p.name.startswith(".") and p.is_dir()
                      and not p.is_symlink())
    assert len(versions) == 2 and versions[-1].endswith("run-3")
    assert (s2.home / "lake" / "current").resolve().name == versions[-1]
    assert results[-1].lake.endswith("run-3")


def test_failed_lake_write_keeps_publish_and_says_so(published, tmp_path, monkeypatch):
    settings, _ = published
    home = tmp_path / "h"
    s2 = config.settings(home / "raw", home / "wh" / "zhibiao.duckdb")
    s2.home.mkdir(parents=True)
    shutil.copyfile(settings.working_db, s2.working_db)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(lake.ENV_LAKE, str(blocker))
    result = publish.publish(s2, "run-9", {"x": 9}, load_postgres=False)
    assert result.lake.startswith("failed:")
    assert publish.verify_snapshot(s2.warehouse).run_id == "run-9"
    monkeypatch.setenv(lake.ENV_LAKE, "off")
    assert publish.publish(s2, "run-10", {"x": 10}, load_postgres=False).lake == "off"


def test_incremental_lake_of_real_marts_equals_the_lake_written_whole(published, tmp_path):
    """The real marts: the published lake, then a snapshot with one document's rows gone from every
    table that names documents. Written on top of the lake it equals a whole rewrite (same files,
    same rows per file), links the untouched partitions, and leaves the previous version as it was."""
    from tests.publish.test_lake_incremental import assert_same_lake, digest_tree

    settings, result = published
    root = tmp_path / "lake"
    first = lake.write_lake(settings.warehouse, root, "run-1")
    before = digest_tree(first)
    snap = tmp_path / "fewer.duckdb"
    shutil.copyfile(settings.warehouse, snap)
    snap.chmod(0o644)
    con = duckdb.connect(str(snap))
    try:
        doc = con.execute("SELECT min(document_id) FROM raw.documents").fetchone()[0]
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_columns() WHERE column_name = 'document_id' "
                             "AND database_name = current_database() AND NOT internal GROUP BY ALL").fetchall()
        for schema, name in tables:
            con.execute(f'DELETE FROM "{schema}"."{name}" WHERE document_id = ?', [doc])
    finally:
        con.close()
    second = lake.write_lake(snap, root, "run-2")
    assert_same_lake(second, lake.write_lake(snap, tmp_path / "whole", "whole", reuse=False))
    manifest = lake.read_manifest(second)["tables"]
    written = {t: m["partitions_written"] for t, m in manifest.items() if m["rows"]}
    assert 0 < written["marts/fct_figure"] < manifest["marts/fct_figure"]["partitions"], written
    assert written["raw/documents"] <= 1   # at most its own region-year changed; the others are links
    assert digest_tree(first) == before

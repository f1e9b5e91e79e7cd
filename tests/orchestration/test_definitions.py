"""The Dagster definitions: one lineage graph from raw/ to the published snapshot."""
import dagster as dg

from orchestration.definitions import defs


def _graph():
    return defs.resolve_asset_graph()


def test_lineage_runs_from_raw_files_to_the_published_snapshot():
    graph = _graph()
    key = dg.AssetKey

    def upstream(k):
        return {p.to_user_string() for p in graph.get(key(k)).parent_keys}

    assert upstream("figures") == {"raw_documents"}
    # the dbt sources carry the Python assets' keys, so staging hangs off them directly
    assert "figures" in upstream(["staging", "stg_figures"])
    assert "raw_documents" in upstream(["staging", "stg_documents"])
    marts = {k.to_user_string() for k in graph.get_all_asset_keys()}
    for mart in ("fct_figure", "dim_document", "dim_indicator", "dim_region", "fct_target_outcome"):
        assert any(m.split("/")[-1] == mart for m in marts), mart
    assert any(p.split("/")[-1] == "fct_figure" for p in upstream("published_warehouse"))


def test_partitions_checks_schedule_and_sensors_are_wired():
    graph = _graph()
    assert graph.get(dg.AssetKey("raw_documents")).partitions_def.name == "documents"
    assert graph.get(dg.AssetKey("figures")).partitions_def.name == "documents"
    checks = {(c.asset_key.to_user_string().split("/")[-1], c.name) for c in graph.asset_check_keys}
    assert ("fct_figure", "fct_figure_valid") in checks
    assert ("figures", "figures_valid") in checks
    assert {s.name for s in defs.schedules} == {"daily_refresh", "daily_export"}
    assert {s.name for s in defs.sensors} == {"raw_files_sensor", "warehouse_after_ingest"}
    assert defs.get_schedule_def("daily_refresh").cron_schedule == "0 6 * * *"
    # the whole-file Parquet export is off the build's path: its own job and schedule
    assert defs.get_schedule_def("daily_export").job_name == "export_parquet"
    build = defs.resolve_job_def("build_warehouse").asset_layer.selected_asset_keys
    assert dg.AssetKey("published_warehouse") in build and dg.AssetKey("parquet_export") not in build
    assert defs.resolve_job_def("export_parquet").asset_layer.selected_asset_keys == {dg.AssetKey("parquet_export")}


def test_every_writer_shares_one_pool():
    graph = _graph()
    for k in ("raw_documents", "figures", "published_warehouse", "parquet_export"):
        assert graph.get(dg.AssetKey(k)).pools == {"duckdb_writer"}, k

"""The dbt project (staging → intermediate → marts) as Dagster assets, built with `dbt build`.

The raw tables that the Python assets write are dbt sources; the translator gives those sources
the Python assets' keys, so the UI shows one lineage graph from raw/ to the marts.
"""

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from ...load import now_utc
from ...runstate import dbt_project_digest
from ..dbt_parse import give_project_parse
from ..project import DBT_PROJECT_DIR, dbt_project
from ..resources import WarehouseResource

# raw.<table> source → the Python asset that writes it
SOURCE_ASSETS = {"documents": "raw_documents", "figures": "figures"}


class ZhibiaoTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source" and dbt_resource_props["name"] in SOURCE_ASSETS:
            return dg.AssetKey(SOURCE_ASSETS[dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn") or []
        # models/<layer>/... → group by layer: staging, intermediate, marts
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=ZhibiaoTranslator(),
    pool="duckdb_writer",
)
def zhibiao_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    # dbt (run in this process, defs/dbt_inprocess.py) reads the file to build from the environment (profiles.yml).
    os.environ["ZHIBIAO_DUCKDB"] = str(warehouse.working_db)
    # dbt's target folder lives beside the warehouse it builds: runs on different warehouses never
    # rewrite each other's manifest, and dbt's partial parse is reused from one run to the next.
    with warehouse.writer():
        digest = dbt_project_digest()
        with warehouse.connect() as con:
            args = build_args(con, digest)
        context.log.info(f"dbt {' '.join(args)}")
        target = warehouse.settings.home / "dbt-target"
        give_project_parse(DBT_PROJECT_DIR, target)   # a new warehouse: no full parse (defs/dbt_parse.py)
        yield from dbt.cli(args, context=context, target_path=target).stream()
        with warehouse.connect() as con:
            now = now_utc()
            con.execute("INSERT INTO raw.builds VALUES (?, ?)", [now, context.run.run_id])
            con.execute("INSERT INTO raw.build_inputs VALUES (?, ?, ?)", [now, context.run.run_id, digest])


def project_unchanged(con, digest: str | None = None) -> bool:
    """Whether the dbt project is the one the last finished build of this warehouse used."""
    last = con.execute("SELECT project_digest FROM raw.build_inputs ORDER BY built_at DESC LIMIT 1").fetchall()
    return bool(last) and last[0][0] == (digest or dbt_project_digest())


def seed_asset_keys(nodes: dict) -> set[dg.AssetKey]:
    """The seeds' asset keys. A seed is a CSV file of the dbt project: when the project is
    unchanged (project_unchanged), its table and the data tests on it are what the last build
    loaded and tested, so a run may leave them out (defs/launch.py)."""
    translator = ZhibiaoTranslator()
    return {translator.get_asset_key(node) for node in nodes.values() if node["resource_type"] == "seed"}


def seed_only_asset_keys(nodes: dict) -> set[dg.AssetKey]:
    """The models built from seeds alone (no raw table upstream: dim_region, dim_indicator): with
    the project unchanged, the last build made them from the same CSV files."""
    memo: dict[str, bool] = {}

    def from_seeds(uid: str) -> bool:
        if uid not in memo:
            node = nodes.get(uid)
            memo[uid] = node is not None and (node["resource_type"] == "seed" or (
                node["resource_type"] == "model" and all(from_seeds(d) for d in node["depends_on"]["nodes"])))
        return memo[uid]

    translator = ZhibiaoTranslator()
    return {translator.get_asset_key(node) for uid, node in nodes.items()
            if node["resource_type"] == "model" and from_seeds(uid)}


def view_asset_keys(nodes: dict) -> set[dg.AssetKey]:
    """The models materialized as views. A view holds no rows, only its SQL: when the project is
    unchanged (project_unchanged), creating it again replaces it with itself. The data tests on
    a view still run on every build (its rows come from the raw tables)."""
    translator = ZhibiaoTranslator()
    return {translator.get_asset_key(node) for node in nodes.values()
            if node["resource_type"] == "model" and node["config"].get("materialized") == "view"}


def dbt_project_manifest() -> dict:
    """The parsed manifest; read once per run and handed to the *_asset_keys functions."""
    import json

    return json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))


def build_args(con, digest: str) -> list[str]:
    """The `dbt build` for this warehouse. When the dbt project is the one its last finished
    build used, the incremental models rebuild only the changed documents. Otherwise — a first
    build, models or seeds edited — everything is rebuilt (--full-refresh).

    Unit tests never run here: they test the models' SQL on fixed inputs, not this warehouse's
    rows, so a run on the same project gets the same answers every time (dbt's docs advise
    leaving them out of production builds). The test suite runs them on the real project
    (tests/warehouse/test_dbt_unit_tests.py: `dbt test --select test_type:unit`), so an edited
    model is checked there, before it ships, rather than on every cold run (20 of them: about a
    fifth of a cold build's node time on the shipped documents; docs/performance.md).

    Seeds are left out by the run's asset selection, not here (defs/launch.py): a step that
    yields no materialization for an asset it was asked for makes Dagster skip what depends on
    the dbt assets (the mart checks, the publish); an asset outside the run does not. When the
    run is a subset, dagster-dbt adds the matching --select itself."""
    unit_tests = ["--exclude-resource-type", "unit_test"]
    if not project_unchanged(con, digest):
        return ["build", "--full-refresh", *unit_tests]
    return ["build", *unit_tests]

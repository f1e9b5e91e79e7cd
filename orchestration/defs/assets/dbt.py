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
from ..project import dbt_project
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
    # dbt runs as a subprocess that inherits our environment: that is how it learns which file to build.
    os.environ["ZHIBIAO_DUCKDB"] = str(warehouse.working_db)
    # dbt's target folder lives beside the warehouse it builds: runs on different warehouses never
    # rewrite each other's manifest, and dbt's partial parse is reused from one run to the next.
    with warehouse.writer():
        digest = dbt_project_digest()
        with warehouse.connect() as con:
            args = build_args(con, digest)
        context.log.info(f"dbt {' '.join(args)}")
        yield from dbt.cli(args, context=context, target_path=warehouse.settings.home / "dbt-target").stream()
        with warehouse.connect() as con:
            now = now_utc()
            con.execute("INSERT INTO raw.builds VALUES (?, ?)", [now, context.run.run_id])
            con.execute("INSERT INTO raw.build_inputs VALUES (?, ?, ?)", [now, context.run.run_id, digest])


def build_args(con, digest: str) -> list[str]:
    """The `dbt build` for this warehouse. When the dbt project is the one its last finished
    build used, the incremental models rebuild only the changed documents and unit tests (they
    test the SQL, not the data, and passed on this SQL) are left out. Otherwise — a first build,
    models or seeds edited — everything is rebuilt (--full-refresh) and every test runs.

    Seeds stay in: they are assets of this step, and a step that yields no materialization for
    one makes Dagster skip what depends on the dbt assets (the mart checks, the publish)."""
    last = con.execute("SELECT project_digest FROM raw.build_inputs ORDER BY built_at DESC LIMIT 1").fetchall()
    if not last or last[0][0] != digest:
        return ["build", "--full-refresh"]
    return ["build", "--exclude-resource-type", "unit_test"]

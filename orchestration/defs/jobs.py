"""Jobs: per-document ingestion (partitioned) and the warehouse build (dbt, checks, publish)."""
import dagster as dg


ingest_job = dg.define_asset_job(
    "ingest_document",
    selection=dg.AssetSelection.assets("raw_documents", "figures"),
    description="Ingest one document and extract its figures (one partition = one file under raw/).",
)

warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("raw_documents", "figures"),
    description="dbt build of staging, intermediate and marts; validation; publish the snapshot.",
)

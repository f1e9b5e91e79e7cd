"""Jobs: per-document ingestion (partitioned) and the warehouse build (dbt, checks, publish)."""
import dagster as dg


ingest_job = dg.define_asset_job(
    "ingest_document",
    selection=dg.AssetSelection.assets("raw_documents", "figures"),
    description="Ingest one document and extract its figures (one partition = one file under raw/).",
)

warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("raw_documents", "figures", "parquet_export"),
    description="dbt build of staging, intermediate and marts; validation; publish the snapshot.",
)

# Off the build's path (orchestration/export.py): a whole Parquet file per mart cannot follow the
# change, and at 10,000 documents it was most of a one-report publish.
export_job = dg.define_asset_job(
    "export_parquet",
    selection=dg.AssetSelection.assets("parquet_export"),
    description="The published snapshot's marts as Parquet under exports/ (exports/latest).",
)

"""`raw_documents`: one partition per file under raw/, decoded and stored as a document version."""

import dagster as dg

from ... import ingest, load
from ..partitions import documents_partitions
from ..resources import WarehouseResource


@dg.asset(
    partitions_def=documents_partitions,
    group_name="ingestion",
    pool="duckdb_writer",
    kinds={"python", "duckdb"},
    description="Every file under raw/ as a document version: text as in the file, normalized "
    "text with an offset map, sha256, encoding. Unchanged files are no-ops; changed files add a version.",
)
def raw_documents(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    doc_id = context.partition_key
    raw_dir = warehouse.settings.raw_dir
    with warehouse.connect() as con:
        try:
            doc = ingest.read(ingest.find(raw_dir, doc_id))
        except ingest.IngestError as e:
            load.record_error(con, e.path, e.reason, run_id=context.run.run_id)
            # Earlier versions of this document stay in the warehouse untouched.
            raise dg.Failure(description=str(e), allow_retries=False) from e
        result = load.load_document(con, doc, run_id=context.run.run_id)
    context.log.info(f"{doc_id}: {result.status} (version {result.version}, {doc.encoding}, {doc.byte_size:,} bytes)")
    return dg.MaterializeResult(
        metadata={
            "status": result.status,
            "version": result.version,
            "sha256": doc.sha256,
            "encoding": doc.encoding,
            "kind": doc.kind,
            "bytes": doc.byte_size,
            "source_path": doc.file.relpath,
        },
        data_version=dg.DataVersion(doc.sha256),
    )

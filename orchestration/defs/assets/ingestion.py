"""`raw_documents`: one partition per file under raw/, decoded and stored as a document version.

A run may cover many partitions (BackfillPolicy.single_run): the documents are read one by one in
one step and written in batches (load.load_documents: one transaction per batch). A file that cannot be read is recorded in raw.ingest_errors and listed in the metadata
(`failed`); the others still load. Only when every document of the run fails does the step fail.
"""

import warnings

import dagster as dg

from ... import ingest, load
from ..partitions import documents_partitions
from ..resources import WarehouseResource
from .run_metadata import documents_metadata


# `backfill_policy` is a Dagster "beta" parameter; that warning says nothing to our users.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)
SINGLE_RUN = dg.BackfillPolicy.single_run()  # one run, one step per asset, for many partitions


@dg.asset(
    partitions_def=documents_partitions,
    backfill_policy=SINGLE_RUN,
    group_name="ingestion",
    pool="duckdb_writer",
    kinds={"python", "duckdb"},
    description="Every file under raw/ as a document version: text as in the file, normalized "
    "text with an offset map, sha256, encoding. Unchanged files are no-ops; changed files add a version.",
)
def raw_documents(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    raw_dir = warehouse.settings.raw_dir
    documents, failed = {}, {}
    with warehouse.connect() as con:

        def readable():  # the files that decode, in partition order; the others are recorded
            for doc_id, file in ingest.find_all(raw_dir, list(context.partition_keys)).items():
                try:
                    if isinstance(file, ingest.IngestError):
                        raise file
                    yield ingest.read(file)
                except ingest.IngestError as e:
                    # Earlier versions of this document stay in the warehouse untouched.
                    load.record_error(con, e.path, e.reason, run_id=context.run.run_id)
                    failed[doc_id] = str(e)

        for doc, result in load.load_documents(con, readable(), run_id=context.run.run_id):
            documents[result.document_id] = {
                "status": result.status, "version": result.version, "sha256": doc.sha256,
                "encoding": doc.encoding, "kind": doc.kind, "bytes": doc.byte_size, "source_path": doc.file.relpath}
            context.log.info(f"{result.document_id}: {result.status} (version {result.version}, {doc.encoding}, "
                             f"{doc.byte_size:,} bytes)")
    if failed and not documents:
        raise dg.Failure(description="; ".join(failed.values()), allow_retries=False,
                         metadata={"failed": dg.MetadataValue.json(failed)})
    metadata = documents_metadata(documents, failed)
    if len(documents) == 1 and not failed:  # one document: its fields at the top, as the UI shows them
        (one,) = documents.values()
        metadata.update(one)
        return dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(one["sha256"]))
    return dg.MaterializeResult(metadata=metadata)


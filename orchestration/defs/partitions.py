"""One dynamic partition per document: its key is the document id (the file name's stem)."""
import dagster as dg

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

"""The metadata a step over many document partitions attaches to its materializations.

Dagster copies a step's metadata onto the event of every partition it materialized, so a table
of all n documents would be written n times: n² for one run over n partitions (10,000 new
documents: 10,000 events of ~2 MB each). Small runs keep the per-document table the UI shows;
larger ones keep counts, the failures and a preview. Whoever needs each document's outcome reads
it from the raw tables (load.run_outcomes), not from here.
"""
from collections import Counter

import dagster as dg

TABLE_UP_TO = 50     # documents listed in full up to this many per run
PREVIEW = 20         # and the first this many beyond


def documents_metadata(documents: dict[str, dict], failed: dict[str, str]) -> dict:
    counts = Counter(d["status"] for d in documents.values())
    metadata = {"document_count": len(documents), "statuses": dg.MetadataValue.json(dict(sorted(counts.items()))),
                "failed": dg.MetadataValue.json(failed)}
    if len(documents) <= TABLE_UP_TO:
        metadata["documents"] = dg.MetadataValue.json(documents)
    else:
        metadata["documents_preview"] = dg.MetadataValue.json(dict(list(documents.items())[:PREVIEW]))
    return metadata

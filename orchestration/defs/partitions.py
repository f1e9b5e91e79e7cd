"""One dynamic partition per document: its key is the document id (the file name's stem)."""
import dagster as dg

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")


def contiguous_ranges(order: list[str], todo: list[str]) -> list[list[str]]:
    """`todo` cut into runs of neighbours in the partition order: a Dagster range run covers every
    partition between its two ends, so each range must hold only documents to do."""
    want = set(todo)
    ranges: list[list[str]] = []
    prev_in = False
    for key in order:
        if key in want:
            if prev_in:
                ranges[-1].append(key)
            else:
                ranges.append([key])
        prev_in = key in want
    return ranges


def range_tags(keys: list[str]) -> dict[str, str]:
    """Tags that make one run cover `keys`, neighbours in the partition order (the tags a
    single-run backfill uses); a single key is launched by its partition key instead."""
    return {"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]}

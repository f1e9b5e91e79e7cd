"""One dynamic partition per document: its key is the document id (the file name's stem)."""
import dagster as dg

documents_partitions = dg.DynamicPartitionsDefinition(name="documents")


def contiguous_ranges(order: list[str], todo: list[str], most: int | None = None) -> list[list[str]]:
    """`todo` cut into runs of neighbours in the partition order: a Dagster range run covers every
    partition between its two ends, so each range must hold only documents to do. With `most`,
    no range holds more than that many (a long range is cut into consecutive pieces)."""
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
    if most:
        ranges = [r[i:i + most] for r in ranges for i in range(0, len(r), most)]
    return ranges


def range_tags(keys: list[str]) -> dict[str, str]:
    """Tags that make one run cover `keys`, neighbours in the partition order (the tags a
    single-run backfill uses); a single key is launched by its partition key instead."""
    return {"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]}


def partition_order(instance: dg.DagsterInstance, document_ids: list[str]) -> tuple[list[str], list[str]]:
    """(every partition in Dagster's order once the new ones are added, the new ones): the one
    rule for adding documents, whoever adds them (the runner, the schedule, the sensor)."""
    known = instance.get_dynamic_partitions(documents_partitions.name)
    seen = set(known)
    new = [d for d in dict.fromkeys(document_ids) if d not in seen]
    return [*known, *new], new


def register_documents(instance: dg.DagsterInstance, document_ids: list[str]) -> list[str]:
    """Add the documents' partitions that are missing; returns the partition order. (A sensor
    returns an add request instead: partition_order.)"""
    order, new = partition_order(instance, document_ids)
    if new:
        instance.add_dynamic_partitions(documents_partitions.name, new)
    return order

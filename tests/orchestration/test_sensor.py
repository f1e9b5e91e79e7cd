"""The raw/ sensor: runs for new or changed content, none for untouched or merely touched files."""
import json
import os
import time

import dagster as dg
import pytest

from orchestration.defs.partitions import documents_partitions
from orchestration.defs.resources import WarehouseResource
from orchestration.defs.sensors import raw_files_sensor
from tests.support.documents import TINY_REPORT


def _tick(instance, raw_dir, cursor=None):
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor,
                                  resources={"warehouse": WarehouseResource(raw_dir=str(raw_dir))})
    result = raw_files_sensor(ctx)
    for req in result.dynamic_partitions_requests:  # what the daemon does before launching the runs
        instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
    return result


def _keys(request, instance) -> list[str]:
    """The documents one run request covers: its partition key, or its range of partitions."""
    if request.partition_key:
        return [request.partition_key]
    order = instance.get_dynamic_partitions(documents_partitions.name)
    start = order.index(request.tags["dagster/asset_partition_range_start"])
    return order[start:order.index(request.tags["dagster/asset_partition_range_end"]) + 1]


def test_sensor_requests_runs_by_content_hash(raw_dir):
    instance = dg.DagsterInstance.ephemeral()
    a = raw_dir / "reports" / "a.txt"
    a.write_text(TINY_REPORT, encoding="utf-8")
    (raw_dir / "reports" / "b.txt").write_text(TINY_REPORT + "\n", encoding="utf-8")

    first = _tick(instance, raw_dir)
    # files that arrive together: one run for both
    assert len(first.run_requests) == 1 and _keys(first.run_requests[0], instance) == ["a", "b"]
    assert first.dynamic_partitions_requests[0].partition_keys == ["a", "b"]
    assert first.dynamic_partitions_requests[0].partitions_def_name == documents_partitions.name

    # untouched, then touched (new mtime, same bytes): no runs
    assert _tick(instance, raw_dir, first.cursor).run_requests == []
    os.utime(a, (time.time() + 100, time.time() + 100))
    assert _tick(instance, raw_dir, first.cursor).run_requests == []

    # new content in a, a new file c: runs for exactly those (b, unchanged, lies between them)
    a.write_text(TINY_REPORT.replace("120", "121"), encoding="utf-8")
    (raw_dir / "reports" / "c.txt").write_text(TINY_REPORT, encoding="utf-8")
    third = _tick(instance, raw_dir, first.cursor)
    assert sorted(r.partition_key for r in third.run_requests) == ["a", "c"]
    assert json.loads(third.cursor).keys() == {"a", "b", "c"}
    assert {r.tags["zhibiao/sha256"] for r in third.run_requests} == set(json.loads(third.cursor)[k] for k in "ac")

    # a file changed back to its earlier content is a change too
    a.write_text(TINY_REPORT, encoding="utf-8")
    fourth = _tick(instance, raw_dir, third.cursor)
    assert [r.partition_key for r in fourth.run_requests] == ["a"]
    assert all(r.run_key is None for r in fourth.run_requests)


@pytest.mark.slow
def test_a_batch_request_runs_every_document_in_one_run(raw_dir, tmp_path):
    """The sensor's range request, launched for real: one Dagster run ingests and extracts all."""
    from orchestration.defs.resources import build_resources
    from orchestration.definitions import defs

    instance = dg.DagsterInstance.ephemeral()
    for name in "xyz":
        (raw_dir / "reports" / f"{name}.txt").write_text(TINY_REPORT.replace("120", f"12{ord(name) % 10}"),
                                                          encoding="utf-8")
    (request,) = _tick(instance, raw_dir).run_requests
    assert _keys(request, instance) == ["x", "y", "z"]
    warehouse_file = tmp_path / "wh" / "zhibiao.duckdb"
    job = defs.get_job_def("ingest_document")
    result = job.execute_in_process(instance=instance, tags=request.tags,
                                    resources=build_resources(raw_dir, warehouse_file))
    assert result.success
    figures = result.asset_materializations_for_node("figures")
    assert sorted(m.partition for m in figures) == ["x", "y", "z"]
    docs = figures[0].metadata["documents"].value          # one step extracted all three
    assert sorted(docs) == ["x", "y", "z"] and all(d["figures"] > 0 for d in docs.values())


def test_a_large_batch_keeps_each_partition_event_small(raw_dir, tmp_path, monkeypatch):
    # Dagster copies a step's metadata onto every partition's event: beyond TABLE_UP_TO documents
    # the per-document table gives way to counts, and the run's outcome per document is read
    # back from the raw tables instead.
    from orchestration import load, warehouse
    from orchestration.definitions import defs
    from orchestration.defs.assets import run_metadata
    from orchestration.defs.resources import build_resources

    monkeypatch.setattr(run_metadata, "TABLE_UP_TO", 2)
    monkeypatch.setattr(run_metadata, "PREVIEW", 1)
    instance = dg.DagsterInstance.ephemeral()
    for name in "xyz":
        (raw_dir / "reports" / f"{name}.txt").write_text(TINY_REPORT.replace("120", f"12{ord(name) % 10}"),
                                                          encoding="utf-8")
    (request,) = _tick(instance, raw_dir).run_requests
    warehouse_file = tmp_path / "wh" / "zhibiao.duckdb"
    result = defs.get_job_def("ingest_document").execute_in_process(
        instance=instance, tags=request.tags, resources=build_resources(raw_dir, warehouse_file))
    assert result.success
    for node in ("raw_documents", "figures"):
        events = result.asset_materializations_for_node(node)
        assert sorted(m.partition for m in events) == ["x", "y", "z"]
        for m in events:
            assert "documents" not in m.metadata and m.metadata["document_count"].value == 3
            assert len(m.metadata["documents_preview"].value) == 1
    assert result.asset_materializations_for_node("raw_documents")[0].metadata["statuses"].value == {"new": 3}
    with warehouse.connect(warehouse_file.parent / "zhibiao.work.duckdb") as con:
        outcomes = load.run_outcomes(con, ["x", "y", "z", "never"], result.run_id)
        later = load.run_outcomes(con, ["x"], "another-run")
        assert {d: (o["status"], o["version"]) for d, o in outcomes.items()} == {d: ("new", 1) for d in "xyz"}
        assert all(o["figures"] > 0 for o in outcomes.values())
        assert later["x"]["status"] == "unchanged" and later["x"]["figures"] == outcomes["x"]["figures"]
        key = con.execute("SELECT count(*) FROM raw.figures WHERE is_key").fetchone()[0]
    assert key > 0 and result.asset_materializations_for_node("figures")[0].metadata["key_figures"].value == key

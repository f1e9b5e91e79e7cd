"""The raw/ sensor: runs for new or changed content, none for untouched or merely touched files."""
import json
import os
import time

import dagster as dg

from orchestration.defs.partitions import documents_partitions
from orchestration.defs.resources import WarehouseResource
from orchestration.defs.sensors import raw_files_sensor
from tests.conftest import TINY_REPORT


def _tick(instance, raw_dir, cursor=None):
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor,
                                  resources={"warehouse": WarehouseResource(raw_dir=str(raw_dir))})
    return raw_files_sensor(ctx)


def test_sensor_requests_runs_by_content_hash(raw_dir):
    instance = dg.DagsterInstance.ephemeral()
    a = raw_dir / "reports" / "a.txt"
    a.write_text(TINY_REPORT, encoding="utf-8")
    (raw_dir / "reports" / "b.txt").write_text(TINY_REPORT + "\n", encoding="utf-8")

    first = _tick(instance, raw_dir)
    assert sorted(r.partition_key for r in first.run_requests) == ["a", "b"]
    assert first.dynamic_partitions_requests[0].partition_keys == ["a", "b"]
    assert first.dynamic_partitions_requests[0].partitions_def_name == documents_partitions.name

    # untouched, then touched (new mtime, same bytes): no runs
    assert _tick(instance, raw_dir, first.cursor).run_requests == []
    os.utime(a, (time.time() + 100, time.time() + 100))
    assert _tick(instance, raw_dir, first.cursor).run_requests == []

    # new content in a, a new file c: runs for exactly those
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

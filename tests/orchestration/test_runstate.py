"""The record of the last published run: what makes a run "nothing new", and what is re-judged."""
import os

from orchestration import config, ingest, runstate
from orchestration.defs.partitions import contiguous_ranges


def _settings(tmp_path):
    raw = tmp_path / "raw" / "reports"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text("甲", encoding="utf-8")
    (raw / "b.txt").write_text("乙", encoding="utf-8")
    s = config.settings(tmp_path / "raw", tmp_path / "wh" / "z.duckdb")
    s.home.mkdir()
    s.working_db.write_bytes(b"work")
    s.warehouse.write_bytes(b"snapshot")
    return s


def _record(s, shas=None, refused=None):
    files, by_name = ingest.scan(s.raw_dir)
    seen = runstate.compare(s, files, by_name)
    shas = shas if shas is not None else {f.document_id: ingest.sha256_of(f.path) for f in files}
    runstate.record(s, "r1", files, seen, by_name, shas, refused or {})


def _compare(s):
    return runstate.compare(s, *ingest.scan(s.raw_dir))


def test_without_a_record_every_document_is_to_do(tmp_path):
    s = _settings(tmp_path)
    c = _compare(s)
    assert (c.nothing_new, c.trusted, c.changed) == (False, False, ["a", "b"])


def test_as_recorded_is_nothing_new_and_a_changed_file_is_the_only_work(tmp_path):
    s = _settings(tmp_path)
    _record(s)
    c = _compare(s)
    assert (c.nothing_new, c.trusted, c.changed, c.last_run_id) == (True, True, [], "r1")
    # touched but same bytes: still unchanged (hashed, since its mtime moved)
    p = s.raw_dir / "reports" / "a.txt"
    os.utime(p, ns=(1, 1))
    assert _compare(s).nothing_new
    p.write_text("丙", encoding="utf-8")
    (s.raw_dir / "reports" / "c.txt").write_text("丁", encoding="utf-8")
    c = _compare(s)
    assert (c.nothing_new, c.trusted, sorted(c.changed), c.unchanged) == (False, True, ["a", "c"], ["b"])


def test_anything_else_moved_means_every_document_is_judged_again(tmp_path):
    s = _settings(tmp_path)
    _record(s)
    s.working_db.write_bytes(b"written by hand")
    c = _compare(s)
    assert (c.nothing_new, c.trusted, c.changed) == (False, False, ["a", "b"])
    assert "working database" in c.reason

    _record(s)
    (s.raw_dir / "reports" / "b.txt").unlink()
    assert not _compare(s).trusted                    # a removed file changes what is current


def test_a_document_left_out_of_the_record_is_retried_and_a_refusal_is_remembered(tmp_path):
    s = _settings(tmp_path)
    _record(s, shas={}, refused={"b": "reports/b.txt: empty file"})   # a: its extraction failed
    c = _compare(s)
    assert (c.trusted, c.changed, c.refused) == (True, ["a"], ["reports/b.txt: empty file"])


def test_range_runs_hold_only_documents_to_do():
    order = ["a", "b", "c", "d", "e"]
    assert contiguous_ranges(order, ["b", "c", "e"]) == [["b", "c"], ["e"]]
    assert contiguous_ranges(order, []) == []
    assert contiguous_ranges(order, ["a", "b", "c", "e"], most=2) == [["a", "b"], ["c"], ["e"]]
    assert contiguous_ranges(order, order) == [order]

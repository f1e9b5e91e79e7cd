"""Writing raw tables: versions, idempotence, figure provenance into the original text."""
import shutil

import duckdb
import pytest

from orchestration import ingest, load, warehouse
from tests.support.documents import TINY_REPORT
from tests.support.paths import BINJIANG


def _load_all(raw_dir, db, run_id="r"):
    with warehouse.connect(db) as con:
        out = []
        for f in ingest.scan(raw_dir)[0]:
            r = load.load_document(con, ingest.read(f), run_id)
            load.load_figures(con, f.document_id, r.version, run_id)
            out.append(r)
        return out


def _counts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM raw.figures)").fetchone()


def test_real_report_figure_points_into_the_original_text(raw_dir, tmp_path):
    shutil.copy(BINJIANG, raw_dir / "reports")
    db = tmp_path / "w.duckdb"
    [res] = _load_all(raw_dir, db)
    original = BINJIANG.read_text(encoding="utf-8")
    start = original.index("1560 亿元")
    with duckdb.connect(str(db), read_only=True) as con:
        doc = con.execute("SELECT document_id, version, sha256, kind, original_text = ?, "
                          "position('预计' IN normalized_text) > 0 FROM raw.documents", [original]).fetchone()
        fig = con.execute("SELECT value, unit, start_offset, end_offset, text FROM raw.figures "
                          "WHERE start_offset = ?", [start]).fetchone()
    assert res.status == "new"
    assert doc[:2] == ("binjiang-2020-government-work-report", 1)
    assert doc[2] == ingest.sha256_of(BINJIANG)
    assert doc[3] == "report"
    assert doc[4] is True      # the text exactly as in the file
    assert doc[5] is True      # the page break inside 预\n\n计 is repaired in the normalized text
    assert fig == (1560.0, "亿元", start, start + len("1560 亿元"), "1560 亿元")


def test_every_figure_text_equals_the_original_at_its_offsets(raw_dir, tmp_path):
    shutil.copy(BINJIANG, raw_dir / "reports")
    db = tmp_path / "w.duckdb"
    _load_all(raw_dir, db)
    with duckdb.connect(str(db), read_only=True) as con:
        bad = con.execute("""SELECT count(*) FROM raw.figures f JOIN raw.documents d USING (document_id, version)
                             WHERE substr(d.original_text, f.start_offset + 1, f.end_offset - f.start_offset) <> f.text
                                OR substr(d.original_text, f.sentence_start + 1, f.sentence_end - f.sentence_start) <> f.sentence""").fetchone()[0]
        total = con.execute("SELECT count(*) FROM raw.figures").fetchone()[0]
    assert total > 100 and bad == 0


def test_rerun_is_a_no_op_and_a_changed_file_is_a_new_version(raw_dir, tmp_path):
    p = raw_dir / "reports" / "tiny.txt"
    p.write_text(TINY_REPORT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert [r.status for r in _load_all(raw_dir, db)] == ["new"]
    first = _counts(db)
    assert [r.status for r in _load_all(raw_dir, db)] == ["unchanged"]
    assert _counts(db) == first
    p.write_text(TINY_REPORT.replace("120 亿元", "125 亿元"), encoding="utf-8")
    [res] = _load_all(raw_dir, db)
    assert (res.status, res.version) == ("new_version", 2)
    with duckdb.connect(str(db), read_only=True) as con:
        values = con.execute("SELECT version, value FROM raw.figures WHERE unit = '亿元' AND value > 100 ORDER BY 1").fetchall()
    assert values == [(1, 120.0), (2, 125.0)]   # the old version stays queryable


def test_failed_figure_write_leaves_previous_rows(raw_dir, tmp_path, monkeypatch):
    (raw_dir / "reports" / "tiny.txt").write_text(TINY_REPORT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    _load_all(raw_dir, db)
    before = _counts(db)
    real_extract = load.extractor.extract

    def broken(text):
        # two good figures and one that breaks NOT NULL: the INSERT fails after the DELETE ran
        figures = real_extract(text)[:2]
        bad = type(figures[0])(**{**vars(figures[0]), "text": None})
        return figures + [bad]
    monkeypatch.setattr(load.extractor, "extract", broken)
    with warehouse.connect(db) as con, pytest.raises(duckdb.ConstraintException):
        load.load_figures(con, "tiny", 1, force=True)
    assert _counts(db) == before   # the delete was rolled back with the failed insert


def test_documents_load_in_batches_with_the_versions_of_one_at_a_time(raw_dir, tmp_path, monkeypatch):
    # Five files, batches of two: unchanged, changed and new documents in one call get the
    # statuses and versions that loading them one by one gives, and every text lands whole.
    monkeypatch.setattr(load, "BATCH_DOCUMENTS", 2)
    texts = {f"tiny{i}": TINY_REPORT.replace("120 亿元", f"{120 + i} 亿元") for i in range(5)}
    for name, text in texts.items():
        (raw_dir / "reports" / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db) as con:
        first = [ingest.read(f) for f in ingest.scan(raw_dir)[0][:2]]
        assert [r.status for _, r in load.load_documents(con, first)] == ["new", "new"]
    (raw_dir / "reports" / "tiny1.txt").write_text(texts["tiny1"] + "\n补记。", encoding="utf-8")
    with warehouse.connect(db) as con:
        docs = [ingest.read(f) for f in ingest.scan(raw_dir)[0]]
        results = [(doc.document_id, r.status, r.version) for doc, r in load.load_documents(con, docs, "r2")]
        stored = con.execute("SELECT document_id, version FROM raw.documents ORDER BY 1, 2").fetchall()
        texts_ok = con.execute("SELECT count(*) FROM raw.documents d JOIN (SELECT unnest(?::VARCHAR[]) AS t) ON d.original_text = t",
                               [[*texts.values(), texts["tiny1"] + "\n补记。"]]).fetchone()[0]
    assert results == [("tiny0", "unchanged", 1), ("tiny1", "new_version", 2), ("tiny2", "new", 1),
                       ("tiny3", "new", 1), ("tiny4", "new", 1)]
    assert stored == [("tiny0", 1), ("tiny1", 1), ("tiny1", 2), ("tiny2", 1),
                                               ("tiny3", 1), ("tiny4", 1)]
    assert texts_ok == 6


def test_offset_runs_compress_the_map_exactly():
    # A run starts wherever original - normalized changes; expanding the runs gives the map back.
    import json
    import random
    rng = random.Random(7)
    for _ in range(200):
        mapping, o = [], 0
        for _ in range(rng.randrange(0, 60)):
            o += rng.choice([1, 1, 1, 2, 5])
            mapping.append(o)
        runs = json.loads(load._offset_runs(mapping))
        expanded = [start_o + (i - start_i) for k, (start_i, start_o) in enumerate(runs)
                    for i in range(start_i, runs[k + 1][0] if k + 1 < len(runs) else len(mapping))]
        assert expanded == mapping
        assert all(b[1] - b[0] != a[1] - a[0] for a, b in zip(runs, runs[1:]))   # no run split twice


def test_find_all_scans_once_and_names_the_missing(raw_dir):
    (raw_dir / "reports" / "tiny.txt").write_text(TINY_REPORT, encoding="utf-8")
    found = ingest.find_all(raw_dir, ["tiny", "gone"])
    assert found["tiny"].relpath == "reports/tiny.txt"
    assert isinstance(found["gone"], ingest.IngestError) and "no file for document 'gone'" in str(found["gone"])


def test_a_bad_document_in_a_figure_batch_fails_alone(raw_dir, tmp_path, monkeypatch):
    # Figures are written a batch of documents per transaction; when the batch's write fails,
    # each document is written alone, so only the bad one is reported and the others land.
    for i in range(3):
        (raw_dir / "reports" / f"tiny{i}.txt").write_text(TINY_REPORT.replace("120 亿元", f"{120 + i} 亿元"),
                                                          encoding="utf-8")
    db = tmp_path / "w.duckdb"
    real_extract = load.extractor.extract

    def broken_for_tiny1(text):
        figures = real_extract(text)
        if "121 亿元" in text:   # NOT NULL broken: the INSERT of its batch fails
            figures = figures + [type(figures[0])(**{**vars(figures[0]), "text": None})]
        return figures
    monkeypatch.setattr(load.extractor, "extract", broken_for_tiny1)
    with warehouse.connect(db) as con:
        for f in ingest.scan(raw_dir)[0]:
            load.load_document(con, ingest.read(f))
        results = dict(load.load_figures_many(con, ["tiny0", "tiny1", "tiny2"], workers=1))
        stored = dict(con.execute("SELECT document_id, count(*) FROM raw.figures GROUP BY 1").fetchall())
        extracted = {r[0] for r in con.execute("SELECT document_id FROM raw.extractions").fetchall()}
    assert isinstance(results["tiny1"], duckdb.ConstraintException)
    assert results["tiny0"].status == results["tiny2"].status == "extracted"
    assert stored == {"tiny0": results["tiny0"].rows, "tiny2": results["tiny2"].rows} and results["tiny0"].rows > 0
    assert extracted == {"tiny0", "tiny2"}

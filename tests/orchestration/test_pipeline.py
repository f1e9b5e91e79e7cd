"""The whole graph for real: raw/ → Dagster → DuckDB → dbt build → GX checks → published snapshot."""
import json
import shutil

import duckdb
import pytest

from orchestration import config, runner
from tests.support.documents import TINY_REPORT
from tests.support.paths import BINJIANG

pytestmark = pytest.mark.slow


def _published(settings, sql, params=()):
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _working(settings, sql, params=()):
    with duckdb.connect(str(settings.working_db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("pipeline")
    raw = root / "raw"
    (raw / "reports").mkdir(parents=True)
    shutil.copy(BINJIANG, raw / "reports")
    (raw / "reports" / "tiny.txt").write_text(TINY_REPORT, encoding="utf-8")
    (raw / "reports" / "tiny-gbk.txt").write_bytes((TINY_REPORT * 2).encode("gbk"))
    (raw / "reports" / "tiny-utf16.txt").write_bytes((TINY_REPORT * 2).encode("utf-16"))
    (raw / "reports" / "empty.txt").write_bytes(b"")
    (raw / "reports" / "binary.txt").write_bytes(bytes(range(256)) * 64)
    # hostile input: NUL bytes, a symlink leaving raw/, a name with '..', a 200 MB (sparse) file
    (raw / "reports" / "nul.txt").write_bytes("生产总值增长5%。\x00\x00".encode() * 50)
    (root / "outside.txt").write_text(TINY_REPORT, encoding="utf-8")
    (raw / "reports" / "escape.txt").symlink_to(root / "outside.txt")
    (raw / "reports" / "x..y.txt").write_text(TINY_REPORT, encoding="utf-8")
    with open(raw / "reports" / "huge.txt", "wb") as f:
        f.truncate(200 * 1024 * 1024)
    # a symlink loop (path.resolve() used to abort the whole run), UTF-8 then GBK, a newline in a name
    (raw / "reports" / "loop-a.txt").symlink_to("loop-b.txt")
    (raw / "reports" / "loop-b.txt").symlink_to("loop-a.txt")
    (raw / "reports" / "mixed.txt").write_bytes(TINY_REPORT.encode() + TINY_REPORT.encode("gbk"))
    (raw / "reports" / "two\nlines.txt").write_text(TINY_REPORT, encoding="utf-8")
    settings = config.settings(raw, root / "warehouse" / "zhibiao.duckdb")
    lines: list[str] = []
    summary = runner.run(settings, progress=lines.append)
    return settings, summary, lines


def test_run_publishes_the_good_documents_and_names_the_bad_files(first_run):
    settings, summary, lines = first_run
    assert summary.published, "\n".join(lines)
    assert set(summary.documents) == {"binjiang-2020-government-work-report", "tiny", "tiny-gbk", "tiny-utf16"}
    refused = "\n".join(summary.refused)
    assert "reports/empty.txt: empty file" in refused
    assert "reports/binary.txt: binary" in refused
    assert "reports/nul.txt: binary content (NUL bytes)" in refused
    assert "reports/escape.txt: symlink points outside raw/" in refused
    assert "reports/x..y.txt: file name contains '..'" in refused
    assert "reports/huge.txt: file too large" in refused
    assert "reports/loop-a.txt: symlink loop" in refused and "reports/loop-b.txt: symlink loop" in refused
    assert "reports/mixed.txt: mixed encodings: UTF-8 Chinese before line" in refused
    assert '"reports/two\\nlines.txt": file name contains control characters' in refused
    assert not any("\n" in r for r in summary.refused)
    assert not any("\n" in line for line in lines)
    # a progress line per document, naming it
    assert any("binjiang-2020-government-work-report: new v1" in line for line in lines)
    errors = _working(settings, "SELECT source_path, reason FROM raw.ingest_errors ORDER BY 1")
    assert {p for p, _ in errors} == {"reports/binary.txt", "reports/empty.txt", "reports/nul.txt",
                                      "reports/escape.txt", "reports/x..y.txt", "reports/huge.txt",
                                      "reports/loop-a.txt", "reports/loop-b.txt", "reports/mixed.txt",
                                      '"reports/two\\nlines.txt"'}
    encodings = dict(_working(settings, "SELECT document_id, encoding FROM raw.documents"))
    assert encodings["tiny-gbk"] == "gb18030" and encodings["tiny-utf16"] == "utf_16"


def test_published_snapshot_holds_the_document_and_its_figures(first_run):
    settings, _, _ = first_run
    import hashlib
    original = BINJIANG.read_text(encoding="utf-8")
    [(sha, latest)] = _published(settings, "SELECT sha256, is_latest FROM dim_document WHERE document_id = ?",
                                 ["binjiang-2020-government-work-report"])
    assert sha == hashlib.sha256(BINJIANG.read_bytes()).hexdigest() and latest is True
    start = original.index("1560 亿元")
    rows = _published(settings, "SELECT value, unit, start_offset, end_offset, text FROM fct_figure "
                      "WHERE document_id = ? AND start_offset = ?", ["binjiang-2020-government-work-report", start])
    assert rows == [(1560.0, "亿元", start, start + 7, "1560 亿元")]


def test_rerun_is_idempotent_and_a_changed_file_adds_a_version(first_run):
    settings, _, _ = first_run
    counts = "SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM raw.figures)"
    before = _working(settings, counts)
    published_before = _published(settings, "SELECT count(*) FROM fct_figure")
    said: list[str] = []
    again = runner.run(settings, progress=said.append)
    assert again.published
    assert set(again.documents.values()) == {"unchanged"}
    # nothing changed: every step says so, and none of them ran (no Dagster run, no dbt log)
    for step in ("ingest", "extract", "checks on figures", "dbt build", "checks on marts", "publish"):
        assert any(line.startswith(f"{step}: nothing new") for line in said), (step, said)
    assert not (settings.home / "logs" / f"dbt-{again.run_id}.log").exists()
    assert "reports/empty.txt: empty file" in "\n".join(again.refused)   # still refused, still said
    assert _working(settings, counts) == before
    assert _published(settings, "SELECT count(*) FROM fct_figure") == published_before

    (settings.raw_dir / "reports" / "tiny.txt").write_text(TINY_REPORT.replace("120 亿元", "130 亿元"), encoding="utf-8")
    said.clear()
    third = runner.run(settings, progress=said.append)
    assert third.documents["tiny"] == "new_version"
    # only the changed file is ingested, extracted and checked; the others are known unchanged
    assert [line for line in said if line.startswith("[")] == [line for line in said if line.startswith("[1/1] tiny: new_version v2")]
    assert {d: s for d, s in third.documents.items() if d != "tiny"} == {
        d: "unchanged" for d in ("binjiang-2020-government-work-report", "tiny-gbk", "tiny-utf16")}
    assert _working(settings, "SELECT version FROM raw.documents WHERE document_id = 'tiny' ORDER BY 1") == [(1,), (2,)]
    assert _published(settings, "SELECT version, is_latest FROM dim_document WHERE document_id = 'tiny' ORDER BY 1") \
        in ([(2, True)], [(1, False), (2, True)])
    values = _published(settings, "SELECT value FROM fct_figure WHERE document_id = 'tiny' AND unit = '亿元' AND value > 100")
    assert values == [(130.0,)]
    # the project is unchanged since the first build: the seeds, their data tests and the views
    # were left out of dbt (defs/launch.py); the tables, the incremental models and the data
    # tests on the views ran, and the marts were published with the new version
    results = json.loads((settings.home / "dbt-target" / "run_results.json").read_text(encoding="utf-8"))
    ran = {r["unique_id"]: r["status"] for r in results["results"]}
    manifest = json.loads((settings.home / "dbt-target" / "manifest.json").read_text(encoding="utf-8"))
    nodes = manifest["nodes"]
    kinds = {uid: nodes[uid]["resource_type"] for uid in ran if uid in nodes}
    assert "seed" not in kinds.values()
    views = {uid for uid, n in nodes.items() if n["resource_type"] == "model" and n["config"]["materialized"] == "view"}
    assert views and not views & set(ran)
    assert {"model.zhibiao.fct_figure", "model.zhibiao.fct_target_outcome"} <= set(ran)
    view_tests = {uid for uid, n in nodes.items() if n["resource_type"] == "test" and n.get("attached_node") in views}
    from_seeds = {"model.zhibiao.dim_region", "model.zhibiao.dim_indicator"}   # tables of seeds alone
    seed_tests = {uid for uid, n in nodes.items() if n["resource_type"] == "test"
                  and ((n.get("attached_node") or "").startswith("seed.") or n.get("attached_node") in from_seeds)}
    assert view_tests and view_tests <= set(ran)
    assert seed_tests and not seed_tests & set(ran)
    assert "model.zhibiao.dim_region" not in ran and "model.zhibiao.dim_indicator" in ran  # that one has a GX suite
    # dim_indicator's blocking GX suite still judged this build (the publish requires it)
    assert "dim_indicator:dim_indicator_valid" not in third.checks_failed
    assert _working(settings, """SELECT count(*) FROM raw.validation_results WHERE suite = 'dim_indicator'
                                 AND validated_at >= (SELECT max(built_at) FROM raw.builds)""")[0][0] >= 1
    assert set(ran.values()) <= {"success", "pass"}


def test_a_bad_figure_fails_the_check_is_quarantined_and_kept_out_of_the_marts(first_run):
    settings, _, _ = first_run
    doc = "binjiang-2020-government-work-report"
    with duckdb.connect(str(settings.working_db)) as con:
        # a copy of a real figure turned into a share of 130 % (impossible) under a new number
        con.execute("""INSERT INTO raw.figures SELECT * REPLACE (9999 AS figure_no, 130.0 AS value, '%' AS unit,
                           'share' AS measure, 'GDP' AS "of")
                       FROM raw.figures WHERE document_id = ? AND figure_no = 1""", [doc])
    lines: list[str] = []
    summary = runner.run(settings, progress=lines.append)
    assert f"figures:figures_valid [{doc}]" in summary.checks_failed
    # the document's progress line says its figures went to quarantine, not only that a check failed
    (line,) = [ln for ln in lines if f"] {doc}: " in ln]
    assert "1 figure quarantined" in line, line
    assert summary.published          # the bad figure is held back, the good ones are published
    with duckdb.connect(str(settings.working_db), read_only=True) as con:
        reasons = con.execute("SELECT check_name FROM raw.quarantine WHERE document_id = ? AND figure_no = 9999 "
                              "AND released_at IS NULL", [doc]).fetchall()
    assert ("share_in_0_100",) in reasons
    assert _published(settings, "SELECT count(*) FROM fct_figure WHERE document_id = ? AND figure_no = 9999", [doc]) == [(0,)]
    assert _published(settings, "SELECT count(*) FROM fct_figure WHERE document_id = ? AND figure_no = 1", [doc]) == [(1,)]


def test_cli_reads_the_published_snapshot(first_run, capsys):
    from orchestration import cli

    settings, _, _ = first_run
    args = ["--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse)]
    assert cli.main(["figures", "--doc", "binjiang-2020-government-work-report", *args]) == 0
    import json
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["doc"] for r in rows} == {"binjiang-2020-government-work-report.txt"}
    gdp = next(r for r in rows if r["text"] == "1560 亿元")
    assert (gdp["value"], gdp["unit"], gdp["measure"], gdp["period"]) == (1560.0, "亿元", "level", 2019)
    assert set(cli.GOLD_COLUMNS) <= set(gdp)

    assert cli.main(["sql", "SELECT count(*) AS n FROM dim_document WHERE is_latest", "--format", "csv", *args]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "4"]
    # readers cannot write, nor read files outside the warehouse
    assert cli.main(["sql", "CREATE TABLE x AS SELECT 1", *args]) == 1
    assert cli.main(["sql", "SELECT * FROM read_csv('/etc/passwd')", *args]) == 1
    err = capsys.readouterr().err
    assert err.count("zhibiao sql:") == 2


def test_validate_command_rejudges_what_is_loaded(first_run, capsys):
    from orchestration import cli

    settings, _, _ = first_run
    args = ["--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse)]
    cli.main(["validate", *args])
    out = capsys.readouterr().out
    assert "fct_figure: ok" in out and "dim_indicator: ok" in out
    assert out.splitlines()[0].startswith("figures: ")
    assert (settings.home / "data_docs" / "index.html").exists()


def test_snapshot_records_the_run_the_cli_printed(first_run):
    settings, _, _ = first_run
    summary = runner.run(settings, progress=lambda s: None)
    assert _published(settings, "SELECT run_id FROM zhibiao_snapshot") == [(summary.run_id,)]


def test_a_version_whose_extraction_failed_does_not_hide_the_published_figures(first_run, monkeypatch):
    from orchestration import load

    settings, _, _ = first_run
    before = _published(settings, "SELECT version, count(*) FROM fct_figure WHERE document_id = 'tiny' GROUP BY 1")

    def crash(text):
        raise RuntimeError("extractor crashed")
    monkeypatch.setattr(load.extractor, "extract", crash)
    (settings.raw_dir / "reports" / "tiny.txt").write_text(TINY_REPORT.replace("120 亿元", "140 亿元"), encoding="utf-8")
    summary = runner.run(settings, progress=lambda s: None)
    assert any("extractor crashed" in r for r in summary.refused)
    # the new version is stored, its extraction is not: the previous version stays current
    assert _published(settings, "SELECT version, count(*) FROM fct_figure WHERE document_id = 'tiny' GROUP BY 1") == before


def test_many_new_documents_go_through_dagster_a_piece_at_a_time(tmp_path, monkeypatch):
    # DOCUMENTS_PER_RUN bounds one Dagster run: three new documents, pieces of two, two runs,
    # a progress line after each, and every document loaded and published once.
    monkeypatch.setattr(runner, "DOCUMENTS_PER_RUN", 2)
    raw = tmp_path / "raw" / "reports"
    raw.mkdir(parents=True)
    for i in range(3):
        (raw / f"tiny{i}.txt").write_text(TINY_REPORT.replace("120 亿元", f"{120 + i} 亿元"), encoding="utf-8")
    settings = config.settings(tmp_path / "raw", tmp_path / "warehouse" / "zhibiao.duckdb")
    lines: list[str] = []
    summary = runner.run(settings, progress=lines.append)
    assert summary.published and summary.documents == {f"tiny{i}": "new" for i in range(3)}
    pieces = [line for line in lines if line.startswith("ingested, extracted and checked")]
    assert [p.split(" documents")[0] for p in pieces] == ["ingested, extracted and checked 2",
                                                          "ingested, extracted and checked 1"]
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT document_id) FROM main.fct_figure").fetchone()[0] == 3

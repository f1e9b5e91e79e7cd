"""The CLI's exit codes: a wrong argument is an error a script can see, not an empty success."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest

from orchestration import cli
from tests.support import paths

ROOT = str(paths.ROOT)


@pytest.fixture
def published(tmp_path):
    """A snapshot with the two tables `zhibiao figures` reads (the reader opens any DuckDB file)."""
    path = tmp_path / "zhibiao.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE dim_document AS SELECT 'a-2025-report' AS document_id, 1 AS version, "
                    "'reports/a-2025-report.txt' AS source_path "
                    "UNION ALL SELECT 'b-2025-report', 1, 'reports/b-2025-report.txt'")
        con.execute("""CREATE TABLE fct_figure AS SELECT 'a-2025-report' AS document_id, 1 AS version,
                       0 AS start_offset, 4 AS end_offset, '5.2%' AS text, 5.2::DOUBLE AS value, NULL::DOUBLE AS value_high,
                       '%' AS unit, 'growth' AS measure, NULL AS "of", 'actual' AS status, 2025 AS period,
                       'eq' AS qualifier, '地区生产总值' AS indicator_text, true AS is_key""")
    return path


def test_figures_of_an_unknown_document_is_an_error(published, capsys):
    assert cli.main(["figures", "--warehouse", str(published), "--doc", "nosuchdoc"]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "no document 'nosuchdoc'" in out.err and "a-2025-report" in out.err


def test_figures_of_a_known_document_without_figures_is_empty_success(published, capsys):
    assert cli.main(["figures", "--warehouse", str(published), "--doc", "b-2025-report.txt"]) == 0
    assert capsys.readouterr().out == ""
    assert cli.main(["figures", "--warehouse", str(published), "--doc", "a-2025-report"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["value"] == 5.2


def test_serve_without_a_password_exits_non_zero(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIBIAO_PG_")}
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "serve", "--warehouse", str(tmp_path / "w.duckdb")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "ZHIBIAO_PG_PASSWORD" in proc.stderr
    assert not (tmp_path / "w.pgdata").exists()  # refused before anything was created

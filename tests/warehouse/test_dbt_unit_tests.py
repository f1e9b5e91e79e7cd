"""The dbt project's unit tests, run here and in CI rather than in the pipeline's builds.

`zhibiao run` builds with `--exclude-resource-type unit_test` (orchestration/defs/assets/dbt.py):
a unit test checks a model's SQL on fixed rows, so it gives the same answer on every run of the
same project. This is where they run, on the real project: `dbt test --select test_type:unit`
after the models and seeds exist (dbt reads the columns of a unit test's inputs from the
warehouse; `--empty` builds them with no rows, so the answers come from the fixtures alone).
The second test shows the command fails when a model's SQL is wrong.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from orchestration import warehouse
from tests.support.dbt import DBT
from tests.support.paths import DBT_DIR

pytestmark = pytest.mark.slow


def _dbt(args: list[str], project: Path, db: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ZHIBIAO_DUCKDB": str(db), "DO_NOT_TRACK": "1"}
    return subprocess.run([DBT, *args, "--project-dir", str(project), "--profiles-dir", str(project),
                           "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
                          env=env, cwd=tmp, capture_output=True, text=True)


def _unit_tests(project: Path, tmp: Path, select: str = "test_type:unit") -> tuple[subprocess.CompletedProcess, dict]:
    """Empty raw tables, seeds and models (`dbt build --empty`, no data tests), then the unit
    tests: the process and each unit test's status from run_results.json."""
    db = tmp / "work.duckdb"
    with warehouse.connect(db):
        pass                                    # the raw tables the sources name
    built = _dbt(["build", "--empty", "--exclude-resource-type", "unit_test", "--exclude-resource-type", "test"],
                 project, db, tmp)
    assert built.returncode == 0, built.stdout[-4000:]
    ran = _dbt(["test", "--select", select], project, db, tmp)
    results = json.loads((tmp / "target" / "run_results.json").read_text())["results"]
    return ran, {r["unique_id"].rsplit(".", 1)[-1]: r["status"] for r in results
                 if r["unique_id"].startswith("unit_test.")}


def test_every_unit_test_of_the_project_passes(tmp_path):
    ran, statuses = _unit_tests(DBT_DIR, tmp_path)
    assert ran.returncode == 0, ran.stdout[-6000:]
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    declared = {n["name"] for n in manifest["unit_tests"].values()}
    assert len(declared) >= 20
    assert statuses == {name: "pass" for name in declared}


def test_a_wrong_model_fails_its_unit_test(tmp_path):
    """int_figure_units composed scale words by addition instead of product (万公里 = 1e4 + 1000 m):
    test_int_figure_units_scaling expects 2 万公里 = 20,000,000 m, so `dbt test` fails on it."""
    project = tmp_path / "project"
    shutil.copytree(DBT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    model = project / "models" / "intermediate" / "int_figure_units.sql"
    right = "prefixes.prefix_scale * units.scale as scale"
    sql = model.read_text(encoding="utf-8")
    assert sql.count(right) == 1
    model.write_text(sql.replace(right, "prefixes.prefix_scale + units.scale as scale"), encoding="utf-8")
    ran, statuses = _unit_tests(project, tmp_path / "run", select="int_figure_units,test_type:unit")
    assert ran.returncode == 1, ran.stdout[-4000:]
    assert statuses == {"test_int_figure_units_scaling": "fail"}

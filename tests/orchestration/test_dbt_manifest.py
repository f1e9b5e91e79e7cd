"""The run reads dbt's manifest at import; another dbt process (a `dbt parse`, `dbt docs generate`)
rewrites target/manifest.json in place. A manifest that does not read as JSON must not fail the run:
it is waited for while a writer may finish it, then parsed again."""
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from orchestration import runner
from orchestration.config import DBT_PROJECT_DIR


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    (project / "target").mkdir()
    return project


def _newer_than_the_project(manifest: Path) -> None:
    later = time.time() + 60
    os.utime(manifest, (later, later))


def test_a_manifest_being_written_is_waited_for_not_parsed_again(tmp_path):
    project = _project_copy(tmp_path)
    manifest = project / "target" / "manifest.json"
    manifest.write_text("")                  # the writer has truncated it
    _newer_than_the_project(manifest)

    def finish():
        time.sleep(1.0)
        manifest.write_text(json.dumps({"nodes": {}, "metadata": {"writer": "other process"}}))
        _newer_than_the_project(manifest)

    writer = threading.Thread(target=finish)
    writer.start()
    said = []
    runner.ensure_dbt_manifest(said.append, project_dir=project, wait=20)
    writer.join()
    assert said == []                        # no parse of its own
    assert json.loads(manifest.read_text())["metadata"]["writer"] == "other process"


@pytest.mark.slow
def test_a_manifest_left_cut_is_parsed_again(tmp_path):
    project = _project_copy(tmp_path)
    manifest = project / "target" / "manifest.json"
    manifest.write_text('{"nodes": {"model.zhibiao.fct_fi')     # cut mid-write, and no writer finishes it
    _newer_than_the_project(manifest)
    said = []
    runner.ensure_dbt_manifest(said.append, project_dir=project, wait=1.0)
    assert len(said) == 1 and "does not read as JSON" in said[0]
    nodes = json.loads(manifest.read_text())["nodes"]
    assert "model.zhibiao.fct_figure" in nodes

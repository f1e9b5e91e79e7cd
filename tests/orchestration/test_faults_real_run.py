"""kill -9 of the real `zhibiao run` during ingestion, dbt, the checks and publishing.

Each time, the published snapshot must still be the last complete one (same run, opens, passes
its checks), and the next run must complete and publish the new data with nothing left behind.
The synthetic, many-kills version of this suite is tests/publish/test_faults_kill.py.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from orchestration import config
from orchestration.publish import verify_snapshot
from tests.support.documents import TINY_REPORT

pytestmark = pytest.mark.slow

ZHIBIAO = str(Path(sys.executable).with_name("zhibiao"))


def _start(settings, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.Popen(
        [ZHIBIAO, "run", "--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse), "--wait", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True)


def _kill_when(proc, predicate, dbt_log_holds=None, timeout=240):
    """Read progress lines until `predicate(line)` holds; then, if `dbt_log_holds` is given, wait
    until dbt's log (named in that line) contains it; then kill the whole process group."""
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        if predicate(line):
            break
        assert time.monotonic() < deadline, "the run never reached the kill point"
    else:
        pytest.fail("the run ended before the kill point")
    if dbt_log_holds:
        log = Path(line.split("dbt's log: ")[1].rstrip(")\n"))
        while not (log.exists() and dbt_log_holds in log.read_text(encoding="utf-8", errors="replace")):
            assert proc.poll() is None, "the run ended before the kill point"
            assert time.monotonic() < deadline, "dbt never reached the kill point"
            time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _snapshot(settings):
    info = verify_snapshot(settings.warehouse)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        value = con.execute("SELECT max(value) FROM fct_figure WHERE unit = '亿元'").fetchone()[0]
    return info.run_id, value


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    (root / "raw").mkdir()
    (root / "raw" / "tiny.txt").write_text(TINY_REPORT, encoding="utf-8")
    settings = config.settings(root / "raw", root / "wh" / "zhibiao.duckdb")
    done = subprocess.run([ZHIBIAO, "run", "--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    first = _snapshot(settings)
    assert first[1] == 120.0
    # the next runs would publish new content
    (root / "raw" / "tiny.txt").write_text(TINY_REPORT.replace("120 亿元", "150 亿元"), encoding="utf-8")
    return settings, first


def _building(line):
    return line.startswith("building the warehouse")


# point → (progress line to wait for, text in dbt's log to wait for, publish step to die at)
KILL_POINTS = {
    "ingestion": (lambda line: line.startswith("[1/"), None, None),   # after the first document
    "dbt": (_building, " OK created ", None),                        # dbt has built a model
    "checks": (_building, "Finished running", None),                  # dbt done, GX checks running
    "publish": (None, None, "copied"),                                 # working DB copied, not swapped
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_kill_leaves_the_last_complete_snapshot(published, point):
    settings, first = published
    predicate, dbt_log_holds, publish_step = KILL_POINTS[point]
    proc = _start(settings, {"ZHIBIAO_FAULT_KILL_AT": publish_step} if publish_step else None)
    if publish_step:   # the run kills itself inside publish, after copying the working database
        proc.wait(timeout=300)
        assert proc.returncode == -signal.SIGKILL
    else:
        _kill_when(proc, predicate, dbt_log_holds)
    assert _snapshot(settings) == first


def test_next_run_completes_and_leaves_nothing_behind(published):
    settings, first = published
    done = subprocess.run([ZHIBIAO, "run", "--raw", str(settings.raw_dir), "--warehouse", str(settings.warehouse),
                           "--wait", "60"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    run_id, value = _snapshot(settings)
    assert run_id != first[0] and value == 150.0
    leftovers = [p.name for p in settings.home.iterdir() if p.name.endswith((".wal", ".tmp"))]
    assert leftovers == []

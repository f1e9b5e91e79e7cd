"""Fault suite: readers during a publish, kill -9 at every step and at random moments, two
runs at once. Bounded in time (each subprocess has a timeout; ~30 s in all on 2 cores).

The run under test is :func:`tests.support.faults.run_command`: a synthetic
build+publish today, the real ``zhibiao run`` with ZHIBIAO_FAULT_REAL_RUN=1 once the CLI exists.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orchestration import config, publish, runlock
from orchestration.publish import ENV_FAULT
from tests.support.faults import REPO, build_working, check_consistent, prepare_raw, run_command, use_real_run

PUBLISH_STEPS = ["before_copy", "copied", "metadata_written", "exported", "before_replace", "replaced", "exports_swapped"]
RANDOM_KILLS = int(os.environ.get("ZHIBIAO_FAULT_KILLS", "24"))  # CI: 24; fewer for slow real runs
RUN_TIMEOUT = 600 if use_real_run() else 60


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ZHIBIAO_PG_URL", raising=False)
    prepare_raw(tmp_path / "raw")
    return config.settings(tmp_path / "raw", tmp_path / "wh" / "zhibiao.duckdb")


def _env(**extra) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO), DO_NOT_TRACK="1")
    env.pop("ZHIBIAO_PG_URL", None)
    env.update(extra)
    return env


def _run(settings, runs=1, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        run_command(settings.raw_dir, settings.warehouse, runs), env=_env(**env),
        capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=REPO,
    )


def _assert_complete(settings) -> publish.SnapshotInfo:
    """The published snapshot opens, has its metadata row, passes its checks, and (synthetic
    run) holds marts from exactly the run its metadata names."""
    info = publish.verify_snapshot(settings.warehouse)
    if not use_real_run():
        check_consistent(info, settings.warehouse)
    assert not Path(str(settings.warehouse) + ".wal").exists()
    return info


def _leftovers(settings) -> list[str]:
    names = [p.name for p in settings.warehouse.parent.iterdir() if ".publish-" in p.name]
    exports = settings.home / "exports"
    if exports.is_dir():
        names += [p.name for p in exports.iterdir() if p.name.startswith(".")]
    return names


READER_SCRIPT = r"""
import sys
from orchestration import config, reader
s = config.settings(sys.argv[1], sys.argv[2])
con = reader.connect_readonly(s)
q = "SELECT (SELECT run_id FROM zhibiao_snapshot), count(*), min(run_no), max(run_no) FROM fct_figures"
print("before", *con.execute(q).fetchone(), flush=True)
sys.stdin.readline()                      # the parent publishes meanwhile
print("same", *con.execute(q).fetchone(), flush=True)
new = reader.connect_readonly(s)
print("new", *new.execute(q).fetchone(), flush=True)
"""


def test_reader_in_another_process_keeps_working_during_publish(settings):
    build_working(settings, 1, 500)
    publish.publish(settings, "run-1", {f"doc{i}": 1 for i in range(3)})
    proc = subprocess.Popen(
        [sys.executable, "-c", READER_SCRIPT, str(settings.raw_dir), str(settings.warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=REPO,
    )
    try:
        assert proc.stdout.readline().split() == ["before", "run-1", "500", "1", "1"]
        # The reader holds DuckDB's shared lock on the published file: publish must not care.
        build_working(settings, 2, 700)
        result = publish.publish(settings, "run-2", {f"doc{i}": 2 for i in range(3)})
        assert result.run_id == "run-2"
        out, err = proc.communicate("go\n", timeout=30)
    finally:
        proc.kill()
    assert out.splitlines() == ["same run-1 500 1 1", "new run-2 700 2 2"], err
    assert _assert_complete(settings).run_id == "run-2"


@pytest.mark.slow
@pytest.mark.parametrize("step", PUBLISH_STEPS)
def test_kill_at_each_publish_step_keeps_last_snapshot(settings, step):
    assert _run(settings).returncode == 0
    first = _assert_complete(settings)
    proc = _run(settings, **{ENV_FAULT: step})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    after = _assert_complete(settings)
    # Killed before the rename: the old snapshot; at or after it: the new one, complete.
    replaced = PUBLISH_STEPS.index(step) >= PUBLISH_STEPS.index("replaced")
    assert (after.run_id != first.run_id) == replaced
    assert after.published_at >= first.published_at
    done = _run(settings)
    assert done.returncode == 0, done.stderr
    final = _assert_complete(settings)
    assert final.published_at > after.published_at
    assert _leftovers(settings) == []
    if not use_real_run():
        assert publish.latest_export(settings).name.endswith(final.run_id)


READER_LOOP = r"""
import json, sys, time
from pathlib import Path
from orchestration import config, reader
s = config.settings(sys.argv[1], sys.argv[2])
stop = Path(sys.argv[3])
Q = ("SELECT (SELECT run_id FROM zhibiao_snapshot), (SELECT min(run_no) FROM fct_figures), "
     "(SELECT max(run_no) FROM fct_figures), (SELECT count(*) FROM dim_documents)")
check_marts = sys.argv[4:] != ["real"]
if not check_marts:  # the real marts have other names: check the metadata row only
    Q = "SELECT run_id, NULL, NULL, NULL FROM zhibiao_snapshot"
errors, seen, n = [], set(), 0
held = reader.connect_readonly(s)  # one connection held open through every publish and kill
held_run = held.execute(Q).fetchone()
while not stop.exists():
    time.sleep(0.02)  # leave the 2 cores to the runs being killed
    for con in (None, held):
        try:
            c = con or reader.connect_readonly(s)
            row = c.execute(Q).fetchone()
            if con is None:
                c.close()
            n += 1
            seen.add(row[0])
            if con is held and row != held_run:
                errors.append(f"held connection changed: {held_run} -> {row}")
            if check_marts and not (int(row[0].rsplit("-", 1)[1]) == row[1] == row[2] and row[3] == 3):
                errors.append(f"inconsistent snapshot: {row}")
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
print(json.dumps({"queries": n, "runs_seen": sorted(seen), "errors": errors}))
"""


@pytest.mark.slow
def test_random_kill_9_never_breaks_the_published_snapshot(settings):
    rng = random.Random(int(os.environ.get("ZHIBIAO_FAULT_SEED", "20261125")))
    started = time.monotonic()
    assert _run(settings).returncode == 0  # also measures how long one run takes
    one_run = time.monotonic() - started
    previous = _assert_complete(settings)
    published_runs = [previous.run_id]
    stop_file = settings.home / "stop-readers"
    readers = subprocess.Popen(  # readers query all along: never blocked, never a broken snapshot
        [sys.executable, "-c", READER_LOOP, str(settings.raw_dir), str(settings.warehouse), str(stop_file),
         *(["real"] if use_real_run() else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=REPO,
    )
    finished = False
    try:
        attempts = landed = mid_publish = 0
        while landed < RANDOM_KILLS and attempts < 2 * RANDOM_KILLS:
            attempts += 1
            # Back-to-back runs (synthetic), killed at a random moment: the kill lands at a random
            # phase of build or publish, not only in interpreter start-up.
            # Own session, killed as a group: a real run's dbt child dies with it, as it would
            # when a machine or container goes down.
            proc = subprocess.Popen(
                run_command(settings.raw_dir, settings.warehouse, runs=20), env=_env(),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, start_new_session=True,
            )
            time.sleep(rng.uniform(0.5 * one_run, 3 * one_run) if not use_real_run() else rng.uniform(0, one_run))
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                landed += 1
            proc.communicate(timeout=RUN_TIMEOUT)
            mid_publish += bool(_leftovers(settings))  # a temp file: the kill landed inside publish
            info = _assert_complete(settings)
            if info.run_id != previous.run_id:
                assert info.published_at > previous.published_at
                published_runs.append(info.run_id)
                previous = info
        assert landed == RANDOM_KILLS, f"only {landed} of {attempts} kills hit a running process"
        done = _run(settings)
        assert done.returncode == 0, done.stderr
        final = _assert_complete(settings)
        assert final.run_id != previous.run_id  # the next run completes and publishes
        assert _leftovers(settings) == []
        assert not Path(str(settings.working_db) + ".wal").exists()
        if not use_real_run():
            runs = [int(r.rsplit("-", 1)[1]) for r in published_runs + [final.run_id]]
            assert runs == sorted(runs)  # the published run only ever moves forward
        finished = True
    finally:
        if not finished:
            readers.kill()  # a failed assertion above must not leave the reader loop running
    time.sleep(0.5)  # let the readers query the final snapshot too
    stop_file.touch()
    out, err = readers.communicate(timeout=60)
    assert readers.returncode == 0, err
    report = json.loads(out.splitlines()[-1])
    assert report["errors"] == [], report["errors"][:5]
    assert report["queries"] > 0 and final.run_id in report["runs_seen"] and len(report["runs_seen"]) >= 2, report
    print(f"{landed} kills, {mid_publish} inside publish, {len(published_runs) + 1} snapshots checked; "
          f"readers: {report['queries']} queries, {len(report['runs_seen'])} runs seen, 0 errors")


HOLDER_SCRIPT = r"""
import sys, time
from orchestration import config, runlock
s = config.settings(sys.argv[1], sys.argv[2])
with runlock.run_lock(s, run_id="run-holder"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def _hold_lock(settings, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(settings.raw_dir), str(settings.warehouse), str(seconds)],
        stdout=subprocess.PIPE, text=True, env=_env(), cwd=REPO,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_run_refuses_clearly_or_waits(settings):
    holder = _hold_lock(settings, 60)
    try:
        with pytest.raises(runlock.RunLockBusy) as refused:
            with runlock.run_lock(settings, timeout=0):
                pass
        message = str(refused.value)
        assert f"pid {holder.pid}" in message and "run-holder" in message and "in progress" in message
        t0 = time.monotonic()
        with pytest.raises(runlock.RunLockBusy, match="after waiting"):
            with runlock.run_lock(settings, timeout=0.5):
                pass
        assert time.monotonic() - t0 >= 0.5
    finally:
        holder.kill()
        holder.wait()
    short = _hold_lock(settings, 1.0)
    try:
        assert runlock.read_holder(settings)["run_id"] == "run-holder"  # held when we start waiting
        with runlock.run_lock(settings, timeout=30, run_id="second") as me:
            assert runlock.read_holder(settings)["run_id"] == "second" == me["run_id"]
    finally:
        assert short.wait(30) == 0  # the holder finished its run normally; we waited for it


def test_lock_dies_with_a_kill_9d_holder(settings):
    holder = _hold_lock(settings, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with runlock.run_lock(settings, timeout=0) as me:  # no stale lock left behind
        assert me["pid"] == os.getpid()


@pytest.mark.slow
def test_two_runs_at_once_second_waits_and_both_publish(settings):
    first = subprocess.Popen(run_command(settings.raw_dir, settings.warehouse, runs=2), env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    second = subprocess.Popen(run_command(settings.raw_dir, settings.warehouse, runs=2), env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    outs = [p.communicate(timeout=RUN_TIMEOUT) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], [o[1][-500:] for o in outs]
    info = _assert_complete(settings)
    if not use_real_run():
        published = sorted(int(line.split("-")[1]) for o, _ in outs for line in o.splitlines())
        assert published == [1, 2, 3, 4]  # serialised: no run number used twice
        assert info.run_id == "run-4"

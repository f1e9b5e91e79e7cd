"""`dbt build` in this process (dbt's `dbtRunner`) behind the `subprocess.Popen` interface that
dagster-dbt's `DbtCliInvocation` reads, so dagster-dbt still selects the nodes, turns dbt's
events into materializations and check results, and raises on failure: only the process is gone.

Why: the run already imports dbt-core (dagster-dbt does); a `dbt` subprocess pays Python's start,
dbt's imports and the adapter's registration again on every build. On the shipped warehouse the
same incremental `dbt build` (88 nodes, partial parse) took 10.9 and 11.9 s of CPU as a
subprocess, 9.1 and 7.5 s in-process (pairs at load 11-14; docs/performance.md).

What the subprocess gave that this keeps:
- its environment: dagster-dbt passes dbt's settings as DBT_* variables (target and log path,
  JSON logs, profiles dir, indirect selection); they are set in os.environ for the invocation
  and put back after (sys.argv too: dbt records its command line from it). One dbt build at a time per process (the `duckdb_writer` pool, the run
  lock); dbt-core itself does not support two invocations at once in one process.
- its stdout: the events dbt would print (level info and up) as the JSON lines `--log-format
  json` prints, read by dagster-dbt; dbt's own console output is off (DBT_LOG_LEVEL=none), its
  debug log file (dbt.log in the target folder) is written as before.
- its exit code: 0 success, 1 a node failed, 2 dbt raised (as the `dbt` command).
- the DuckDB file closed when the build ends (close_duckdb).

Not kept: a cancelled Dagster run cannot stop the build half-way (dagster-dbt sends SIGINT to a
subprocess; a thread has no signal): the step waits for dbt's end, up to dagster-dbt's
termination timeout, and a killed process takes the thread with it (as it took the child).
"""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

# dbt's console prints these levels by default; debug events go to dbt.log only
PRINTED_LEVELS = frozenset({"info", "warn", "error"})
_END = object()
_ONE_AT_A_TIME = threading.Lock()


class _Lines:
    """The child's stdout as dagster-dbt reads it: an iterable of bytes lines, closable."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self.closed = False

    def put(self, line: bytes | object) -> None:
        self._queue.put(line)

    def __iter__(self) -> Iterator[bytes]:
        while not self.closed:
            line = self._queue.get()
            if line is _END:
                self.closed = True
                return
            yield line

    def __enter__(self) -> _Lines:
        return self

    def __exit__(self, *exc) -> None:
        self.closed = True


class InProcessDbt:
    """A `dbt` command run by dbtRunner on a thread of this process, with the part of the Popen
    interface DbtCliInvocation uses (args, stdout, wait, returncode, send_signal)."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str] | None = None, **_popen_kwargs) -> None:
        # args[0] is the dbt executable; stdout/stderr/cwd: dbt's --project-dir (DBT_PROJECT_DIR)
        # makes paths independent of the working directory, and this process's cwd is not moved
        self.args = list(args)
        self.stdout = _Lines()
        self.returncode: int | None = None
        overrides = {k: v for k, v in (env or {}).items() if k.startswith("DBT_")}
        overrides["DBT_LOG_LEVEL"] = "none"          # the events reach dagster-dbt through stdout
        # dbt.log keeps the level it had (an unset file level follows DBT_LOG_LEVEL, here none)
        overrides.setdefault("DBT_LOG_LEVEL_FILE", os.environ.get("DBT_LOG_LEVEL_FILE") or os.environ.get("DBT_LOG_LEVEL") or "debug")
        self._thread = threading.Thread(target=self._invoke, args=(self.args[1:], overrides),
                                        name="dbt", daemon=True)
        self._thread.start()

    def _invoke(self, cli_args: list[str], overrides: dict[str, str]) -> None:
        from dbt.cli.main import dbtRunner
        from dbt_common.events.functions import msg_to_json

        def on_event(msg) -> None:
            if msg.info.level in PRINTED_LEVELS:
                self.stdout.put(msg_to_json(msg).encode())

        code = 2
        try:
            with _ONE_AT_A_TIME:
                try:
                    with _environment(overrides, argv=self.args):
                        result = dbtRunner(callbacks=[on_event]).invoke(cli_args)
                finally:
                    close_duckdb()     # a file left open is a failed build (exit code 2)
            code = 0 if result.success else (2 if result.exception is not None else 1)
            if result.exception is not None:
                self.stdout.put(f"dbt failed: {result.exception!r}".encode())
        except BaseException as e:  # noqa: BLE001 - reported as the child's output and exit code
            self.stdout.put(f"dbt failed: {e!r}".encode())
        finally:
            self.returncode = code
            self.stdout.put(_END)

    def wait(self, timeout: float | None = None) -> int:
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self.returncode

    def poll(self) -> int | None:
        return None if self._thread.is_alive() else self.returncode

    def send_signal(self, sig) -> None:  # noqa: ARG002 - a thread cannot be interrupted (module doc)
        return None


def close_duckdb() -> None:
    """Close the DuckDB database dbt-duckdb keeps for the process. Its connections are released
    at the end of the build but the database stays open (measured: dbt-duckdb 1.11 leaves its
    environment's connection open with no handle out), and the steps after dbt in this process
    (the mart checks, the publish, which ATTACHes the file) must find the file closed, as they
    did when dbt's process had exited. Since the profile attaches the file to an in-memory
    database (orchestration/dbt_duckdb_path.py), which dbt-duckdb always keeps open, even a
    plain connect to the file in this process fails until this has run ("Unique file handle
    conflict"): any in-process dbtRunner call (bench/dbt_step.py) calls this after."""
    module = sys.modules.get("dbt.adapters.duckdb.connections")
    if module is None:
        return
    manager = module.DuckDBConnectionManager
    with manager._LOCK:
        env, manager._ENV = manager._ENV, None
    if env is not None:
        env.close()


@contextmanager
def _environment(overrides: Mapping[str, str], argv: list[str]):
    """dbt's settings as the subprocess had them, for the invocation: the DBT_* variables, and
    sys.argv, from which dbt records the command it ran (run_results.json's invocation_command)."""
    saved = {k: os.environ.get(k) for k in overrides}
    saved_argv, sys.argv = sys.argv, list(argv)
    os.environ.update(overrides)
    try:
        yield
    finally:
        sys.argv = saved_argv
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

"""One writer at a time: the run lock around every ``zhibiao run`` (and anything that writes
the working database or publishes).

Rules:
- The lock is ``fcntl.flock(LOCK_EX)`` on ``settings.lock_file``. The kernel drops it when the
  holder's file descriptor closes, so a run killed with ``kill -9`` never leaves a stale lock:
  there is nothing to clean up and no pid file to trust.
- The lock file is never deleted (deleting it would let two processes lock two different
  inodes). Its content is informational only: the holder writes its pid, start time and
  run id so that a refused second run can say who is holding it.
- A second run either waits up to ``timeout`` seconds or, with ``timeout=0``, refuses at
  once; both end in :class:`RunLockBusy` with a message naming the holder.
- The descriptor is close-on-exec, so a child such as dbt or ``pg_ctl`` never keeps the
  lock alive after its parent dies. A plain ``fork`` without exec (multiprocessing's fork
  start method) does inherit it: such children must end with the run.
- flock is per open file description: the same process locking twice through two
  ``run_lock`` calls blocks itself; hold one lock per run.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from datetime import datetime, UTC
from collections.abc import Iterator

from orchestration.config import Settings

POLL_SECONDS = 0.1

# Lock files this process holds, so publish can tell "my run holds it" from "someone else's".
_HELD: set[str] = set()


class RunLockBusy(RuntimeError):
    """Another run holds the lock (after waiting ``timeout`` seconds, if any)."""

    def __init__(self, lock_file: os.PathLike, holder: dict | None, waited: float):
        self.lock_file = lock_file
        self.holder = holder or {}
        self.waited = waited
        who = (
            f"pid {self.holder.get('pid', '?')} on {self.holder.get('host', '?')}, "
            f"run {self.holder.get('run_id') or '?'}, since {self.holder.get('since', '?')}"
            if self.holder
            else "an unknown process"
        )
        waited_txt = f" after waiting {waited:.1f} s" if waited else ""
        super().__init__(
            f"another zhibiao run is in progress ({who}); refusing to start{waited_txt}. "
            f"Lock file: {lock_file}. Wait for it to finish, or pass a longer --wait."
        )


def held_by_me(settings: Settings) -> bool:
    """True if this process currently holds the run lock through :func:`run_lock`."""
    return str(settings.lock_file) in _HELD


def read_holder(settings: Settings) -> dict | None:
    """What the current (or last) holder wrote into the lock file; None if unreadable."""
    try:
        text = settings.lock_file.read_text(encoding="utf-8").strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


@contextmanager
def run_lock(settings: Settings, timeout: float = 0.0, run_id: str | None = None) -> Iterator[dict]:
    """Hold the run lock for the duration of the ``with`` block.

    ``timeout``: seconds to wait for a running run to finish; 0 refuses at once.
    Yields the holder record written into the lock file.
    Raises :class:`RunLockBusy` if the lock could not be taken in time.
    """
    settings.lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(settings.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        started = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                waited = time.monotonic() - started
                if waited >= timeout:
                    raise RunLockBusy(settings.lock_file, read_holder(settings), waited) from None
                time.sleep(min(POLL_SECONDS, max(timeout - waited, 0.01)))
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "run_id": run_id,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        _HELD.add(str(settings.lock_file))
        try:
            yield holder
        finally:
            _HELD.discard(str(settings.lock_file))
            # Leave no stale holder text behind; the unlock itself happens on close.
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)

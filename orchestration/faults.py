"""Fault points: where the kill tests make a run die (SIGKILL, no clean-up) to prove that a run
killed at any step leaves the published snapshot, the exports and the PostgreSQL endpoint as
they were, or complete.

Set ZHIBIAO_FAULT_KILL_AT=<point> and the process kills itself on reaching that point. Unset
(always, outside the tests) a point costs one environment look-up.
"""
from __future__ import annotations

import os
import signal

ENV_FAULT = "ZHIBIAO_FAULT_KILL_AT"

# In the order a publish reaches them (tests/publish/test_faults_kill.py kills at each).
PUBLISH_POINTS = ("before_copy", "copied", "metadata_written", "exported", "before_replace", "replaced",
                  "exports_swapped")
POSTGRES_POINTS = ("pg_loaded",)   # the marts loaded into a new schema, not yet swapped in
EXPORT_POINTS = ("export_written",)   # `zhibiao export`: the files written and synced, not yet renamed
POINTS = PUBLISH_POINTS + POSTGRES_POINTS + EXPORT_POINTS


def kill_point(point: str) -> None:
    """Die here if the fault suite asked for this point."""
    if point not in POINTS:  # a misspelt point would never fire and its test would pass for nothing
        raise ValueError(f"unknown fault point {point!r}; known: {', '.join(POINTS)}")
    if os.environ.get(ENV_FAULT) == point:
        os.kill(os.getpid(), signal.SIGKILL)

"""The extractor over many texts at once, across processes, results in input order.

Extraction is pure CPU-bound Python (regexes, no I/O), so threads would share one core; a
pool of processes uses them all. Workers are started with ``spawn``: the caller typically
holds a DuckDB connection and Dagster's threads, which a forked child must not inherit.
A worker imports only this package (about a second), so the pool is used only when there
are at least ``MIN_PARALLEL`` texts; fewer run in this process, with the same results.

At most ``2 × workers`` texts are in flight, so 10,000 documents do not sit pickled in the
pool's queue at once; results come back in the order the texts were given whatever order
the workers finish in, which keeps every write downstream deterministic.
"""
from __future__ import annotations

import importlib
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from collections.abc import Iterable, Iterator

from .model import Figure

ENV_WORKERS = "ZHIBIAO_EXTRACT_WORKERS"
MIN_PARALLEL = 4


def default_workers() -> int:
    """``$ZHIBIAO_EXTRACT_WORKERS``, else one per CPU this process may use."""
    raw = os.environ.get(ENV_WORKERS, "").strip()
    if raw:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{ENV_WORKERS}={raw!r} is not a number of processes") from None
        if value < 1:
            raise ValueError(f"{ENV_WORKERS}={raw!r}: needs at least 1")
        return value
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def extract_many(texts: Iterable[str], workers: int | None = None, total: int | None = None
                 ) -> Iterator[list[Figure] | Exception]:
    """``extract(text)`` for each text, in order. A text whose extraction raises yields the
    exception in its place (the others go on). ``total``: how many texts there are, if
    ``texts`` is an iterator (decides whether a pool is worth starting)."""
    workers = default_workers() if workers is None else workers
    if total is None and isinstance(texts, (list, tuple)):
        total = len(texts)
    if workers <= 1 or (total is not None and total < MIN_PARALLEL):
        for text in texts:
            yield _extract_or_error(text)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, total or workers), mp_context=ctx) as pool:
        window: deque[Future] = deque()
        for text in texts:
            window.append(pool.submit(_extract_or_error, text))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _extract_or_error(text: str) -> list[Figure] | Exception:
    try:
        # Looked up on the package at call time, as load.py does (tests replace it there).
        return importlib.import_module(__package__).extract(text)
    except Exception as exc:  # noqa: BLE001 - one document's error is its own, not the batch's
        return exc

"""Benchmark: the PostgreSQL endpoint under BI-like load while new snapshots are published.

    .venv/bin/python bench/serve.py [--clients 20] [--seconds 30] [--publishes 2] [--rows 50000]

Builds a synthetic warehouse in a temp folder, publishes it, starts the private cluster on a
free port, then runs ``--clients`` connections (one thread each, as the reader role) issuing
dashboard-style queries for ``--seconds`` while ``--publishes`` new runs are built and
published by separate processes (the synthetic run of tests/support/faults.py, or the
real ``zhibiao run`` with ZHIBIAO_FAULT_REAL_RUN=1); each publish reloads the marts with a
schema swap. Prints queries/s, latency
percentiles, failed queries and which runs the clients saw. Exits 1 on any failed query.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    # what a dashboard tile asks: totals per document, a filtered page, a join, a lookup
    "SELECT document_id, sum(value) FROM fct_figures GROUP BY document_id",
    "SELECT figure_no, value, unit FROM fct_figures WHERE is_key ORDER BY value DESC LIMIT 50",
    "SELECT d.document_id, count(*) FROM dim_documents d JOIN fct_figures f USING (document_id) GROUP BY 1",
    "SELECT total FROM mart_totals WHERE document_id = 'doc1'",
    "SELECT run_id FROM zhibiao_snapshot",
]


def run_load(conninfo: str, clients: int, seconds: float, publish_once, publishes: int) -> dict:
    """Drive ``clients`` connections for ``seconds`` while calling ``publish_once()``
    ``publishes`` times at even intervals. Returns counts, latencies and failures."""
    import psycopg

    stop = threading.Event()
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[str] = []
    runs_seen: list[set] = [set() for _ in range(clients)]
    ready = threading.Barrier(clients + 1)

    def client(i: int) -> None:
        # One connection for the whole run: BI tools keep theirs open across publishes.
        with psycopg.connect(conninfo, autocommit=True) as conn:
            ready.wait()
            n = i
            while not stop.is_set():
                q = QUERIES[n % len(QUERIES)]
                n += 1
                t = time.perf_counter()
                try:
                    rows = conn.execute(q).fetchall()
                except Exception as exc:  # every failure is reported, none is retried
                    failures.append(f"client {i}: {q[:40]}...: {exc}")
                    continue
                latencies[i].append(time.perf_counter() - t)
                if q.startswith("SELECT run_id"):
                    runs_seen[i].update(r[0] for r in rows)
                elif not rows:
                    failures.append(f"client {i}: {q[:40]}... returned no rows")

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    ready.wait(timeout=60)
    started = time.perf_counter()
    publish_times = []
    for k in range(publishes):
        time.sleep(max(0.0, started + seconds * (k + 1) / (publishes + 1) - time.perf_counter()))
        t = time.perf_counter()
        publish_once()
        publish_times.append(time.perf_counter() - t)
    time.sleep(max(0.0, started + seconds - time.perf_counter()))
    stop.set()
    for t in threads:
        t.join(timeout=60)
    elapsed = time.perf_counter() - started
    flat = sorted(x for lat in latencies for x in lat)
    pct = lambda p: flat[min(len(flat) - 1, int(p * len(flat)))] * 1000 if flat else float("nan")  # noqa: E731
    return {
        "queries": len(flat),
        "qps": len(flat) / elapsed,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": statistics.fmean(flat) * 1000 if flat else float("nan"),
        "failed": failures,
        "runs_seen": sorted(set().union(*runs_seen)),
        "clients_seeing_every_run": sum(len(s) == publishes + 1 for s in runs_seen),
        "publish_s": publish_times,
        "elapsed_s": elapsed,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--publishes", type=int, default=2)
    # The 29 shipped reports give a few thousand figures; 50k rows leaves headroom.
    ap.add_argument("--rows", type=int, default=50_000)
    args = ap.parse_args()

    from psycopg.conninfo import make_conninfo

    from orchestration import config, publish, serve
    from tests.support.faults import build_working, run_command, use_real_run

    base = serve.reachable_tempdir("zhibiao-bench-serve-")
    os.environ.setdefault(serve.ENV_PASSWORD, "bench-" + os.urandom(6).hex())
    os.environ[serve.ENV_PORT] = str(serve.free_port())
    os.environ.pop(serve.ENV_URL, None)
    settings = config.settings(base / "raw", base / "wh" / "zhibiao.duckdb")

    def publish_once() -> None:
        # A separate process, as `zhibiao run` is: it shares no GIL with the clients.
        proc = subprocess.run(
            run_command(settings.raw_dir, settings.warehouse) + ([] if use_real_run() else ["--rows", str(args.rows)]),
            env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, cwd=ROOT,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"publish run failed: {proc.stderr[-2000:]}")

    try:
        publish.publish(settings, "run-1", build_working(settings, 1, args.rows))
        t = time.perf_counter()
        endpoint = serve.start(settings)
        start_s = time.perf_counter() - t
        conninfo = make_conninfo(
            host=endpoint.host, port=endpoint.port, dbname=endpoint.database,
            user=endpoint.reader_user, password=os.environ[serve.ENV_PASSWORD],
        )
        t = time.perf_counter()
        serve.load_snapshot(endpoint, settings.warehouse)  # the PostgreSQL part of a publish, idle
        load_s = time.perf_counter() - t
        out = run_load(conninfo, args.clients, args.seconds, publish_once, args.publishes)
    finally:
        serve.stop(settings)
        shutil.rmtree(base, ignore_errors=True)

    print(f"endpoint start (initdb + start + first load of {args.rows} rows): {start_s:.2f} s")
    print(f"PostgreSQL load + swap of the marts ({args.rows} rows), no clients: {load_s:.2f} s")
    print(f"{args.clients} clients x {out['elapsed_s']:.1f} s, {args.publishes} publishes "
          f"(each {', '.join(f'{s:.2f}' for s in out['publish_s'])} s incl. PostgreSQL load)")
    print(f"queries {out['queries']}  qps {out['qps']:.0f}  p50 {out['p50_ms']:.1f} ms  "
          f"p95 {out['p95_ms']:.1f} ms  p99 {out['p99_ms']:.1f} ms")
    print(f"failed queries: {len(out['failed'])}")
    for line in out["failed"][:10]:
        print("  ", line)
    print(f"runs seen by clients: {out['runs_seen']}; clients that saw every run without "
          f"reconnecting: {out['clients_seeing_every_run']}/{args.clients}")
    return 1 if out["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""The extractor over many documents: serial against the process pool (orchestration.extract.pool).

    .venv/bin/python bench/extract_parallel.py [--copies 3] [--workers N]

The corpus is every shipped document under raw/, --copies times. Prints documents, seconds
and documents/s for 1 worker and for N (default: one per CPU), and whether the figures are
identical. Prints figures only; speed is never asserted in tests.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration.extract import pool  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--workers", type=int, default=pool.default_workers())
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").rglob("*.txt"))] * args.copies
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} documents, {mb:.1f} MB")
    results = {}
    for workers in (1, args.workers):
        t = time.monotonic()
        results[workers] = list(pool.extract_many(texts, workers=workers))
        s = time.monotonic() - t
        print(f"workers={workers}: {s:.1f} s, {len(texts) / s:.1f} documents/s, "
              f"{sum(len(f) for f in results[workers])} figures")
    print("identical:", results[1] == results[args.workers])


if __name__ == "__main__":
    main()

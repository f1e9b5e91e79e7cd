"""Throughput of the figure extractor: MB/s on one core and peak memory.

    .venv/bin/python bench/extract.py [--mb 50] [--seed 1]

The corpus is made of the shared reports' body paragraphs, repeated and shuffled into
documents of about the size of a real report, each headed by one report's own front matter
(title, date, salutation) so the layout reader finds a document, until it holds --mb
megabytes of UTF-8. Prints MB/s by CPU time (the figure to compare: other processes on
the machine do not count in it) and by wall time; figures only, speed is never asserted in tests.
On a loaded machine CPU time still rises (shared caches, SMT): compare before/after on the same
load, or count instructions (`valgrind --tool=callgrind` on a small --mb).
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration.extract import extract, normalize  # noqa: E402
from orchestration.extract.layout import analyze  # noqa: E402


def corpus(mb: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    reports = sorted((ROOT / "raw" / "reports").glob("*.txt"))
    heads, paragraphs = [], []
    for p in reports:
        text = normalize(p.read_text(encoding="utf-8")).text
        lay = analyze(text)
        # the report's own front matter (title, date, salutation) heads a document; only body
        # paragraphs are shuffled, so no website trailer ends a document early
        heads.append(text[:lay.body_start])
        paragraphs += [q for q in text[lay.body_start:lay.body_end].split("\n") if q.strip()]
    docs, total, want = [], 0, int(mb * 1024 * 1024)
    while total < want:
        body = rng.sample(paragraphs, k=min(len(paragraphs), 120))
        doc = rng.choice(heads) + "\n".join(body) + "\n"
        lay = analyze(doc)
        if lay.body_end - lay.body_start < 0.9 * len(doc) or any(p.kind == "trailer" for p in lay.parts):
            continue                      # a shuffled paragraph read as a website trailer: draw again
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    docs = corpus(args.mb, args.seed)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1024 / 1024
    t0, w0 = time.process_time(), time.perf_counter()
    figures = 0
    for d in docs:
        figures += len(extract(d))
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus {size:.1f} MB in {len(docs)} documents, {figures} figures")
    print(f"{size / cpu:.2f} MB/s (CPU time {cpu:.1f} s, one core)")
    # wall time counts the waits for a core on a loaded machine; CPU time is the fair comparison
    print(f"{size / wall:.2f} MB/s (wall time {wall:.1f} s)")
    print(f"peak memory {peak:.0f} MB (max RSS, corpus included)")


if __name__ == "__main__":
    main()

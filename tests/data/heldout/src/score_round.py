"""Score the extractor, untouched, on one folder of held-out gold files and print every mismatch.

    PYTHONPATH=. .venv/bin/python tests/data/heldout/src/score_round.py tests/data/heldout

Prints the scorer's summary per file and over the folder, then each missed figure, false positive
and attribute error (predicted/gold), as tests/extract/test_extract_heldout.py scores its files.
"""
import json
import sys
from pathlib import Path

from orchestration.extract import EXTRACTOR_VERSION
from tests.support.paths import FIXTURES, ROOT
from tests.support.scoring import score_extractor_in_full, scorer

SOURCES = (ROOT / "raw" / "reports", ROOT / "raw" / "reports-2025", ROOT / "raw" / "national",
           ROOT / "raw" / "bulletins", FIXTURES / "reports", FIXTURES / "bulletins")
S = scorer()


def source(doc: str) -> str:
    for d in SOURCES:
        if (d / doc).exists():
            return (d / doc).read_text(encoding="utf-8")
    raise FileNotFoundError(doc)


def report(name: str, gold: list[dict]) -> None:
    summary, missed, false_pos, pairs = score_extractor_in_full(gold, source)
    print(f"== {name}: {json.dumps(summary, ensure_ascii=False)}")
    for g in missed:
        print(f"  missed {g['doc']}:{g['start']} {g['text']!r} {g['value']} {g['measure']} {g['indicator']}")
    for p in false_pos:
        print(f"  false positive {p['doc']}:{p['start']} {p['text']!r} value={p.get('value')} {p.get('unit')} "
              f"{p.get('measure')} {p.get('indicator')}")
    for p, g in pairs:
        diff = {a: (p.get(a), g.get(a)) for a in S.ATTRS if S.norm(a, p.get(a)) != S.norm(a, g.get(a))}
        if not S.indicator_ok(p, g):
            diff["indicator"] = (p.get("indicator"), g.get("indicator"))
        if diff:
            print(f"  wrong {g['doc']}:{g['start']} {g['text']!r} predicted/gold {diff}")


def main(folder: str) -> None:
    print("extractor", EXTRACTOR_VERSION)
    every = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        gold = S.load([str(path)])
        every += gold
        report(path.name, gold)
    report("all", every)


if __name__ == "__main__":
    main(sys.argv[1])

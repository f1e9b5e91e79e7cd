"""Extract every shipped and shared document into one canonical JSONL, to prove a refactor
changes nothing:

    .venv/bin/python scripts/extract_baseline.py /tmp/before.jsonl   # before the change
    .venv/bin/python scripts/extract_baseline.py /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

Documents: every .txt/.csv/.tsv under raw/, tests/fixtures/, tests/data/ and, when present,
/work/shared/gold and /work/shared/data (or the directories given with --extra). Each line is one
figure with every field (sentence offsets included), or one document's description.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration.extract import describe_document, extract  # noqa: E402
from orchestration.extract.cli import read_text  # noqa: E402

SUFFIXES = (".txt", ".csv", ".tsv")
DIRS = (ROOT / "raw", ROOT / "tests" / "fixtures", ROOT / "tests" / "data")
SHARED = (Path("/work/shared/gold"), Path("/work/shared/data"))


def documents(extra: list[Path]) -> list[Path]:
    out = []
    for d in (*DIRS, *extra):
        if d.is_dir():
            out += [p for p in d.rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    return sorted(set(out))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--extra", nargs="*", type=Path, default=[d for d in SHARED if d.is_dir()])
    args = ap.parse_args(argv)
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for path in documents(args.extra):
            text = read_text(str(path))
            name = str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            info = asdict(describe_document(text))
            out.write(json.dumps({"doc": name, "info": info}, ensure_ascii=False, default=str) + "\n")
            for fig in extract(text):
                out.write(json.dumps({"doc": name, **asdict(fig)}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} figures", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

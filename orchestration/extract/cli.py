"""`extract FILE... [--format jsonl|csv|table]`: the figures of text files, no database.

JSONL rows follow the gold schema (Figure.gold_dict, doc = the file's base name), so the
output can go straight into eval/score.py. Files that are not UTF-8 are decoded with
charset-normalizer.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys

from .pipeline import EXTRACTOR_VERSION, extract

FIELDS = ["doc", "start", "end", "text", "value", "unit", "measure", "of", "status", "period",
          "qualifier", "value_high", "indicator", "key"]


def read_text(path: str) -> str:
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(raw).best()
        if best is None:
            raise ValueError(f"{path}: cannot tell the text encoding") from None
        return str(best)


TABLE = ("doc", "start", "text", "value", "unit", "qualifier", "measure", "status", "period", "indicator")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="extract", description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    ap.add_argument("--version", action="version", version=EXTRACTOR_VERSION)
    args = ap.parse_args(argv)
    try:
        return _run(args, sys.stdout)
    except BrokenPipeError:              # `... | head` closed the pipe: not an error
        sys.stdout = None
        return 0


def _run(args, out) -> int:
    writer = None
    if args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
    elif args.format == "table":
        out.write("\t".join(TABLE) + "\n")
    status = 0
    for path in args.files:
        try:
            text = read_text(path)
        except (OSError, ValueError) as e:
            print(f"extract: {e}", file=sys.stderr)
            status = 1
            continue
        doc = os.path.basename(path)
        for fig in extract(text):
            row = fig.gold_dict(doc)
            if args.format == "jsonl":
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif writer is not None:
                writer.writerow(row)
            else:
                high = f"-{fig.value_high:g}" if fig.value_high is not None else ""
                cells = (doc, fig.start, fig.text, f"{fig.value:g}{high}", fig.unit, fig.qualifier,
                         fig.measure, fig.status, fig.period or "", fig.indicator)
                out.write("\t".join(str(c).replace("\n", "\\n").replace("\t", " ") for c in cells) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""The extractor's word lists, read from the files under data/ (shipped as package data): edit a
word there, not in code. Text files hold one entry a line (`#` starts a comment line); CSV files
have a header row."""
from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

_DATA = files(__package__) / "data"


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of data/<name>, in file order."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@cache
def rows(name: str) -> tuple[dict, ...]:
    """The rows of data/<name> (CSV with a header), in file order."""
    with (_DATA / name).open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))

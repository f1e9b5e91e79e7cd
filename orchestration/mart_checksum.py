"""A checksum of a table's rows that is the same on every engine when the answers are.

Engines hand back the same answer in different clothes: DuckDB a double, PostgreSQL a
Decimal, Spark a Decimal of another scale; a timestamp with or without a zone; 2024 as int
or 2024.0. The canonical serialisation irons that out and nothing else:

- columns in name order (lower-cased), each row one line of fields joined by ``\\x1f``;
- NULL is ``\\N``; booleans ``true``/``false``;
- every number (int, float, Decimal) as a float printed with ``SIGNIFICANT`` significant
  digits (``%.10g``), ``-0`` as ``0``; NaN as ``nan``;
- dates ISO (``2024-03-05``); timestamps converted to UTC, zone dropped, ISO with
  microseconds;
- text as it is (Unicode, NFC as written);
- the lines sorted, joined by ``\\n``; the checksum is the SHA-256 of that, in UTF-8.

Ten significant digits keep every digit a report writes (figures have far fewer) and drop
the binary noise two engines' float arithmetic may leave in the last places.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date, datetime, UTC
from decimal import Decimal
from typing import Any
from collections.abc import Iterable, Sequence

SIGNIFICANT = 10
NULL = "\\N"
FIELD_SEP = "\x1f"


@dataclass(frozen=True)
class TableChecksum:
    rows: int
    sha256: str

    def short(self) -> str:
        return f"{self.rows:>6} {self.sha256[:12]}"


def canonical_value(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
        if math.isnan(number):
            return "nan"
        if number == 0:
            return "0"
        return f"{number:.{SIGNIFICANT}g}"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def canonical_lines(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    """The sorted canonical lines of ``rows`` (tuples in the order of ``columns``)."""
    names = [c.lower() for c in columns]
    order = sorted(range(len(names)), key=names.__getitem__)
    return sorted(FIELD_SEP.join(canonical_value(row[i]) for i in order) for row in rows)


def table_checksum(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> TableChecksum:
    lines = canonical_lines(columns, rows)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return TableChecksum(rows=len(lines), sha256=digest)


def differences(a: dict[str, TableChecksum], b: dict[str, TableChecksum]) -> list[str]:
    """Tables whose checksums differ (or that one side lacks), as readable lines."""
    out = []
    for name in sorted(set(a) | set(b)):
        if a.get(name) != b.get(name):
            out.append(f"{name}: {a.get(name)} != {b.get(name)}")
    return out

"""Writing documents and their figures into the raw tables, one transaction per write.

- A document whose sha256 equals its latest stored version is unchanged: nothing is written.
- A changed file becomes a new version; earlier versions stay queryable.
- Figures of a document version are replaced whole (delete-then-insert in one transaction),
  and only when the version has none yet or they came from another extractor version.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, UTC
from collections.abc import Iterator

import duckdb
import pandas as pd

from . import extract as extractor
from .ingest import RawDocument, shown
from .regions import detect_region
from .warehouse import transaction


@dataclass(frozen=True)
class LoadResult:
    document_id: str
    version: int
    status: str          # new | new_version | unchanged | extracted | up_to_date
    rows: int = 0


def now_utc() -> datetime:
    """UTC without a zone, as every timestamp in the raw tables."""
    return datetime.now(UTC).replace(tzinfo=None)


_now = now_utc


def _offset_runs(to_original: list[int]) -> str:
    """Compress the normalized→original index map into runs [[norm_start, orig_start], ...]."""
    runs: list[list[int]] = []
    for i, o in enumerate(to_original):
        if not runs or o - runs[-1][1] != i - runs[-1][0]:
            runs.append([i, o])
    return json.dumps(runs, separators=(",", ":"))


def latest_version(con: duckdb.DuckDBPyConnection, document_id: str) -> tuple[int, str] | None:
    row = con.execute(
        "SELECT version, sha256 FROM raw.documents WHERE document_id = ? ORDER BY version DESC LIMIT 1",
        [document_id],
    ).fetchone()
    return (row[0], row[1]) if row else None


def load_document(con: duckdb.DuckDBPyConnection, doc: RawDocument, run_id: str | None = None) -> LoadResult:
    with transaction(con):
        latest = latest_version(con, doc.document_id)
        if latest and latest[1] == doc.sha256:
            return LoadResult(doc.document_id, latest[0], "unchanged")
        version = latest[0] + 1 if latest else 1
        norm = extractor.normalize(doc.text)
        info = extractor.describe_document(doc.text)
        region = detect_region(doc.text, doc.document_id)
        con.execute(
            """INSERT INTO raw.documents (document_id, version, sha256, kind, source_path, byte_size,
                   encoding, original_text, normalized_text, offset_map, title, issuer, doc_date,
                   review_year, plan_year, region_code, region_name, ingested_at, run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [doc.document_id, version, doc.sha256, info.kind if doc.kind == "report" else doc.kind,
             doc.file.relpath, doc.byte_size, doc.encoding, doc.text, norm.text,
             _offset_runs(norm.to_original), info.title or None, info.issuer or None, info.date,
             info.review_year, info.plan_year,
             getattr(region, "adcode", None), getattr(region, "name", None), _now(), run_id],
        )
    return LoadResult(doc.document_id, version, "new_version" if latest else "new")


@dataclass(frozen=True)
class PendingExtraction:
    """A document version whose figures are missing or came from another extractor version."""
    document_id: str
    version: int
    text: str


def load_figures(con: duckdb.DuckDBPyConnection, document_id: str, version: int | None = None,
                 run_id: str | None = None, force: bool = False) -> LoadResult:
    plan = plan_figures(con, document_id, version, force)
    if isinstance(plan, LoadResult):
        return plan
    return write_figures(con, plan, extractor.extract(plan.text), run_id)


def load_figures_many(con: duckdb.DuckDBPyConnection, document_ids: list[str], run_id: str | None = None,
                      workers: int | None = None) -> Iterator[tuple[str, LoadResult | Exception]]:
    """``load_figures`` for each document, in the order given, with the extraction of all of
    them spread over ``workers`` processes (default: one per CPU, ``$ZHIBIAO_EXTRACT_WORKERS``).
    Reads and writes stay in this process, one document at a time, in that order: the
    figures written are the same as the serial path's. A document that fails (never
    ingested: LookupError; extractor error) yields its exception and writes nothing."""
    from .extract.pool import extract_many

    plans: list[tuple[str, LoadResult | PendingExtraction | Exception]] = []
    for doc_id in document_ids:
        try:
            plans.append((doc_id, plan_figures(con, doc_id)))
        except LookupError as exc:
            plans.append((doc_id, exc))
    pending = [p for _, p in plans if isinstance(p, PendingExtraction)]
    extracted = extract_many((p.text for p in pending), workers=workers, total=len(pending))
    for doc_id, plan in plans:
        if not isinstance(plan, PendingExtraction):
            yield doc_id, plan
            continue
        figures = next(extracted)
        if isinstance(figures, Exception):
            yield doc_id, figures
            continue
        try:
            yield doc_id, write_figures(con, plan, figures, run_id)
        except Exception as exc:  # noqa: BLE001 - reported per document, like an extractor error
            yield doc_id, exc


def plan_figures(con: duckdb.DuckDBPyConnection, document_id: str, version: int | None = None,
                 force: bool = False) -> LoadResult | PendingExtraction:
    """What ``load_figures`` would do: ``up_to_date`` (a LoadResult), or the text to extract."""
    if version is None:
        latest = latest_version(con, document_id)
        if latest is None:
            raise LookupError(f"document {document_id!r} has not been ingested")
        version = latest[0]
    done = con.execute(
        "SELECT count(*) FROM raw.figures WHERE document_id = ? AND version = ? AND extractor_version = ?",
        [document_id, version, extractor.EXTRACTOR_VERSION],
    ).fetchall()[0][0]
    if done and not force:
        return LoadResult(document_id, version, "up_to_date", done)
    [(text,)] = con.execute(
        "SELECT original_text FROM raw.documents WHERE document_id = ? AND version = ?", [document_id, version]
    ).fetchall()
    return PendingExtraction(document_id, version, text)


def write_figures(con: duckdb.DuckDBPyConnection, plan: PendingExtraction, figures: list,
                  run_id: str | None = None) -> LoadResult:
    """Replace the figures of one document version with ``figures``, in one transaction."""
    document_id, version = plan.document_id, plan.version
    now = _now()
    frame = pd.DataFrame(
        [{
            "document_id": document_id, "version": version, "figure_no": n,
            "text": f.text, "start_offset": f.start, "end_offset": f.end,
            "value": f.value, "value_high": f.value_high, "unit": f.unit, "measure": f.measure,
            "status": f.status, "period": f.period, "qualifier": f.qualifier, "of": f.of,
            "indicator_text": f.indicator, "is_key": bool(f.key), "sentence": f.sentence,
            "sentence_start": f.sentence_start, "sentence_end": f.sentence_end,
            "is_preliminary": bool(f.is_preliminary),
            "extractor_version": extractor.EXTRACTOR_VERSION, "extracted_at": now, "run_id": run_id,
        } for n, f in enumerate(figures, 1)],
        columns=["document_id", "version", "figure_no", "text", "start_offset", "end_offset", "value",
                 "value_high", "unit", "measure", "status", "period", "qualifier", "of", "indicator_text",
                 "is_key", "sentence", "sentence_start", "sentence_end", "is_preliminary", "extractor_version",
                 "extracted_at", "run_id"],
    )
    # Registered outside the transaction: unregistering inside an aborted one would raise and
    # hide the real error.
    con.register("_new_figures", frame)
    try:
        with transaction(con):
            con.execute("DELETE FROM raw.figures WHERE document_id = ? AND version = ?", [document_id, version])
            if len(frame):
                con.execute("""INSERT INTO raw.figures BY NAME SELECT * FROM _new_figures""")
            con.execute("DELETE FROM raw.extractions WHERE document_id = ? AND version = ?", [document_id, version])
            con.execute("INSERT INTO raw.extractions VALUES (?, ?, ?, ?, ?, ?)",
                        [document_id, version, extractor.EXTRACTOR_VERSION, len(frame), now, run_id])
    finally:
        con.unregister("_new_figures")
    return LoadResult(document_id, version, "extracted", len(frame))


def record_error(con: duckdb.DuckDBPyConnection, source_path: str, reason: str,
                 sha256: str | None = None, run_id: str | None = None) -> None:
    con.execute(
        "INSERT INTO raw.ingest_errors (source_path, reason, sha256, seen_at, run_id) VALUES (?, ?, ?, ?, ?)",
        [shown(source_path), reason, sha256, _now(), run_id],  # quoted: one refusal, one line
    )

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
from collections.abc import Iterable, Iterator

import duckdb
import numpy as np
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
    """Compress the normalized→original index map into runs [[norm_start, orig_start], ...]:
    a run starts wherever original - normalized changes (numpy: this runs over every character)."""
    shift = np.asarray(to_original, dtype=np.int64) - np.arange(len(to_original), dtype=np.int64)
    starts = np.flatnonzero(np.diff(shift, prepend=shift[:1] - 1)) if len(shift) else shift
    return json.dumps([[int(i), int(to_original[i])] for i in starts], separators=(",", ":"))


def latest_version(con: duckdb.DuckDBPyConnection, document_id: str) -> tuple[int, str] | None:
    return latest_versions(con, [document_id]).get(document_id)


def latest_versions(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> dict[str, tuple[int, str]]:
    """(version, sha256) of the latest stored version of each of the documents that has one."""
    rows = con.execute(
        """SELECT document_id, max(version), arg_max(sha256, version) FROM raw.documents
           WHERE document_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY document_id""",
        [list(document_ids)],
    ).fetchall()
    return {doc_id: (version, sha) for doc_id, version, sha in rows}


_DOCUMENT_COLUMNS = ["document_id", "version", "sha256", "kind", "source_path", "byte_size", "encoding",
                     "original_text", "normalized_text", "offset_map", "title", "issuer", "doc_date",
                     "review_year", "plan_year", "region_code", "region_name", "ingested_at", "run_id"]
# A batch is written in one transaction: a commit per document cost more than reading it. A
# crash loses at most the batch not yet committed, which the next run reads again from raw/.
BATCH_DOCUMENTS = 64
BATCH_CHARS = 16 * 2**20


def _document_row(doc: RawDocument, version: int, run_id: str | None) -> list:
    norm = extractor.normalize(doc.text)
    info = extractor.describe_document(doc.text)
    region = detect_region(doc.text, doc.document_id)
    return [doc.document_id, version, doc.sha256, info.kind if doc.kind == "report" else doc.kind,
            doc.file.relpath, doc.byte_size, doc.encoding, doc.text, norm.text,
            _offset_runs(norm.to_original), info.title or None, info.issuer or None, info.date,
            info.review_year, info.plan_year,
            getattr(region, "adcode", None), getattr(region, "name", None), _now(), run_id]


def load_document(con: duckdb.DuckDBPyConnection, doc: RawDocument, run_id: str | None = None) -> LoadResult:
    [(_, result)] = load_documents(con, [doc], run_id)
    return result


def load_documents(con: duckdb.DuckDBPyConnection, docs: Iterable[RawDocument],
                   run_id: str | None = None) -> Iterator[tuple[RawDocument, LoadResult]]:
    """``load_document`` for each document, in order, written in batches of up to
    BATCH_DOCUMENTS documents / BATCH_CHARS characters, one transaction each: (document,
    result) pairs, yielded once their batch is committed. A document id may appear once per call."""
    batch: list[RawDocument] = []
    chars = 0
    for doc in docs:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= BATCH_DOCUMENTS or chars >= BATCH_CHARS:
            yield from _load_batch(con, batch, run_id)
            batch, chars = [], 0
    if batch:
        yield from _load_batch(con, batch, run_id)


def _load_batch(con: duckdb.DuckDBPyConnection, docs: list[RawDocument], run_id: str | None
                ) -> list[tuple[RawDocument, LoadResult]]:
    # One writer at a time (the run lock, DuckDB's file lock): the versions read here still
    # hold at the INSERT.
    latest = latest_versions(con, [d.document_id for d in docs])
    results, rows = [], []
    for doc in docs:
        last = latest.get(doc.document_id)
        if last and last[1] == doc.sha256:
            results.append((doc, LoadResult(doc.document_id, last[0], "unchanged")))
            continue
        version = last[0] + 1 if last else 1
        rows.append(_document_row(doc, version, run_id))
        results.append((doc, LoadResult(doc.document_id, version, "new_version" if last else "new")))
    if rows:
        # Registered outside the transaction: unregistering inside an aborted one would raise and
        # hide the real error.
        con.register("_new_documents", pd.DataFrame(rows, columns=_DOCUMENT_COLUMNS, dtype=object))
        try:
            with transaction(con):
                con.execute(f"INSERT INTO raw.documents ({', '.join(_DOCUMENT_COLUMNS)}) "
                            f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM _new_documents")
        finally:
            con.unregister("_new_documents")
    return results


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

    plans = plan_figures_many(con, document_ids)
    pending = [p for p in plans.values() if isinstance(p, PendingExtraction)]
    # Texts are read a chunk at a time as the pool asks for them (it holds at most 2 × workers),
    # so a run over 10,000 documents does not hold 10,000 texts, nor query once per text.
    extracted = extract_many(_texts_of(con, pending), workers=workers, total=len(pending))
    # Written BATCH_DOCUMENTS documents per transaction; results come out in document order.
    ready: list[tuple[str, LoadResult | Exception | tuple[PendingExtraction, list]]] = []
    for doc_id in document_ids:
        plan = plans[doc_id]
        if isinstance(plan, PendingExtraction):
            figures = next(extracted)
            ready.append((doc_id, figures if isinstance(figures, Exception) else (plan, figures)))
        else:
            ready.append((doc_id, plan))
        if sum(isinstance(r, tuple) for _, r in ready) >= BATCH_DOCUMENTS:
            yield from _write_ready(con, ready, run_id)
            ready = []
    yield from _write_ready(con, ready, run_id)


def _write_ready(con, ready, run_id):
    todo = [r for _, r in ready if isinstance(r, tuple)]
    try:
        written = iter(write_figures_batch(con, todo, run_id))
    except Exception:  # noqa: BLE001 - one bad document must not fail its batch: one at a time
        written = iter([_write_one(con, plan, figures, run_id) for plan, figures in todo])
    for doc_id, r in ready:
        yield doc_id, next(written) if isinstance(r, tuple) else r


def _write_one(con, plan, figures, run_id) -> LoadResult | Exception:
    try:
        return write_figures(con, plan, figures, run_id)
    except Exception as exc:  # noqa: BLE001 - reported per document, like an extractor error
        return exc


def plan_figures_many(con: duckdb.DuckDBPyConnection, document_ids: list[str]
                      ) -> dict[str, LoadResult | PendingExtraction | LookupError]:
    """``plan_figures`` of the latest version of each document, in two queries for all of them;
    a PendingExtraction's text is left empty (read it with ``_text_of`` when it is needed)."""
    latest = latest_versions(con, document_ids)
    done = dict(((d, v), n) for d, v, n in con.execute(
        """SELECT document_id, version, count(*) FROM raw.figures
           WHERE extractor_version = ? AND document_id IN (SELECT unnest(?::VARCHAR[]))
           GROUP BY document_id, version""",
        [extractor.EXTRACTOR_VERSION, list(document_ids)]).fetchall())
    plans: dict[str, LoadResult | PendingExtraction | LookupError] = {}
    for doc_id in document_ids:
        if doc_id not in latest:
            plans[doc_id] = LookupError(f"document {doc_id!r} has not been ingested")
            continue
        version = latest[doc_id][0]
        count = done.get((doc_id, version), 0)
        plans[doc_id] = (LoadResult(doc_id, version, "up_to_date", count) if count
                         else PendingExtraction(doc_id, version, ""))
    return plans


def _text_of(con: duckdb.DuckDBPyConnection, document_id: str, version: int) -> str:
    [(text,)] = con.execute(
        "SELECT original_text FROM raw.documents WHERE document_id = ? AND version = ?", [document_id, version]
    ).fetchall()
    return text


def _texts_of(con: duckdb.DuckDBPyConnection, plans: list[PendingExtraction], chunk: int = 64) -> Iterator[str]:
    """The texts of ``plans``, in order, read ``chunk`` at a time (a lookup by key scans the
    table's key columns: ~40 ms at 1,000 documents, per text)."""
    for i in range(0, len(plans), chunk):
        part = plans[i:i + chunk]
        rows = con.execute(
            """SELECT document_id, version, original_text FROM raw.documents
               WHERE document_id IN (SELECT unnest(?::VARCHAR[]))""", [[p.document_id for p in part]]).fetchall()
        texts = {(d, v): t for d, v, t in rows}
        for p in part:
            yield texts[(p.document_id, p.version)]


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
    return PendingExtraction(document_id, version, _text_of(con, document_id, version))


_FIGURE_COLUMNS = ["document_id", "version", "figure_no", "text", "start_offset", "end_offset", "value",
                   "value_high", "unit", "measure", "status", "period", "qualifier", "of", "indicator_text",
                   "is_key", "sentence", "sentence_start", "sentence_end", "is_preliminary", "extractor_version",
                   "extracted_at", "run_id"]


def write_figures(con: duckdb.DuckDBPyConnection, plan: PendingExtraction, figures: list,
                  run_id: str | None = None) -> LoadResult:
    """Replace the figures of one document version with ``figures``, in one transaction."""
    [result] = write_figures_batch(con, [(plan, figures)], run_id)
    return result


def write_figures_batch(con: duckdb.DuckDBPyConnection, items: list[tuple[PendingExtraction, list]],
                        run_id: str | None = None) -> list[LoadResult]:
    """Replace the figures of each document version of ``items`` (plan, figures), all in one
    transaction: every document's figures or none."""
    if not items:
        return []
    now = _now()
    frame = pd.DataFrame(
        [{
            "document_id": plan.document_id, "version": plan.version, "figure_no": n,
            "text": f.text, "start_offset": f.start, "end_offset": f.end,
            "value": f.value, "value_high": f.value_high, "unit": f.unit, "measure": f.measure,
            "status": f.status, "period": f.period, "qualifier": f.qualifier, "of": f.of,
            "indicator_text": f.indicator, "is_key": bool(f.key), "sentence": f.sentence,
            "sentence_start": f.sentence_start, "sentence_end": f.sentence_end,
            "is_preliminary": bool(f.is_preliminary),
            "extractor_version": extractor.EXTRACTOR_VERSION, "extracted_at": now, "run_id": run_id,
        } for plan, figures in items for n, f in enumerate(figures, 1)],
        columns=_FIGURE_COLUMNS,
    )
    keys = pd.DataFrame({"document_id": [p.document_id for p, _ in items], "version": [p.version for p, _ in items],
                         "figures": [len(f) for _, f in items]})
    # Registered outside the transaction: unregistering inside an aborted one would raise and
    # hide the real error.
    con.register("_new_figures", frame)
    con.register("_new_extractions", keys)
    try:
        with transaction(con):
            con.execute("""DELETE FROM raw.figures f USING _new_extractions k
                           WHERE f.document_id = k.document_id AND f.version = k.version""")
            if len(frame):
                con.execute("""INSERT INTO raw.figures BY NAME SELECT * FROM _new_figures""")
            con.execute("""DELETE FROM raw.extractions e USING _new_extractions k
                           WHERE e.document_id = k.document_id AND e.version = k.version""")
            con.execute("""INSERT INTO raw.extractions
                           SELECT document_id, version, ?, figures, ?, ? FROM _new_extractions""",
                        [extractor.EXTRACTOR_VERSION, now, run_id])
    finally:
        con.unregister("_new_figures")
        con.unregister("_new_extractions")
    return [LoadResult(plan.document_id, plan.version, "extracted", len(figures)) for plan, figures in items]


def run_outcomes(con: duckdb.DuckDBPyConnection, document_ids: list[str], run_id: str) -> dict[str, dict]:
    """What Dagster run ``run_id`` left of each document, read back from the raw tables: the
    latest version's status (``new``/``new_version`` if this run wrote it, else ``unchanged``),
    version, sha256 and figures. The assets' metadata holds this only for small runs: repeated
    on each partition's event, a per-document table would cost n² for a run over n partitions."""
    rows = con.execute(
        """SELECT d.document_id, d.version, d.sha256, d.run_id = ?, coalesce(e.figures, 0)
           FROM raw.documents d LEFT JOIN raw.extractions e USING (document_id, version)
           WHERE d.document_id IN (SELECT unnest(?::VARCHAR[]))
           QUALIFY row_number() OVER (PARTITION BY d.document_id ORDER BY d.version DESC) = 1""",
        [run_id, list(document_ids)]).fetchall()
    return {doc_id: {"status": ("new" if version == 1 else "new_version") if written else "unchanged",
                     "version": version, "sha256": sha, "figures": figures}
            for doc_id, version, sha, written, figures in rows}


def record_error(con: duckdb.DuckDBPyConnection, source_path: str, reason: str,
                 sha256: str | None = None, run_id: str | None = None) -> None:
    con.execute(
        "INSERT INTO raw.ingest_errors (source_path, reason, sha256, seen_at, run_id) VALUES (?, ?, ?, ?, ?)",
        [shown(source_path), reason, sha256, _now(), run_id],  # quoted: one refusal, one line
    )

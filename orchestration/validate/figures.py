"""Before dbt: the suites raw_figures and raw_documents on the latest version of the documents
just loaded. Failing figures are quarantined, figures that pass again are released, and every
expectation result goes to raw.validation_results."""
from __future__ import annotations

import os

import duckdb

from .. import warehouse
from .data_docs import docs_dir_for, index_path, run_and_store
from .db import now, quiet
from .frames import documents_frame, figures_frame
from .quarantine import apply_quarantine, rejected_rows
from .results import SAMPLE_SIZE, ValidationOutcome, collect, failing_documents, write_results
from .suites import FIGURE_SUITES, load_reference, load_suite


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """raw.quarantine and raw.validation_results are in warehouse.DDL (idempotent)."""
    warehouse.ensure_schema(con)


def validate_figures(con: duckdb.DuckDBPyConnection, run_id: str, document_ids: list[str] | None = None, *,
                     suites_dir: str | os.PathLike | None = None, docs_dir=None) -> ValidationOutcome:
    """Pre-dbt validation of the latest version of `document_ids` (all documents if None).

    Quarantines failing figures, releases those that pass now, records every expectation
    result. An empty `document_ids` (nothing loaded) returns at once without importing GX.
    """
    ensure_tables(con)
    quiet(con)
    outcome = ValidationOutcome(run_id=run_id, suites=list(FIGURE_SUITES), table="raw.figures")
    if document_ids is not None and len(document_ids) == 0:
        outcome.validated = False
        return outcome
    ref = load_reference(suites_dir)
    fig_suite, doc_suite = (load_suite(name, suites_dir) for name in FIGURE_SUITES)
    figs = figures_frame(con, document_ids, ref)
    docs = documents_frame(con, document_ids, ref)
    outcome.row_count = len(figs)
    if figs.empty and docs.empty:
        outcome.validated = False
        return outcome
    ddir = docs_dir_for(con, docs_dir)
    asset = document_ids[0] if document_ids is not None and len(document_ids) == 1 else "documents"
    failing: dict[int, list] = {}
    bad_docs: set[str] = set()
    if not figs.empty:
        figs["_rk"] = range(len(figs))
        res, failing = collect(fig_suite, "raw.figures", run_and_store(fig_suite, figs, run_id, ddir, asset=asset))
        outcome.results += res
        bad_docs |= failing_documents(figs, res, failing)
    if not docs.empty:
        docs["_rk"] = range(len(docs))
        res, doc_failing = collect(doc_suite, "raw.documents", run_and_store(doc_suite, docs, run_id, ddir, asset=asset))
        outcome.results += res
        bad_docs |= failing_documents(docs, res, doc_failing)
    # One GX batch holds every document of the run; the verdict stays the one each document would
    # get alone, so a `mostly` broken by one document is not diluted by the others.
    outcome.failing_documents = sorted(bad_docs)
    outcome.success = not bad_docs
    outcome.docs_path = index_path(ddir)

    at = now()
    qrows = rejected_rows(figs, failing, fig_suite["name"])
    outcome.failed_count = len({(q["document_id"], q["version"], q["figure_no"]) for q in qrows})
    outcome.sample_rows = qrows[:SAMPLE_SIZE]
    outcome.quarantined, outcome.released = apply_quarantine(con, run_id, fig_suite["name"], figs, qrows, at)
    write_results(con, run_id, outcome.results, at, asset)
    return outcome

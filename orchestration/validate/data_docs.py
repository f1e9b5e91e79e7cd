"""Data Docs: GX's HTML site of the latest validation of each suite and batch.

Results are stored under <folder of the DuckDB file>/data_docs/_results (or docs_dir;
docs_dir=False stores none) by the validation calls, which do not render: build_data_docs
renders the site (index.html) once after them, and only the pages that are missing or older
than their result. A batch is one document, "documents" (several) or a mart; only the latest
run of each (suite, batch) is kept.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from . import gx_runtime
from .db import first_row


def default_docs_dir(con) -> Path | None:
    row = first_row(con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"))
    if not row or not row[0]:
        return None
    return Path(row[0]).resolve().parent / "data_docs"


def docs_dir_for(con, docs_dir) -> Path | None:
    """The folder a validation call stores its results in: `docs_dir` (False: none) or the default."""
    if docs_dir is False:
        return None
    return Path(docs_dir) if docs_dir else default_docs_dir(con)


def index_path(docs_dir: Path | None) -> str | None:
    """Where the Data Docs index is (written by build_data_docs, not by the validation call)."""
    return str(docs_dir / "index.html") if docs_dir is not None else None


def run_and_store(suite: dict, df, run_id: str, docs_dir: Path | None = None, asset: str | None = None):
    """gx_runtime.run_suite, first dropping the stored results of other runs of this (suite, batch)."""
    if docs_dir is not None:
        prune_docs(docs_dir, suite["name"], f"{suite['name']}-{asset or suite['name']}", run_id)
    return gx_runtime.run_suite(suite, df, run_id, docs_dir, asset=asset)


def prune_docs(docs_dir: Path, suite: str, batch: str, run_id: str) -> None:
    """Data Docs show the latest run of each (suite, batch): drop that pair's pages and stored
    results of other runs. A batch is one document, "documents" (several) or a mart, so the
    per-document runs of an ingestion keep one page per document."""
    for sub, ext in (("_results", "json"), ("validations", "html")):
        root = docs_dir / sub / suite
        if not root.is_dir():
            continue
        for f in root.glob(f"*/*/{batch}.{ext}"):
            if f.parent.parent.name != run_id:
                f.unlink(missing_ok=True)
        for d in sorted(root.glob("*/*"), reverse=True) + sorted(root.glob("*"), reverse=True):
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()


def _docs_target(where) -> Path | None:
    """The Data Docs folder for a DuckDB connection, a Settings (its working DB), a DuckDB file or
    a warehouse home folder: <folder of the working DuckDB file>/data_docs."""
    if where is None:
        from ..config import settings
        where = settings()
    if isinstance(where, duckdb.DuckDBPyConnection):
        return default_docs_dir(where)
    if hasattr(where, "working_db"):
        return Path(where.working_db).resolve().parent / "data_docs"
    p = Path(where)
    if p.name == "data_docs":
        return p
    return (p if p.is_dir() else p.resolve().parent) / "data_docs"


def _stale_pages(docs_dir: Path) -> tuple[list, bool]:
    """(result files whose page is missing or older, whether the index is older than the results)."""
    results = docs_dir / "_results"
    index = docs_dir / "index.html"
    index_time = index.stat().st_mtime_ns if index.is_file() else -1
    stale, newest = [], -1
    for root, _dirs, files in os.walk(results):
        newest = max(newest, os.stat(root).st_mtime_ns)  # a pruned result changes its folder
        for f in files:
            if not f.endswith(".json"):
                continue
            src = Path(root) / f
            t = src.stat().st_mtime_ns
            newest = max(newest, t)
            page = docs_dir / "validations" / src.relative_to(results).with_suffix(".html")
            if not page.is_file() or page.stat().st_mtime_ns < t:
                stale.append(src.relative_to(results))
    return stale, newest > index_time


def build_data_docs(where=None, *, force: bool = False) -> str | None:
    """Render the Data Docs site from the stored validation results: <home>/data_docs/index.html.

    `where`: a DuckDB connection, config Settings, the working DuckDB file, the warehouse home or
    the data_docs folder itself (default: config.settings()). Validation calls only store their
    results; call this once after them (the post-dbt checks do). Only pages missing or older
    than their result are rendered, and nothing at all when the index is newer than every result
    (force=True renders everything). Returns the index path, or None when there is nothing to show.
    """
    docs_dir = _docs_target(where)
    if docs_dir is None or not (docs_dir / "_results").is_dir():
        return None
    index = docs_dir / "index.html"
    stale, index_old = _stale_pages(docs_dir)
    if not force and not stale and not index_old:
        return str(index)
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier, ValidationResultIdentifier)

    with gx_runtime.GX_LOCK:
        ctx = gx_runtime.state(docs_dir).ctx
        ids = None
        if not force:
            # Tuple keys are the result's path parts: suite, run name, run time, batch.
            ids = [ValidationResultIdentifier.from_tuple(tuple(p.with_suffix("").parts)) for p in stale]
            ids += [ExpectationSuiteIdentifier(name=s.name) for s in ctx.suites.all()]
        ctx.build_data_docs(site_names=["zhibiao"], resource_identifiers=ids)
    return str(index)

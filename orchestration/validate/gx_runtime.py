"""The Great Expectations runtime: one ephemeral context per process and Data Docs folder.

Setting GX up (context, suite, datasource, validation definition) costs more than validating
one document, and `zhibiao run` validates one batch per call. So each process keeps one
ephemeral context per Data Docs folder and reuses its objects. A GX suite is rebuilt when the
file's content changes (the key is a digest of what was read, so an edit takes effect at the
next call even within one mtime tick). great_expectations is imported only when a suite runs.
GX runs on pandas DataFrames read from DuckDB: the GX SQL datasource on DuckDB is broken (see
shared/STACK.md).
"""
from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .results import SAMPLE_SIZE

_MAX_CONTEXTS = 4          # tests use a docs folder each; a run uses one
GX_LOCK = threading.RLock()  # GX objects are not thread-safe; Dagster may run steps in threads


@dataclass
class _GxState:
    ctx: Any
    suites: dict[str, tuple[str, Any]] = field(default_factory=dict)          # name -> (digest, GX suite)
    batches: dict[tuple[str, str], Any] = field(default_factory=dict)         # (suite, asset) -> batch definition
    definitions: dict[tuple[str, str], Any] = field(default_factory=dict)     # (suite, asset) -> ValidationDefinition


_STATES: OrderedDict[str | None, _GxState] = OrderedDict()


def _new_context(docs_dir: Path | None):
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig, InMemoryStoreBackendDefaults, ProgressBarsConfig)

    cfg = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False))
    cfg.progress_bars = ProgressBarsConfig(globally=False)
    cfg.analytics_enabled = False
    if docs_dir is not None:
        # Results on disk so that the index lists every suite's latest run, whichever process ran it.
        cfg.stores["validation_results_store"] = {
            "class_name": "ValidationResultsStore",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(docs_dir / "_results")}}
        cfg.data_docs_sites = {"zhibiao": {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)}}}
    return gx.get_context(project_config=cfg)


def state(docs_dir: Path | None) -> _GxState:
    key = str(Path(docs_dir).resolve()) if docs_dir is not None else None
    st = _STATES.get(key)
    if st is None:
        st = _STATES[key] = _GxState(_new_context(Path(key) if key else None))
        while len(_STATES) > _MAX_CONTEXTS:
            _STATES.popitem(last=False)
    _STATES.move_to_end(key)
    return st


def gx_context(docs_dir: Path | None):
    """The process's GX context for `docs_dir` (results stored there; None: in memory)."""
    with GX_LOCK:
        return state(docs_dir).ctx


def clear_gx_cache() -> None:
    """Forget every cached context (the next call builds a new one)."""
    with GX_LOCK:
        _STATES.clear()


def _suite_digest(suite: dict) -> str:
    return hashlib.sha256(json.dumps(suite, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _gx_suite(st: _GxState, suite: dict):
    """The GX suite for the stored one; a changed file replaces it and the definitions using it."""
    import great_expectations as gx

    name, digest = suite["name"], _suite_digest(suite)
    held = st.suites.get(name)
    if held and held[0] == digest:
        return held[1]
    if held:
        for key in [k for k in st.definitions if k[0] == name]:
            st.ctx.validation_definitions.delete(st.definitions.pop(key).name)
        st.ctx.suites.delete(name)
    gsuite = st.ctx.suites.add(gx.ExpectationSuite(
        name=name, expectations=copy.deepcopy(suite["expectations"]), meta=copy.deepcopy(suite.get("meta") or {})))
    st.suites[name] = (digest, gsuite)
    return gsuite


def _batch_definition(st: _GxState, suite_name: str, asset: str):
    """One pandas datasource per suite, one dataframe asset per batch (a document, "documents" or
    a mart): GX names the stored result `<suite>-<asset>`, which keeps one Data Docs page per batch."""
    bd = st.batches.get((suite_name, asset))
    if bd is None:
        try:
            ds = st.ctx.data_sources.get(suite_name)
        except (KeyError, ValueError, LookupError):
            ds = st.ctx.data_sources.add_pandas(suite_name)
        bd = st.batches[(suite_name, asset)] = ds.add_dataframe_asset(asset).add_batch_definition_whole_dataframe("frame")
    return bd


def _forget_batch_data(st: _GxState, suite_name: str) -> None:
    """GX's execution engine keeps every batch's DataFrame it has seen: drop them after a run."""
    try:
        manager = st.ctx.data_sources.get(suite_name).get_execution_engine().batch_manager
    except (KeyError, ValueError, LookupError):
        return
    manager.batch_data_cache.clear()
    manager.reset_batch_cache()


RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["_rk"],
                 "partial_unexpected_count": SAMPLE_SIZE}


def run_suite(suite: dict, df, run_id: str, docs_dir: Path | None = None, asset: str | None = None):
    """Validate `df` with the stored suite; returns GX's ExpectationSuiteValidationResult.

    Row-level results list the `_rk` (row position) of every unexpected row. With docs_dir the
    result is stored there (docs_dir/_results) for data_docs.build_data_docs, which renders it;
    without, nothing is kept."""
    from great_expectations.core.run_identifier import RunIdentifier

    asset = asset or suite["name"]
    with GX_LOCK:
        st = state(docs_dir)
        gsuite = _gx_suite(st, suite)
        bd = _batch_definition(st, suite["name"], asset)
        try:
            if docs_dir is None:
                # Nothing to store: validate the batch directly (a ValidationDefinition would keep
                # every result in the in-memory store for the life of the process).
                return bd.get_batch(batch_parameters={"dataframe": df}).validate(gsuite, result_format=RESULT_FORMAT)
            vd = st.definitions.get((suite["name"], asset))
            if vd is None:
                import great_expectations as gx
                vd = st.definitions[(suite["name"], asset)] = st.ctx.validation_definitions.add(
                    gx.ValidationDefinition(name=f"{suite['name']}:{asset}", data=bd, suite=gsuite))
            return vd.run(batch_parameters={"dataframe": df}, result_format=RESULT_FORMAT,
                          run_id=RunIdentifier(run_name=run_id))
        finally:
            _forget_batch_data(st, suite["name"])

"""Validation on every run: Great Expectations suites stored as JSON in expectations/.

Rules
- The suites are read FROM THE FILES (expectations/<suite>.json); nothing here builds an
  expectation. Code only derives columns the suites judge (GX cannot join or compare rows):
  a check that GX cannot express is a column computed in SQL/pandas plus an expectation on it
  (in set [true], between ...), with its `mostly` and bounds read from the suite file.
  Rule data for those columns (unit families, indicator families) is in
  expectations/reference/units.json.
- GX runs on pandas DataFrames read from DuckDB (the GX SQL datasource on DuckDB is broken,
  see shared/STACK.md). great_expectations is imported lazily: a run with nothing to validate
  never imports it.
- `validate_figures` (before dbt) validates the latest version of the given documents with the
  suites `raw_figures` and `raw_documents`. Every row failing an expectation whose
  `meta.quarantine` is true gets an active row in raw.quarantine (one per figure and check);
  an active row of a validated figure that no longer fails is released (released_at set).
  Rows are never deleted: raw.quarantine is also the audit trail.
- `validate_table` (after dbt) validates one mart (fct_figure, dim_indicator,
  fct_target_outcome) with the suite of the same name. It never quarantines.
- Verdict: an outcome succeeds when every expectation of severity "critical" (GX's default)
  succeeds; `mostly` is how many bad rows an expectation tolerates. Severity "warning" is
  recorded but does not fail the outcome.
- Every expectation result goes to raw.validation_results. GX results of the latest run of each
  suite and batch (a document, or a mart) are stored under <folder of the DuckDB
  file>/data_docs/_results (or docs_dir; docs_dir=False stores none). Validation calls do not
  render: `build_data_docs` renders the site (index.html) once after them, and only the pages
  that are missing or older than their result.
- Cost: GX objects (context, suites, validation definitions) are cached per process and docs
  folder, so a per-document call pays for validating, not for setting GX up. A suite file is
  re-read on every call; its GX suite is rebuilt when the content changed.
- Suites folder: argument `suites_dir`, else env ZHIBIAO_EXPECTATIONS, else expectations/.

`quarantine_rows(con)` lists the active quarantine rows for `zhibiao quarantine`.
"""
from __future__ import annotations

import copy
import hashlib
import json
import math
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path
from typing import Any
from collections.abc import Iterable

import duckdb

from . import warehouse
from .config import EXPECTATIONS_DIR

ENV_SUITES = "ZHIBIAO_EXPECTATIONS"
FIGURE_KEY = ("document_id", "version", "figure_no")
PROVENANCE = ("text", "start_offset", "end_offset", "value", "unit", "measure", "indicator_text", "sentence")
SAMPLE_SIZE = 10


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """raw.quarantine and raw.validation_results are in warehouse.DDL (idempotent)."""
    warehouse.ensure_schema(con)


# ---------------------------------------------------------------- outcome types

@dataclass
class ExpectationResult:
    suite: str
    table: str
    expectation: str
    column: str | None
    check: str
    severity: str
    success: bool
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    mostly: float | None = None
    observed: Any = None
    exception: str | None = None
    quarantine: bool = False
    reason: str = ""

    @property
    def blocking(self) -> bool:
        return self.severity == "critical"


@dataclass
class ValidationOutcome:
    run_id: str
    suites: list[str]
    table: str
    success: bool = True
    failed_count: int = 0                   # rows failing at least one row-level check
    results: list[ExpectationResult] = field(default_factory=list)
    sample_rows: list[dict] = field(default_factory=list)
    row_count: int = 0
    quarantined: int = 0                    # figures newly quarantined by this call
    released: int = 0                       # quarantine rows released by this call
    docs_path: str | None = None
    validated: bool = True                  # False when there was nothing to validate
    failing_documents: list[str] = field(default_factory=list)  # documents with a row failing a blocking check

    @property
    def failed_expectations(self) -> list[ExpectationResult]:
        return [r for r in self.results if not r.success]

    def metadata(self) -> dict:
        """Plain JSON-able values for Dagster asset-check metadata."""
        return {
            "suites": ", ".join(self.suites),
            "table": self.table,
            "rows_validated": self.row_count,
            "failed_count": self.failed_count,
            "failed_expectations": [
                {"check": r.check, "expectation": r.expectation, "column": r.column,
                 "severity": r.severity, "unexpected_count": r.unexpected_count,
                 "unexpected_percent": r.unexpected_percent, "mostly": r.mostly,
                 "observed": _jsonable(r.observed), "exception": r.exception}
                for r in self.failed_expectations
            ],
            "expectations": len(self.results),
            "quarantined": self.quarantined,
            "released": self.released,
            "sample_rows": [_jsonable(r) for r in self.sample_rows],
            "data_docs": self.docs_path or "",
        }


# ---------------------------------------------------------------- suite files

def suites_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get(ENV_SUITES) or EXPECTATIONS_DIR)


def load_suite(name: str, directory: str | os.PathLike | None = None) -> dict:
    """The suite as stored: {"name", "meta", "expectations": [{"type", "kwargs", "meta", "severity"?}]}."""
    with open(suites_dir(directory) / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def load_reference(directory: str | os.PathLike | None = None) -> dict:
    with open(suites_dir(directory) / "reference" / "units.json", encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------- derived columns

def unit_table(units: Iterable[str | None], ref: dict) -> list[tuple]:
    """(unit, family, scale, base_unit) for each unit; family None = unknown unit."""
    families = {u: fam for fam, us in ref["families"].items() for u in us}
    scales = sorted(ref["scales"].items(), key=lambda kv: -len(kv[0]))
    out = []
    for unit in units:
        if unit is None:
            continue
        fam, scale, base = families.get(unit), 1.0, unit
        if fam is None:
            for prefix, s in scales:
                rest = unit[len(prefix):]
                if unit.startswith(prefix):
                    if rest == "":
                        fam, scale, base = "number", float(s), ""
                    elif rest in families:
                        fam, scale, base = families[rest], float(s), rest
                    if fam:
                        break
        if fam is None and "/" in unit:
            fam = "rate"
        out.append((unit, fam, scale, base))
    return out


def indicator_table(texts: Iterable[str | None], ref: dict) -> list[tuple]:
    """(indicator_text, indicator_family, allowed_families as JSON) — family None = not judged."""
    ratio = re.compile(ref["ratio_pattern"])
    rules = [(r["family"], re.compile(r["pattern"]), r["allowed"]) for r in ref["indicator_families"]]
    out = []
    for t in texts:
        if t is None:
            continue
        fam, allowed = None, None
        if not ratio.search(t):
            for f, pat, al in rules:
                if pat.search(t):
                    fam, allowed = f, al
                    break
        out.append((t, fam, json.dumps(allowed) if allowed else None))
    return out


def _register_reference(con, rel: str, ref: dict, indicator_col: str = "indicator_text") -> None:
    import pandas as pd

    units = [r[0] for r in con.execute(f"SELECT DISTINCT unit FROM {rel}").fetchall()]
    con.register("_zb_units", pd.DataFrame(unit_table(units, ref), columns=["unit", "unit_family", "unit_scale", "base_unit"])
                 .astype({"unit": object, "unit_family": object, "base_unit": object}))
    mf = [(m, f) for m, fams in ref["measure_families"].items() for f in fams]
    con.register("_zb_measure_families", pd.DataFrame(mf, columns=["measure", "family"], dtype=object))
    texts = [r[0] for r in con.execute(f"SELECT DISTINCT {indicator_col} FROM {rel}").fetchall()]
    ind = indicator_table(texts, ref)
    con.register("_zb_indicators", pd.DataFrame(ind, columns=["indicator_text", "indicator_family", "allowed_families"], dtype=object))


def _latest_versions_sql(document_ids: list[str] | None) -> str:
    where = ""
    if document_ids is not None:
        where = "WHERE document_id IN (SELECT unnest($ids))"
    return f"""SELECT document_id, max(version) AS version FROM raw.documents {where} GROUP BY document_id"""


def _figure_checks_sql(src: str, key_cols: str, group_col: str) -> str:
    """Derived columns over `src` (figure rows already joined with their document).

    `src` must have the raw.figures columns plus review_year, plan_year, region_code,
    doc_rank (1 = the region's latest document). `group_col` is what
    identifies an indicator across documents (indicator_text before dbt, indicator_id after).
    """
    return f"""
    WITH f AS (
        SELECT s.*, u.unit_family, u.unit_scale, u.base_unit, i.indicator_family, i.allowed_families
        FROM {src} s
        LEFT JOIN _zb_units u ON u.unit = s.unit
        LEFT JOIN _zb_indicators i ON i.indicator_text = s.indicator_text
    ),
    levels AS (  -- one level per region, indicator, year, base unit: the latest document's
        SELECT region_code, {group_col} AS grp, period, base_unit, value * unit_scale AS v
        FROM (SELECT *, row_number() OVER (PARTITION BY region_code, {group_col}, period, base_unit
                                          ORDER BY doc_rank, figure_no) AS rn
              FROM f WHERE measure = 'level' AND status = 'actual' AND qualifier = 'eq'
                       AND unit_family IS NOT NULL AND value IS NOT NULL AND {group_col} <> '')
        WHERE rn = 1
    ),
    growth_gap AS (  -- growth(N) judged against level(N-1) and level(N) of the same base unit
        SELECT g.document_id, g.version, g.figure_no,
               min(abs(l0.v * (1 + g.value / 100.0) - l1.v) / nullif(abs(l1.v), 0)) AS growth_level_gap
        FROM f g
        JOIN levels l1 ON l1.region_code = g.region_code AND l1.grp = g.{group_col} AND l1.period = g.period
        JOIN levels l0 ON l0.region_code = g.region_code AND l0.grp = g.{group_col} AND l0.period = g.period - 1
                      AND l0.base_unit = l1.base_unit
        WHERE g.measure = 'growth' AND g.unit_family = 'percent' AND g.status = 'actual'
          AND g.qualifier IN ('eq', 'approx')
        GROUP BY ALL
    )
    SELECT f.*,
        isfinite(f.value) AS value_is_finite,
        EXISTS (SELECT 1 FROM _zb_measure_families m WHERE m.measure = f.measure AND m.family = f.unit_family)
            OR f.unit_family IS NULL OR f.measure IS NULL AS unit_fits_measure,
        CASE WHEN f.measure <> 'level' OR f.allowed_families IS NULL OR f.unit_family IS NULL THEN TRUE
             ELSE list_contains(CAST(json_extract_string(f.allowed_families, '$[*]') AS VARCHAR[]), f.unit_family)
        END AS unit_fits_indicator,
        -- a ratio chain (三次产业结构 8.7:41.2:50.1) gives shares with no unit: percentages too
        CASE WHEN f.measure = 'share' AND f.unit_family IN ('percent', 'index')
             THEN CASE WHEN f.value < 0 THEN f.value ELSE greatest(f.value, coalesce(f.value_high, f.value)) END END AS share_pct,
        CASE WHEN f.measure = 'rank' THEN f.value END AS rank_value,
        CASE WHEN f.measure = 'growth' AND f.unit_family = 'percent' THEN f.value END AS growth_pct,
        f.period - coalesce(f.plan_year, f.review_year + 1) AS period_offset,
        NOT ((f.status = 'target' AND f.period < f.review_year) OR (f.status = 'actual' AND f.period > f.plan_year))
            AS period_fits_status,
        CASE WHEN f.qualifier = 'range' THEN coalesce(f.value_high >= f.value, FALSE)
             ELSE f.value_high IS NULL OR f.value_high = f.value END AS range_bounds_ok,
        gg.growth_level_gap
    FROM f LEFT JOIN growth_gap gg USING ({key_cols})
    """


def figures_frame(con, document_ids: list[str] | None = None, ref: dict | None = None):
    """The raw.figures rows of the latest version of `document_ids` (all if None), with the
    derived columns the raw_figures suite judges.

    Cost follows the documents validated, not the warehouse: other documents contribute only
    their actual level figures in the same regions (the growth check judges this year's growth
    against last year's report), and document text is read only for the validated documents."""
    ref = ref or load_reference()
    params = {"ids": list(document_ids)} if document_ids is not None else {}
    target = "d.document_id IN (SELECT unnest($ids))" if document_ids is not None else "TRUE"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _zb_fig AS
        WITH docs AS (
            SELECT d.document_id, d.version, d.review_year, d.plan_year, d.region_code, d.doc_date,
                   {target} AS is_target
            FROM raw.documents d
            JOIN (SELECT document_id, max(version) AS version FROM raw.documents GROUP BY document_id) lv
              USING (document_id, version)
        ),
        ranked AS (
            SELECT *, dense_rank() OVER (PARTITION BY region_code ORDER BY plan_year DESC NULLS LAST,
                                         doc_date DESC NULLS LAST, document_id) AS doc_rank
            FROM docs
            WHERE is_target OR region_code IN (SELECT region_code FROM docs WHERE is_target)
        )
        SELECT f.* EXCLUDE (sentence, sentence_start, sentence_end, extracted_at, extractor_version, run_id),
               r.review_year, r.plan_year, r.region_code, r.doc_rank, r.is_target
        FROM raw.figures f JOIN ranked r USING (document_id, version)
        WHERE r.is_target OR (f.measure = 'level' AND f.status = 'actual')
    """, params)
    try:
        _register_reference(con, "_zb_fig", ref)
        sql = f"""SELECT * EXCLUDE (doc_rank, is_target)
                  FROM ({_figure_checks_sql('_zb_fig', 'document_id, version, figure_no', 'indicator_text')})
                  WHERE is_target ORDER BY document_id, version, figure_no"""
        df = con.execute(sql).df()
    finally:
        con.execute("DROP TABLE IF EXISTS _zb_fig")
    return add_offset_checks(con, df)


def add_offset_checks(con, df, chunk: int = 200):
    """offsets_inside_document and text_matches_source, judged in Python.

    DuckDB's substring walks UTF-8 from the start of the text on every call (cost grows with
    the offset); Python str slicing is O(1), so each document's text is fetched once, in chunks."""
    inside = [False] * len(df)
    match = [False] * len(df)
    if len(df):
        groups = df.groupby(["document_id", "version"], sort=False).indices
        keys = list(groups)
        starts, ends, texts = df["start_offset"].tolist(), df["end_offset"].tolist(), df["text"].tolist()
        for i in range(0, len(keys), chunk):
            part = keys[i:i + chunk]
            rows = con.execute("SELECT document_id, version, original_text FROM raw.documents "
                               "WHERE document_id IN (SELECT unnest($d))", {"d": [k[0] for k in part]}).fetchall()
            for doc_id, ver, original in rows:
                if original is None or (doc_id, ver) not in groups:
                    continue
                n = len(original)
                for pos in groups[(doc_id, ver)].tolist():
                    st, en = starts[pos], ends[pos]
                    if st == st and en == en and 0 <= st < en <= n:  # NaN != NaN: missing offsets
                        inside[pos] = True
                        match[pos] = original[int(st):int(en)] == texts[pos]
    df["offsets_inside_document"] = inside
    df["text_matches_source"] = match
    return df


def documents_frame(con, document_ids: list[str] | None = None, ref: dict | None = None):
    """Latest version of each document with n_figures, report_figures and has_gdp_figure."""
    ref = ref or load_reference()
    params = {"ids": list(document_ids), "gdp": ref["gdp_pattern"]} if document_ids is not None else {"gdp": ref["gdp_pattern"]}
    return con.execute(f"""
        SELECT d.document_id, d.version, d.kind, d.original_text IS NOT NULL AS has_text,
               d.original_text, d.review_year, d.plan_year, d.region_code,
               d.plan_year - d.review_year AS plan_minus_review,
               count(f.figure_no) AS n_figures,
               CASE WHEN d.kind = 'report' THEN count(f.figure_no) END AS report_figures,
               CASE WHEN d.kind = 'report' THEN coalesce(bool_or(regexp_matches(f.indicator_text, $gdp)
                    AND f.measure IN ('level', 'growth')), FALSE) END AS has_gdp_figure
        FROM ({_latest_versions_sql(document_ids)}) lv
        JOIN raw.documents d USING (document_id, version)
        LEFT JOIN raw.figures f USING (document_id, version)
        GROUP BY d.document_id, d.version, d.kind, d.original_text, d.review_year, d.plan_year, d.region_code
        ORDER BY d.document_id
    """, params).df().drop(columns=["has_text"])


def _resolve_relation(con, table: str) -> str | None:
    """`table` as a qualified name: dbt may build into main or any schema but raw."""
    if "." in table:
        schema, name = table.split(".", 1)
        rows = con.execute("SELECT table_schema, table_name FROM information_schema.tables "
                           "WHERE table_schema = ? AND table_name = ?", [schema, name]).fetchall()
    else:
        rows = con.execute("SELECT table_schema, table_name FROM information_schema.tables "
                           "WHERE table_name = ? AND table_schema <> 'raw' "
                           "ORDER BY table_schema = 'main' DESC, table_schema", [table]).fetchall()
    return f'"{rows[0][0]}"."{rows[0][1]}"' if rows else None


def _columns(con, rel: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE {rel}").fetchall()}


def mart_figures_frame(con, rel: str, ref: dict | None = None):
    """fct_figure with the same derived columns as raw figures; offsets are judged against
    raw.documents (the version in the mart if it has one, else the latest). Columns the mart
    lacks are filled from raw.documents or NULL, so the suite reports them instead of crashing."""
    ref = ref or load_reference()
    cols = _columns(con, rel)
    group_col = "indicator_id" if "indicator_id" in cols else "indicator_text"
    fallback = {"version": "lv.version", "review_year": "d.review_year", "plan_year": "d.plan_year",
                "region_code": "d.region_code", "figure_no": "NULL::INTEGER", "value_high": "NULL::DOUBLE",
                "qualifier": "NULL::VARCHAR", "status": "NULL::VARCHAR", "indicator_text": "NULL::VARCHAR",
                "measure": "NULL::VARCHAR", "period": "NULL::INTEGER", "unit": "NULL::VARCHAR",
                "value": "NULL::DOUBLE", "text": "NULL::VARCHAR", "start_offset": "NULL::INTEGER",
                "end_offset": "NULL::INTEGER"}
    # The mart's own unit_family/base_unit (units seed) would clash with the derived ones.
    clash = [c for c in ("unit_family", "base_unit", "unit_scale") if c in cols]
    present = [c for c in fallback if c in cols] + clash
    star = f"t.* EXCLUDE ({', '.join(present)})" if present else "t.*"
    picked = ", ".join([f"t.{c}" if c in cols else f"{expr} AS {c}" for c, expr in fallback.items()]
                       + [f"t.{c} AS mart_{c}" for c in clash])
    ver = "t.version" if "version" in cols else "lv.version"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _zb_fig AS
        SELECT {star}, {picked},
               dense_rank() OVER (PARTITION BY d.region_code ORDER BY d.plan_year DESC NULLS LAST,
                                  d.doc_date DESC NULLS LAST, d.document_id) AS doc_rank
        FROM {rel} t
        LEFT JOIN (SELECT document_id, max(version) AS version FROM raw.documents GROUP BY document_id) lv
          ON lv.document_id = t.document_id
        LEFT JOIN raw.documents d ON d.document_id = t.document_id AND d.version = {ver}
    """)
    try:
        _register_reference(con, "_zb_fig", ref)
        key = "document_id, version, figure_no"
        dim = _resolve_relation(con, "dim_indicator")
        dim_ok = bool(dim) and "indicator_id" in cols and "unit_family" in cols and "unit_family" in _columns(con, dim)
        pairs = [tuple(p) for p in ref.get("dbt_family_compatible", [])]
        compat = " OR ".join(f"(x.mart_unit_family = '{a}' AND di.unit_family = '{b}') OR "
                             f"(x.mart_unit_family = '{b}' AND di.unit_family = '{a}')" for a, b in pairs) or "FALSE"
        dim_join = f"LEFT JOIN {dim} di ON di.indicator_id = x.indicator_id" if dim_ok else ""
        fits = (f"""x.measure IS DISTINCT FROM 'level' OR x.mart_unit_family IS NULL OR di.unit_family IS NULL
                    OR x.mart_unit_family = di.unit_family OR {compat}""" if dim_ok else "NULL::BOOLEAN")
        base_ok = ("x.mart_unit_family IS NULL OR x.value IS NULL OR x.value_base IS NOT NULL"
                   if "value_base" in cols and "unit_family" in cols else "NULL::BOOLEAN")
        checks = _figure_checks_sql('_zb_fig', key, group_col)
        df = con.execute(f"""
            SELECT x.* EXCLUDE (doc_rank),
                   di.unit_family AS indicator_unit_family,
                   {fits} AS unit_fits_dim_indicator,
                   {base_ok} AS value_base_ok,
                   EXISTS (SELECT 1 FROM raw.quarantine q WHERE q.released_at IS NULL AND q.document_id = x.document_id
                           AND q.version = x.version AND q.figure_no = x.figure_no) AS is_quarantined
            FROM ({checks}) x {dim_join if dim_ok else 'LEFT JOIN (SELECT NULL AS unit_family) di ON FALSE'}
            ORDER BY x.document_id, x.figure_no""").df()
        return add_offset_checks(con, df)
    finally:
        con.execute("DROP TABLE IF EXISTS _zb_fig")


def table_frame(con, rel: str, ref: dict | None = None):
    return con.execute(f"SELECT * FROM {rel}").df()


def target_outcomes_frame(con, rel: str, ref: dict | None = None):
    """fct_target_outcome with: target_in_fct_figure / outcome_in_fct_figure (the pair points at
    published, non-quarantined figures of the right status and period) and is_met_needs_outcome."""
    fct = _resolve_relation(con, "fct_figure")
    if fct is None:
        return con.execute(f"SELECT *, NULL::BOOLEAN AS target_in_fct_figure, NULL::BOOLEAN AS outcome_in_fct_figure, "
                           f"is_met IS NULL OR is_outcome_known AS is_met_needs_outcome FROM {rel}").df()
    return con.execute(f"""
        SELECT t.*,
            EXISTS (SELECT 1 FROM {fct} f WHERE f.document_id = t.target_document_id AND f.figure_no = t.target_figure_no
                    AND f.status = 'target' AND f.period = t.period) AS target_in_fct_figure,
            CASE WHEN t.outcome_document_id IS NOT NULL THEN
                EXISTS (SELECT 1 FROM {fct} f WHERE f.document_id = t.outcome_document_id AND f.figure_no = t.outcome_figure_no
                        AND f.status IN ('actual', 'estimate') AND f.period = t.period) END AS outcome_in_fct_figure,
            t.is_met IS NULL OR t.is_outcome_known AS is_met_needs_outcome
        FROM {rel} t ORDER BY t.target_document_id, t.target_figure_no""").df()


def documents_marts_frame(con, rel: str, ref: dict | None = None):
    """dim_document with latest_per_document and, for the latest version of each report,
    has_gdp_figure / key_indicators_found from fct_figure and dim_indicator (null otherwise)."""
    fct, dim = _resolve_relation(con, "fct_figure"), _resolve_relation(con, "dim_indicator")
    if fct is None or dim is None:
        return con.execute(f"""SELECT t.*, count(*) FILTER (WHERE is_latest) OVER (PARTITION BY document_id) AS latest_per_document,
                                      NULL::BOOLEAN AS has_gdp_figure, NULL::BIGINT AS key_indicators_found FROM {rel} t""").df()
    return con.execute(f"""
        WITH found AS (
            SELECT f.document_id, f.version, bool_or(f.indicator_id = 'gdp') AS has_gdp,
                   count(DISTINCT f.indicator_id) FILTER (WHERE i.is_key) AS n_key
            FROM {fct} f LEFT JOIN {dim} i USING (indicator_id)
            GROUP BY ALL
        )
        SELECT t.*,
               count(*) FILTER (WHERE t.is_latest) OVER (PARTITION BY t.document_id) AS latest_per_document,
               CASE WHEN t.is_latest AND t.kind = 'report' THEN coalesce(found.has_gdp, FALSE) END AS has_gdp_figure,
               CASE WHEN t.is_latest AND t.kind = 'report' THEN coalesce(found.n_key, 0) END AS key_indicators_found
        FROM {rel} t LEFT JOIN found USING (document_id, version)
        ORDER BY t.document_id, t.version""").df()


MART_FRAMES = {"mart_figures": mart_figures_frame, "target_outcomes": target_outcomes_frame,
               "documents_marts": documents_marts_frame, "table": table_frame}


# ---------------------------------------------------------------- running GX
#
# Setting GX up (context, suite, datasource, validation definition) costs more than validating
# one document, and `zhibiao run` validates one document per call. So each process keeps one
# ephemeral context per Data Docs folder and reuses its objects. A GX suite is rebuilt when the
# file's content changes (the key is a digest of what was read, so an edit takes effect at the
# next call even within one mtime tick). Rendering Data Docs is separate: build_data_docs.

_MAX_CONTEXTS = 4          # tests use a docs folder each; a run uses one
_GX_LOCK = threading.RLock()  # GX objects are not thread-safe; Dagster may run steps in threads


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


def _state(docs_dir: Path | None) -> _GxState:
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
    with _GX_LOCK:
        return _state(docs_dir).ctx


def clear_gx_cache() -> None:
    """Forget every cached context (the next call builds a new one)."""
    with _GX_LOCK:
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


def _prune_docs(docs_dir: Path, suite: str, batch: str, run_id: str) -> None:
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


RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["_rk"],
                 "partial_unexpected_count": SAMPLE_SIZE}


def run_suite(suite: dict, df, run_id: str, docs_dir: Path | None = None, ctx=None, asset: str | None = None):
    """Validate `df` with the stored suite; returns GX's ExpectationSuiteValidationResult.

    Row-level results list the `_rk` (row position) of every unexpected row. With docs_dir the
    result is stored there (docs_dir/_results) for build_data_docs, which renders it; without,
    nothing is kept. `ctx` is accepted for compatibility and ignored: the cached context is used."""
    from great_expectations.core.run_identifier import RunIdentifier

    asset = asset or suite["name"]
    with _GX_LOCK:
        st = _state(docs_dir)
        gsuite = _gx_suite(st, suite)
        bd = _batch_definition(st, suite["name"], asset)
        try:
            if docs_dir is None:
                # Nothing to store: validate the batch directly (a ValidationDefinition would keep
                # every result in the in-memory store for the life of the process).
                return bd.get_batch(batch_parameters={"dataframe": df}).validate(gsuite, result_format=RESULT_FORMAT)
            _prune_docs(docs_dir, suite["name"], f"{suite['name']}-{asset}", run_id)
            vd = st.definitions.get((suite["name"], asset))
            if vd is None:
                import great_expectations as gx
                vd = st.definitions[(suite["name"], asset)] = st.ctx.validation_definitions.add(
                    gx.ValidationDefinition(name=f"{suite['name']}:{asset}", data=bd, suite=gsuite))
            return vd.run(batch_parameters={"dataframe": df}, result_format=RESULT_FORMAT,
                          run_id=RunIdentifier(run_name=run_id))
        finally:
            _forget_batch_data(st, suite["name"])


# ---------------------------------------------------------------- Data Docs

def _docs_target(where) -> Path | None:
    """The Data Docs folder for a DuckDB connection, a Settings (its working DB), a DuckDB file or
    a warehouse home folder: <folder of the working DuckDB file>/data_docs."""
    if where is None:
        from .config import settings
        where = settings()
    if isinstance(where, duckdb.DuckDBPyConnection):
        return _default_docs_dir(where)
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

    with _GX_LOCK:
        ctx = _state(docs_dir).ctx
        ids = None
        if not force:
            # Tuple keys are the result's path parts: suite, run name, run time, batch.
            ids = [ValidationResultIdentifier.from_tuple(tuple(p.with_suffix("").parts)) for p in stale]
            ids += [ExpectationSuiteIdentifier(name=s.name) for s in ctx.suites.all()]
        ctx.build_data_docs(site_names=["zhibiao"], resource_identifiers=ids)
    return str(index)


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            return str(v)
    if isinstance(v, float) and math.isnan(v):
        return None  # pandas' missing value
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    try:
        import pandas as pd
        if pd.isna(v):
            return None
    except (TypeError, ValueError, ImportError):
        pass
    return str(v)


def _collect(suite: dict, table: str, gx_result) -> tuple[list[ExpectationResult], dict[int, list[tuple[str, str, Any]]]]:
    """ExpectationResults, and for row-level failures: row position -> [(check, reason, value, result)]."""
    results, failing = [], {}
    for r in gx_result.results:
        cfg = r.expectation_config
        kwargs = dict(cfg.kwargs)
        stored = _match_stored(suite, cfg)
        meta = (stored or {}).get("meta") or dict(cfg.meta or {})
        column = kwargs.get("column") or (",".join(kwargs["column_list"]) if "column_list" in kwargs else None)
        check = meta.get("check") or f"{cfg.type}:{column}"
        res = r.result or {}
        exc = (r.exception_info or {})
        exc_msg = exc.get("exception_message") if exc.get("raised_exception") else None
        observed = res.get("observed_value")
        if observed is None and "unexpected_count" in res:
            observed = {"partial_unexpected_list": res.get("partial_unexpected_list", [])[:SAMPLE_SIZE],
                        "missing_count": res.get("missing_count")}
        sev = (stored or {}).get("severity") or getattr(cfg, "severity", None) or "critical"
        sev = getattr(sev, "value", sev)  # GX's FailureSeverity enum
        er = ExpectationResult(
            suite=suite["name"], table=table, expectation=cfg.type, column=column, check=check,
            severity=str(sev).lower(), success=bool(r.success), element_count=res.get("element_count"),
            unexpected_count=res.get("unexpected_count"), unexpected_percent=res.get("unexpected_percent"),
            mostly=kwargs.get("mostly"), observed=_jsonable(observed), exception=exc_msg,
            quarantine=bool(meta.get("quarantine")), reason=meta.get("reason") or check)
        results.append(er)
        for item in res.get("unexpected_index_list") or []:
            if isinstance(item, dict) and "_rk" in item:
                value = item.get(kwargs.get("column")) if kwargs.get("column") else None
                failing.setdefault(int(item["_rk"]), []).append((check, er.reason, value, er))
    return results, failing


def _match_stored(suite: dict, cfg) -> dict | None:
    """The stored expectation a GX result belongs to (GX normalises kwargs, so match loosely)."""
    kw = dict(cfg.kwargs)
    for e in suite["expectations"]:
        if e["type"] != cfg.type:
            continue
        ek = e["kwargs"]
        if all(_same(ek.get(k), kw.get(k)) for k in ("column", "column_list", "min_value", "max_value", "value_set", "mostly")):
            return e
    return None


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, (list, set, tuple)):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


# ---------------------------------------------------------------- writing results

def _first(cur) -> tuple | None:
    """First row; fetches all so that DuckDB 2 leaves no unfinished result on the connection."""
    rows = cur.fetchall()
    return rows[0] if rows else None


def _quiet(con) -> None:
    """DuckDB draws a progress bar on stdout for long queries: noise in logs and CLI output."""
    con.execute("SET enable_progress_bar = false")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _write_results(con, run_id: str, results: list[ExpectationResult], at: datetime, batch: str) -> None:
    cols = ("run_id, suite, table_name, expectation, column_name, check_name, severity, success, element_count, "
            "unexpected_count, unexpected_percent, mostly, observed_value, exception, validated_at, batch")
    rows = [(run_id, r.suite, r.table, r.expectation, r.column, r.check, r.severity, r.success,
             r.element_count, r.unexpected_count, r.unexpected_percent, r.mostly,
             json.dumps(_jsonable(r.observed), ensure_ascii=False), r.exception, at, batch) for r in results]
    if rows:
        # One multi-row INSERT: executemany costs ~4 ms a row on DuckDB (0.1 s per document).
        values = ", ".join(f"({', '.join('?' * 16)})" for _ in rows)
        con.execute(f"INSERT INTO raw.validation_results ({cols}) VALUES {values}", [v for r in rows for v in r])


def _default_docs_dir(con) -> Path | None:
    row = _first(con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"))
    if not row or not row[0]:
        return None
    return Path(row[0]).resolve().parent / "data_docs"


def _docs_dir(con, docs_dir) -> Path | None:
    if docs_dir is False:
        return None
    return Path(docs_dir) if docs_dir else _default_docs_dir(con)


def _index_path(docs_dir: Path | None) -> str | None:
    """Where the Data Docs index is (written by build_data_docs, not by the validation call)."""
    return str(docs_dir / "index.html") if docs_dir is not None else None


def _suite_verdict(results: list[ExpectationResult]) -> bool:
    return all(r.success for r in results if r.blocking)


# ---------------------------------------------------------------- public API

def validate_figures(con: duckdb.DuckDBPyConnection, run_id: str, document_ids: list[str] | None = None, *,
                     suites_dir: str | os.PathLike | None = None, docs_dir=None) -> ValidationOutcome:
    """Pre-dbt validation of the latest version of `document_ids` (all documents if None).

    Quarantines failing figures, releases those that pass now, records every expectation
    result. An empty `document_ids` (nothing loaded) returns at once without importing GX.
    """
    ensure_tables(con)
    _quiet(con)
    outcome = ValidationOutcome(run_id=run_id, suites=["raw_figures", "raw_documents"], table="raw.figures")
    if document_ids is not None and len(document_ids) == 0:
        outcome.validated = False
        return outcome
    ref = load_reference(suites_dir)
    fig_suite, doc_suite = load_suite("raw_figures", suites_dir), load_suite("raw_documents", suites_dir)
    figs = figures_frame(con, document_ids, ref)
    docs = documents_frame(con, document_ids, ref)
    outcome.row_count = len(figs)
    if figs.empty and docs.empty:
        outcome.validated = False
        return outcome
    ddir = _docs_dir(con, docs_dir)
    asset = document_ids[0] if document_ids is not None and len(document_ids) == 1 else "documents"
    failing: dict[int, list] = {}
    bad_docs: set[str] = set()
    if not figs.empty:
        figs["_rk"] = range(len(figs))
        res, failing = _collect(fig_suite, "raw.figures", run_suite(fig_suite, figs, run_id, ddir, asset=asset))
        outcome.results += res
        bad_docs |= _failing_documents(figs, res, failing)
    if not docs.empty:
        docs["_rk"] = range(len(docs))
        res, doc_failing = _collect(doc_suite, "raw.documents", run_suite(doc_suite, docs, run_id, ddir, asset=asset))
        outcome.results += res
        bad_docs |= _failing_documents(docs, res, doc_failing)
    # One GX batch holds every document of the run; the verdict stays the one each document would
    # get alone, so a `mostly` broken by one document is not diluted by the others.
    outcome.failing_documents = sorted(bad_docs)
    outcome.success = not bad_docs
    outcome.docs_path = _index_path(ddir)

    now = _now()
    qrows = []
    for rk, fails in sorted(failing.items()):
        row = figs.iloc[rk]
        for check, reason, value, er in fails:
            if not er.quarantine:
                continue
            detail = (f"{reason} ({er.column}={_jsonable(value)}; text {row['text']!r}, unit {row['unit']!r}, "
                      f"measure {row['measure']}, indicator {row['indicator_text']!r})")
            qrows.append({"document_id": row["document_id"], "version": int(row["version"]),
                          "figure_no": int(row["figure_no"]), "suite": fig_suite["name"], "check_name": check,
                          "reason": detail, **{c: _jsonable(row.get(c)) for c in PROVENANCE if c != "sentence"}})
    outcome.failed_count = len({(q["document_id"], q["version"], q["figure_no"]) for q in qrows})
    outcome.sample_rows = qrows[:SAMPLE_SIZE]
    outcome.quarantined, outcome.released = _apply_quarantine(con, run_id, fig_suite["name"], figs, qrows, now)
    _write_results(con, run_id, outcome.results, now, asset)
    return outcome


def _failing_documents(frame, results: list[ExpectationResult], failing: dict[int, list]) -> set[str]:
    """The documents of `frame` whose own rows break a blocking expectation: the unexpected share
    per document against `mostly` (GX counts non-null values, or every row for not_be_null)."""
    import pandas as pd

    docs = frame["document_id"].astype(str)
    bad: set[str] = set()
    for er in results:
        if not er.blocking:
            continue
        if er.exception:               # the expectation could not be evaluated: nobody passes
            bad |= set(docs)
            continue
        rows = [rk for rk, fails in failing.items() if any(x is er for *_, x in fails)]
        if not rows and er.success:
            continue
        col = er.column if er.column in frame.columns else None
        counted = frame[col].notna() if col and er.expectation != "expect_column_values_to_not_be_null" \
            else pd.Series(True, index=frame.index)
        totals = counted.groupby(docs).sum()
        unexpected = docs.iloc[rows].value_counts() if rows else pd.Series(dtype="int64")
        mostly = er.mostly if er.mostly is not None else 1.0
        for doc, n in totals.items():
            u = int(unexpected.get(doc, 0))
            if n and u and (n - u) / n < mostly:
                bad.add(doc)
        if not er.success and not rows:   # failed without naming rows: the batch as a whole
            bad |= set(docs)
    return bad


def _apply_quarantine(con, run_id: str, suite: str, figs, qrows: list[dict], now: datetime) -> tuple[int, int]:
    """Insert new active rows, release active rows of validated figures that passed. One transaction."""
    import pandas as pd

    validated = figs[list(FIGURE_KEY)].copy()
    failing = pd.DataFrame(qrows, columns=[*FIGURE_KEY, "suite", "check_name", "reason"])
    failing = failing.astype({"document_id": object, "suite": object, "check_name": object, "reason": object})
    con.register("_zb_validated", validated)
    con.register("_zb_failing", failing)
    con.execute("BEGIN TRANSACTION")
    try:
        released = _first(con.execute("""
            UPDATE raw.quarantine q SET released_at = $now, released_run_id = $run
            WHERE q.released_at IS NULL AND q.suite = $suite
              AND EXISTS (SELECT 1 FROM _zb_validated v WHERE v.document_id = q.document_id
                          AND v.version = q.version AND v.figure_no = q.figure_no)
              AND NOT EXISTS (SELECT 1 FROM _zb_failing x WHERE x.document_id = q.document_id
                          AND x.version = q.version AND x.figure_no = q.figure_no AND x.check_name = q.check_name)
        """, {"now": now, "run": run_id, "suite": suite}))[0]
        inserted = _first(con.execute("""
            INSERT INTO raw.quarantine
            SELECT x.document_id, x.version, x.figure_no, x.suite, x.check_name, x.reason, $run, $now, NULL, NULL,
                   f.text, f.start_offset, f.end_offset, f.value, f.unit, f.measure, f.indicator_text, f.sentence
            FROM _zb_failing x
            LEFT JOIN raw.figures f USING (document_id, version, figure_no)
            WHERE NOT EXISTS (SELECT 1 FROM raw.quarantine q WHERE q.released_at IS NULL
                              AND q.document_id = x.document_id AND q.version = x.version
                              AND q.figure_no = x.figure_no AND q.check_name = x.check_name)
        """, {"now": now, "run": run_id}))[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_zb_validated")
        con.unregister("_zb_failing")
    return int(inserted), int(released)


def validate_table(con: duckdb.DuckDBPyConnection, table: str, run_id: str, *,
                   suites_dir: str | os.PathLike | None = None, docs_dir=None) -> ValidationOutcome:
    """Post-dbt validation of a mart with the suite `<table>.json` (never quarantines).

    A missing table is a failed outcome, not an exception: the asset check reports it."""
    ensure_tables(con)
    _quiet(con)
    suite = load_suite(table, suites_dir)
    outcome = ValidationOutcome(run_id=run_id, suites=[suite["name"]], table=table)
    meta = suite.get("meta") or {}
    rel = _resolve_relation(con, meta.get("table") or table)
    now = _now()
    if rel is None:
        outcome.success = False
        outcome.results.append(ExpectationResult(
            suite=suite["name"], table=table, expectation="table_exists", column=None, check="table_exists",
            severity="critical", success=False, exception=f"table {table} not found", reason="table missing"))
        _write_results(con, run_id, outcome.results, now, table)
        return outcome
    df = MART_FRAMES[meta.get("frame", "table")](con, rel, load_reference(suites_dir))
    outcome.row_count = len(df)
    df["_rk"] = range(len(df))
    ddir = _docs_dir(con, docs_dir)
    results, failing = _collect(suite, table, run_suite(suite, df, run_id, ddir))
    outcome.results = results
    outcome.success = _suite_verdict(results)
    outcome.docs_path = _index_path(ddir)
    blocking_rows = {rk for rk, fails in failing.items() if any(er.blocking for *_, er in fails)}
    outcome.failed_count = len(blocking_rows)
    for rk in sorted(failing)[:SAMPLE_SIZE]:
        row = df.iloc[rk]
        keep = [c for c in df.columns if c in (*FIGURE_KEY, "indicator_id", "name_zh", "region_code", "period",
                                                 *PROVENANCE) and c != "sentence"]
        outcome.sample_rows.append({**{c: _jsonable(row[c]) for c in keep},
                                    "failed_checks": [c for c, *_ in failing[rk]]})
    _write_results(con, run_id, results, now, table)
    return outcome


MARTS = ("fct_figure", "dim_indicator", "fct_target_outcome", "dim_document")


def revalidate_all(con: duckdb.DuckDBPyConnection, run_id: str, *, marts: bool = True,
                   suites_dir: str | os.PathLike | None = None, docs_dir=None) -> dict[str, ValidationOutcome]:
    """Re-check everything already loaded with the suites as they are now (after a suite edit):
    `zhibiao validate --all`.

    - Every document's latest version with raw_figures + raw_documents, in one batch
      ("documents"): figures now failing are quarantined, quarantined ones now passing are
      released. The marts change only at the next dbt build (staging reads raw.quarantine).
    - With `marts`, every mart of MARTS that exists with its own suite (a missing mart is
      skipped, not failed: a warehouse never built has none). Right after an edit that
      quarantines more figures, fct_figure's no_quarantined_figure fails until dbt rebuilds.
    - Data Docs are rendered once at the end (unless docs_dir is False).
    Returns {"figures": outcome, "<mart>": outcome, ...}; nothing is dropped or rebuilt here.
    """
    out = {"figures": validate_figures(con, run_id, None, suites_dir=suites_dir, docs_dir=docs_dir)}
    if marts:
        for table in MARTS:
            if _resolve_relation(con, table) is not None:
                out[table] = validate_table(con, table, run_id, suites_dir=suites_dir, docs_dir=docs_dir)
    ddir = _docs_dir(con, docs_dir)
    if ddir is not None:
        build_data_docs(ddir)
    return out


def quarantine_rows(con: duckdb.DuckDBPyConnection, include_released: bool = False,
                    include_superseded: bool = False) -> list[dict]:
    """Quarantine rows for `zhibiao quarantine`, newest first.

    Each dict has the raw.quarantine columns: document_id, version, figure_no, suite,
    check_name, reason, run_id, quarantined_at, released_at, released_run_id, text,
    start_offset, end_offset, value, unit, measure, indicator_text, sentence.
    By default only what keeps figures out of the marts now: active rows (released_at IS NULL)
    of each document's latest version. include_released adds the released history,
    include_superseded the rows of older versions (dbt reads only the latest). Works on a
    read-only connection; does not import GX.
    """
    if not _first(con.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = 'raw' "
                              "AND table_name = 'quarantine'")):
        return []  # read-only connection to a warehouse that never validated
    where = ["TRUE"]
    if not include_released:
        where.append("q.released_at IS NULL")
    if not include_superseded:
        where.append("q.version = (SELECT max(d.version) FROM raw.documents d WHERE d.document_id = q.document_id)")
    cur = con.execute(f"SELECT q.* FROM raw.quarantine q WHERE {' AND '.join(where)} "
                      "ORDER BY q.quarantined_at DESC, q.document_id, q.version, q.figure_no, q.check_name")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]

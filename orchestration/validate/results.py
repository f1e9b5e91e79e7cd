"""What a validation returns and records: one ExpectationResult per expectation, the outcome of
a call, the verdicts, and the rows of raw.validation_results.

Verdict: an outcome succeeds when every expectation of severity "critical" (GX's default)
succeeds; `mostly` is how many bad rows an expectation tolerates. Severity "warning" is
recorded but does not fail the outcome. With several documents in one batch, each document
gets the verdict it would get alone (failing_documents).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FIGURE_KEY = ("document_id", "version", "figure_no")
PROVENANCE = ("text", "start_offset", "end_offset", "value", "unit", "measure", "indicator_text", "sentence")
SAMPLE_SIZE = 10


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
                 "observed": jsonable(r.observed), "exception": r.exception}
                for r in self.failed_expectations
            ],
            "expectations": len(self.results),
            "quarantined": self.quarantined,
            "released": self.released,
            "sample_rows": [jsonable(r) for r in self.sample_rows],
            "data_docs": self.docs_path or "",
        }



def jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
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



def collect(suite: dict, table: str, gx_result) -> tuple[list[ExpectationResult], dict[int, list[tuple[str, str, Any]]]]:
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
            mostly=kwargs.get("mostly"), observed=jsonable(observed), exception=exc_msg,
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



def suite_verdict(results: list[ExpectationResult]) -> bool:
    return all(r.success for r in results if r.blocking)



def failing_documents(frame, results: list[ExpectationResult], failing: dict[int, list]) -> set[str]:
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



def write_results(con, run_id: str, results: list[ExpectationResult], at: datetime, batch: str) -> None:
    cols = ("run_id, suite, table_name, expectation, column_name, check_name, severity, success, element_count, "
            "unexpected_count, unexpected_percent, mostly, observed_value, exception, validated_at, batch")
    rows = [(run_id, r.suite, r.table, r.expectation, r.column, r.check, r.severity, r.success,
             r.element_count, r.unexpected_count, r.unexpected_percent, r.mostly,
             json.dumps(jsonable(r.observed), ensure_ascii=False), r.exception, at, batch) for r in results]
    if rows:
        # One multi-row INSERT: executemany costs ~4 ms a row on DuckDB (0.1 s per document).
        values = ", ".join(f"({', '.join('?' * 16)})" for _ in rows)
        con.execute(f"INSERT INTO raw.validation_results ({cols}) VALUES {values}", [v for r in rows for v in r])

"""Validation on every run: Great Expectations suites stored as JSON in expectations/.

Rules
- The suites are read FROM THE FILES (expectations/<suite>.json); nothing here builds an
  expectation. Code only derives columns the suites judge (GX cannot join or compare rows):
  a check that GX cannot express is a column computed in SQL/pandas plus an expectation on it
  (in set [true], between ...), with its `mostly` and bounds read from the suite file.
  Rule data for those columns (unit families, indicator families) is in
  expectations/reference/units.json; its unit families are written from the dbt units seed
  (scripts/units_reference.py).
- GX runs on pandas DataFrames read from DuckDB (the GX SQL datasource on DuckDB is broken,
  see shared/STACK.md). great_expectations is imported lazily: a run with nothing to validate
  never imports it.
- `validate_figures` (before dbt) validates the latest version of the given documents with the
  suites `raw_figures` and `raw_documents` and quarantines the failing figures (quarantine.py).
- `validate_table` (after dbt) validates one mart of MARTS with the suite of the same name. It
  never quarantines. A mart lacking a column its suite judges fails (`columns_exist`).
- Verdicts (results.py), the GX context cache (gx_runtime.py), Data Docs (data_docs.py).
- Suites folder: argument `suites_dir`, else env ZHIBIAO_EXPECTATIONS, else expectations/.

Where things are:
    suites.py      the suite files, MARTS
    reference.py   units.json as relations for the SQL
    frames.py      the frame each suite judges; its SQL in sql/*.sql
    results.py     ExpectationResult, ValidationOutcome, verdicts, raw.validation_results
    gx_runtime.py  one GX context per process and Data Docs folder
    data_docs.py   where results are stored, build_data_docs
    quarantine.py  raw.quarantine: quarantine, release, quarantine_rows
    figures.py     validate_figures (before dbt)
    marts.py       validate_table, revalidate_all (after dbt)
"""
from .data_docs import build_data_docs
from .data_docs import run_and_store as run_suite
from .figures import ensure_tables, validate_figures
from .frames import (MART_FRAMES, MissingColumns, add_offset_checks, documents_frame, documents_marts_frame,
                     figures_frame, mart_figures_frame, table_frame, target_outcomes_frame)
from .gx_runtime import RESULT_FORMAT, clear_gx_cache, gx_context
from .marts import revalidate_all, validate_table
from .quarantine import quarantine_rows
from .reference import indicator_table, unit_table
from .results import FIGURE_KEY, PROVENANCE, SAMPLE_SIZE, ExpectationResult, ValidationOutcome
from .suites import ENV_SUITES, FIGURE_SUITES, MARTS, load_reference, load_suite, suites_dir

__all__ = [
    "ENV_SUITES", "FIGURE_KEY", "FIGURE_SUITES", "MARTS", "MART_FRAMES", "PROVENANCE", "RESULT_FORMAT", "SAMPLE_SIZE",
    "ExpectationResult", "MissingColumns", "ValidationOutcome", "add_offset_checks", "build_data_docs",
    "clear_gx_cache", "documents_frame", "documents_marts_frame", "ensure_tables", "figures_frame", "gx_context",
    "indicator_table", "load_reference", "load_suite", "mart_figures_frame", "quarantine_rows", "revalidate_all",
    "run_suite", "suites_dir", "table_frame", "target_outcomes_frame", "unit_table", "validate_figures",
    "validate_table",
]

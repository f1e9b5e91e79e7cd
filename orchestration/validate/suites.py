"""The suite files: expectations/<suite>.json and the rule data in expectations/reference/.

Suites folder: argument `directory`, else env ZHIBIAO_EXPECTATIONS, else expectations/. A suite
is read on every call, so an edit takes effect at the next validation.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..config import EXPECTATIONS_DIR

ENV_SUITES = "ZHIBIAO_EXPECTATIONS"
FIGURE_SUITES = ("raw_figures", "raw_documents")   # before dbt, on the documents just loaded
# After dbt, one suite per mart, each blocking publishing (the Dagster checks are made from this).
MARTS = ("fct_figure", "dim_indicator", "fct_target_outcome", "dim_document")


def suites_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get(ENV_SUITES) or EXPECTATIONS_DIR)


def load_suite(name: str, directory: str | os.PathLike | None = None) -> dict:
    """The suite as stored: {"name", "meta", "expectations": [{"type", "kwargs", "meta", "severity"?}]}."""
    with open(suites_dir(directory) / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def load_reference(directory: str | os.PathLike | None = None) -> dict:
    with open(suites_dir(directory) / "reference" / "units.json", encoding="utf-8") as f:
        return json.load(f)

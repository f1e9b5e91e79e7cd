"""Settings shared by the CLI and the Dagster resources.

Every path can be overridden by an environment variable so that `dagster dev`, the
schedule and the CLI all agree on where the raw files and the warehouse live.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"

ENV_RAW = "ZHIBIAO_RAW"
ENV_WAREHOUSE = "ZHIBIAO_WAREHOUSE"
# Limits for readers' queries (`zhibiao sql`, the Python reader): a cross join must fail with
# a clear error instead of taking the machine's memory or running for ever.
ENV_SQL_MEMORY_LIMIT = "ZHIBIAO_SQL_MEMORY_LIMIT"   # DuckDB syntax: '2GB', '512MB'
ENV_SQL_TIMEOUT = "ZHIBIAO_SQL_TIMEOUT"             # seconds; 0 = no timeout
DEFAULT_SQL_MEMORY_LIMIT = "2GB"
DEFAULT_SQL_TIMEOUT = 300.0


def sql_memory_limit() -> str:
    return os.environ.get(ENV_SQL_MEMORY_LIMIT) or DEFAULT_SQL_MEMORY_LIMIT


def sql_timeout() -> float:
    raw = os.environ.get(ENV_SQL_TIMEOUT)
    try:
        return float(raw) if raw else DEFAULT_SQL_TIMEOUT
    except ValueError:
        raise ValueError(f"{ENV_SQL_TIMEOUT}={raw!r} is not a number of seconds") from None


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse: Path  # the published snapshot readers open

    @property
    def home(self) -> Path:
        """Folder holding the working database, published snapshots, logs and locks."""
        return self.warehouse.parent

    @property
    def working_db(self) -> Path:
        """The single writer's database; readers never open it."""
        return self.home / (self.warehouse.stem + ".work.duckdb")

    @property
    def lock_file(self) -> Path:
        return self.home / (self.warehouse.stem + ".lock")


def settings(raw: str | os.PathLike | None = None, warehouse: str | os.PathLike | None = None) -> Settings:
    raw_dir = Path(raw or os.environ.get(ENV_RAW) or PROJECT_ROOT / "raw")
    wh = Path(warehouse or os.environ.get(ENV_WAREHOUSE) or PROJECT_ROOT / "warehouse" / "zhibiao.duckdb")
    return Settings(raw_dir=raw_dir.resolve(), warehouse=wh.resolve())

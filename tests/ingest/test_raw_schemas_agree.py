"""raw.quarantine and raw.extractions are defined once, in orchestration/warehouse.py (DDL); dbt
reads them through source_or_empty with a stand-in column list (for a warehouse that never
validated) and documents them in __sources.yml. These must say the same as the DDL."""
import re

import duckdb
import pytest
import yaml

from orchestration import warehouse
from orchestration.config import DBT_PROJECT_DIR

STAGING = DBT_PROJECT_DIR / "models" / "staging"
# dbt's cross-database type macros, as DuckDB names the types the DDL uses.
DBT_TYPES = {"dbt.type_string()": "VARCHAR", "dbt.type_timestamp()": "TIMESTAMP", "'integer'": "INTEGER"}


def _ddl_columns(table: str) -> dict[str, str]:
    con = duckdb.connect()
    warehouse.ensure_schema(con)
    return {name: dtype for name, dtype, *_ in con.execute(f"DESCRIBE raw.{table}").fetchall()}


def _stand_in_columns(model: str) -> dict[str, str]:
    sql = (STAGING / f"{model}.sql").read_text(encoding="utf-8")
    pairs = re.findall(r"\['(\w+)',\s*([^\]]+?)\]", sql.split("source_or_empty(", 1)[1].split("]) }}", 1)[0] + "]")
    return {name: DBT_TYPES[dtype.strip()] for name, dtype in pairs}


def _documented_columns(table: str) -> list[str]:
    sources = yaml.safe_load((STAGING / "__sources.yml").read_text(encoding="utf-8"))
    (raw,) = [s for s in sources["sources"] if s["name"] == "raw"]
    (entry,) = [t for t in raw["tables"] if t["name"] == table]
    return [c["name"] for c in entry["columns"]]


@pytest.mark.parametrize("table, model", [("quarantine", "stg_quarantine"), ("extractions", "stg_extractions")])
def test_the_stand_in_and_the_docs_follow_the_ddl(table, model):
    ddl = _ddl_columns(table)
    stand_in = _stand_in_columns(model)
    assert stand_in, f"no source_or_empty column list found in {model}.sql"
    # Same names and types, in the DDL's order (an empty stand-in must union with the real table).
    assert list(stand_in.items()) == [(c, ddl[c]) for c in ddl if c in stand_in]
    assert set(stand_in) <= set(ddl)
    assert _documented_columns(table) == list(stand_in)


def test_staging_reads_only_columns_the_stand_in_has():
    sql = (STAGING / "stg_quarantine.sql").read_text(encoding="utf-8")
    renamed = sql.split("renamed as (", 1)[1].split("from source", 1)[0]
    read = set(re.findall(r"\b([a-z_]+)\b", renamed)) & set(_ddl_columns("quarantine"))
    assert read <= set(_stand_in_columns("stg_quarantine"))

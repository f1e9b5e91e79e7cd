"""Fixtures every layer's tests may use. Helpers live in tests/support/, one module per concern.

Session fixtures build a thing once for the whole run and hand out a path to it; a test that
changes what it gets works on its own copy (`copy_of`), so no test depends on another's side
effects and any one test runs alone.
"""
import shutil
from pathlib import Path

import pytest

from tests.support import dbt


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    d = tmp_path / "raw"
    (d / "reports").mkdir(parents=True)
    return d


@pytest.fixture(scope="session")
def fixture_raw_db(tmp_path_factory) -> Path:
    """The raw tables of the made-up warehouse (tests/fixtures/dbt), loaded once. Read it only."""
    db = tmp_path_factory.mktemp("fixture_raw") / "work.duckdb"   # not raw.duckdb: its catalog would shadow schema raw
    dbt.load_fixture_raw(db)
    return db


@pytest.fixture(scope="session")
def fixture_warehouse(fixture_raw_db, tmp_path_factory) -> Path:
    """The made-up warehouse after one real `dbt build`, shared by the session. Read it only."""
    tmp = tmp_path_factory.mktemp("fixture_warehouse")
    db = tmp / "work.duckdb"
    shutil.copyfile(fixture_raw_db, db)
    result = dbt.run_dbt(["build"], db, tmp)
    assert result.returncode == 0, result.stdout[-6000:]
    return db

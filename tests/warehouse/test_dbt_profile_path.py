"""The DuckDB file is read from ZHIBIAO_DUCKDB when dbt connects (orchestration/dbt_duckdb_path.py),
so the profile, and dbt's partial-parse check, is the same for every warehouse: a second
warehouse reuses the parse of the first and still builds into its own file."""
from pathlib import Path

import duckdb
import msgpack
import pytest

from orchestration import warehouse
from orchestration.defs.dbt_parse import give_project_parse
from tests.support.dbt import run_dbt
from tests.support.paths import DBT_DIR

pytestmark = pytest.mark.slow


def _tables(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {f"{s}.{t}" for s, t in con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('raw')").fetchall()}
    finally:
        con.close()


def test_a_second_warehouse_reuses_the_parse_and_builds_into_its_own_file(tmp_path):
    one, other = tmp_path / "one.duckdb", tmp_path / "elsewhere" / "another-name.work.duckdb"
    other.parent.mkdir()
    for db in (one, other):
        with warehouse.connect(db):
            pass                                            # the raw tables, empty
    assert give_project_parse(DBT_DIR, tmp_path / "target")  # as the dbt asset does for a new warehouse
    first = run_dbt(["seed", "--select", "regions"], one, tmp_path)
    assert first.returncode == 0, first.stdout
    second = run_dbt(["run", "--select", "stg_documents"], other, tmp_path)
    assert second.returncode == 0, second.stdout

    log = (tmp_path / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert "Unable to do partial parsing" not in log         # neither the first nor the second path
    assert log.count("Partial parsing enabled") >= 2             # (two lines when nothing changed)
    # each build wrote into the file it was given, whatever its name (the catalog is `zhibiao`)
    assert _tables(one) == {"seeds.regions"}
    assert _tables(other) == {"staging.stg_documents"}
    con = duckdb.connect(str(one), read_only=True)
    assert con.execute("SELECT count(*) FROM seeds.regions").fetchone()[0] > 30
    con.close()
    assert not one.with_name(one.name + ".wal").exists() and not other.with_name(other.name + ".wal").exists()


def _parse_file(path: Path, seed_root: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"nodes": {"seed.zhibiao.regions": {"resource_type": "seed", "root_path": seed_root},
                      "model.zhibiao.x": {"resource_type": "model", "root_path": seed_root}},
            "files": {"zhibiao://seeds/regions.csv": {"parse_file_type": "seed", "checksum": {"name": "sha256", "checksum": "ab"}},
                      "zhibiao://models/x.sql": {"parse_file_type": "model", "checksum": {"name": "sha256", "checksum": "cd"}}}}
    with path.open("wb") as fh:
        msgpack.pack(data, fh)


def _checksums(path: Path) -> dict[str, str]:
    with path.open("rb") as fh:
        data = msgpack.unpack(fh, raw=False)
    return {k: v["checksum"]["checksum"] for k, v in data["files"].items()}


@pytest.mark.parametrize(("seed_root", "seeds_reparsed"), [("here", False), ("dbt_project", True), ("/moved/dbt_project", True)])
def test_the_project_parse_is_given_once_with_seeds_reparsed_when_parsed_elsewhere(tmp_path, seed_root, seeds_reparsed):
    project = tmp_path / "project"
    _parse_file(project / "target" / "partial_parse.msgpack", str(project) if seed_root == "here" else seed_root)
    target = tmp_path / "warehouse" / "dbt-target"
    assert give_project_parse(project, target)
    sums = _checksums(target / "partial_parse.msgpack")
    assert sums["zhibiao://models/x.sql"] == "cd"                   # models keep their parse
    assert (sums["zhibiao://seeds/regions.csv"] != "ab") == seeds_reparsed
    assert not give_project_parse(project, target)                  # the warehouse's own parse is kept
    assert not give_project_parse(tmp_path / "no-project", tmp_path / "t2")

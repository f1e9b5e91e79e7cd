"""The `figures_valid` asset check in a real Dagster run (stand-in `figures` asset, real check)."""
from pathlib import Path

import dagster as dg

from orchestration import validate
from orchestration.defs.checks import asset_checks, figures_valid
from orchestration.defs.partitions import documents_partitions
from tests.support.validation import good_2025, good_2026, open_db


class _Warehouse(dg.ConfigurableResource):
    path: str

    @property
    def working_db(self) -> Path:
        return Path(self.path)


def _run(db: Path, partition: str):
    downstream = []

    @dg.asset(partitions_def=documents_partitions, name="figures")
    def figures_stub():
        return None

    @dg.asset(partitions_def=documents_partitions, deps=["figures"])
    def after_figures():
        downstream.append(True)

    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(documents_partitions.name, ["hz-2025", "hz-2026"])
    result = dg.materialize([figures_stub, after_figures, figures_valid], partition_key=partition, instance=instance,
                            resources={"warehouse": _Warehouse(path=str(db))}, raise_on_error=False)
    (ev,) = result.get_asset_check_evaluations()
    return ev, downstream


def test_asset_checks_cover_the_agreed_keys():
    keys = {(k.asset_key.to_user_string(), k.name) for c in asset_checks for k in c.check_keys}
    assert keys == {("figures", "figures_valid"), ("fct_figure", "fct_figure_valid"),
                    ("dim_indicator", "dim_indicator_valid"), ("fct_target_outcome", "fct_target_outcome_valid"),
                    ("dim_document", "dim_document_valid")}
    blocking = {k.name: spec.blocking for c in asset_checks for k, spec in zip(c.check_keys, c.check_specs)}
    assert blocking == {"figures_valid": False, "fct_figure_valid": True, "dim_indicator_valid": True,
                        "fct_target_outcome_valid": True, "dim_document_valid": True}


def test_figures_check_quarantines_its_partition_and_does_not_block(tmp_path):
    db = tmp_path / "w.work.duckdb"
    con = open_db(db)
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    con.close()

    ev, downstream = _run(db, "hz-2026")
    assert not ev.passed
    assert ev.metadata["failed_count"].value == 1 and ev.metadata["quarantined"].value == 1
    assert ev.metadata["sample_rows"].value[0]["check_name"] == "share_in_0_100"
    assert downstream == [True]  # not blocking: the bad figure is already out of the way

    con = open_db(db)
    rows = validate.quarantine_rows(con)
    con.close()
    assert [(r["document_id"], r["figure_no"], r["check_name"]) for r in rows] == [("hz-2026", 3, "share_in_0_100")]


def test_figures_check_on_a_clean_partition_passes(tmp_path):
    db = tmp_path / "w.work.duckdb"
    con = open_db(db)
    good_2025(con)
    good_2026(con, {3: dict(value=130.0)})
    con.close()
    ev, _ = _run(db, "hz-2025")  # only that document is validated
    assert ev.passed and ev.metadata["rows_validated"].value == 4

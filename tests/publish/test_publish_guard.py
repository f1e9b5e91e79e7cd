"""Publishing refuses marts that were not judged by every blocking suite since the last dbt build."""
from datetime import datetime, timedelta

from orchestration import warehouse
from orchestration.defs.assets.publishing import BLOCKING_SUITES, unvalidated_suites

T0 = datetime(2026, 1, 1, 8, 0, 0)


def _judge(con, suite, at, success=True, severity="critical"):
    con.execute("""INSERT INTO raw.validation_results (run_id, suite, table_name, expectation, severity, success,
                   validated_at) VALUES ('r', ?, ?, 'expect_x', ?, ?, ?)""", [suite, suite, severity, success, at])


def test_publish_guard(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as con:
        assert unvalidated_suites(con) == ["no dbt build recorded"]
        con.execute("INSERT INTO raw.builds VALUES (?, 'b1')", [T0])
        assert unvalidated_suites(con) == list(BLOCKING_SUITES)          # built, never judged
        for suite in BLOCKING_SUITES:
            _judge(con, suite, T0 + timedelta(seconds=5))
            _judge(con, suite, T0 + timedelta(seconds=5), success=False, severity="warning")
        assert unvalidated_suites(con) == []                               # warnings do not block
        _judge(con, "fct_figure", T0 + timedelta(seconds=9), success=False)
        assert unvalidated_suites(con) == ["fct_figure"]                   # the latest judgement failed
        _judge(con, "fct_figure", T0 + timedelta(seconds=12))
        assert unvalidated_suites(con) == []
        con.execute("INSERT INTO raw.builds VALUES (?, 'b2')", [T0 + timedelta(seconds=20)])
        assert unvalidated_suites(con) == list(BLOCKING_SUITES)          # rebuilt after the checks

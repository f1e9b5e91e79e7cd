"""The dbt CLI resource skips dagster-dbt's `dbt --version` subprocess and in-process adapter
(orchestration/defs/dbt_cli.py): these tests fail if dagster-dbt renames the hooks it overrides
or starts calling something else instead."""
import inspect
import subprocess
from functools import cached_property
from importlib.metadata import version

from dagster_dbt import DbtCliResource

from orchestration.defs.dbt_cli import ProjectDbtCli
from orchestration.defs.resources import build_resources


def test_dagster_dbt_still_calls_the_hooks_overridden():
    assert isinstance(DbtCliResource.__dict__["_cli_version"], cached_property)
    cli = inspect.getsource(DbtCliResource.cli)
    assert "self._cli_version" in cli and "self._initialize_dbt_core_adapter(" in cli


def test_version_is_the_installed_dbt_core_without_a_subprocess(monkeypatch):
    def no_subprocess(*a, **k):
        raise AssertionError(f"subprocess started: {a}")

    monkeypatch.setattr(subprocess, "check_output", no_subprocess)
    dbt = build_resources()["dbt"]
    assert isinstance(dbt, ProjectDbtCli)
    assert str(dbt._cli_version) == version("dbt-core")
    assert dbt._cli_version.major < 2          # dagster-dbt treats the executable as dbt Core
    assert dbt._initialize_dbt_core_adapter(["build"]) is None


def test_dagster_dbt_still_starts_dbt_with_subprocess_popen():
    from dagster_dbt.core.dbt_cli_invocation import DbtCliInvocation

    run = inspect.getsource(DbtCliInvocation.run)
    assert "subprocess.Popen(" in run and "process=process" in run


def test_dbt_runs_in_this_process_and_releases_the_warehouse(tmp_path, monkeypatch):
    """A real dbt command through the resource: no process started, dagster-dbt reads its
    events and exit code, and the DuckDB file is closed afterwards (the publish ATTACHes it)."""
    import duckdb

    from orchestration import warehouse

    real_popen = subprocess.Popen

    def no_dbt_process(args, *a, **k):       # (dbt itself runs `uname -p` for platform.processor())
        assert not str(args[0]).endswith("dbt"), f"dbt process started: {args}"
        return real_popen(args, *a, **k)

    db = tmp_path / "w.duckdb"
    with warehouse.connect(db):
        pass                                                        # the raw tables, empty
    monkeypatch.setattr(subprocess, "Popen", no_dbt_process)
    monkeypatch.setenv("ZHIBIAO_DUCKDB", str(db))
    dbt = build_resources()["dbt"]

    built = dbt.cli(["run", "--select", "stg_documents"], target_path=tmp_path / "target")
    events = list(built.stream_raw_events())                    # raises if dbt failed
    assert built.process.returncode == 0
    assert any(e.raw_event["info"]["name"] == "LogModelResult" for e in events)
    assert {e.raw_event["info"]["level"] for e in events} <= {"info", "warn", "error"}  # what dbt prints
    results = __import__("json").loads((tmp_path / "target" / "run_results.json").read_text(encoding="utf-8"))
    assert results["args"]["invocation_command"] == "dbt run --select stg_documents"   # not pytest's argv
    assert (tmp_path / "target" / "dbt.log").exists()                   # the debug log, as before
    mem = duckdb.connect()
    mem.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])             # not held open by dbt-duckdb
    assert mem.execute("SELECT count(*) FROM w.staging.stg_documents").fetchone() == (0,)
    mem.close()

    failed = dbt.cli(["run-operation", "no_such_macro"], target_path=tmp_path / "target", raise_on_error=False)
    assert not failed.is_successful() and failed.process.returncode != 0
    assert "no_such_macro" in str(failed.get_error())
    assert "DBT_LOG_LEVEL" not in __import__("os").environ        # dbt's settings were put back

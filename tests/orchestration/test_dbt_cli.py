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

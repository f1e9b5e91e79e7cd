"""The dbt CLI resource, minus three costs dagster-dbt pays on every `dbt.cli()` call that this
project gets nothing for (measured on the shipped documents, 2 cores):

- `dbt --version` in a subprocess (≈5 s: dbt's imports) to learn whether the executable is
  dbt Core or Fusion. Our executable is the `dbt` installed beside this Python (resources.py),
  so its version is the installed dbt-core package's.
- a dbt Core adapter built in this process, base macros loaded (≈2.6 s the first time), which
  dagster-dbt uses only for `fetch_row_counts()` / `fetch_column_metadata()`. The dbt asset
  calls neither, and an adapter that opens the working DuckDB file in this process would also
  be a second handle on the file dbt is writing.
- the `dbt` subprocess itself: the command runs in this process (dbt_inprocess.py), where
  dagster-dbt has already imported dbt-core; about half the dbt step's CPU on one document.

All three are private parts of dagster-dbt 0.29 (`_cli_version`, `_initialize_dbt_core_adapter`,
the `subprocess.Popen` of `DbtCliInvocation.run`); tests/orchestration/test_dbt_cli.py fails if
an upgrade renames them.
"""
from __future__ import annotations

import subprocess
from contextlib import contextmanager
from functools import cached_property
from importlib.metadata import version as installed_version
from types import SimpleNamespace

import dagster_dbt.core.dbt_cli_invocation as dbt_cli_invocation
from dagster_dbt import DbtCliResource
from packaging import version

from .dbt_inprocess import InProcessDbt


class ProjectDbtCli(DbtCliResource):
    """`DbtCliResource` for the dbt-core installed in this environment, run in this process."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 (dagster-dbt's signature)
        return None

    def cli(self, args, **kwargs):
        # DbtCliInvocation.run starts the command with `subprocess.Popen` and then only reads
        # the object it gets back: hand it one that runs dbt here (dbt_inprocess.py)
        with _popen_in_process():
            return super().cli(args, **kwargs)


@contextmanager
def _popen_in_process():
    real = dbt_cli_invocation.subprocess
    dbt_cli_invocation.subprocess = SimpleNamespace(Popen=InProcessDbt, PIPE=subprocess.PIPE, STDOUT=subprocess.STDOUT)
    try:
        yield
    finally:
        dbt_cli_invocation.subprocess = real

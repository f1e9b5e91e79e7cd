"""The dbt CLI resource, minus two costs dagster-dbt pays on every `dbt.cli()` call that this
project gets nothing for (measured on the shipped documents, 2 cores, light load):

- `dbt --version` in a subprocess (≈5 s: dbt's imports) to learn whether the executable is
  dbt Core or Fusion. Our executable is the `dbt` installed beside this Python (resources.py),
  so its version is the installed dbt-core package's.
- a dbt Core adapter built in this process, base macros loaded (≈2.6 s the first time), which
  dagster-dbt uses only for `fetch_row_counts()` / `fetch_column_metadata()`. The dbt asset
  calls neither, and an adapter that opens the working DuckDB file in this process would also
  be a second handle on the file dbt is writing.

Both are private hooks of dagster-dbt 0.29 (`_cli_version`, `_initialize_dbt_core_adapter`);
tests/orchestration/test_dbt_cli.py fails if an upgrade renames them.
"""
from __future__ import annotations

from functools import cached_property
from importlib.metadata import version as installed_version

from dagster_dbt import DbtCliResource
from packaging import version


class ProjectDbtCli(DbtCliResource):
    """`DbtCliResource` for the dbt-core installed in this environment."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 (dagster-dbt's signature)
        return None

"""Resources: where the raw files and the warehouse are, and the dbt CLI.

Both read the same environment variables as the `zhibiao` CLI (ZHIBIAO_RAW, ZHIBIAO_WAREHOUSE),
so the UI, the schedule and the command line work on the same files.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from .. import config, runlock, warehouse
from .dbt_cli import ProjectDbtCli
from .project import dbt_project


# How long a Dagster-launched step waits for a running `zhibiao run` before failing.
LOCK_WAIT_SECONDS = 900.0

# The dbt installed beside this Python, so a venv works without being activated.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))


class WarehouseResource(dg.ConfigurableResource):
    """The raw folder and the warehouse files; empty fields fall back to the environment."""

    raw_dir: str = ""
    warehouse: str = ""

    @property
    def settings(self) -> config.Settings:
        return config.settings(self.raw_dir or None, self.warehouse or None)

    @property
    def working_db(self) -> Path:
        return self.settings.working_db

    @contextmanager
    def writer(self):
        """Hold the run lock while writing, unless this process already holds it (`zhibiao run`).
        Runs launched by Dagster (sensor, schedule, UI) then never write beside a CLI run."""
        settings = self.settings
        if runlock.held_by_me(settings):
            yield
            return
        with runlock.run_lock(settings, timeout=LOCK_WAIT_SECONDS):
            yield

    @contextmanager
    def connect(self):
        """A read-write connection to the working database (the only writer's file)."""
        with self.writer(), warehouse.connect(self.working_db) as con:
            yield con


def build_resources(raw_dir: str | None = None, warehouse_path: str | None = None) -> dict:
    return {
        "warehouse": WarehouseResource(raw_dir=str(raw_dir or ""), warehouse=str(warehouse_path or "")),
        "dbt": ProjectDbtCli(project_dir=dbt_project, profiles_dir=str(dbt_project.profiles_dir),
                             dbt_executable=DBT_EXECUTABLE),
    }

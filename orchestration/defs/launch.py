"""Launching the jobs of defs/jobs.py in this process, for `zhibiao run` (orchestration/runner.py).

The runner decides what to run and reports progress; everything that speaks Dagster is here: the
instance, the documents' partitions, the job runs, and reading their results into plain values
(RunResult), so the runner imports no Dagster.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import dagster as dg

from .jobs import ingest_job, warehouse_job
from .partitions import contiguous_ranges, range_tags, register_documents

__all__ = ["CheckResult", "Launcher", "RunResult", "contiguous_ranges"]

# Dagster's console logger prints every event at DEBUG; the CLI prints its own progress lines
# (a refused file is one line, not a traceback). The warehouse run keeps its errors visible.
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
ERRORS_ONLY = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


@dataclass(frozen=True)
class CheckResult:
    asset: str
    name: str
    passed: bool
    metadata: dict


@dataclass
class RunResult:
    """A finished Dagster run as plain values."""
    run_id: str
    success: bool
    materialized: dict[str, dict] = field(default_factory=dict)   # asset -> its metadata values
    checks: list[CheckResult] = field(default_factory=list)
    failure: str = ""                                             # why the first failed step failed
    materialization_count: int = 0                                # events, as the UI counts them
    step_seconds: dict[str, float] = field(default_factory=dict)   # step -> wall time, for bench/

    def metadata(self, asset: str) -> dict:
        return self.materialized.get(asset, {})

    @property
    def failed_checks(self) -> list[str]:
        """`asset:check` of every failed check, once each (a check may report more than one event)."""
        return list(dict.fromkeys(f"{c.asset}:{c.name}" for c in self.checks if not c.passed))


class Launcher:
    """The jobs of defs/jobs.py, bound to one raw folder and warehouse, run in this process on
    DAGSTER_HOME's instance when set (the UI then shows the CLI's runs), else an ephemeral one."""

    def __init__(self, raw_dir, warehouse):
        from .graph import build_definitions

        from .. import config

        self.settings = config.settings(raw_dir, warehouse)
        self.definitions = build_definitions(raw_dir, warehouse)
        self.instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()

    def register_documents(self, document_ids: list[str]) -> list[str]:
        """Add the missing partitions; returns the partition order (see partitions.py)."""
        return register_documents(self.instance, document_ids)

    def ingest(self, keys: list[str], run_tag: str) -> RunResult:
        """One run of the ingest job over `keys`, neighbours in the partition order (one Dagster
        run for a range of partitions: each asset and the figure check run once over all)."""
        if len(keys) == 1:
            where = {"partition_key": keys[0], "tags": {"zhibiao/run": run_tag}}
        else:
            where = {"tags": {"zhibiao/run": run_tag, **range_tags(keys)}}
        return self._execute(ingest_job.name, QUIET, **where)

    def build_warehouse(self, run_tag: str) -> RunResult:
        """One run of the warehouse job: dbt build, the blocking checks, publish."""
        return self._execute(warehouse_job.name, ERRORS_ONLY, tags={"zhibiao/run": run_tag},
                             subset=self.warehouse_subset())

    def warehouse_subset(self) -> tuple[set[dg.AssetKey], set[dg.AssetCheckKey]] | None:
        """When the dbt project is the one the last finished build of this warehouse used: the
        warehouse job without the seeds, the models made from seeds alone (dim_region; dim_indicator
        is rebuilt for its GX suite) and the dbt tests on them (37 of 109; they depend only on the
        project's CSV files, loaded and tested by that build), and without (re)creating the views
        (a view is its SQL; the data tests on views still run). None (the whole job) otherwise.

        Left out of the run, not excluded from dbt: a step that yields no materialization for an
        asset the run selected makes Dagster skip what depends on it (the mart checks, the
        publish); an asset outside the run does not. dagster-dbt turns the subset into --select."""
        from .. import warehouse
        from .assets.dbt import (dbt_project_manifest, project_unchanged, seed_asset_keys, seed_only_asset_keys,
                                  view_asset_keys, zhibiao_dbt_assets)

        with warehouse.connect(self.settings.working_db) as con:
            if not project_unchanged(con):
                return None
        graph = self.definitions.resolve_asset_graph()
        nodes = dbt_project_manifest()["nodes"]
        unchanged = seed_asset_keys(nodes) | seed_only_asset_keys(nodes)   # tables made from the CSV files alone
        all_checks = warehouse_job.selection.resolve_checks(graph)
        # the dbt tests on those tables passed on the same rows; a blocking GX suite (dim_indicator)
        # must still judge its mart after this build (the publish refuses a suite judged before
        # it), so a table with one is rebuilt and only its dbt tests are left out
        checks = {key for key in all_checks if key.asset_key not in unchanged or key not in zhibiao_dbt_assets.check_keys}
        judged = {key.asset_key for key in all_checks - zhibiao_dbt_assets.check_keys}
        assets = warehouse_job.selection.resolve(graph) - (unchanged - judged) - view_asset_keys(nodes)
        return assets, checks

    def _execute(self, job_name: str, run_config: dict, subset=None, **where) -> RunResult:
        job = self.definitions.resolve_job_def(job_name)
        if subset is not None:
            job = job.get_subset(asset_selection=subset[0], asset_check_selection=subset[1])
        out = _plain(job.execute_in_process(instance=self.instance, raise_on_error=False, run_config=run_config,
                                            **where))
        out.step_seconds = _step_seconds(self.instance, out.run_id)
        return out


def _step_seconds(instance, run_id: str) -> dict[str, float]:
    """Each Dagster step's wall time (start to success or failure): what bench/ prints per step."""
    kinds = {dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE}
    started: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for entry in instance.all_logs(run_id, of_type=kinds):
        step = entry.step_key
        if entry.dagster_event.event_type == dg.DagsterEventType.STEP_START:
            started[step] = entry.timestamp
        elif step in started:
            seconds[step] = seconds.get(step, 0.0) + entry.timestamp - started.pop(step)
    return seconds


def _plain(result: dg.ExecuteInProcessResult) -> RunResult:
    out = RunResult(run_id=result.run_id, success=result.success, failure="" if result.success else _failure(result))
    events = result.get_asset_materialization_events()
    out.materialization_count = len(events)
    for ev in events:
        mat = ev.event_specific_data.materialization
        out.materialized.setdefault(mat.asset_key.to_user_string(),
                                    {k: getattr(v, "value", v) for k, v in mat.metadata.items()})
    for ev in result.get_asset_check_evaluations():
        out.checks.append(CheckResult(ev.asset_key.to_user_string(), ev.check_name, ev.passed,
                                      {k: getattr(v, "value", v) for k, v in (ev.metadata or {}).items()}))
    return out


def _failure(result) -> str:
    for ev in result.all_events:
        if ev.is_step_failure:
            err = ev.event_specific_data.error
            desc = getattr(ev.event_specific_data, "user_failure_data", None)
            if desc is not None and desc.description:
                return desc.description
            if err is None:
                return ev.message
            while err.cause is not None:  # Dagster wraps the user's exception: report that one
                err = err.cause
            return f"{ev.step_key}: {err.message.strip().splitlines()[-1]}"
    return "unknown failure"

"""`zhibiao run`: the whole graph, in-process, for everything under raw/.

Order: take the run lock; compare raw/ with the record of the last published run (runstate);
when nothing changed, say so per step and stop. Otherwise register one partition per document
and run the job `ingest_document` of defs/jobs.py (`raw_documents`, `figures`, `figures_valid`)
once per range of neighbouring partitions to do (the new or changed documents; all of them when
the record cannot be trusted); then one run of `build_warehouse`: `dbt build`, the blocking
checks, and `published_warehouse`. A file that cannot be read is reported (which file, what is
wrong) and recorded in raw.ingest_errors; the other documents still load and nothing already in
the warehouse is touched.

Dagster is reached only through defs/launch.py (jobs in, plain results out): this module
decides what to run and says what happened.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from collections.abc import Callable

from . import config, ingest, load, runstate, warehouse
from .runlock import run_lock

Progress = Callable[[str], None]
# New documents go through Dagster this many at a time: a progress line per piece on a long first
# run, a crash loses at most one piece's work, and memory stays bounded by the piece, not the archive.
DOCUMENTS_PER_RUN = 500


@dataclass
class RunSummary:
    run_id: str
    documents: dict[str, str] = field(default_factory=dict)   # id → new / new_version / unchanged
    refused: list[str] = field(default_factory=list)          # "path: reason"
    checks_failed: list[str] = field(default_factory=list)
    published: bool = False
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)     # phase or Dagster step → seconds

    @property
    def ok(self) -> bool:
        return self.published and not self.checks_failed


def _manifest_reads(manifest) -> bool:
    import json

    try:
        json.loads(manifest.read_bytes())
        return True
    except (OSError, ValueError):
        return False


def ensure_dbt_manifest(progress: Progress = lambda s: None, project_dir=None, wait: float = 30.0) -> None:
    """@dbt_assets reads the manifest at import: (re)parse the project when it is missing or
    older than any file of the project, so an edited model never runs against a stale manifest.

    dbt writes target/manifest.json in place, so a `dbt parse` or `dbt docs generate` of another
    process leaves it empty or cut for a moment: a manifest that does not read as JSON is waited
    for (up to `wait` seconds) and then parsed again, instead of failing the run at import."""
    from .config import DBT_PROJECT_DIR

    project_dir = project_dir or DBT_PROJECT_DIR
    manifest = project_dir / "target" / "manifest.json"
    skip = {project_dir / "target", project_dir / "logs"}
    newest = max((p.stat().st_mtime for p in project_dir.rglob("*")
                  if p.is_file() and not any(s in p.parents for s in skip)), default=0.0)
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        deadline = time.monotonic() + wait
        while not _manifest_reads(manifest) and time.monotonic() < deadline:
            time.sleep(0.5)
        if _manifest_reads(manifest):
            return
        progress(f"{manifest} does not read as JSON (another dbt process writing it?): parsing again")
    else:
        progress("parsing the dbt project (dbt parse)")
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    subprocess.run([dbt, "parse", "--quiet", "--project-dir", str(project_dir),
                    "--profiles-dir", str(project_dir)], check=True)


def run(settings: config.Settings, progress: Progress = print, wait: float = 0.0) -> RunSummary:
    started = time.monotonic()
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    with run_lock(settings, timeout=wait, run_id=summary.run_id):
        files, by_name = ingest.scan(settings.raw_dir)
        seen = runstate.compare(settings, files, by_name)
        summary.steps["scan raw/ and compare with the record"] = time.monotonic() - started
        if seen.nothing_new:
            _nothing_new(settings, summary, seen, by_name, progress)
        else:
            _run(settings, summary, files, by_name, seen, progress)
    summary.seconds = time.monotonic() - started
    return summary


def _nothing_new(settings, summary: RunSummary, seen: runstate.Comparison, by_name, progress: Progress) -> None:
    """Every file, the working database, the snapshot, the extractor, the suites and the models are
    as the last published run left them: no step has anything to do. Dagster is not even loaded."""
    for err in by_name:
        summary.refused.append(str(err))
        progress(f"refused {err}")
    summary.refused += seen.refused
    for r in seen.refused:
        progress(f"refused {r} (as in run {seen.last_run_id})")
    summary.documents = {d: "unchanged" for d in seen.unchanged if d in seen.shas}
    summary.published = True    # the snapshot readers see is current
    n = len(summary.documents)
    progress(f"ingest: nothing new ({n} documents unchanged since run {seen.last_run_id})")
    progress("extract: nothing new (every document's figures are from this extractor version)")
    summary.checks_failed = list(seen.checks_failed)
    note = f"; failed in run {seen.last_run_id}: {', '.join(seen.checks_failed)}" if seen.checks_failed else ""
    progress(f"checks on figures: nothing new (suites unchanged, nothing extracted{note})")
    progress("dbt build: nothing new (models and sources unchanged)")
    progress("checks on marts: nothing new")
    progress(f"publish: nothing new ({settings.warehouse} is the snapshot of run {seen.last_run_id})")


def _run(settings, summary: RunSummary, files, by_name, seen: runstate.Comparison, progress: Progress) -> None:
    ensure_dbt_manifest(progress)
    t0 = time.monotonic()
    from .defs.launch import Launcher, contiguous_ranges

    launcher = Launcher(settings.raw_dir, settings.warehouse)
    summary.steps["load definitions"] = time.monotonic() - t0
    progress(f"loaded definitions ({time.monotonic() - t0:.1f}s)")
    _wait_for_working_db(settings, progress)
    if by_name:
        with warehouse.connect(settings.working_db) as con:
            for err in by_name:
                load.record_error(con, err.path, err.reason, run_id=summary.run_id)
    for err in by_name:
        summary.refused.append(str(err))
        progress(f"refused {err}")
    order = launcher.register_documents([f.document_id for f in files])

    todo = seen.changed
    if seen.trusted:
        progress(f"{len(todo)} new or changed documents, {len(seen.unchanged)} unchanged since run {seen.last_run_id}")
    else:
        progress(f"judging all {len(todo)} documents ({seen.reason})")
    for doc_id in seen.unchanged:
        if doc_id not in todo and doc_id in seen.shas:   # (a refused file has no sha256 recorded)
            summary.documents[doc_id] = "unchanged"
    shas = {d: seen.shas[d] for d in seen.unchanged if d in seen.shas and d not in todo}
    refused_by_content = {}
    for r in seen.refused:   # refused before and unchanged since: refused again without reading
        doc_id = next((f.document_id for f in files if r.startswith(f.relpath + ":")), None)
        if doc_id and doc_id not in todo:
            refused_by_content[doc_id] = r
            summary.refused.append(r)
            progress(f"refused {r} (as in run {seen.last_run_id})")

    n = 0
    for keys in contiguous_ranges(order, todo, most=DOCUMENTS_PER_RUN):
        t = time.monotonic()
        result = launcher.ingest(keys, summary.run_id)
        _add_step_seconds(summary, result)
        docs = result.metadata("raw_documents")
        figs = result.metadata("figures")
        failed = {**(figs.get("failed") or {}), **(docs.get("failed") or {})}  # the first cause wins
        with warehouse.connect(settings.working_db) as con:
            outcomes = load.run_outcomes(con, keys, result.run_id)
            quarantined = _quarantined(con, result.run_id)
        if not result.success and not failed:
            failed = {k: result.failure for k in keys}
        # A check over a range reports once per partition, each time naming the batch's failing
        # documents: gather them per document once, not per partition and document.
        check_failed: dict[str, set[str]] = {}
        for check in result.checks:
            if not check.passed:
                for d in set(check.metadata.get("failing_documents") or keys):
                    check_failed.setdefault(d, set()).add(f"{check.asset}:{check.name} [{d}]")
        per_second = time.monotonic() - t
        for doc_id in keys:
            n += 1
            if doc_id in failed:
                summary.refused.append(failed[doc_id])
                progress(f"[{n}/{len(todo)}] {doc_id}: FAILED {failed[doc_id]}")
                if doc_id in (docs.get("failed") or {}):
                    refused_by_content[doc_id] = failed[doc_id]
                continue
            d = outcomes.get(doc_id, {})
            summary.documents[doc_id] = d.get("status", "?")
            if d.get("sha256"):
                shas[doc_id] = d["sha256"]
            bad = sorted(check_failed.get(doc_id, ()))
            summary.checks_failed += bad
            note = f", check failed: {', '.join(bad)}" if bad else ""
            held = quarantined.get(doc_id, 0)
            if held:  # also when the check passed: a few bad rows are held back without failing it
                note += f", {held} figure{'s' if held != 1 else ''} quarantined (zhibiao quarantine)"
            progress(f"[{n}/{len(todo)}] {doc_id}: {d.get('status')} v{d.get('version')}, "
                     f"{d.get('figures')} figures{note}")
        progress(f"ingested, extracted and checked {len(keys)} documents in one run ({per_second:.1f}s)")

    t = time.monotonic()
    log = settings.home / "logs" / f"dbt-{summary.run_id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    progress(f"building the warehouse: dbt build, checks, publish (dbt's log: {log})")
    # dagster-dbt echoes every dbt log line to stdout; keep them in a file instead.
    with open(log, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        result = launcher.build_warehouse(summary.run_id)
    _add_step_seconds(summary, result)
    mart_failed = result.failed_checks
    summary.checks_failed += mart_failed
    summary.published = bool(result.metadata("published_warehouse"))
    built = result.materialization_count
    progress(f"warehouse: {built} assets materialized, "
             f"{len(mart_failed)} checks failed ({time.monotonic() - t:.1f}s)")
    for name in mart_failed:
        progress(f"check failed: {name}")
    if not result.success:
        progress(f"warehouse build failed: {result.failure}")
    t = time.monotonic()
    _build_data_docs(settings, progress)
    summary.steps["data docs"] = time.monotonic() - t
    if summary.published:
        meta = result.metadata("published_warehouse")
        progress(f"published {settings.warehouse}; PostgreSQL: {meta.get('postgres', 'not configured')}")
        runstate.record(settings, summary.run_id, files, seen, by_name, shas, refused_by_content,
                        summary.checks_failed)
    else:
        runstate.forget(settings)
        progress("NOT published: the snapshot readers see is unchanged")


def _build_data_docs(settings: config.Settings, progress: Progress) -> None:
    """The post-dbt checks draw Data Docs; when dbt failed they did not run, so draw them here
    (a no-op when the site is current). A failure to draw never fails the run."""
    from . import validate

    try:
        index = validate.build_data_docs(settings)
    except Exception as e:  # the validation results themselves are stored; only the HTML is missing
        progress(f"Data Docs not drawn: {e}")
        return
    if index:
        progress(f"Data Docs: {index}")


def _wait_for_working_db(settings: config.Settings, progress: Progress, timeout: float = 300.0) -> None:
    """A `kill -9` of an earlier run can leave its dbt child writing the working database for a
    few seconds more (the run lock died with its parent). Wait for DuckDB's own file lock."""
    import duckdb

    deadline = time.monotonic() + timeout
    said = False
    while True:
        try:
            with warehouse.connect(settings.working_db):
                return
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or time.monotonic() > deadline:
                raise
            if not said:
                progress(f"waiting for another process to release {settings.working_db.name} ({e})")
                said = True
            time.sleep(0.5)


def _add_step_seconds(summary: RunSummary, result) -> None:
    """Each Dagster step's wall time, summed over the run's ranges: what bench/ prints per step."""
    for step, seconds in result.step_seconds.items():
        summary.steps[step] = summary.steps.get(step, 0.0) + seconds


def _quarantined(con, run_id: str) -> dict[str, int]:
    """Figures the figures_valid check sent to quarantine in this Dagster run, per document: one
    check judges a whole batch, so its metadata holds only the batch's total."""
    rows = con.execute(
        """SELECT document_id, count(DISTINCT figure_no) FROM raw.quarantine
           WHERE run_id = ? AND released_at IS NULL GROUP BY document_id""",
        [run_id]).fetchall()
    return dict(rows)

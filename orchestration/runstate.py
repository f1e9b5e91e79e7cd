"""What the last published run was made of, so the next run does only the work that changed.

After a run that published, `record()` writes <home>/<warehouse>.last_run.json: every file under
raw/ (size, mtime, sha256, or the reason it was refused), the working database's size and mtime,
the published snapshot's, and a digest of everything else a run's result depends on (extractor
version, the GX suites, the dbt project). `compare()` then tells the next run:

- `nothing_new`: every file, the working database, the snapshot and the inputs are as recorded:
  the run changes nothing and may stop at once (no Dagster, no dbt, no GX).
- `changed`: the documents whose files are new or changed; only they need ingesting, extracting
  and checking, provided `trusted` (the working database and the inputs are as recorded). When
  anything else moved (a suite edited, the extractor upgraded, the working database written by
  `zhibiao validate` or by hand), nothing is trusted and every document is re-judged, as before.

Files whose size and mtime are as recorded are not hashed again: at 10,000 documents hashing
every file on every run would cost seconds.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import config, ingest

STATE_VERSION = 1


def state_path(settings: config.Settings) -> Path:
    return settings.home / (settings.warehouse.stem + ".last_run.json")


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _digest_tree(h, root: Path, patterns: tuple[str, ...], skip: tuple[str, ...] = ()) -> None:
    for p in sorted(q for pat in patterns for q in root.rglob(pat)):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and not any(rel.startswith(s) for s in skip):
            h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")


def inputs_digest() -> str:
    """Everything besides raw/ that decides what a run produces."""
    from . import extract

    h = hashlib.sha256(f"state {STATE_VERSION}; extractor {extract.EXTRACTOR_VERSION}\0".encode())
    _digest_tree(h, config.EXPECTATIONS_DIR, ("*.json",))
    _digest_tree(h, config.DBT_PROJECT_DIR, ("*.sql", "*.yml", "*.yaml", "*.csv", "*.md"),
                 skip=("target/", "logs/", "dbt_packages/"))
    return h.hexdigest()


def dbt_project_digest() -> str:
    """The dbt project's own files: what decides whether incremental models may keep their rows."""
    h = hashlib.sha256(b"dbt project\0")
    _digest_tree(h, config.DBT_PROJECT_DIR, ("*.sql", "*.yml", "*.yaml", "*.csv"),
                 skip=("target/", "logs/", "dbt_packages/"))
    return h.hexdigest()


@dataclass
class Comparison:
    nothing_new: bool
    trusted: bool                      # the working database and the inputs are as last recorded
    changed: list[str] = field(default_factory=list)     # document ids with new or changed files
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)     # "relpath: reason" of files refused before
    last_run_id: str | None = None
    reason: str = ""                   # why the run cannot trust the record (for the progress line)
    stats: dict[str, list[int] | None] = field(default_factory=dict)   # relpath → [size, mtime] at scan
    shas: dict[str, str] = field(default_factory=dict)   # document id → sha256, for unchanged documents
    checks_failed: list[str] = field(default_factory=list)   # non-blocking check failures of that run


def load(settings: config.Settings) -> dict | None:
    try:
        state = json.loads(state_path(settings).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return state if state.get("version") == STATE_VERSION else None


def compare(settings: config.Settings, files: list[ingest.RawFile], by_name: list[ingest.IngestError]) -> Comparison:
    state = load(settings)
    ids = [f.document_id for f in files]
    # stat before anything is read: a file that changes during the run differs from the record next time
    stats = {f.relpath: _stat(f.path) for f in files}
    if state is None:
        return Comparison(False, False, changed=ids, reason="no record of a published run", stats=stats)
    reasons = []
    if state["inputs"] != inputs_digest():
        reasons.append("extractor, suites or dbt models changed")
    if _stat(settings.working_db) != state["working_db"]:
        reasons.append("the working database was written since")
    if _stat(settings.warehouse) != state["snapshot"]:
        reasons.append("the published snapshot changed")
    recorded = state["files"]
    changed, unchanged, refused, shas = [], [], [], {}
    for f in files:
        old = recorded.get(f.relpath)
        if old is None:
            changed.append(f.document_id)
            continue
        same_stat = stats[f.relpath] == old["stat"]
        if "refused" in old:
            if same_stat:
                refused.append(old["refused"])
                unchanged.append(f.document_id)
            else:
                changed.append(f.document_id)
            continue
        if same_stat or ingest.sha256_of(f.path) == old["sha256"]:
            unchanged.append(f.document_id)
            shas[f.document_id] = old["sha256"]
        else:
            changed.append(f.document_id)
    gone = set(recorded) - {f.relpath for f in files}
    if gone:
        reasons.append(f"{len(gone)} files removed")
    if sorted(str(e) for e in by_name) != state["refused_by_name"]:
        reasons.append("files refused by name changed")
    trusted = not reasons
    return Comparison(nothing_new=trusted and not changed, trusted=trusted,
                      changed=changed if trusted else ids, unchanged=unchanged, refused=refused,
                      last_run_id=state.get("run_id"), reason="; ".join(reasons), stats=stats, shas=shas,
                      checks_failed=state.get("checks_failed", []))


def record(settings: config.Settings, run_id: str, files: list[ingest.RawFile], seen: Comparison,
           by_name: list[ingest.IngestError], shas: dict[str, str], refused_by_content: dict[str, str],
           checks_failed: list[str] = ()) -> None:
    """Write the record after a run that published. `shas`: document id → the sha256 stored in the
    warehouse (a document missing from it and from `refused_by_content`, e.g. its extraction failed,
    is left out and counts as changed next time). Written atomically."""
    entries = {}
    for f in files:
        stat = seen.stats.get(f.relpath)
        if stat is None:
            continue
        if f.document_id in refused_by_content:
            entries[f.relpath] = {"stat": stat, "refused": refused_by_content[f.document_id]}
        elif f.document_id in shas:
            entries[f.relpath] = {"stat": stat, "sha256": shas[f.document_id]}
    state = {"version": STATE_VERSION, "run_id": run_id, "inputs": inputs_digest(),
             "working_db": _stat(settings.working_db), "snapshot": _stat(settings.warehouse),
             "refused_by_name": sorted(str(e) for e in by_name), "files": entries,
             "checks_failed": list(checks_failed)}
    path = state_path(settings)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def forget(settings: config.Settings) -> None:
    """A run that did not publish leaves no record: the next one re-judges everything."""
    state_path(settings).unlink(missing_ok=True)

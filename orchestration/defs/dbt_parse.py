"""The project's dbt parse, given to a warehouse's own dbt target folder before its first build.

Since the profile no longer holds the DuckDB path (orchestration/dbt_duckdb_path.py), the
project's `target/partial_parse.msgpack` passes dbt's partial-parse check on every warehouse,
and a new warehouse's first build skips the full parse (measured: `dbt parse` of the project
6.6-7.5 s of CPU without it, 2.9 s with it, load 6). dagster-dbt already copies that file into
a run's target folder when the folder has none; this copy comes first and fixes the one thing
the file may hold for another place: the seeds' `root_path`, where dbt-duckdb reads their CSV
files from. dbt keeps the root_path of its first full parse through every partial parse after
it, so a parse made with `--project-dir dbt_project` from the repository root holds a relative
path that a build started elsewhere cannot open. Then the seed files' checksums are
invalidated (as dagster-dbt's `DbtProject` preparation does for a deployed project), so dbt
parses the seeds again, and only them, with this project's path (~1.4 s of CPU).
"""
from __future__ import annotations

from pathlib import Path

PARTIAL_PARSE = "partial_parse.msgpack"
# a checksum no file has: dbt sees the seed file as changed and parses it again
_NO_FILE = {"name": "sha256", "checksum": "0" * 64}


def give_project_parse(project_dir: Path, target: Path) -> bool:
    """Copy the project's partial parse into `target` (a warehouse's dbt target folder) when it
    has none; the seeds re-parsed if they were parsed at another path. True when copied."""
    import msgpack

    shipped = project_dir / "target" / PARTIAL_PARSE
    dest = target / PARTIAL_PARSE
    if dest.exists() or not shipped.exists():
        return False
    with shipped.open("rb") as fh:
        data = msgpack.unpack(fh, raw=False, strict_map_key=False)
    seed_roots = {n.get("root_path") for n in data.get("nodes", {}).values() if n.get("resource_type") == "seed"}
    if seed_roots != {str(project_dir)}:
        for entry in data.get("files", {}).values():
            if entry.get("parse_file_type") == "seed":
                entry["checksum"] = dict(_NO_FILE)
    target.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    with partial.open("wb") as fh:
        msgpack.pack(data, fh)
    partial.replace(dest)
    return True

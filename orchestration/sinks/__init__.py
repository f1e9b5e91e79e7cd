"""Sinks: what a publish writes besides the snapshot, in two phases around the swap.

publish (orchestration/publish.py) copies the working database, checks the copy, and then, for
each sink in order:
- ``prepare(con, run_id, marts)`` before the swap, on the checkpointed copy: write everything
  into the sink's own temp files. A failure here fails the publish: nothing changed.
- ``commit()`` right after the swap (the run lock still held): make the prepared output visible
  with an atomic step of its own; returns a status line for PublishResult.
- ``abort()`` when the publish fails before the swap: remove the sink's temp files.
- ``remove_stale(settings, locked)`` (static) at the start of every publish: remove the temp
  files of killed runs. Each sink owns its temp files' names, so only it knows them.
A sink with ``critical = False`` (a replica) may fail at commit without failing the publish:
the snapshot is out, and the failure is reported (or raised as ReplicaError when strict).
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol

import duckdb

from orchestration.config import Settings


class Sink(Protocol):
    name: ClassVar[str]          # its key in PublishResult.sinks
    label: ClassVar[str]         # how messages name it
    critical: ClassVar[bool]     # False: a failed commit is reported, the publish stands

    def prepare(self, con: duckdb.DuckDBPyConnection, run_id: str, marts: dict[str, int]) -> None: ...

    def commit(self) -> str: ...

    def abort(self) -> None: ...

    @staticmethod
    def remove_stale(settings: Settings, locked: bool) -> list[Path]: ...


def default_sinks(settings: Settings, *, export_parquet: bool = True, keep_exports: int = 5,
                  load_postgres: bool = True) -> list[Sink]:
    """The sinks of a publish: the Parquet export, the open lake, then the PostgreSQL endpoint
    if configured."""
    from orchestration.lake import lake_dir

    from .lake import LakeWrite
    from .parquet import ParquetExport
    from .postgres import PostgresLoad

    sinks: list[Sink] = []
    if export_parquet:
        sinks.append(ParquetExport(settings, keep_exports))
    if lake_dir(settings) is not None:  # ZHIBIAO_LAKE=off turns the lake off
        sinks.append(LakeWrite(settings))
    if load_postgres:
        sinks.append(PostgresLoad(settings))
    return sinks


def sink_types() -> list[type]:
    """Every kind of sink, for removing their leftovers whichever sinks this publish uses."""
    from .lake import LakeWrite
    from .parquet import ParquetExport
    from .postgres import PostgresLoad

    return [ParquetExport, LakeWrite, PostgresLoad]

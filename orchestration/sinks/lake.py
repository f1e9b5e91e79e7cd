"""The open-lake sink: after the swap, the published snapshot's marts and raw tables are written
as Hive-partitioned Parquet by orchestration/lake.py (``<home>/lake/current`` or
``$ZHIBIAO_LAKE``; ``off`` turns it off). A replica: a failed lake write never undoes the
publish, and the lake keeps its previous version whole. Temp files: ``.tmp-<pid>-…`` and the
pointer temps inside the lake folder, removed by the lake's own stale-temp sweep."""
from __future__ import annotations

from pathlib import Path

from orchestration import lake
from orchestration.config import Settings


class LakeWrite:
    name = "lake"
    label = "lake write"
    critical = False
    failure_note = "the lake keeps its previous version"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.run_id = ""

    def prepare(self, con, run_id: str, marts: dict[str, int]) -> None:
        """Nothing before the swap: the lake is written from the published snapshot."""
        self.run_id = run_id

    def commit(self) -> str:
        return lake.publish_lake(self.settings, self.settings.warehouse, self.run_id)

    def abort(self) -> None:
        """Nothing prepared, nothing to remove."""

    @staticmethod
    def remove_stale(settings: Settings, locked: bool) -> list[Path]:
        """Temp folders of killed lake writes; the lake's sweep checks their pids itself."""
        root = lake.lake_dir(settings)
        if not locked or root is None or not root.is_dir():
            return []
        before = {p for p in root.iterdir() if p.name.startswith(".")}
        lake.remove_stale_temps(root)
        return sorted(p for p in before if not p.exists())

"""The PostgreSQL sink: after the swap, the published marts are loaded into the configured
endpoint (``ZHIBIAO_PG_URL``, or the private cluster of ``zhibiao serve`` if it is running) by
orchestration/postgres/loading.py. A replica: a failed load never undoes the publish, and the
endpoint keeps serving the previous run whole. Temp files: the loader's CSV folder
``.pgload-<pid>-<token>`` beside the snapshot."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from orchestration.config import Settings
from orchestration.files import pid_alive


class PostgresLoad:
    name = "postgres"
    label = "PostgreSQL load"
    critical = False
    failure_note = "the endpoint keeps serving the previous run"

    def __init__(self, settings: Settings):
        self.settings = settings

    def prepare(self, con, run_id: str, marts: dict[str, int]) -> None:
        """Nothing before the swap: the loader reads the published snapshot itself."""

    def commit(self) -> str:
        from orchestration.postgres.configured import load_if_configured  # psycopg only when publishing

        return load_if_configured(self.settings)

    def abort(self) -> None:
        """Nothing prepared, nothing to remove."""

    @staticmethod
    def remove_stale(settings: Settings, locked: bool) -> list[Path]:
        """CSV folders of killed loads. `zhibiao serve` loads without the run lock, so these go
        only when their process is gone, locked or not."""
        from orchestration.postgres.loading import WORKDIR_PREFIX

        removed: list[Path] = []
        folder = settings.warehouse.parent
        if not folder.is_dir():
            return removed
        for p in folder.iterdir():
            m = re.match(rf"^{re.escape(WORKDIR_PREFIX)}(\d+)-[0-9a-f]+$", p.name)
            if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p)
        return removed

"""The warehouse report: static HTML pages about the published snapshot, for people who would
rather look than query. ``<home>/report/index.html`` opens from a file, with no server, no
JavaScript and no network: the charts are SVG drawn when the report is written.

    index.html              GDP growth targets of the provinces, targets vs outcomes, documents
    quality.html            refused files, quarantined figures, validations, link to the Data Docs
    documents/<id>.html     a document's key figures, each linking to its highlighted sentence

Rules:
- Everything is read from one read-only connection to the published snapshot, so a report
  describes exactly one publish (its run id is on the index and the quality page). A document's
  page shows that document only, so it changes only when the document's figures do: the pages
  whose digest is the previous report's are hard-linked from it, not rendered again (render.py;
  at 10,000 documents rendering every page cost ~50 s).
- The report is written into a fresh folder and ``report`` is a symlink swapped onto it with one
  ``os.replace``: a browser never sees half of a report; the previous folder is then removed.
- Publishing calls :func:`write_after_publish`, which never fails the publish: the snapshot is
  the product, the report a view of it (``zhibiao report`` writes it again).
"""
from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from orchestration.config import Settings

from .data import ReportData

REPORT_LINK = "report"
INDEX = "index.html"
_STAGE_PREFIX = ".report-"

log = logging.getLogger(__name__)


def report_index(settings: Settings) -> Path:
    return settings.home / REPORT_LINK / INDEX


@dataclass(frozen=True)
class Written:
    index: Path
    data: ReportData


def write_report(settings: Settings) -> Written:
    """Write the report of the published snapshot; returns its index.html and what it shows.

    Raises reader.NothingPublished when nothing is published yet."""
    from orchestration import reader

    from . import data, render

    home = settings.home
    link = home / REPORT_LINK
    previous = os.readlink(link) if link.is_symlink() else None
    before = home / previous if previous and re.fullmatch(rf"{re.escape(_STAGE_PREFIX)}[0-9a-f]+", previous) else None
    con = reader.connect_readonly(settings)
    try:
        content = data.read(con, reuse=render.reusable_pages(before))
    finally:
        con.close()
    stage = home / f"{_STAGE_PREFIX}{secrets.token_hex(4)}"
    try:
        render.write_site(content, stage, data_docs=_relative_data_docs(home), previous=before)
        link_tmp = home / f".{REPORT_LINK}.link-{secrets.token_hex(4)}"
        os.symlink(stage.name, link_tmp)
        _make_room_for_link(link)
        os.replace(link_tmp, link)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _remove_stale(home, previous)
    return Written(report_index(settings), content)


def write_after_publish(settings: Settings) -> Written | None:
    """The publish hook: write the report, log and swallow any failure (the publish stands)."""
    try:
        return write_report(settings)
    except Exception as e:  # noqa: BLE001 - a view of the snapshot must not undo the snapshot
        log.warning("report not written: %s: %s", type(e).__name__, e)
        return None


def _relative_data_docs(home: Path) -> str:
    # From report/quality.html, the Data Docs live at ../data_docs/index.html (the report link
    # and data_docs are siblings under the warehouse home).
    return "../data_docs/index.html"


def _make_room_for_link(path: Path) -> None:
    # os.replace cannot put a symlink over a real folder (someone copied a report there).
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)


def _remove_stale(home: Path, previous: str | None) -> None:
    """Remove the folder the link pointed to before, and leftovers of killed writers (older than
    an hour: a younger one may be a concurrent `zhibiao report` still writing)."""
    if previous and re.fullmatch(rf"{re.escape(_STAGE_PREFIX)}[0-9a-f]+", previous):
        shutil.rmtree(home / previous, ignore_errors=True)
    current = os.readlink(home / REPORT_LINK) if (home / REPORT_LINK).is_symlink() else None
    cutoff = time.time() - 3600
    for p in [*home.glob(f"{_STAGE_PREFIX}*"), *home.glob(f".{REPORT_LINK}.link-*")]:
        try:
            if p.name != current and p.lstat().st_mtime < cutoff:
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        except OSError:
            pass

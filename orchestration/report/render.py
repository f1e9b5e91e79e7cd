"""Jinja2 templates + charts → the report's files in one folder.

A document's page shows that document only (no run id, no publish time: those are on the index
and the quality page), so a page whose digest (data.page_digest) is the previous report's is
that page byte for byte: it is hard-linked from the previous folder instead of rendered again.
``PAGES`` in each folder records the digest of every document page it holds, ``CHARTS`` the SVG of
each chart by its spec, which the next report reuses when the spec is the same."""
from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import jinja2

from . import charts
from .data import ReportData
from .labels import target_label

TEMPLATES = Path(__file__).with_name("templates")
PAGES = "_pages.json"   # {document_id: digest} of documents/*.html
CHARTS = "_charts.json"   # {sha256 of a chart's Vega-Lite spec and vl-convert's version: its SVG}


@functools.lru_cache(maxsize=65536)
def page_name(document_id: str) -> str:
    """The file of a document's page. Ingest only admits plain file stems; anything else is
    still made safe rather than trusted. Cached: a report asks it five times per document (the
    index, the quality page, the links), 50,000 regex substitutions at 10,000 documents."""
    return re.sub(r"[^0-9A-Za-z._\-\u4e00-\u9fff]", "_", document_id) + ".html"


def reusable_pages(previous: Path | None) -> dict[str, str]:
    """{document_id: digest} of the pages of the report folder ``previous`` that are there."""
    if previous is None:
        return {}
    try:
        pages = json.loads((previous / PAGES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    # one listing of the folder, not a stat per page (10,000 at 10,000 documents)
    try:
        with os.scandir(previous / "documents") as entries:
            there = {e.name for e in entries if e.is_file()}
    except OSError:
        return {}
    return {doc: digest for doc, digest in pages.items() if isinstance(digest, str) and page_name(doc) in there}


def write_site(data: ReportData, folder: Path, data_docs: str, previous: Path | None = None) -> dict[str, int]:
    """Write the report into ``folder``. Documents not ``loaded`` (data.read found their page
    unchanged) are linked from ``previous``. Returns {"rendered": n, "linked": m} pages."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    common = {"data": data, "label": target_label}
    before, drawn = _previous_charts(previous), {}
    svgs = {
        "gdp_svg": _svg(charts.gdp_targets_chart(data.gdp_targets, data.target_year), before, drawn)
        if data.gdp_targets else None,
        "outcome_svg": _svg(charts.outcome_chart(data.outcome_summary), before, drawn) if data.outcome_summary else None,
    }
    failed_checks = sum(1 for c in data.checks if c["failed"])
    (folder / "documents").mkdir(parents=True)
    _write(folder / "index.html", env.get_template("index.html").render(
        **common, **svgs, root="", show_run=True, page=lambda d: "documents/" + page_name(d)))
    _write(folder / "quality.html", env.get_template("quality.html").render(
        **common, root="", show_run=True, page=lambda d: "documents/" + page_name(d), data_docs=data_docs,
        failed_checks=failed_checks))
    doc_page = env.get_template("document.html")
    counts = {"rendered": 0, "linked": 0}
    # plain strings for the paths: pathlib's joins were a third of linking 10,000 unchanged pages
    into, before = os.path.join(folder, "documents"), os.path.join(previous, "documents") if previous else None
    for doc in data.documents:
        name = page_name(doc.document_id)
        if not doc.loaded:
            if before is None:
                raise ValueError(f"{doc.document_id}: page not loaded and no previous report to link it from")
            _link(os.path.join(before, name), os.path.join(into, name))
            counts["linked"] += 1
            continue
        _write(Path(into, name), doc_page.render(**common, doc=doc, root="../", show_run=False, page=page_name))
        counts["rendered"] += 1
    _write(folder / PAGES, json.dumps({d.document_id: d.digest for d in data.documents}, ensure_ascii=False))
    _write(folder / CHARTS, json.dumps(drawn, ensure_ascii=False))
    return counts


def _previous_charts(previous: Path | None) -> dict[str, str]:
    try:
        old = json.loads((previous / CHARTS).read_text(encoding="utf-8")) if previous is not None else {}
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in old.items() if isinstance(v, str)} if isinstance(old, dict) else {}


def _svg(chart, previous: dict[str, str], drawn: dict[str, str]) -> str:
    """The chart's SVG, recorded in ``drawn``: the previous report's when its spec is the same
    (vl-convert draws a spec the same way every time; drawing took 0.6 s of a 10,000-document
    report's 4.5 s of CPU), else drawn."""
    import vl_convert as vlc

    spec = chart.to_json()
    key = hashlib.sha256(f"{vlc.__version__}\n{spec}".encode()).hexdigest()
    drawn[key] = previous[key] if key in previous else charts.spec_to_svg(spec)
    return drawn[key]


def _write(path: Path, html: str) -> None:
    path.write_text(html, encoding="utf-8")


def _link(src: str, dst: str) -> None:
    # A report folder is never written again once its link points at it, so a page shared by two
    # folders changes in neither; removing the old folder removes its names only.
    try:
        os.link(src, dst)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copyfile(src, dst)

"""Jinja2 templates + charts → the report's files in one folder."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from . import charts
from .data import ReportData
from .labels import target_label

TEMPLATES = Path(__file__).with_name("templates")


def page_name(document_id: str) -> str:
    """The file of a document's page. Ingest only admits plain file stems; anything else is
    still made safe rather than trusted."""
    return re.sub(r"[^0-9A-Za-z._\-\u4e00-\u9fff]", "_", document_id) + ".html"


def write_site(data: ReportData, folder: Path, data_docs: str) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    common = {"data": data, "label": target_label}
    svgs = {
        "gdp_svg": charts.to_svg(charts.gdp_targets_chart(data.gdp_targets, data.target_year))
        if data.gdp_targets else None,
        "outcome_svg": charts.to_svg(charts.outcome_chart(data.outcome_summary)) if data.outcome_summary else None,
    }
    failed_checks = sum(1 for c in data.checks if c["failed"])
    (folder / "documents").mkdir(parents=True)
    _write(folder / "index.html", env.get_template("index.html").render(
        **common, **svgs, root="", page=lambda d: "documents/" + page_name(d)))
    _write(folder / "quality.html", env.get_template("quality.html").render(
        **common, root="", page=lambda d: "documents/" + page_name(d), data_docs=data_docs,
        failed_checks=failed_checks))
    doc_page = env.get_template("document.html")
    for doc in data.documents:
        _write(folder / "documents" / page_name(doc.document_id),
               doc_page.render(**common, doc=doc, root="../", page=page_name))


def _write(path: Path, html: str) -> None:
    path.write_text(html, encoding="utf-8")

"""What the report shows, read from the published snapshot: plain rows, no HTML.

Everything comes from one read-only connection (orchestration.reader), so a report always
describes a single publish. The marts give the figures; the snapshot's ``raw`` schema (it is a
full copy of the working database) gives what the marts leave out on purpose: refused files,
the quarantine, the validation results, and each figure's sentence offsets, which make the
highlight of a figure inside its sentence exact.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb


@dataclass
class GdpTarget:
    region_code: str
    region: str
    document_id: str | None
    low: float
    high: float | None
    qualifier: str | None
    outcome: float | None  # last year's growth as a report states it, or None


@dataclass
class Sentence:
    """A sentence of a document cut at its key figures: a list of (text, figure_no or None)."""
    anchor: str
    pieces: list[tuple[str, int | None]]


@dataclass
class Document:
    document_id: str
    version: int
    title: str | None
    region: str | None
    kind: str
    review_year: int | None
    plan_year: int | None
    document_date: object
    source_path: str
    figures: int
    key_count: int = 0
    digest: str = ""              # of everything its page shows (page_digests); equal digest, equal page
    loaded: bool = True           # False: key_figures/sentences not read, its previous page is reused
    key_figures: list[dict] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class ReportData:
    run_id: str
    published_at: datetime
    marts: dict[str, int]
    target_year: int | None
    gdp_targets: list[GdpTarget]
    outcome_summary: list[dict]   # region × indicator: met / missed / not yet
    outcomes_known: list[dict]    # the targets that have an outcome
    targets_total: int
    documents: list[Document]
    refused: list[dict]
    quarantined: list[dict]
    checks: list[dict]


def read(con, reuse: Mapping[str, str] | None = None) -> ReportData:
    """What the report shows. ``reuse``: {document_id: digest} of the pages a previous report
    has; a document whose digest is the same is listed but its figures are not read (its page is
    linked, not rendered: orchestration/report/render.py)."""
    run_id, published_at, marts = _snapshot(con)
    # The year the provinces' latest reports plan for (most of them; the latest on a tie), not
    # the furthest year any target names (five-year plans reach 2030).
    year = _first(con, """SELECT d.plan_year FROM dim_document d
                          JOIN dim_region r ON r.region_code = d.region_code
                          WHERE d.is_latest AND r.level = 'province' AND d.plan_year IS NOT NULL
                          GROUP BY d.plan_year ORDER BY count(*) DESC, d.plan_year DESC LIMIT 1""")
    return ReportData(
        run_id=run_id, published_at=published_at, marts=marts, target_year=year,
        gdp_targets=_gdp_targets(con, year) if year is not None else [],
        outcome_summary=_rows(con, OUTCOME_SUMMARY), outcomes_known=_rows(con, OUTCOMES_KNOWN),
        targets_total=_first(con, "SELECT count(*) FROM fct_target_outcome") or 0,
        documents=_documents(con, reuse or {}), refused=_refused(con), quarantined=_quarantined(con),
        checks=_checks(con),
    )


def _snapshot(con) -> tuple[str, datetime, dict[str, int]]:
    run_id, published_at, marts = con.execute("SELECT run_id, published_at, marts FROM zhibiao_snapshot").fetchone()
    return run_id, published_at, {m["name"]: int(m["row_count"]) for m in sorted(marts, key=lambda m: m["name"])}


def _gdp_targets(con, year: int) -> list[GdpTarget]:
    # The province's target for `year` and, from the same reports, the growth of `year - 1`
    # (a final figure where a later document gave one, else as the review states it).
    rows = con.execute("""
        SELECT r.region_code, r.name_zh, t.target_growth_pct, t.target_growth_high_pct,
               t.target_growth_qualifier, coalesce(o.final_growth_pct, o.growth_pct),
               (SELECT min(d.document_id) FROM dim_document d
                WHERE d.is_latest AND d.region_code = r.region_code AND d.plan_year = ?)
        FROM mart_key_indicators t
        JOIN dim_region r ON r.region_code = t.region_code
        LEFT JOIN mart_key_indicators o
               ON o.region_code = t.region_code AND o.indicator_id = 'gdp' AND o.period = ?
        WHERE r.level = 'province' AND t.indicator_id = 'gdp' AND t.period = ?
          AND t.target_growth_pct IS NOT NULL
        ORDER BY r.region_code""", [year, year - 1, year]).fetchall()
    return [GdpTarget(code, name, doc, low, high, q, outcome)
            for code, name, low, high, q, outcome, doc in rows]


# met / missed / not yet per region and indicator; works the same when no target has an outcome.
OUTCOME_SUMMARY = """
SELECT coalesce(r.name_zh, t.region_code) AS region, t.region_code,
       coalesce(i.name_zh, t.indicator_text) AS indicator,
       count(*) FILTER (WHERE t.is_met) AS met,
       count(*) FILTER (WHERE NOT t.is_met) AS missed,
       count(*) FILTER (WHERE t.is_met IS NULL) AS not_yet
FROM fct_target_outcome t
LEFT JOIN dim_region r ON r.region_code = t.region_code
LEFT JOIN dim_indicator i ON i.indicator_id = t.indicator_id
WHERE i.is_key
GROUP BY 1, 2, 3
ORDER BY t.region_code, indicator
"""

# A class (dim_indicator.kind = 'class': 项目, 企业) names a kind of thing, not the target: the
# phrase as written (省重点项目) says more than the class's name.
OUTCOMES_KNOWN = """
SELECT coalesce(r.name_zh, t.region_code) AS region, t.period,
       CASE WHEN i.kind = 'headline' THEN i.name_zh ELSE t.indicator_text END AS indicator, t.measure, t.target_text,
       t.target_qualifier, t.outcome_text, t.outcome_status, t.gap, t.gap_unit, t.is_met,
       t.outcome_document_id
FROM fct_target_outcome t
LEFT JOIN dim_region r ON r.region_code = t.region_code
LEFT JOIN dim_indicator i ON i.indicator_id = t.indicator_id
WHERE t.is_outcome_known
ORDER BY t.is_met, t.region_code, indicator, t.period
"""


def _documents(con, reuse: Mapping[str, str]) -> list[Document]:
    # Each latest document with a digest of what its page shows: the document's row and its key
    # figures. Only the documents whose digest differs from their previous page's have their key
    # figures read into Python: at 10,000 documents that is one or two, not all of them.
    stored = _stored_inputs_sql(con)
    docs = []
    for row in con.execute(_DOCUMENTS_STORED.format(stored=stored) if stored else _DOCUMENTS_HASHED).fetchall():
        *fields, key_count, figures_digest = row
        doc = Document(*fields, key_count=key_count)
        doc.digest = page_digest(fields, key_count, figures_digest)
        doc.loaded = reuse.get(doc.document_id) != doc.digest
        docs.append(doc)
    wanted = [(d.document_id, d.version) for d in docs if d.loaded]
    if not wanted:
        return docs
    # The loaded reports' key figures in one query (one query per report scanned fct_figure and
    # raw.figures once each: 1,000 reports cost a minute), grouped per report.
    by_doc: dict[tuple[str, int], list[dict]] = {}
    for f in _rows(con, f"""SELECT k.* FROM ({KEY_FIGURES}) AS k
                            JOIN (SELECT unnest(CAST(? AS VARCHAR[])) AS document_id,
                                         unnest(CAST(? AS INTEGER[])) AS version) AS w
                              ON w.document_id = k.document_id AND w.version = k.version
                            ORDER BY k.document_id, k.version, k.start_offset, k.figure_no""",
                     [[d for d, _ in wanted], [v for _, v in wanted]]):
        by_doc.setdefault((f.pop("document_id"), f.pop("version")), []).append(f)
    for doc in docs:
        if doc.loaded:
            doc.key_figures = by_doc.get((doc.document_id, doc.version), [])
            doc.sentences = _sentences(doc.key_figures)
    return docs


def page_digest(fields: list, key_count: int, figures_digest: str) -> str:
    """What a document's page depends on: its row, its key figures (their DuckDB digest) and the
    code that turns them into HTML (PAGE_CODE). Equal digests, byte-identical pages."""
    text = repr([PAGE_CODE, [str(f) for f in fields], key_count, figures_digest, duckdb.__version__])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _page_code() -> str:
    # The templates, this module (the queries, the sentence cut) and the renderer: a change to any
    # of them re-renders every page.
    here = Path(__file__).parent
    files = [here / "data.py", here / "render.py", here / "labels.py", *sorted((here / "templates").glob("*.html"))]
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


PAGE_CODE = _page_code()

KEY_FIGURE_COLUMNS = ["document_id", "version", "figure_no", "indicator", "indicator_text", "period", "status",
                      "measure", "qualifier", "value", "value_high", "unit", "text", "start_offset", "end_offset",
                      "sentence", "sentence_start"]
KEY_FIGURES = """
SELECT f.document_id, f.version, f.figure_no, coalesce(i.name_zh, f.indicator_text) AS indicator, f.indicator_text,
       f.period, f.status, f.measure, f.qualifier, f.value, f.value_high, f.unit, f.text,
       f.start_offset, f.end_offset, f.sentence, s.sentence_start
FROM fct_figure f
LEFT JOIN dim_indicator i ON i.indicator_id = f.indicator_id
LEFT JOIN raw.figures s ON s.document_id = f.document_id AND s.version = f.version
                       AND s.figure_no = f.figure_no
WHERE f.is_key AND EXISTS (SELECT 1 FROM dim_document d WHERE d.is_latest AND d.document_id = f.document_id
                                                          AND d.version = f.version)
"""


# The documents with their figure counts and the digest of their key figures' rows (KEY_FIGURES,
# hashed in DuckDB): a pass over every key figure with its sentence (1 s of a 4.5 s report at
# 10,000 documents). Used when the snapshot keeps no digests of its own (_stored_inputs_sql).
_DOCUMENTS_HASHED = f"""
    WITH kf AS (SELECT document_id, version, count(*) AS n,
                       sum(CAST(hash({', '.join(KEY_FIGURE_COLUMNS)}) AS HUGEINT)) AS h
                FROM ({KEY_FIGURES}) AS k GROUP BY 1, 2)
    SELECT d.document_id, d.version, d.title, coalesce(d.region_name, r.name_zh), d.kind,
           d.review_year, d.plan_year, d.document_date, d.source_path,
           (SELECT count(*) FROM fct_figure f WHERE f.document_id = d.document_id
              AND f.version = d.version),
           coalesce(kf.n, 0), CAST(coalesce(kf.h, 0) AS VARCHAR)
    FROM dim_document d LEFT JOIN dim_region r ON r.region_code = d.region_code
    LEFT JOIN kf ON kf.document_id = d.document_id AND kf.version = d.version
    WHERE d.is_latest ORDER BY d.region_code, d.document_id"""

# The same rows, the key figures' digest taken from the digests the snapshot keeps of its own
# rows (main.zhibiao_digests, orchestration/snapshot.py: per table, document and lake partition,
# rows and hash sum, written with the rows): the document's fct_figure and raw.figures rows,
# every column, and dim_indicator whole. That covers everything KEY_FIGURES reads of them, so an
# equal digest is still an equal page (a change elsewhere in those rows only renders the page
# again). The counts are a plain aggregate of fct_figure, as the hashed query counts them
# (KEY_FIGURES' left joins are on unique keys, its EXISTS holds for a latest document's version).
_DOCUMENTS_STORED = """
    WITH c AS (SELECT document_id, version, count(*) AS n, count(*) FILTER (WHERE is_key) AS k
               FROM fct_figure GROUP BY 1, 2),
         s AS ({stored})
    SELECT d.document_id, d.version, d.title, coalesce(d.region_name, r.name_zh), d.kind,
           d.review_year, d.plan_year, d.document_date, d.source_path,
           coalesce(c.n, 0), coalesce(c.k, 0),
           'stored:' || coalesce(s.d, '') || '|' || (SELECT coalesce(string_agg(x.d, '|'), '') FROM s AS x WHERE x.k IS NULL)
    FROM dim_document d LEFT JOIN dim_region r ON r.region_code = d.region_code
    LEFT JOIN c ON c.document_id = d.document_id AND c.version = d.version
    LEFT JOIN s ON s.k = d.document_id
    WHERE d.is_latest ORDER BY d.region_code, d.document_id"""

# (table, its group column) whose stored digests stand for a page's key figures; dim_indicator
# has no group column: one group for the whole table.
_PAGE_TABLES = (("main", "fct_figure", "document_id"), ("raw", "figures", "document_id"), ("main", "dim_indicator", None))


def _stored_inputs_sql(con) -> str | None:
    """A query of {k: the stored digests of its rows in _PAGE_TABLES} (k NULL for the tables
    hashed whole), or None when the snapshot keeps none for one of them (written before it kept
    digests): then the key figures are hashed (_DOCUMENTS_HASHED)."""
    from orchestration.published import DIGESTS_TABLE, MART_SCHEMA

    table = f"{MART_SCHEMA}.{DIGESTS_TABLE}"
    try:
        have = set(con.execute(f"SELECT DISTINCT schema_name, table_name FROM {table}").fetchall())
    except duckdb.CatalogException:
        return None
    if any((schema, name) not in have for schema, name, _ in _PAGE_TABLES):
        return None
    per_table = " OR ".join(f"(schema_name = '{schema}' AND table_name = '{name}')" for schema, name, _ in _PAGE_TABLES)
    grouped = ", ".join(f"'{schema}.{name}'" for schema, name, key in _PAGE_TABLES if key)
    # per table and document, the sums over its lake partitions: the rows and hash sum of all its rows
    return f"""SELECT k, string_agg(t || ':' || n || ':' || h, ';' ORDER BY t) AS d FROM (
                   SELECT schema_name || '.' || table_name AS t,
                          CASE WHEN schema_name || '.' || table_name IN ({grouped}) THEN k END AS k,
                          sum(n) AS n, CAST(sum(CAST(h AS HUGEINT)) AS VARCHAR) AS h
                   FROM {table} WHERE {per_table} GROUP BY 1, 2) GROUP BY k"""


def _sentences(figures: list[dict]) -> list[Sentence]:
    """Each sentence holding key figures once, cut so that every figure is its own piece.

    The cut uses the offsets: ``start_offset - sentence_start`` is where the figure's text
    begins inside its sentence, so the highlight is exact even when the same number occurs
    twice in one sentence."""
    by_sentence: dict[tuple[int, str], list[dict]] = {}
    for f in figures:
        start = f["sentence_start"]
        if start is None or f["sentence"] is None:
            continue
        by_sentence.setdefault((start, f["sentence"]), []).append(f)
    out = []
    for (start, text), figs in sorted(by_sentence.items(), key=lambda kv: kv[0][0]):
        pieces: list[tuple[str, int | None]] = []
        pos = 0
        for f in sorted(figs, key=lambda f: f["start_offset"]):
            a, b = f["start_offset"] - start, f["end_offset"] - start
            if a < pos or b > len(text) or text[a:b] != f["text"]:
                continue  # overlapping or out of place: better no highlight than a wrong one
            pieces += [(text[pos:a], None), (text[a:b], f["figure_no"])]
            pos = b
            f["anchor"] = f"f{f['figure_no']}"
        pieces.append((text[pos:], None))
        out.append(Sentence(anchor=f"s{start}", pieces=[p for p in pieces if p[0]]))
    return out


def _refused(con) -> list[dict]:
    # The last refusal of each path that no document was ingested from after it.
    return _rows(con, """
        SELECT e.source_path, e.reason, e.seen_at
        FROM raw.ingest_errors e
        WHERE e.seen_at = (SELECT max(x.seen_at) FROM raw.ingest_errors x WHERE x.source_path = e.source_path)
          AND NOT EXISTS (SELECT 1 FROM raw.documents d WHERE d.source_path = e.source_path
                          AND d.ingested_at > e.seen_at)
        ORDER BY e.source_path""")


def _quarantined(con) -> list[dict]:
    from orchestration import validate

    return validate.quarantine_rows(con)


def _checks(con) -> list[dict]:
    # The latest judgement of each suite on each batch (a document, or a mart).
    return _rows(con, """
        WITH latest AS (
            SELECT suite, batch, max(validated_at) AS at FROM raw.validation_results GROUP BY 1, 2)
        SELECT v.suite, v.batch, l.at AS validated_at, count(*) AS expectations,
               count(*) FILTER (WHERE NOT v.success AND coalesce(v.severity, 'critical') = 'critical') AS failed,
               count(*) FILTER (WHERE NOT v.success AND v.severity = 'warning') AS warnings,
               string_agg(CASE WHEN NOT v.success THEN coalesce(v.check_name, v.expectation) END, ', ') AS failing
        FROM raw.validation_results v
        JOIN latest l ON l.suite = v.suite AND l.batch IS NOT DISTINCT FROM v.batch AND l.at = v.validated_at
        GROUP BY 1, 2, 3 ORDER BY failed DESC, v.suite, v.batch""")


def _rows(con, sql: str, params=None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _first(con, sql: str, params=None):
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None

"""The frames each suite judges: rows read from DuckDB plus the derived columns GX cannot compute
(it cannot join or compare rows). A check GX cannot express is a column computed here plus an
expectation on it in the suite file; the SQL is in sql/*.sql. A suite names its frame in
`meta.frame` (MART_FRAMES for the marts).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from .db import columns, resolve_relation
from .reference import register_reference
from .suites import load_reference

SQL_DIR = Path(__file__).with_name("sql")


class MissingColumns(LookupError):
    """A mart lacks columns its suite judges: the mart is wrong, not the figures in it."""

    def __init__(self, relation: str, missing: list[str]):
        super().__init__(f"{relation} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         "that its suite judges")
        self.relation = relation
        self.missing = missing


@cache
def _template(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql(name: str, **parts: str) -> str:
    """sql/<name>.sql with its {placeholders} filled in (relation names and SQL fragments that
    we build; values always travel as query parameters)."""
    return _template(name).format(**parts)


def figure_checks_sql(src: str, key_cols: str, group_col: str) -> str:
    return sql("figure_checks", src=src, key_cols=key_cols, group_col=group_col)


def _latest_versions_sql(document_ids: list[str] | None) -> str:
    where = ""
    if document_ids is not None:
        where = "WHERE document_id IN (SELECT unnest($ids))"
    return f"""SELECT document_id, max(version) AS version FROM raw.documents {where} GROUP BY document_id"""


def figures_frame(con, document_ids: list[str] | None = None, ref: dict | None = None):
    """The raw.figures rows of the latest version of `document_ids` (all if None), with the
    derived columns the raw_figures suite judges.

    Cost follows the documents validated, not the warehouse: other documents contribute only
    their actual level figures in the same regions (the growth check judges this year's growth
    against last year's report), and document text is read only for the validated documents."""
    ref = ref or load_reference()
    params = {"ids": list(document_ids)} if document_ids is not None else {}
    target = "d.document_id IN (SELECT unnest($ids))" if document_ids is not None else "TRUE"
    con.execute(sql("figures_to_judge", target=target), params)
    try:
        register_reference(con, "_zb_fig", ref)
        checks = figure_checks_sql("_zb_fig", "document_id, version, figure_no", "indicator_text")
        df = con.execute(f"""SELECT * EXCLUDE (doc_rank, is_target) FROM ({checks})
                             WHERE is_target ORDER BY document_id, version, figure_no""").df()
    finally:
        con.execute("DROP TABLE IF EXISTS _zb_fig")
    return add_offset_checks(con, df)


def add_offset_checks(con, df, chunk: int = 200):
    """offsets_inside_document and text_matches_source, judged in Python.

    DuckDB's substring walks UTF-8 from the start of the text on every call (cost grows with
    the offset); Python str slicing is O(1), so each document's text is fetched once, in chunks."""
    inside = [False] * len(df)
    match = [False] * len(df)
    if len(df):
        groups = df.groupby(["document_id", "version"], sort=False).indices
        keys = list(groups)
        starts, ends, texts = df["start_offset"].tolist(), df["end_offset"].tolist(), df["text"].tolist()
        for i in range(0, len(keys), chunk):
            part = keys[i:i + chunk]
            rows = con.execute("SELECT document_id, version, original_text FROM raw.documents "
                               "WHERE document_id IN (SELECT unnest($d))", {"d": [k[0] for k in part]}).fetchall()
            for doc_id, ver, original in rows:
                if original is None or (doc_id, ver) not in groups:
                    continue
                n = len(original)
                for pos in groups[(doc_id, ver)].tolist():
                    st, en = starts[pos], ends[pos]
                    if st == st and en == en and 0 <= st < en <= n:  # NaN != NaN: missing offsets
                        inside[pos] = True
                        match[pos] = original[int(st):int(en)] == texts[pos]
    df["offsets_inside_document"] = inside
    df["text_matches_source"] = match
    return df



def documents_frame(con, document_ids: list[str] | None = None, ref: dict | None = None):
    """Latest version of each document with n_figures, report_figures and has_gdp_figure."""
    ref = ref or load_reference()
    params = {"ids": list(document_ids), "gdp": ref["gdp_pattern"]} if document_ids is not None else {"gdp": ref["gdp_pattern"]}
    return con.execute(sql("documents", latest_versions=_latest_versions_sql(document_ids)), params).df() \
        .drop(columns=["has_text"])


# The columns of fct_figure the figure checks read, in the order the frame shows them. Those of
# _FROM_DOCUMENTS may come from raw.documents instead (fct_figure has no review or plan year);
# every other one must be in the mart: a missing one is MissingColumns, never a column of NULLs
# that the suite would then misjudge.
_MART_FIGURE_COLUMNS = ("version", "review_year", "plan_year", "region_code", "figure_no", "value_high",
                        "qualifier", "status", "indicator_text", "measure", "period", "unit", "value", "text",
                        "start_offset", "end_offset", "of")      # (of: a share of a plan may pass 100 %)
_FROM_DOCUMENTS = {"version": "lv.version", "review_year": "d.review_year", "plan_year": "d.plan_year",
                   "region_code": "d.region_code"}
_MART_ONLY_COLUMNS = ("document_id", "indicator_id", "unit_family", "value_base")


def mart_figures_frame(con, rel: str, ref: dict | None = None, document_ids: list[str] | None = None):
    """fct_figure with the same derived columns as raw figures; offsets are judged against
    raw.documents (the version in the mart). Raises MissingColumns when the mart lacks a column
    the checks read. With `document_ids`, only those documents' rows: exact for every row when
    the list holds whole regions (the only rows one figure's derived columns read are those of
    its own region: doc_rank and the levels of the growth check), see scoped.py."""
    ref = ref or load_reference()
    cols = columns(con, rel)
    missing = [c for c in (*_MART_ONLY_COLUMNS, *_MART_FIGURE_COLUMNS) if c not in cols and c not in _FROM_DOCUMENTS]
    if missing:
        raise MissingColumns(rel, missing)
    # The mart's own unit_family/base_unit (units seed) would clash with the derived ones.
    clash = [c for c in ("unit_family", "base_unit", "unit_scale") if c in cols]
    present = [c for c in _MART_FIGURE_COLUMNS if c in cols] + clash
    excluded = ", ".join('"' + c + '"' for c in present)       # (quoted: of is a keyword)
    star = f"t.* EXCLUDE ({excluded})"
    picked = ", ".join([f't."{c}"' if c in cols else f"{_FROM_DOCUMENTS[c]} AS {c}" for c in _MART_FIGURE_COLUMNS]
                       + [f"t.{c} AS mart_{c}" for c in clash])
    # What names one series across documents (as indicator_key in dbt): the indicator, and for a
    # scoped headline its scope too (东部地区生产总值 is gdp of 东部, never the region's own gdp
    # level to grow from); a class figure only with the same phrase (projects of 省重点项目).
    series = ("CASE WHEN t.indicator_id IS NULL THEN NULL"
              " WHEN t.indicator_match = 'scoped_headline' THEN t.indicator_id || ':' || t.indicator_scope"
              " WHEN t.indicator_match = 'class' THEN t.indicator_id || ':' || t.indicator_text"
              " ELSE t.indicator_id END" if {"indicator_match", "indicator_scope"} <= set(cols) else "t.indicator_id")
    picked += f", {series} AS indicator_series"
    ver = "t.version" if "version" in cols else "lv.version"
    where = "t.document_id IN (SELECT unnest($ids))" if document_ids is not None else "TRUE"
    con.execute(sql("mart_figures_base", star=star, picked=picked, rel=rel, ver=ver, where=where),
                {"ids": list(document_ids)} if document_ids is not None else {})
    try:
        register_reference(con, "_zb_fig", ref)
        dim = resolve_relation(con, "dim_indicator")
        dim_ok = bool(dim) and "unit_family" in columns(con, dim)
        pairs = [tuple(p) for p in ref.get("dbt_family_compatible", [])]
        compat = " OR ".join(f"(x.mart_unit_family = '{a}' AND di.unit_family = '{b}') OR "
                             f"(x.mart_unit_family = '{b}' AND di.unit_family = '{a}')" for a, b in pairs) or "FALSE"
        # Without dim_indicator (a table, not a column) the comparison with it cannot be made.
        dim_join = (f"LEFT JOIN {dim} di ON di.indicator_id = x.indicator_id" if dim_ok
                    else "LEFT JOIN (SELECT NULL AS unit_family) di ON FALSE")
        fits = (f"""x.measure IS DISTINCT FROM 'level' OR x.mart_unit_family IS NULL OR di.unit_family IS NULL
                    OR x.mart_unit_family = di.unit_family OR {compat}""" if dim_ok else "NULL::BOOLEAN")
        base_ok = "x.mart_unit_family IS NULL OR x.value IS NULL OR x.value_base IS NOT NULL"
        checks = figure_checks_sql("_zb_fig", "document_id, version, figure_no", "indicator_series")
        df = con.execute(sql("mart_figures", fits=fits, base_ok=base_ok, checks=checks, dim_join=dim_join)).df()
        return add_offset_checks(con, df)
    finally:
        con.execute("DROP TABLE IF EXISTS _zb_fig")


def table_frame(con, rel: str, ref: dict | None = None):
    return con.execute(f"SELECT * FROM {rel}").df()


def target_outcomes_frame(con, rel: str, ref: dict | None = None, document_ids: list[str] | None = None):
    """fct_target_outcome with: target_in_fct_figure / outcome_in_fct_figure (the pair points at
    published, non-quarantined figures of the right status and period) and is_met_needs_outcome.
    With `document_ids`, only the pairs of those target documents: exact when the list holds
    whole regions (both ends of a pair, and the figures they point at, are of its region)."""
    fct = resolve_relation(con, "fct_figure")
    where = "t.target_document_id IN (SELECT unnest($ids))" if document_ids is not None else "TRUE"
    params = {"ids": list(document_ids)} if document_ids is not None else {}
    if fct is None:
        return con.execute(sql("target_outcomes_without_figures", rel=rel, where=where), params).df()
    return con.execute(sql("target_outcomes", rel=rel, fct=fct, where=where), params).df()


def documents_marts_frame(con, rel: str, ref: dict | None = None, document_ids: list[str] | None = None):
    """dim_document with latest_per_document and, for the latest version of each report,
    has_gdp_figure / key_indicators_found from fct_figure and dim_indicator (null otherwise).
    With `document_ids`, only those documents' rows (and their fct_figure rows): every derived
    column reads only its own document, so any list is exact (scoped.py)."""
    fct, dim = resolve_relation(con, "fct_figure"), resolve_relation(con, "dim_indicator")
    if fct is None or dim is None:
        return con.execute(sql("documents_marts_without_figures", rel=rel)).df()
    some = "document_id IN (SELECT unnest($ids))"
    where, fct_where = (f"t.{some}", f"f.{some}") if document_ids is not None else ("TRUE", "TRUE")
    return con.execute(sql("documents_marts", rel=rel, fct=fct, dim=dim, where=where, fct_where=fct_where),
                       {"ids": list(document_ids)} if document_ids is not None else {}).df()


def documents_marts_units(con, rel: str) -> str | None:
    """The rows scoped.py groups into dim_document's units (k, at, st, region_code: one per mart
    row), or None when fct_figure cannot say when a document's figures changed (then the whole
    mart is judged). dim_document has no change column of its own: a document's rows are its
    state (a hash of each row, summed), and its figures' newest document_changed_at in fct_figure
    says when what has_gdp_figure / key_indicators_found read last changed (the same trust as
    fct_figure's own scoped suite: the incremental models rebuild a document's rows when that
    time moves; dim_indicator's is_key is a seed, in the basis's project digest)."""
    fct = resolve_relation(con, "fct_figure")
    if fct is None or "document_changed_at" not in columns(con, fct):
        return None
    return (f"SELECT m.document_id AS k, f.at, hash(m) AS st, m.region_code FROM {rel} m LEFT JOIN "
            f"(SELECT document_id, max(document_changed_at) AS at FROM {fct} GROUP BY 1) f USING (document_id)")


# The frames that can be built for some documents only (a scoped judgement, scoped.py): the
# mart's document column, the column that says when the row's document (or region) last changed,
# and the one that says what else changed the region (None: nothing else).
# dim_document's frame has no such column: its units come from documents_marts_units instead
# (UNIT_SOURCES).
SCOPED_FRAMES = {"mart_figures": ("document_id", "document_changed_at", None),
                 "target_outcomes": ("target_document_id", "region_changed_at", "region_documents"),
                 "documents_marts": ("document_id", None, None)}
UNIT_SOURCES = {"documents_marts": documents_marts_units}
MART_FRAMES = {"mart_figures": mart_figures_frame, "target_outcomes": target_outcomes_frame,
               "documents_marts": documents_marts_frame, "table": table_frame}

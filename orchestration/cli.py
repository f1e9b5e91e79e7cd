"""The `zhibiao` command.

    zhibiao run                       ingest raw/, extract, dbt build, validate, publish
    zhibiao extract FILE...           figures of any text files, no warehouse involved
    zhibiao figures [--doc ID]        figures from the published warehouse (gold JSONL schema)
    zhibiao sql "SELECT ..."          a read-only query on the published snapshot
    zhibiao quarantine                figures held back by validation, with reasons
    zhibiao validate                  re-check what is loaded after editing a suite
    zhibiao serve                     the PostgreSQL endpoint for BI tools
    zhibiao report [--open]           write the HTML report of the published snapshot, print its path
    zhibiao export [--wait S]         the published marts as Parquet under exports/ (exports/latest)

Every command but `extract` accepts --raw DIR and --warehouse FILE (defaults: ./raw and warehouse/zhibiao.duckdb,
or ZHIBIAO_RAW / ZHIBIAO_WAREHOUSE).
"""
from __future__ import annotations

import argparse
import csv
import json
import signal
import sys

from . import config

GOLD_COLUMNS = ["doc", "start", "end", "text", "value", "value_high", "unit", "measure", "of", "status",
                "period", "qualifier", "indicator", "key"]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", metavar="DIR", help="folder of input documents (default ./raw or $ZHIBIAO_RAW)")
    p.add_argument("--warehouse", metavar="FILE",
                   help="published DuckDB snapshot (default warehouse/zhibiao.duckdb or $ZHIBIAO_WAREHOUSE)")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="zhibiao", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="ingest, extract, build, validate and publish everything under raw/")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another run to finish instead of refusing at once")
    _common(p)
    p = sub.add_parser("extract", help="print the figures of text files (no warehouse)", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p = sub.add_parser("figures", help="figures from the published warehouse")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("--doc", metavar="ID", help="only this document (id or file name)")
    _common(p)
    p = sub.add_parser("sql", help="run a read-only SQL query on the published snapshot")
    p.add_argument("query")
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    _common(p)
    p = sub.add_parser("quarantine", help="list figures held back by validation")
    _common(p)
    p = sub.add_parser("validate", help="re-check every loaded figure and mart with the suites as they are now")
    p.add_argument("--no-marts", action="store_true", help="only the raw figures and documents")
    _common(p)
    p = sub.add_parser("serve", help="the PostgreSQL endpoint for BI tools (needs $ZHIBIAO_PG_PASSWORD)")
    p.add_argument("--port", type=int, help="port of the private cluster (default 5433 or $ZHIBIAO_PG_PORT)")
    p.add_argument("--listen", help="address to listen on (default 127.0.0.1 or $ZHIBIAO_PG_LISTEN)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--status", action="store_true", help="say whether it runs, where, and which run it serves")
    g.add_argument("--stop", action="store_true", help="stop the private cluster")
    g.add_argument("--detach", action="store_true", help="start it and return (it keeps running)")
    _common(p)
    p = sub.add_parser("export", help="write the published snapshot's marts as Parquet (exports/latest)")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for a running run to finish instead of refusing at once")
    p.add_argument("--force", action="store_true", help="write it even if exports/latest holds the published run")
    p.add_argument("--keep", type=int, default=5, help="export folders kept (default 5)")
    _common(p)
    p = sub.add_parser("report", help="write the HTML report of the published snapshot and print its path")
    p.add_argument("--open", action="store_true", help="also open it in the default browser")
    _common(p)
    return ap


def cmd_run(args, settings: config.Settings) -> int:
    from . import runner
    from .runlock import RunLockBusy

    try:
        summary = runner.run(settings, progress=lambda s: print(s, flush=True), wait=args.wait)
    except RunLockBusy as e:
        print(f"zhibiao run: {e}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later
    print(f"run {summary.run_id}: {len(summary.documents)} documents, {len(summary.refused)} refused, "
          f"{'published' if summary.published else 'not published'} in {summary.seconds:.1f}s")
    if summary.published:
        from .report import report_index

        if report_index(settings).is_file():
            print(f"report: {report_index(settings)}")
        _print_gdp(settings)
    return 0 if summary.published else 1


def _print_gdp(settings: config.Settings) -> None:
    """A few lines of real output: each region's GDP as published, with growth and next target.

    The figures come from mart_key_indicators, so the summary follows the marts' rule for which
    statement stands for a year (the year's own figure, not a five-year average or a threshold
    crossed on the way) instead of a rule of its own."""
    from . import reader

    try:
        con = reader.connect_readonly(settings)
        try:
            rows = con.execute(GDP_QUERY).fetchall()
        finally:
            con.close()
    except Exception as e:  # a missing mart must not hide that the run itself succeeded
        print(f"(no GDP summary: {e})")
        return
    print("\nGDP as published (level in 亿元, growth, next year's growth target; from mart_key_indicators):")
    for line in gdp_lines(rows):
        print(line)


def gdp_lines(rows) -> list[str]:
    out = []
    for region, year, level, unit, growth, plan_year, target, target_high in rows:
        lvl = f"{level / 1e8:,.1f} 亿元" if level is not None and unit == "yuan" else "-"
        g = f"{growth:+.1f}%" if growth is not None else "-"
        t = ""
        if target is not None:
            t = f"{plan_year} target {target:g}" + (f"–{target_high:g}%" if target_high is not None else "%")
        out.append(f"  {_pad(str(region), 18)} {year}  {lvl:>14}  {g:>6}   {t}".rstrip())
    return out


def _pad(text: str, width: int) -> str:
    """Left-justify by display width: a Chinese character takes two columns."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


GDP_QUERY = """
WITH latest AS (  -- each region's latest review year, as its latest documents state it
    SELECT region_code, max(review_year) AS review_year
    FROM dim_document
    WHERE is_latest AND region_code IS NOT NULL AND review_year IS NOT NULL
    GROUP BY region_code
)
SELECT coalesce(k.region_name_zh, r.name_zh, l.region_code) AS region, l.review_year,
       k.level, k.level_base_unit, k.growth_pct,
       l.review_year + 1, t.target_growth_pct, t.target_growth_high_pct
FROM latest l
LEFT JOIN dim_region r ON r.region_code = l.region_code
LEFT JOIN mart_key_indicators k
       ON k.region_code = l.region_code AND k.period = l.review_year AND k.indicator_id = 'gdp'
LEFT JOIN mart_key_indicators t
       ON t.region_code = l.region_code AND t.period = l.review_year + 1 AND t.indicator_id = 'gdp'
ORDER BY l.region_code
"""


def _write_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    else:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))


def cmd_figures(args, settings: config.Settings) -> int:
    from . import reader

    con = reader.connect_readonly(settings)
    where, params = "", []
    if args.doc:
        where, params = "WHERE f.document_id = ? OR regexp_replace(d.source_path, '^.*/', '') = ?", [args.doc, args.doc]
    cur = con.execute(f"""
        SELECT regexp_replace(d.source_path, '^.*/', '') AS doc, f.start_offset AS "start", f.end_offset AS "end",
               f.text, f.value, f.value_high, f.unit, f.measure, f."of", f.status, f.period, f.qualifier,
               f.indicator_text AS indicator, f.is_key AS "key"
        FROM fct_figure f JOIN dim_document d USING (document_id, version) {where}
        ORDER BY f.document_id, f.start_offset""", params)
    cols = [c[0] for c in cur.description]
    rows = cur.fetchall()
    if args.doc and not rows and not con.execute(
            "SELECT 1 FROM dim_document WHERE document_id = ? OR regexp_replace(source_path, '^.*/', '') = ? LIMIT 1",
            [args.doc, args.doc]).fetchone():
        # Nothing printed and rc 0 would read as "this document has no figures".
        known = [r[0] for r in con.execute("SELECT DISTINCT document_id FROM dim_document ORDER BY 1 LIMIT 5").fetchall()]
        print(f"zhibiao figures: no document {args.doc!r} in {settings.warehouse} "
              f"(ids look like: {', '.join(known) or 'none published'})", file=sys.stderr)
        return 1
    _write_rows([dict(zip(cols, r)) for r in rows], args.format, GOLD_COLUMNS)
    return 0


def cmd_sql(args, settings: config.Settings) -> int:
    from . import reader

    con = reader.connect_readonly(settings)
    cur = reader.execute(con, args.query)  # memory limit and timeout: ZHIBIAO_SQL_MEMORY_LIMIT / _TIMEOUT
    if cur.description is None:
        return 0
    cols = [c[0] for c in cur.description]
    rows = cur.fetchall()
    if args.format == "table":
        widths = [max([len(str(c))] + [len(str(r[i])) for r in rows[:1000]]) for i, c in enumerate(cols)]
        print("  ".join(str(c).ljust(w) for c, w in zip(cols, widths)))
        for r in rows:
            print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))
    else:
        _write_rows([dict(zip(cols, r)) for r in rows], args.format, cols)
    return 0


def cmd_quarantine(args, settings: config.Settings) -> int:
    # From the published snapshot (a full copy of the working database): readers never touch the
    # working file, so listing the quarantine cannot get in the way of a running run.
    from . import reader, validate

    con = reader.connect_readonly(settings)
    try:
        rows = validate.quarantine_rows(con)
    finally:
        con.close()
    if not rows:
        print("quarantine is empty")
    for r in rows:
        print(json.dumps(r, ensure_ascii=False, default=str))
    return 0


def cmd_validate(args, settings: config.Settings) -> int:
    """After editing a suite under expectations/: judge what is loaded by it, without a full run."""
    import uuid

    from . import runlock, validate, warehouse

    run_id = f"validate-{uuid.uuid4().hex[:12]}"
    with runlock.run_lock(settings, timeout=0.0, run_id=run_id), warehouse.connect(settings.working_db) as con:
        outcomes = validate.revalidate_all(con, run_id, marts=not args.no_marts)
    for name, out in outcomes.items():
        failed = [r.check for r in out.failed_expectations if r.blocking]
        extra = f" (quarantined {out.quarantined}, released {out.released})" if name == "figures" else ""
        print(f"{name}: {'ok' if out.success else 'FAILED ' + ', '.join(failed)}{extra}")
    if outcomes["figures"].quarantined or outcomes["figures"].released:
        print("the quarantine changed: `zhibiao run` rebuilds and publishes the marts")
    print(f"Data Docs: {outcomes['figures'].docs_path}")
    return 0 if all(o.success for o in outcomes.values()) else 1


def cmd_serve(args, settings: config.Settings) -> int:
    from . import serve

    if args.status:
        print(json.dumps(serve.status(settings), ensure_ascii=False))
    elif args.stop:
        print("stopped" if serve.stop(settings) else "not running")
    elif args.detach:
        endpoint = serve.start(settings, port=args.port, listen=args.listen)
        print(f"serving at {endpoint.reader_url} (schema {serve.SCHEMA}); stop with: zhibiao serve --stop")
    else:
        serve.serve_forever(settings, port=args.port, listen=args.listen)
    return 0


def cmd_export(args, settings: config.Settings) -> int:
    """exports/latest/<mart>.parquet from the published snapshot: not written by every run
    (orchestration/export.py), so this, the daily schedule or ZHIBIAO_PARQUET_EXPORT=every-run."""
    from .export import export_parquet
    from .runlock import RunLockBusy

    try:
        result = export_parquet(settings, keep=args.keep, wait=args.wait, force=args.force)
    except RunLockBusy as e:
        print(f"zhibiao export: {e}", file=sys.stderr)
        return 75
    print(f"{'exported' if result.written else 'up to date:'} run {result.run_id}: {result.folder}")
    return 0


def cmd_report(args, settings: config.Settings) -> int:
    # Written again from the snapshot (publishing writes it too): read-only, no run lock needed.
    from . import report

    index = report.write_report(settings).index
    print(index)
    if args.open:
        import webbrowser

        webbrowser.open(index.as_uri())
    return 0


def main(argv: list[str] | None = None) -> int:
    # `zhibiao figures | head` should stop quietly, as other Unix tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["extract"]:
        from .extract import cli as extract_cli

        return extract_cli.main(argv[1:]) or 0
    args = _parser().parse_args(argv)
    settings = config.settings(args.raw, args.warehouse)
    handler = {"run": cmd_run, "figures": cmd_figures, "sql": cmd_sql, "quarantine": cmd_quarantine,
               "validate": cmd_validate, "serve": cmd_serve, "report": cmd_report,
               "export": cmd_export}[args.command]
    try:
        return handler(args, settings)
    except Exception as e:  # one clear line for the user; the traceback only with ZHIBIAO_DEBUG
        if __import__("os").environ.get("ZHIBIAO_DEBUG"):
            raise
        print(f"zhibiao {args.command}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

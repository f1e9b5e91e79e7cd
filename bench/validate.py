"""Benchmark: what validation costs per run.

    .venv/bin/python bench/validate.py [--docs 10000] [--no-dbt] [--keep DIR]

Prints, each in a fresh process where imports matter:
1. a run that validates nothing (no document loaded): its time and whether great_expectations
   was imported (it must not be);
2. the sample (raw/reports): load, then validate_figures over every document, over one
   document, one document at a time in one process as `zhibiao run` does (the first call, which
   sets GX up, apart from the mean of the others), build_data_docs once after them, and
   validate_table on the marts after a real `dbt build` (skip: --no-dbt);
3. a synthetic warehouse of --docs documents (copies of the sample with shifted years and
   regions): validate_figures on one new document, on a batch of 29, and on all of them.
Work goes to a temporary folder (or --keep DIR). Timings only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def in_fresh_process(code: str) -> dict:
    """Run `code` (which prints one JSON line last) in a new interpreter; return that JSON."""
    res = subprocess.run([PY, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{code}"],
                         capture_output=True, text=True, cwd=ROOT)
    if res.returncode:
        raise SystemExit(res.stderr)
    lines = [ln[ln.index("{"):] for ln in res.stdout.splitlines() if "{" in ln]
    if not lines:
        raise SystemExit(f"no result from the child process:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    return json.loads(lines[-1])


NOTHING = """
import json, time
t = time.perf_counter()
from orchestration import validate, warehouse
import orchestration.defs.checks
with warehouse.connect({db!r}) as con:
    out = validate.validate_figures(con, "bench-empty", [])
print(json.dumps({{"seconds": time.perf_counter() - t, "gx_imported": "great_expectations" in sys.modules,
                  "validated": out.validated}}))
"""

LOAD_SAMPLE = """
import json, time
from pathlib import Path
from orchestration import ingest, load, warehouse
t = time.perf_counter()
with warehouse.connect({db!r}) as con:
    for f in ingest.scan(Path({raw!r}))[0]:
        r = load.load_document(con, ingest.read(f))
        load.load_figures(con, f.document_id, r.version)
    n = con.execute("SELECT count(*) FROM raw.figures").fetchall()[0][0]
    d = con.execute("SELECT count(*) FROM raw.documents").fetchall()[0][0]
print(json.dumps({{"seconds": time.perf_counter() - t, "figures": n, "documents": d}}))
"""

VALIDATE = """
import json, time
t0 = time.perf_counter()
import great_expectations
t_import = time.perf_counter() - t0
from orchestration import validate, warehouse
with warehouse.connect({db!r}) as con:
    ids = {ids}
    t = time.perf_counter()
    frame = validate.figures_frame(con, ids)
    t_frame = time.perf_counter() - t
    t = time.perf_counter()
    out = validate.validate_figures(con, "bench-{tag}", ids)
    t_total = time.perf_counter() - t
print(json.dumps({{"gx_import": t_import, "frame": t_frame, "validate_figures": t_total, "rows": out.row_count,
                  "quarantined": out.quarantined, "failed_count": out.failed_count, "success": out.success,
                  "failed": [r.check for r in out.failed_expectations if r.blocking]}}))
"""

PER_DOCUMENT = """
import json, time
t0 = time.perf_counter()
from orchestration import validate, warehouse
with warehouse.connect({db!r}) as con:
    ids = [r[0] for r in con.execute("SELECT DISTINCT document_id FROM raw.documents ORDER BY 1").fetchall()][:{n}]
    times = []
    for i in ids:
        t = time.perf_counter()
        validate.validate_figures(con, "bench-per-document", [i])
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    validate.build_data_docs(con)
    t_docs = time.perf_counter() - t
    t = time.perf_counter()
    validate.build_data_docs(con)
    t_docs_again = time.perf_counter() - t
rest = sorted(times[1:])
print(json.dumps({{"first_call": times[0], "per_document": sum(rest) / len(rest), "median": rest[len(rest) // 2],
                  "documents": len(times), "build_data_docs": t_docs, "build_data_docs_again": t_docs_again}}))
"""

VALIDATE_MARTS = """
import json, time
import great_expectations
from orchestration import validate, warehouse
res = {{}}
with warehouse.connect({db!r}) as con:
    for table in validate.MARTS:
        t = time.perf_counter()
        out = validate.validate_table(con, table, "bench-marts")
        res[table] = {{"seconds": time.perf_counter() - t, "rows": out.row_count, "success": out.success,
                      "failed": [r.check for r in out.failed_expectations]}}
print(json.dumps(res))
"""

SYNTHESIZE = """
import json, time
from orchestration import warehouse
t = time.perf_counter()
with warehouse.connect({dst!r}) as con:
    con.execute("ATTACH {src!r} AS s (READ_ONLY)")
    con.execute("CREATE TEMP TABLE base AS SELECT row_number() OVER (ORDER BY document_id) - 1 AS j, * "
                "FROM s.raw.documents WHERE version = 1")
    m = con.execute("SELECT count(*) FROM base").fetchall()[0][0]
    # copy k of the sample: years shifted back by k % 10, its own region group k // 10
    con.execute(f'''CREATE TEMP TABLE plan AS SELECT i, i % {{m}} AS j, i // {{m}} AS k,
                   'syn-' || lpad(i::VARCHAR, 5, '0') AS document_id FROM range({n}) t(i)''')
    con.execute('''INSERT INTO raw.documents SELECT p.document_id, 1, b.sha256 || p.k, b.kind, b.source_path, b.byte_size,
                   b.encoding, b.original_text, b.normalized_text, b.offset_map, b.title, b.issuer, b.doc_date,
                   b.review_year - p.k % 10, b.plan_year - p.k % 10, b.region_code || '-' || (p.k // 10),
                   b.region_name, b.ingested_at, 'synthetic'
                   FROM plan p JOIN base b USING (j)''')
    con.execute('''INSERT INTO raw.figures SELECT p.document_id, 1, f.figure_no, f.text, f.start_offset, f.end_offset,
                   f.value, f.value_high, f.unit, f.measure, f.status, f.period - p.k % 10, f.qualifier, f."of",
                   f.indicator_text, f.is_key, f.sentence, f.sentence_start, f.sentence_end, f.extractor_version,
                   f.extracted_at, 'synthetic'
                   FROM plan p JOIN base b USING (j) JOIN s.raw.figures f ON f.document_id = b.document_id AND f.version = 1''')
    con.execute("CHECKPOINT")
    n_fig = con.execute("SELECT count(*) FROM raw.figures").fetchall()[0][0]
print(json.dumps({{"seconds": time.perf_counter() - t, "figures": n_fig}}))
"""


def dbt_build(db: Path, work: Path) -> float:
    t = time.perf_counter()
    env = {**os.environ, "ZHIBIAO_DUCKDB": str(db), "DO_NOT_TRACK": "1"}
    dbt = str(Path(PY).with_name("dbt"))
    subprocess.run([dbt, "build", "--quiet", "--project-dir", str(ROOT / "dbt_project"), "--profiles-dir",
                    str(ROOT / "dbt_project"), "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
                   env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def show(label: str, r: dict) -> None:
    print(f"  {label:<34} " + "  ".join(f"{k}={v:.2f}s" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--raw", default=str(ROOT / "raw"))
    ap.add_argument("--no-dbt", action="store_true")
    ap.add_argument("--per-document", type=int, default=8, help="documents validated one at a time (>= 2)")
    ap.add_argument("--only-per-document", metavar="DB",
                    help="just the one-at-a-time figure on an existing working DuckDB (a copy: it is written to)")
    ap.add_argument("--keep", help="work folder to keep (default: a temporary one)")
    args = ap.parse_args()
    if args.only_per_document:
        show("one document at a time", in_fresh_process(PER_DOCUMENT.format(db=args.only_per_document,
                                                                             n=args.per_document)))
        return
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="zhibiao-bench-validate-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder {work}")

    print("1. a run with nothing to validate")
    show("validate_figures(ids=[])", in_fresh_process(NOTHING.format(db=str(work / "empty.duckdb"))))

    print("2. the sample")
    sample = work / "sample.duckdb"
    loaded = in_fresh_process(LOAD_SAMPLE.format(db=str(sample), raw=args.raw))
    show("load (ingest + extract)", loaded)
    show("validate all documents", in_fresh_process(VALIDATE.format(db=str(sample), ids="None", tag="all")))
    one = "['zhejiang-2026-government-work-report']"
    show("validate one document", in_fresh_process(VALIDATE.format(db=str(sample), ids=one, tag="one")))
    show("one document at a time", in_fresh_process(PER_DOCUMENT.format(db=str(sample), n=args.per_document)))
    if not args.no_dbt:
        print(f"  dbt build                          {dbt_build(sample, work):.2f}s (not validation; for scale)")
        for table, r in in_fresh_process(VALIDATE_MARTS.format(db=str(sample))).items():
            show(f"validate_table {table}", r)

    print(f"3. synthetic warehouse of {args.docs} documents")
    syn = work / "synthetic.duckdb"
    if syn.exists():
        syn.unlink()
    show("synthesize", in_fresh_process(SYNTHESIZE.format(src=str(sample), dst=str(syn), n=args.docs)))
    last = f"syn-{args.docs - 1:05d}"
    show("validate one new document", in_fresh_process(VALIDATE.format(db=str(syn), ids=repr([last]), tag="one")))
    batch = [f"syn-{i:05d}" for i in range(args.docs - 29, args.docs)]
    show("validate a batch of 29 documents", in_fresh_process(VALIDATE.format(db=str(syn), ids=repr(batch), tag="batch")))
    show("validate all documents", in_fresh_process(VALIDATE.format(db=str(syn), ids="None", tag="all")))


if __name__ == "__main__":
    main()

"""How many published figures join a canonical indicator, and the worklist of phrases that do not.

    .venv/bin/python bench/indicators.py [--warehouse warehouse/zhibiao.duckdb] [--top 30]

Reads the published snapshot (run `zhibiao run` first) and prints:
1. the share of all figures and of key figures that carry an `indicator_id` in `fct_figure`,
   with the goals of issue 11 beside them (75 % of all, 98 % of key);
2. how figures were matched (`indicator_match`: exact, scope_prefix, scoped_headline, class, unmapped), all and key;
3. the classes (head-noun indicators, dim_indicator.kind = class) with the most figures;
4. the --top most frequent unmapped phrases: the maintainers' worklist (a phrase worth an alias,
   or an extractor phrase worth cleaning).
Figures only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orchestration.reader import connect_path_readonly  # noqa: E402

GOALS = {"all figures": 0.75, "key figures": 0.98}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--warehouse", default=str(ROOT / "warehouse" / "zhibiao.duckdb"))
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    if not Path(args.warehouse).exists():
        sys.exit(f"{args.warehouse}: no published warehouse; run `zhibiao run` first")
    con = connect_path_readonly(args.warehouse)
    shares = con.execute("""
        select 'all figures', count(*), count(indicator_id) from fct_figure
        union all
        select 'key figures', count(*), count(indicator_id) from fct_figure where is_key
    """).fetchall()
    print("figures with a canonical indicator_id:")
    for name, n, mapped in shares:
        share = mapped / n if n else 0.0
        print(f"  {name:<12} {mapped:>5} of {n:>5}  {share:6.1%}   (goal {GOALS[name]:.0%})")
    print("by match rule (figures, of which key):")
    for rule, n, key_n in con.execute("""select indicator_match, count(*), count(*) filter (where is_key)
                                          from fct_figure group by 1 order by 2 desc""").fetchall():
        print(f"  {rule:<13} {n:>5} {key_n:>5}")
    has_kind = con.execute("""select count(*) from information_schema.columns
                               where table_name = 'dim_indicator' and column_name = 'kind'""").fetchone()[0]
    classes = [] if not has_kind else con.execute("""
        select f.indicator_id, count(*) as n, count(distinct f.indicator_scope) as scopes
        from fct_figure f join dim_indicator d using (indicator_id)
        where d.kind = 'class' group by 1 order by n desc, 1 limit 15""").fetchall()
    if classes:
        print("the 15 classes with the most figures (figures, distinct scopes):")
        for indicator_id, n, scopes in classes:
            print(f"  {n:>4} {scopes:>4}  {indicator_id}")
    rows = con.execute("""
        select indicator_text, count(*) as n, count(*) filter (where is_key) as key_n
        from fct_figure where indicator_id is null and indicator_text is not null
        group by 1 order by n desc, indicator_text limit ?
    """, [args.top]).fetchall()
    print(f"the {args.top} most frequent unmapped phrases (figures, of which key):")
    for phrase, n, key_n in rows:
        print(f"  {n:>3} {key_n:>3}  {phrase}")


if __name__ == "__main__":
    main()

"""How many targets meet their outcome and estimates their final, on the published snapshot.

    .venv/bin/python bench/outcomes.py [--warehouse warehouse/zhibiao.duckdb]

Prints (run `zhibiao run` first):
1. targets, targets with an outcome, judged pairs (is_met decided), met; estimates and estimate
   pairs with a final; preliminary (初步核算) figures;
2. the main targets of issue 15 per indicator: targets set, outcomes found, judged, met;
3. why a 2025 target has no outcome: whether any later document of its region states an
   outcome of the same indicator at all (the outcome is missing from the documents), or one
   exists that the matching rule does not take.
Figures only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orchestration.reader import connect_path_readonly  # noqa: E402

MAIN_TARGETS = ["gdp", "cpi", "urban_unemployment_rate", "new_urban_jobs", "grain_output", "energy_intensity",
                "general_budget_revenue", "retail_sales", "fixed_asset_investment", "industrial_value_added",
                "disposable_income_per_capita", "foreign_trade"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--warehouse", default=str(ROOT / "warehouse" / "zhibiao.duckdb"))
    args = ap.parse_args()
    if not Path(args.warehouse).exists():
        sys.exit(f"{args.warehouse}: no published warehouse; run `zhibiao run` first")
    con = connect_path_readonly(args.warehouse)
    totals = con.execute("""
        select
            (select count(*) from fct_target_outcome),
            (select count(*) from fct_target_outcome where is_outcome_known),
            (select count(*) from fct_target_outcome where is_met is not null),
            (select count(*) from fct_target_outcome where is_met),
            (select count(*) from fct_estimate_revision),
            (select count(*) from fct_estimate_revision where is_final_known),
            (select count(*) from fct_figure where is_preliminary)
    """).fetchone()
    names = ["targets", "with an outcome", "judged (is_met known)", "met", "estimates", "estimate pairs (final known)",
             "preliminary figures (初步核算)"]
    for name, n in zip(names, totals):
        print(f"{name:<30} {n:>6}")
    print("\nmain targets (all periods): set / outcome found / judged / met")
    rows = con.execute(f"""
        select indicator_id, measure, count(*), count(*) filter (where is_outcome_known),
               count(is_met), count(*) filter (where is_met)
        from fct_target_outcome
        where indicator_id in ({", ".join("?" for _ in MAIN_TARGETS)})
        group by 1, 2 order by 3 desc
    """, MAIN_TARGETS).fetchall()
    for ind, measure, n, known, judged, met in rows:
        print(f"  {ind:<30} {measure:<7} {n:>4} {known:>4} {judged:>4} {met:>4}")
    print("\n2025 targets of a canonical indicator without an outcome: does a later document of the region")
    print("state any figure of that indicator and measure for 2025?")
    for stated, n in con.execute("""
        select exists (
                   select 1 from fct_figure f join dim_document d using (document_id)
                   where d.is_latest and f.region_code = t.region_code and f.indicator_id = t.indicator_id
                     and f.measure = t.measure and f.period = 2025 and f.status <> 'target'
                     and f.document_id <> t.target_document_id
               ) as stated,
               count(*)
        from fct_target_outcome t
        where t.period = 2025 and t.indicator_id is not null and not t.is_outcome_known
        group by 1 order by 1
    """).fetchall():
        print(f"  {'stated somewhere (not matched)' if stated else 'stated nowhere we hold':<32} {n:>5}")


if __name__ == "__main__":
    main()

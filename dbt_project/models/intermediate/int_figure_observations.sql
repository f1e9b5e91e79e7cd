-- One statement per document of what a region's indicator was (or is to be) in a period:
-- the first figure of each (document, region, indicator_key, measure, of, period, status).
-- Reports repeat headline figures (summary, chapter, glossary); comparisons across
-- documents must count each once. Figures without a region, period or indicator phrase
-- cannot be compared and are left out here (they stay in fct_figure).
with figures as (
    select * from {{ ref('int_figures_enriched') }}
    where region_code is not null
        and period is not null
        and indicator_key is not null
),

ranked as (
    select
        figures.*,
        row_number() over (
            partition by document_id, region_code, indicator_key, measure, of_key, period, status
            order by figure_no
        ) as statement_no
    from figures
)

select
    document_id,
    version,
    figure_no,
    region_code,
    period,
    indicator_id,
    indicator_text,
    indicator_key,
    measure,
    of_key,
    status,
    qualifier,
    value,
    value_high,
    unit,
    value_base,
    value_high_base,
    base_unit,
    is_key,
    direction,
    text,
    sentence,
    as_of_key
from ranked
where statement_no = 1

{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- depends_on: {{ ref('int_document_changes') }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql; a document's statements depend on its
-- own figures only).
-- One statement per document of what a region's indicator was (or is to be) in a period,
-- per (document, region, indicator_key, measure, of, period, status, is_span_average): an average
-- over a span of years (年均增长, dated to the span's last year) is its own series, never the
-- year's own figure, so a target or an estimate pairs with an outcome of the same kind and
-- mart_key_indicators leaves span averages out. Reports repeat
-- headline figures (summary, chapter, glossary); comparisons across documents must count
-- each once. Which statement stands for the document, in order of preference:
--   0. a level in the indicator's unit family (money for gdp) before one that is not (a
--      count of 经济总量超200亿元县 is no GDP: is_unit_fit false);
--   1. for actuals and estimates, a plain value (qualifier eq) before a threshold crossed
--      (突破2万亿元: ge) or a rounded one (约: approx);
--   2. the first in the document (headline summaries come first).
-- Figures without a region, period or indicator phrase cannot be compared and are left out
-- here (they stay in fct_figure).
with figures as (
    select
        enriched.*,
        coalesce(measure <> 'level' or indicator_unit_family is null or unit_family = indicator_unit_family, false)
            as is_unit_fit
    from {{ ref('int_figures_enriched') }} as enriched
    where {{ changed_since_last_build() }}
        and region_code is not null
        and period is not null
        and indicator_key is not null
),

ranked as (
    select
        figures.*,
        row_number() over (
            partition by document_id, region_code, indicator_key, measure, of_key, period, status, is_span_average
            order by
                case when is_unit_fit then 0 else 1 end,
                case when status <> 'target' and qualifier <> 'eq' then 1 else 0 end,
                figure_no
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
    unit_family,
    is_unit_fit,
    is_span_average,
    is_key,
    direction,
    text,
    sentence,
    as_of_key,
    document_changed_at
from ranked
where statement_no = 1

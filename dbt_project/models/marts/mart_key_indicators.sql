{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='region_code',
    post_hook="{{ delete_stale_regions() }}",
) }}
-- Incremental: only the regions whose documents changed since the last build are recomputed
-- (macros/incremental_regions.sql; every row, its prior and next year included, reads only its
-- own region's figures).
-- Region × year × key indicator, wide. Per column:
--   estimate_* : the estimate from the earliest document stating one (the first word);
--   final_*    : the actual from the latest document stating one (the last word);
--   level, growth_pct : best known = final, else estimate;
--   target_*   : the target from the earliest document setting one (the plan as set);
--   is_final   : an actual is known AND a later document restated the year's outcome: the
--                review-year figures of a single report are preliminary (初步核算), not final.
--   prior_*    : the year before's level and growth, next_target_* : the year after's target,
--                so one row reads two years side by side (2025: 2024 and 2025 outcomes, 2025
--                and 2026 targets), each from its own row of this model.
-- Levels are in base units (level_base_unit, e.g. yuan); growth in percent. A level outside
-- the indicator's unit family (a count of counties under 经济总量) is not the indicator's.
-- Only the region's own series (indicator_key = indicator_id): a scoped headline figure
-- (东部地区生产总值, 民营企业进出口额) is a part or another region, never the region's level.
with observations as (
    select * from {{ ref('int_figure_observations') }}
    where is_key
        and indicator_id is not null
        -- the region's own series: no scoped headline (gdp:东部, a part of the economy or another's)
        and indicator_key = indicator_id
        and measure in ('level', 'growth')
        and coalesce(of_key, '') = ''
        and is_unit_fit
        -- a year's figures only: 年均增长 over "十四五" is no growth of its last year
        and not is_span_average
        and {{ region_filter() }}
),

ranked as (
    select
        observations.*,
        -- Percent as written when written in percent (no float noise), else from the ratio.
        case when unit = '%' then value when base_unit = 'ratio' then value_base * 100 end as pct,
        case when unit = '%' then value_high when base_unit = 'ratio' then value_high_base * 100 end as pct_high,
        row_number() over (
            partition by region_code, period, indicator_id, measure, status
            order by as_of_key, document_id
        ) as first_rank,
        row_number() over (
            partition by region_code, period, indicator_id, measure, status
            order by as_of_key desc, document_id desc
        ) as last_rank
    from observations
),

states as (
    {{ region_states() }}
),

wide as (
    select
        region_code,
        period,
        indicator_id,
        max(case when status = 'actual' and measure = 'level' and last_rank = 1 then value_base end) as final_level,
        max(case when status = 'actual' and measure = 'level' and last_rank = 1 then base_unit end) as final_level_unit,
        max(case when status = 'actual' and measure = 'growth' and last_rank = 1 then pct end) as final_growth_pct,
        max(case when status = 'estimate' and measure = 'level' and first_rank = 1 then value_base end) as estimate_level,
        max(case when status = 'estimate' and measure = 'level' and first_rank = 1 then base_unit end) as estimate_level_unit,
        max(case when status = 'estimate' and measure = 'growth' and first_rank = 1 then pct end) as estimate_growth_pct,
        max(case when status = 'target' and measure = 'level' and first_rank = 1 then value_base end) as target_level,
        max(case when status = 'target' and measure = 'growth' and first_rank = 1 then pct end) as target_growth_pct,
        max(case when status = 'target' and measure = 'growth' and first_rank = 1 then pct_high end) as target_growth_high_pct,
        max(case when status = 'target' and measure = 'growth' and first_rank = 1 then qualifier end) as target_growth_qualifier,
        max(case when status = 'actual' then as_of_key end) as last_actual_as_of,
        min(case when status <> 'target' then as_of_key end) as first_outcome_as_of
    from ranked
    group by region_code, period, indicator_id
)

select
    {{ dbt.concat(["wide.region_code", "':'", "cast(wide.period as " ~ dbt.type_string() ~ ")", "':'", "wide.indicator_id"]) }} as key_indicator_id,
    wide.region_code,
    regions.name_zh as region_name_zh,
    wide.period,
    wide.indicator_id,
    indicators.name_zh as indicator_name_zh,
    indicators.name_en as indicator_name_en,
    coalesce(wide.final_level, wide.estimate_level) as level,
    coalesce(wide.final_level_unit, wide.estimate_level_unit) as level_base_unit,
    coalesce(wide.final_growth_pct, wide.estimate_growth_pct) as growth_pct,
    wide.target_level,
    wide.target_growth_pct,
    wide.target_growth_high_pct,
    wide.target_growth_qualifier,
    wide.estimate_level,
    wide.estimate_growth_pct,
    wide.final_level,
    wide.final_growth_pct,
    coalesce(
        (wide.final_level is not null or wide.final_growth_pct is not null)
        and wide.last_actual_as_of > wide.first_outcome_as_of,
        false
    ) as is_final,
    coalesce(prior_year.final_level, prior_year.estimate_level) as prior_level,
    coalesce(prior_year.final_growth_pct, prior_year.estimate_growth_pct) as prior_growth_pct,
    -- laid out as is_final above (sqlfluff would indent then under when)
    -- noqa: disable=LT02
    case when prior_year.region_code is not null
        then coalesce(
            (prior_year.final_level is not null or prior_year.final_growth_pct is not null)
            and prior_year.last_actual_as_of > prior_year.first_outcome_as_of,
            false
        )
    end as is_prior_final,
    -- noqa: enable=LT02
    next_year.target_level as next_target_level,
    next_year.target_growth_pct as next_target_growth_pct,
    next_year.target_growth_high_pct as next_target_growth_high_pct,
    next_year.target_growth_qualifier as next_target_growth_qualifier,
    states.region_changed_at,
    states.region_documents
from wide
left join states
    on wide.region_code = states.region_code
inner join {{ ref('indicators') }} as indicators
    on wide.indicator_id = indicators.indicator_id
left join {{ ref('regions') }} as regions
    on wide.region_code = regions.region_code
left join wide as prior_year
    on wide.region_code = prior_year.region_code
    and wide.indicator_id = prior_year.indicator_id
    and prior_year.period = wide.period - 1
left join wide as next_year
    on wide.region_code = next_year.region_code
    and wide.indicator_id = next_year.indicator_id
    and next_year.period = wide.period + 1

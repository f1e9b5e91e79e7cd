-- Every year a figure or a document refers to, with its five-year plan. Plans run
-- 2006–2010 (十一五), 2011–2015, …: from the third plan (1966) on, plan n covers
-- 1956 + 5(n−1) + 10 … i.e. n = floor((year − 1956) / 5) + 1.
with years as (
    -- the current figures, read from the table built incrementally (the same rows as the view
    -- int_figures_current, without joining every raw figure again on each build)
    select period from {{ ref('int_figures_enriched') }} where period is not null
    union
    select review_year as period from {{ ref('int_documents') }} where review_year is not null
    union
    select plan_year as period from {{ ref('int_documents') }} where plan_year is not null
),

plans as (
    select
        period,
        case when period >= 1966 then cast(floor((period - 1956) / 5.0) as integer) + 1 end as five_year_plan_no
    from years
)

select
    period,
    cast({{ dbt.concat(["cast(period as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date) as period_start,
    cast({{ dbt.concat(["cast(period as " ~ dbt.type_string() ~ ")", "'-12-31'"]) }} as date) as period_end,
    five_year_plan_no,
    1956 + 5 * (five_year_plan_no - 1) as five_year_plan_start,
    1960 + 5 * (five_year_plan_no - 1) as five_year_plan_end,
    coalesce(period = 1960 + 5 * (five_year_plan_no - 1), false) as is_five_year_plan_final_year
from plans

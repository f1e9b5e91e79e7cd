-- Canonical indicators with how many phrases name each: aliases for a headline indicator,
-- head nouns (indicator_classes) for a class.
with indicators as (
    select * from {{ ref('indicators') }}
),

alias_counts as (
    select indicator_id, count(*) as alias_count
    from {{ ref('indicator_aliases') }}
    group by indicator_id
    union all
    select indicator_id, count(*) as alias_count
    from {{ ref('indicator_classes') }}
    group by indicator_id
)

select
    indicators.indicator_id,
    indicators.name_zh,
    indicators.name_en,
    indicators.unit_family,
    indicators.direction,
    indicators.is_key,
    indicators.kind,
    coalesce(alias_counts.alias_count, 0) as alias_count
from indicators
left join alias_counts
    on indicators.indicator_id = alias_counts.indicator_id

-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05
-- (jinja loops write this model's CASE branches and UNION rows: sqlfluff cannot place their indent)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- depends_on: {{ ref('int_document_changes') }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql).
-- Scales each figure to its base unit: value_base = value × scale (亿元 → 1e8 yuan,
-- % → 0.01 ratio). Rules, in order:
--   1. no unit ('' : an index, a bare count): the value itself, base unit 'number';
--   2. the unit is in seeds/units.csv (a row with in_warehouse true): its scale;
--   3. the unit is a scale word (unit_scale_prefixes var) before a unit of the seed:
--      the product of both scales (万公里 → 1e4 × 1000 m), the longest scale word first;
--   4. a per-unit (万元/人) whose numerator rules 2–3 know: the numerator's scale, base unit
--      numerator-base/denominator-as-written (yuan/人), family 'rate';
--   5. otherwise unknown: null scale and value_base; listed in int_unmapped_units.
-- value_base is rounded to 12 significant digits (round_significant): no 0.040999999999999995.
{%- set prefixes = var('unit_scale_prefixes') %}
with figures as (
    select document_id, version, figure_no, value, value_high, unit, document_changed_at
    from {{ ref('int_figures_current') }}
    where {{ changed_since_last_build() }}
),

units as (
    -- rows with in_warehouse false are known to validation only (units.json): no value_base here
    select unit, scale, base_unit, unit_family from {{ ref('units') }}
    where in_warehouse
),

prefixes as (
    {%- for word, scale in prefixes.items() %}
    select '{{ word }}' as prefix, {{ scale }} as prefix_scale, {{ word | length }} as prefix_length
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

composed as (
    select
        {{ dbt.concat(["prefixes.prefix", "units.unit"]) }} as unit,
        prefixes.prefix_scale * units.scale as scale,
        units.base_unit,
        units.unit_family,
        -- a seed row beats any composition; then the longest scale word
        100 - prefixes.prefix_length as preference
    from prefixes
    cross join units
),

known as (
    select unit, scale, base_unit, unit_family
    from (
        select
            candidates.*,
            row_number() over (partition by unit order by preference) as preference_rank
        from (
            select unit, scale, base_unit, unit_family, 0 as preference from units
            union all
            select unit, scale, base_unit, unit_family, preference from composed
        ) as candidates
    ) as ranked
    where preference_rank = 1
),

per_units as (
    select distinct
        unit,
        {{ dbt.split_part('unit', "'/'", 1) }} as numerator,
        {{ dbt.split_part('unit', "'/'", 2) }} as denominator
    from figures
    where unit like '%/%'
),

per_known as (
    select
        per_units.unit,
        known.scale,
        {{ dbt.concat(["known.base_unit", "'/'", "per_units.denominator"]) }} as base_unit,
        'rate' as unit_family
    from per_units
    inner join known
        on per_units.numerator = known.unit
    where per_units.denominator <> ''
        and not exists (select 1 from known as exact where exact.unit = per_units.unit)
),

resolved as (
    select unit, scale, base_unit, unit_family from known
    union all
    select unit, scale, base_unit, unit_family from per_known
),

scaled as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        figures.unit,
        case when figures.unit = '' then 1.0 else resolved.scale end as scale,
        case when figures.unit = '' then 'number' else resolved.base_unit end as base_unit,
        case when figures.unit = '' then 'dimensionless' else resolved.unit_family end as unit_family,
        figures.value,
        figures.value_high,
        figures.document_changed_at
    from figures
    left join resolved
        on figures.unit = resolved.unit
)

select
    document_id,
    version,
    figure_no,
    unit,
    scale,
    base_unit,
    unit_family,
    {{ round_significant('value * scale') }} as value_base,
    {{ round_significant('value_high * scale') }} as value_high_base,
    scale is not null as is_unit_known,
    document_changed_at
from scaled

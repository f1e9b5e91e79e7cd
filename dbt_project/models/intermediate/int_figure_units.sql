-- Scales each figure to its base unit: value_base = value × scale (亿元 → 1e8 yuan,
-- % → 0.01 ratio). Rules, in order:
--   1. no unit ('' : an index, a bare count): the value itself, base unit 'number';
--   2. the unit is in seeds/units.csv: its scale;
--   3. the unit is a scale word (unit_scale_prefixes var) before a unit of the seed:
--      the product of both scales (万公里 → 1e4 × 1000 m), the longest scale word first;
--   4. otherwise unknown: null scale and value_base; listed in int_unmapped_units.
{%- set prefixes = var('unit_scale_prefixes') %}
with figures as (
    select document_id, version, figure_no, value, value_high, unit
    from {{ ref('int_figures_current') }}
),

units as (
    select * from {{ ref('units') }}
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
        prefixes.prefix_length
    from prefixes
    cross join units
),

composed_best as (
    select unit, scale, base_unit, unit_family
    from (
        select
            composed.*,
            row_number() over (partition by unit order by prefix_length desc) as preference
        from composed
    ) as ranked
    where preference = 1
),

scaled as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        figures.unit,
        case
            when figures.unit = '' then 1.0
            when units.unit is not null then units.scale
            else composed_best.scale
        end as scale,
        case
            when figures.unit = '' then 'number'
            when units.unit is not null then units.base_unit
            else composed_best.base_unit
        end as base_unit,
        case
            when figures.unit = '' then 'dimensionless'
            when units.unit is not null then units.unit_family
            else composed_best.unit_family
        end as unit_family,
        figures.value,
        figures.value_high
    from figures
    left join units
        on figures.unit = units.unit
    left join composed_best
        on figures.unit = composed_best.unit
)

select
    document_id,
    version,
    figure_no,
    unit,
    scale,
    base_unit,
    unit_family,
    value * scale as value_base,
    value_high * scale as value_high_base,
    scale is not null as is_unit_known
from scaled

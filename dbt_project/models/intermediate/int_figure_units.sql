-- Scales each figure to its base unit: value_base = value × scale (亿元 → 1e8 yuan,
-- % → 0.01 ratio). A figure without a unit ('' : an index, a bare count) keeps its value
-- with base unit 'number'. A unit missing from the seed keeps a null scale and value_base
-- and shows in int_unmapped_units.
with figures as (
    select document_id, version, figure_no, value, value_high, unit
    from {{ ref('int_figures_current') }}
),

units as (
    select * from {{ ref('units') }}
),

scaled as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        figures.unit,
        case when figures.unit = '' then 1.0 else units.scale end as scale,
        case when figures.unit = '' then 'number' else units.base_unit end as base_unit,
        case when figures.unit = '' then 'dimensionless' else units.unit_family end as unit_family,
        figures.value,
        figures.value_high
    from figures
    left join units
        on figures.unit = units.unit
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

{#- The SQL of int_estimate_revisions (the rules are in its header), over the regions region_condition
    selects: `1 = 1` in the view; in fct_estimate_revision (incremental by region, macros/incremental_regions.sql)
    the regions it rebuilds. The condition is put on both sides of the pairing, the earlier figure
    and the later one, because an engine cannot carry a filter on the output of a LEFT JOIN to its
    right side. Each side reads int_figure_observations itself, not one shared CTE: DuckDB
    materializes a CTE read twice whole, and the filter would not reach its scan. -#}
{% macro estimate_revision_pairs(region_condition='1 = 1') -%}
with estimates as (
    select * from {{ ref('int_figure_observations') }}
    where status = 'estimate' and {{ region_condition }}
),

finals as (
    select * from {{ ref('int_figure_observations') }}
    where status = 'actual' and {{ region_condition }}
),

candidates as (
    select
        estimates.document_id as estimate_document_id,
        estimates.figure_no as estimate_figure_no,
        estimates.region_code,
        estimates.indicator_id,
        estimates.indicator_text,
        estimates.indicator_key,
        estimates.measure,
        estimates.of_key,
        estimates.period,
        estimates.value as estimate_value,
        estimates.unit as estimate_unit,
        estimates.value_base as estimate_value_base,
        estimates.base_unit as estimate_base_unit,
        estimates.text as estimate_text,
        finals.document_id as final_document_id,
        finals.figure_no as final_figure_no,
        finals.value as final_value,
        finals.unit as final_unit,
        finals.value_base as final_value_base,
        finals.base_unit as final_base_unit,
        finals.text as final_text,
        row_number() over (
            -- region_code is the document's (redundant here): it lets a filter on the region
            -- (the region-keyed incremental marts, macros/incremental_regions.sql) reach the scans
            partition by estimates.region_code, estimates.document_id, estimates.figure_no
            order by finals.as_of_key desc, finals.document_id asc
        ) as final_rank
    from estimates
    left join finals
        on {{ same_observation_later('estimates', 'finals') }}
),

compared as (
    select
        candidates.*,
        -- One common unit for both (macros/common_unit.sql).
        {{ common_unit('estimate', 'final') }} as revision_unit,
        {{ in_common_unit('final', 'estimate') }} - {{ in_common_unit('estimate', 'final') }} as revision,
        {{ in_common_unit('estimate', 'final') }} as estimate_compare
    from candidates
    where final_rank = 1
)

select
    estimate_document_id,
    estimate_figure_no,
    region_code,
    indicator_id,
    indicator_text,
    indicator_key,
    measure,
    of_key,
    period,
    estimate_value,
    estimate_unit,
    estimate_value_base,
    estimate_text,
    final_document_id,
    final_figure_no,
    final_value,
    final_unit,
    final_value_base,
    final_text,
    revision,
    revision_unit,
    case when estimate_compare <> 0 then revision / abs(estimate_compare) end as relative_revision,
    final_document_id is not null as is_final_known
from compared
{%- endmacro %}

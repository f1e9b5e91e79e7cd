{#- The SQL of int_target_outcomes (the rules are in its header), over the regions region_condition
    selects: `1 = 1` in the view; in fct_target_outcome (incremental by region, macros/incremental_regions.sql)
    the regions it rebuilds. The condition is put on both sides of the pairing, the earlier figure
    and the later one, because an engine cannot carry a filter on the output of a LEFT JOIN to its
    right side. Each side reads int_figure_observations itself, not one shared CTE: DuckDB
    materializes a CTE read twice whole, and the filter would not reach its scan. -#}
{% macro target_outcome_pairs(region_condition='1 = 1') -%}
{%- set tol_pp = var('approx_tolerance_pp') %}
{%- set tol_rel = var('approx_tolerance_rel') %}
with targets as (
    select * from {{ ref('int_figure_observations') }}
    where status = 'target' and {{ region_condition }}
),

outcomes as (
    select * from {{ ref('int_figure_observations') }}
    where status in ('actual', 'estimate') and {{ region_condition }}
),

candidates as (
    select
        targets.document_id as target_document_id,
        targets.figure_no as target_figure_no,
        targets.region_code,
        targets.indicator_id,
        targets.indicator_text,
        targets.indicator_key,
        targets.measure,
        targets.of_key,
        targets.period,
        targets.qualifier as target_qualifier,
        targets.value as target_value,
        targets.value_high as target_value_high,
        targets.unit as target_unit,
        targets.value_base as target_value_base,
        targets.value_high_base as target_value_high_base,
        targets.base_unit as target_base_unit,
        targets.text as target_text,
        targets.sentence as target_sentence,
        coalesce(targets.direction, case when targets.value < 0 then 'down' else 'up' end) as direction,
        outcomes.document_id as outcome_document_id,
        outcomes.figure_no as outcome_figure_no,
        outcomes.status as outcome_status,
        outcomes.value as outcome_value,
        outcomes.unit as outcome_unit,
        outcomes.value_base as outcome_value_base,
        outcomes.base_unit as outcome_base_unit,
        outcomes.text as outcome_text,
        outcomes.sentence as outcome_sentence,
        row_number() over (
            -- region_code is the document's (redundant here): it lets a filter on the region
            -- (the region-keyed incremental marts, macros/incremental_regions.sql) reach the scans
            partition by targets.region_code, targets.document_id, targets.figure_no
            order by
                -- an outcome the target can be compared with before one it cannot
                case when {{ common_unit('targets', 'outcomes', sep='.') }} is not null then 0 else 1 end,
                case when outcomes.status = 'actual' then 0 else 1 end,
                outcomes.as_of_key desc,
                outcomes.document_id asc
        ) as outcome_rank
    from targets
    left join outcomes
        on {{ same_observation_later('targets', 'outcomes') }}
),

compared as (
    select
        candidates.*,
        -- One common unit for the comparison, the gap and the tolerance (macros/common_unit.sql).
        {{ common_unit('target', 'outcome') }} as compare_unit,
        {{ in_common_unit('target', 'outcome') }} as target_compare,
        {{ in_common_unit('target', 'outcome', 'value_high') }} as target_high_compare,
        {{ in_common_unit('outcome', 'target') }} as outcome_compare
    from candidates
    where outcome_rank = 1
),

toleranced as (
    select
        compared.*,
        case
            when compare_unit in ('%', '个百分点', '百分点') then {{ tol_pp }}
            when compare_unit = 'ratio' then {{ tol_pp }} / 100.0
            else abs(target_compare) * {{ tol_rel }}
        end as tolerance
    from compared
)

select
    target_document_id,
    target_figure_no,
    region_code,
    indicator_id,
    indicator_text,
    indicator_key,
    measure,
    of_key,
    period,
    direction,
    target_qualifier,
    target_value,
    target_value_high,
    target_unit,
    target_value_base,
    target_base_unit,
    target_text,
    target_sentence,
    outcome_document_id,
    outcome_figure_no,
    outcome_status,
    outcome_value,
    outcome_unit,
    outcome_value_base,
    outcome_text,
    outcome_sentence,
    outcome_compare - target_compare as gap,
    compare_unit as gap_unit,
    case
        when outcome_compare is null or target_compare is null then null
        when target_qualifier = 'ge' then outcome_compare >= target_compare
        when target_qualifier = 'le' then outcome_compare <= target_compare
        when target_qualifier = 'range' and direction = 'down' then outcome_compare <= target_high_compare
        when target_qualifier = 'range' then outcome_compare >= target_compare
        when target_qualifier = 'approx' and direction = 'down' then outcome_compare <= target_compare + tolerance
        when target_qualifier = 'approx' then outcome_compare >= target_compare - tolerance
        when direction = 'down' then outcome_compare <= target_compare
        else outcome_compare >= target_compare
    end as is_met
from toleranced
{%- endmacro %}

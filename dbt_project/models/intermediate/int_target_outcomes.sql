-- Each target against the outcome reported later for the same region, indicator, measure,
-- of and period. The outcome is taken from a different document with a later as_of_key:
-- an actual before an estimate, then the latest document.
--
-- is_met, by the target's qualifier (direction: the indicator's, else 'down' for a
-- negative target such as 能耗下降3%, else 'up'):
--   ge → outcome >= target            le → outcome <= target
--   eq → reached in the direction: up: outcome >= target, down: outcome <= target
--   approx → as eq, with the approx_tolerance_pp (rates) / approx_tolerance_rel (amounts) slack
--   range → up: outcome >= low bound, down: outcome <= high bound
-- Null when there is no outcome yet or the two are in incomparable units.
{%- set tol_pp = var('approx_tolerance_pp') %}
{%- set tol_rel = var('approx_tolerance_rel') %}
with observations as (
    select * from {{ ref('int_figure_observations') }}
),

targets as (
    select * from observations where status = 'target'
),

outcomes as (
    select * from observations where status in ('actual', 'estimate')
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
            partition by targets.document_id, targets.figure_no
            order by
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
        -- Compare in base units when both scale to the same one, else as written when the
        -- units are identical, else not at all.
        case
            when target_base_unit = outcome_base_unit then target_value_base
            when target_unit = outcome_unit then target_value
        end as target_compare,
        case
            when target_base_unit = outcome_base_unit then coalesce(target_value_high_base, target_value_base)
            when target_unit = outcome_unit then coalesce(target_value_high, target_value)
        end as target_high_compare,
        case
            when target_base_unit = outcome_base_unit then outcome_value_base
            when target_unit = outcome_unit then outcome_value
        end as outcome_compare,
        case
            when target_base_unit = outcome_base_unit and target_base_unit = 'ratio' then {{ tol_pp }} / 100.0
            when target_base_unit = outcome_base_unit then abs(target_value_base) * {{ tol_rel }}
            when target_unit = outcome_unit and target_unit in ('%', '个百分点') then {{ tol_pp }}
            else abs(target_value) * {{ tol_rel }}
        end as tolerance
    from candidates
    where outcome_rank = 1
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
    case
        when target_unit = outcome_unit then outcome_value - target_value
        when target_base_unit = outcome_base_unit then outcome_value_base - target_value_base
    end as gap,
    case
        when target_unit = outcome_unit then target_unit
        when target_base_unit = outcome_base_unit then target_base_unit
    end as gap_unit,
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
from compared

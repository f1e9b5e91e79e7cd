-- Each estimate (预计) against the final figure: the actual for the same region, indicator,
-- measure, of and period from the latest document dated after the estimate's.
-- revision = final − estimate in the one common unit of macros/common_unit.sql (as written
-- when the units are identical: percent minus percent is percentage points; else in base
-- units when both scale to the same one);
-- relative revision = revision / |estimate|.
with observations as (
    select * from {{ ref('int_figure_observations') }}
),

estimates as (
    select * from observations where status = 'estimate'
),

finals as (
    select * from observations where status = 'actual'
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

{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='region_code',
    post_hook="{{ delete_stale_regions() }}",
) }}
-- Incremental: only the regions whose documents changed since the last build are recomputed
-- (macros/incremental_regions.sql; a pair reads only figures of its own region).
-- Targets set in one report against the outcome reported later (int_target_outcomes holds
-- the matching and the is_met rules).
-- The pairs are int_target_outcomes's SQL (macros/target_outcome_pairs.sql) over the changed regions: the filter
-- must reach both sides of the pairing, which a filter on the view's output does not.
with {{ stated_ctes(target_outcome_pairs(region_filter())) }}

select
    {{ dbt.concat(["target_document_id", "':'", "cast(target_figure_no as " ~ dbt.type_string() ~ ")"]) }} as target_outcome_id,
    target_document_id,
    target_figure_no,
    region_code,
    indicator_id,
    indicator_text,
    measure,
    nullif(of_key, '') as {{ adapter.quote('of') }},
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
    gap,
    gap_unit,
    outcome_document_id is not null as is_outcome_known,
    is_met,
    region_changed_at,
    region_documents
from stated

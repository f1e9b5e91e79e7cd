{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='region_code',
    post_hook="{{ delete_stale_regions() }}",
) }}
-- Incremental: only the regions whose documents changed since the last build are recomputed
-- (macros/incremental_regions.sql; a pair reads only figures of its own region).
-- Estimates (预计) against the final figure reported later (int_estimate_revisions holds
-- the matching and the revision arithmetic).
-- The pairs are int_estimate_revisions's SQL (macros/estimate_revision_pairs.sql) over the changed regions: the filter
-- must reach both sides of the pairing, which a filter on the view's output does not.
with {{ stated_ctes(estimate_revision_pairs(region_filter())) }}

select
    {{ dbt.concat(["estimate_document_id", "':'", "cast(estimate_figure_no as " ~ dbt.type_string() ~ ")"]) }} as estimate_revision_id,
    estimate_document_id,
    estimate_figure_no,
    region_code,
    indicator_id,
    indicator_text,
    measure,
    nullif(of_key, '') as {{ adapter.quote('of') }},
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
    relative_revision,
    is_final_known,
    region_changed_at,
    region_documents
from stated

{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- depends_on: {{ ref('int_document_changes') }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql).
-- One row per figure of the latest version of each document, minus active quarantine.
-- Unmapped indicator phrases stay, with a null indicator_id and their indicator_text.
select
    {{ dbt.concat(["document_id", "':'", "cast(version as " ~ dbt.type_string() ~ ")", "':'", "cast(figure_no as " ~ dbt.type_string() ~ ")"]) }} as figure_id,
    document_id,
    version,
    figure_no,
    region_code,
    period,
    indicator_id,
    indicator_text,
    indicator_match,
    indicator_scope,
    measure,
    status,
    is_preliminary,
    qualifier,
    {{ adapter.quote('of') }},
    value,
    value_high,
    unit,
    scale,
    value_base,
    value_high_base,
    base_unit,
    unit_family,
    is_key,
    text,
    start_offset,
    end_offset,
    sentence,
    extractor_version,
    document_changed_at
from {{ ref('int_figures_enriched') }}
where {{ changed_since_last_build() }}

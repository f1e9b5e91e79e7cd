{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='indicator_text',
    post_hook="{{ delete_stale_phrases(ref('stg_figures')) }}",
) }}
-- Incremental: only the phrases new since the last build are computed (macros/incremental_phrases.sql).
-- Every indicator phrase of the raw figures (any version, quarantined or not: a superset of
-- what int_figure_indicators matches) with its spelling key (macros/spelled.sql), computed
-- once per phrase and stored, so the matching model joins on a column. One row per distinct
-- phrase; a build adds the phrases it has not stored yet.
select distinct
    indicator_text,
    {{ spelled('indicator_text') }} as spelled_key,
    {{ phrase_built_at() }} as phrase_built_at
from {{ ref('stg_figures') }}
where indicator_text is not null and {{ phrase_not_stored('indicator_text') }}

{{ config(materialized='table') }}
-- Every indicator phrase of the raw figures (any version, quarantined or not: a superset of
-- what int_figure_indicators matches) with its spelling key (macros/spelled.sql), computed
-- once per phrase and stored, so the matching model joins on a column. Rebuilt whole on every
-- run: one row per distinct phrase.
select distinct
    indicator_text,
    {{ spelled('indicator_text') }} as spelled_key
from {{ ref('stg_figures') }}
where indicator_text is not null

{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- depends_on: {{ ref('int_document_changes') }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql; int_figure_indicators and
-- int_figure_units, built before, hold those documents' rows already).
-- Current figures with their indicator, scaled value and the indicator's flags: the body of
-- fct_figure, kept here so intermediate models can build on it without reading a mart.
with figures as (
    select * from {{ ref('int_figures_current') }}
    where {{ changed_since_last_build() }}
),

indicator_match as (
    select * from {{ ref('int_figure_indicators') }}
),

scaled as (
    select * from {{ ref('int_figure_units') }}
),

indicators as (
    select * from {{ ref('indicators') }}
)

select
    figures.document_id,
    figures.version,
    figures.figure_no,
    figures.region_code,
    figures.period,
    indicator_match.indicator_id,
    figures.indicator_text,
    indicator_match.indicator_match,
    indicator_match.indicator_scope,
    -- A class names a kind of thing, not one statistic: its figures compare across documents
    -- only with the same scope and head (projects:省重点项目, never projects:项目 or projects:省重点工程).
    -- A scoped headline (东部地区生产总值) is its scope's series, never the region's own
    -- (gdp:东部, not gdp).
    case
        when indicator_match.indicator_match = 'class'
            then {{ dbt.concat(["indicator_match.indicator_id", "':'", "coalesce(indicator_match.indicator_scope, '')", "indicator_match.indicator_head"]) }}
        when indicator_match.indicator_match = 'scoped_headline'
            then {{ dbt.concat(["indicator_match.indicator_id", "':'", "indicator_match.indicator_scope"]) }}
        else coalesce(indicator_match.indicator_id, {{ dbt.concat(["'text:'", "figures.indicator_text"]) }})
    end as indicator_key,
    figures.measure,
    figures.status,
    figures.qualifier,
    figures.{{ adapter.quote('of') }},
    coalesce(figures.{{ adapter.quote('of') }}, '') as of_key,
    figures.value,
    figures.value_high,
    figures.unit,
    scaled.scale,
    scaled.value_base,
    scaled.value_high_base,
    scaled.base_unit,
    scaled.unit_family,
    scaled.is_unit_known,
    coalesce(indicators.is_key, figures.is_key_extracted) as is_key,
    indicators.direction,
    indicators.unit_family as indicator_unit_family,
    figures.text,
    figures.start_offset,
    figures.end_offset,
    figures.sentence,
    figures.is_preliminary,
    -- 年均增长 just before the value: a figure over a span of years (its last year is the
    -- period), not the year's own; int_figure_observations prefers the year's own statement.
    coalesce(
        {{ dbt.right(
            "substring(figures.sentence, 1, greatest(figures.start_offset - figures.sentence_start, 0))",
            "8") }} like '%年均%',
        false
    ) as is_span_average,
    figures.document_kind,
    figures.as_of_key,
    figures.extractor_version,
    figures.document_changed_at
from figures
inner join indicator_match
    on figures.document_id = indicator_match.document_id
    and figures.version = indicator_match.version
    and figures.figure_no = indicator_match.figure_no
inner join scaled
    on figures.document_id = scaled.document_id
    and figures.version = scaled.version
    and figures.figure_no = scaled.figure_no
left join indicators
    on indicator_match.indicator_id = indicators.indicator_id

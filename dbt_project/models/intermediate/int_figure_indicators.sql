-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05,LT05
-- (as the phrase models: sqlfluff cannot place the indent of jinja-written SQL)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- depends_on: {{ ref('int_document_changes') }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql).
-- Names each figure's indicator: the per-figure half of indicator matching. The phrase's
-- candidates come from int_indicator_phrase_matches (rules 1-3) and int_indicator_phrase_classes
-- (rule 4), computed once per distinct phrase; here each figure takes the first candidate that
-- its measure, unit and key flag allow. Rules, in order:
--   1. exact: the phrase is an alias, up to spelling;
--   2. scope_prefix: the phrase minus a leading year or plan period, scope word or trailing
--      counting word is an alias; for a growth or point change also the alias without its
--      change words (带动…增长, …增加);
--   3. scoped_headline: no alias matched, the phrase ends with a headline's alias after a scope
--      and, for a level, the unit is of the headline's family → the headline, the scope in
--      indicator_scope; int_figures_enriched keys it indicator_id:scope, never the region's own;
--      a flow verb before 人才/经营主体 (引进顶尖人才) gives the flow's headline (talent_inflow), the
--      prefix as scope, under the same match name, with the same unit gate;
--   4. class: no alias matched, the phrase ends with a class head and the figure's unit is of
--      that head's unit family (int_figure_units; a bare 万/亿 is no evidence), or the figure is
--      a growth/share/rank/pp change and the head names one amount class → the class
--      indicator (项目 → projects), the rest of the phrase in indicator_scope (省重点 of 省重点项目).
--      Never for a figure the extractor flagged key: a class is not a headline, and
--      mart_key_indicators stays as it was;
--   5. unmapped: no indicator_id; the phrase is kept as written (int_unmapped_indicators).
{#- Units too ambiguous to gate a class: a bare 万 or 亿 may count people, yuan or things. #}
{%- set ambiguous_units = ['万', '亿'] %}

with figures as (
    select document_id, version, figure_no, indicator_text, measure, is_key_extracted, document_changed_at
    from {{ ref('int_figures_current') }}
    where {{ changed_since_last_build() }}
),

-- The unit family of each figure (built before this model, for the same documents).
units as (
    select document_id, version, figure_no, unit, unit_family
    from {{ ref('int_figure_units') }}
    where {{ changed_since_last_build() }}
),

-- Each figure with the unit family its unit vouches for (the unit gate of the scoped-headline
-- and class rules): none for a bare 万/亿, which may count people, yuan or things.
gated as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        figures.indicator_text,
        coalesce(figures.measure, 'level') as measure,
        coalesce(figures.is_key_extracted, false) as is_key_extracted,
        figures.document_changed_at,
        case when units.unit not in ({% for u in ambiguous_units %}'{{ u }}'{{ ", " if not loop.last }}{% endfor %}) then units.unit_family end as unit_evidence
    from figures
    left join units
        on figures.document_id = units.document_id
        and figures.version = units.version
        and figures.figure_no = units.figure_no
),

-- The phrase's candidates (one row per distinct phrase).
phrases as (
    select
        indicator_text, alias_indicator_id, alias_match, growth_indicator_id,
        headline_indicator_id, headline_unit_family, headline_scope,
        flow_indicator_id, flow_unit_family, flow_scope
    from {{ ref('int_indicator_phrase_matches') }}
),

-- The alias rules per figure: the phrase's alias, or for a growth or point change the alias
-- without its change verb.
aliased as (
    select
        figures.document_id,
        figures.version,
        figures.figure_no,
        figures.indicator_text,
        figures.measure,
        figures.unit_evidence,
        figures.document_changed_at,
        coalesce(
            phrases.alias_indicator_id,
            case when figures.measure in ('growth', 'pp_change') then phrases.growth_indicator_id end
        ) as alias_indicator_id,
        case
            when phrases.alias_indicator_id is not null then phrases.alias_match
            when figures.measure in ('growth', 'pp_change') and phrases.growth_indicator_id is not null then 'scope_prefix'
        end as alias_match,
        phrases.headline_indicator_id,
        phrases.headline_unit_family,
        phrases.headline_scope,
        phrases.flow_indicator_id,
        phrases.flow_unit_family,
        phrases.flow_scope
    from gated as figures
    left join phrases
        on figures.indicator_text = phrases.indicator_text
),

-- A scoped level must be in its headline's unit family (a bare 万/亿 is no evidence); a growth,
-- share, rank or point change of a headline needs no unit. A flow only when no scoped headline
-- passed, with the same gate on its own family.
headlined as (
    select
        document_id,
        version,
        figure_no,
        indicator_text,
        measure,
        unit_evidence,
        document_changed_at,
        alias_indicator_id,
        alias_match,
        case
            when alias_indicator_id is null and (measure <> 'level' or unit_evidence = headline_unit_family)
                then headline_indicator_id
        end as headline_indicator_id,
        case
            when alias_indicator_id is null and (measure <> 'level' or unit_evidence = headline_unit_family)
                then headline_scope
        end as headline_scope,
        flow_indicator_id,
        flow_unit_family,
        flow_scope
    from aliased
),

flowed as (
    select
        document_id,
        version,
        figure_no,
        indicator_text,
        document_changed_at,
        alias_indicator_id,
        alias_match,
        headline_indicator_id,
        headline_scope,
        case
            when alias_indicator_id is null and headline_indicator_id is null
                and (measure <> 'level' or unit_evidence = flow_unit_family)
                then flow_indicator_id
        end as flow_indicator_id,
        case
            when alias_indicator_id is null and headline_indicator_id is null
                and (measure <> 'level' or unit_evidence = flow_unit_family)
                then flow_scope
        end as flow_scope
    from headlined
),

-- One class per phrase and figure: the head's row in the figure's unit family (any measure, as
-- before: 覆盖率 in 个百分点), or else, for a growth, share, rank or point change, the single
-- class of an amount head (投资 growing by 10 %: the % says nothing of the thing).
figure_classes as (
    select distinct
        figures.document_id,
        figures.version,
        figures.figure_no,
        classes.indicator_id,
        classes.indicator_scope,
        classes.indicator_head
    from gated as figures
    inner join {{ ref('int_indicator_phrase_classes') }} as classes
        on figures.indicator_text = classes.indicator_text
    where not figures.is_key_extracted
        and (
            figures.unit_evidence = classes.unit_family
            or (figures.measure <> 'level' and classes.is_amount_head)
        )
)

select
    figures.document_id,
    figures.version,
    figures.figure_no,
    figures.indicator_text,
    coalesce(
        figures.alias_indicator_id, figures.headline_indicator_id, figures.flow_indicator_id, figure_classes.indicator_id
    ) as indicator_id,
    case
        when figures.alias_indicator_id is not null then figures.alias_match
        -- a flow is a scoped headline of its flow indicator (keyed indicator_id:scope downstream)
        when figures.headline_indicator_id is not null or figures.flow_indicator_id is not null then 'scoped_headline'
        when figure_classes.indicator_id is not null then 'class'
        else 'unmapped'
    end as indicator_match,
    coalesce(figures.headline_scope, figures.flow_scope, figure_classes.indicator_scope) as indicator_scope,
    case
        when figures.headline_indicator_id is null and figures.flow_indicator_id is null then figure_classes.indicator_head
    end as indicator_head,
    figures.document_changed_at
from flowed as figures
left join figure_classes
    on figures.document_id = figure_classes.document_id
    and figures.version = figure_classes.version
    and figures.figure_no = figure_classes.figure_no
    and figures.alias_indicator_id is null

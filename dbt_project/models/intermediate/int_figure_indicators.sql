-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05,LT05
-- (jinja loops write this model's CASE branches and UNION rows: sqlfluff cannot place their indent)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='document_id',
    post_hook="{{ delete_stale_documents() }}",
) }}
-- Incremental: only the documents changed since the last build are recomputed (macros/incremental_documents.sql).
-- Names each figure's indicator. Both the phrase and every alias are first brought to one
-- spelling (macros/spelled.sql, computed once per text in int_indicator_phrase_keys and
-- int_indicator_alias_keys: spaces, quotes, full-width brackets, 规上 = 规模以上,
-- 地区生产总值/生产总值 = GDP, R&D = 研发; then here a trailing 总额/总值), so one alias row
-- covers its variants. Rules, in order:
--   1. exact: the phrase is an alias, up to spelling;
--   2. scope_prefix: the phrase minus a leading year or plan period (2025年, 到2030年,
--      “十五五”时期, 每年; not 年均: an average over years is no year's level) and then a leading scope word (全省, 全市, … see the
--      indicator_scope_prefixes var) is an alias; failing that, the same minus a trailing
--      counting word (数量, 人数, 数: 高新技术企业数 → 高新技术企业; not the 数 of 指数, 系数 …);
--   3. class: no alias matched, the phrase (its scoped key, without the counting word when
--      rule 2 dropped one) ends with a head noun of seeds/indicator_classes.csv (the longest
--      head it ends with) and the figure's unit is of that head's unit family (int_figure_units;
--      a bare 万/亿 is no evidence) → the class indicator (项目 → projects), the rest of the
--      phrase in indicator_scope (省重点 of 省重点项目). Never for a figure the extractor
--      flagged key: a class is not a headline, and mart_key_indicators stays as it was;
--   4. unmapped: no indicator_id; the phrase is kept as written (int_unmapped_indicators).
-- Change phrases keep their verb (新增上市公司, 一般公共预算收入增加): no rule strips one
-- (a class keeps it in indicator_scope: 新建 of 新建学校).
{%- set prefixes = var('indicator_scope_prefixes') %}
{%- set period_prefixes = ['十五五时期', '十四五时期', '十五五', '十四五', '每年'] %}
{%- set counting_suffixes = ['数量', '人数', '数'] %}
{#- 数 that is part of the name, not a count of it. #}
{%- set not_counting = ['指数', '系数', '倍数', '分数', '参数'] %}
{%- set trailing_totals = ['总额', '总值'] %}
{#- Units too ambiguous to gate a class: a bare 万 or 亿 may count people, yuan or things. #}
{%- set ambiguous_units = ['万', '亿'] %}

{#- without a trailing 总额/总值, applied to spelled_key on both sides. -#}
{%- set total_cases = [] %}
{%- for t in trailing_totals %}
    {%- do total_cases.append("when spelled_key like '%" ~ t ~ "' and " ~ dbt.length('spelled_key') ~ " > " ~ (t | length)
        ~ " then substring(spelled_key, 1, " ~ dbt.length('spelled_key') ~ " - " ~ (t | length) ~ ")") %}
{%- endfor %}
{%- set without_total = "case " ~ (total_cases | join(' ')) ~ " else spelled_key end" %}

with figures as (
    select document_id, version, figure_no, indicator_text, is_key_extracted, document_changed_at
    from {{ ref('int_figures_current') }}
    where {{ changed_since_last_build() }}
),

-- The unit family of each figure (built before this model, for the same documents).
units as (
    select document_id, version, figure_no, unit, unit_family
    from {{ ref('int_figure_units') }}
    where {{ changed_since_last_build() }}
),

-- The spelling keys are computed once per phrase and per alias, in tables (macros/spelled.sql).
alias_rows as (
    select spelled_key, indicator_id
    from {{ ref('int_indicator_alias_keys') }}
),

-- Two aliases that spell the same way and name one indicator are one row; two that name
-- different indicators give a figure two rows, which the model's unique test reports.
aliases as (
    select distinct {{ without_total }} as alias_key, indicator_id
    from alias_rows
),

-- One row per distinct phrase, each step its own SELECT DISTINCT: PostgreSQL inlines CTEs, and
-- without that fence every step would repeat the previous step's expression once per CASE
-- branch (a plan that grows past what the server survives). DISTINCT keeps each step computed
-- once; the phrase is unique at every step, so it drops no row.
spelled as (
    select distinct phrases.indicator_text, phrases.spelled_key
    from figures
    inner join {{ ref('int_indicator_phrase_keys') }} as phrases
        on figures.indicator_text = phrases.indicator_text
),

keyed as (
    select distinct indicator_text, {{ without_total }} as phrase_key
    from spelled
),

dated as (
    select distinct
        indicator_text,
        phrase_key,
        case
            when substring(phrase_key, 5, 1) = '年' and substring(phrase_key, 1, 4) between '1900' and '2099'
                and {{ dbt.length('phrase_key') }} > 5
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - 5') }}
            when substring(phrase_key, 1, 1) = '到' and substring(phrase_key, 6, 1) = '年'
                and substring(phrase_key, 2, 4) between '1900' and '2099' and {{ dbt.length('phrase_key') }} > 6
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - 6') }}
        {%- for p in period_prefixes %}
            when phrase_key like '{{ p }}%' and {{ dbt.length('phrase_key') }} > {{ p | length }}
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - ' ~ (p | length)) }}
        {%- endfor %}
            else phrase_key
        end as dated_key
    from keyed
),

scoped as (
    select distinct
        indicator_text,
        phrase_key,
        case
        {%- for p in prefixes %}
            when dated_key like '{{ p }}%' and {{ dbt.length('dated_key') }} > {{ p | length }}
                then {{ dbt.right('dated_key', dbt.length('dated_key') ~ ' - ' ~ (p | length)) }}
        {%- endfor %}
            else dated_key
        end as scoped_key
    from dated
),

counted as (
    select distinct
        indicator_text,
        phrase_key,
        scoped_key,
        case
        {%- for s in counting_suffixes %}
            when scoped_key like '%{{ s }}' and {{ dbt.length('scoped_key') }} > {{ s | length }}
            {%- if s == '数' %}
                {%- for n in not_counting %} and scoped_key not like '%{{ n }}'{% endfor %}
            {%- endif %}
                then substring(scoped_key, 1, {{ dbt.length('scoped_key') }} - {{ s | length }})
        {%- endfor %}
        end as counted_key
    from scoped
),

matched as (
    select
        counted.indicator_text,
        coalesce(exact.indicator_id, by_scope.indicator_id, by_count.indicator_id) as indicator_id,
        case
            when exact.indicator_id is not null then 'exact'
            when by_scope.indicator_id is not null or by_count.indicator_id is not null then 'scope_prefix'
        end as indicator_match
    from counted
    left join aliases as exact
        on counted.phrase_key = exact.alias_key
    left join aliases as by_scope
        on counted.scoped_key = by_scope.alias_key
        and counted.scoped_key <> counted.phrase_key
    left join aliases as by_count
        on counted.counted_key = by_count.alias_key
),

class_heads as (
    select distinct {{ spelled('head') }} as head_key, unit_family, indicator_id
    from {{ ref('indicator_classes') }}
),

head_keys as (
    select distinct head_key, {{ dbt.length('head_key') }} as head_length
    from class_heads
),

-- The longest head each phrase ends with, whatever the unit: a phrase names one thing, and a
-- unit that does not fit that head refuses the class rather than falling back to a shorter one.
class_candidates as (
    select
        class_keys.indicator_text,
        class_keys.class_key,
        head_keys.head_key,
        head_keys.head_length,
        row_number() over (
            partition by class_keys.indicator_text order by head_keys.head_length desc
        ) as head_rank
    from (
        select distinct indicator_text, coalesce(counted_key, scoped_key) as class_key
        from counted
    ) as class_keys
    inner join head_keys
        on class_keys.class_key like {{ dbt.concat(["'%'", "head_keys.head_key"]) }}
),

classed as (
    select
        class_candidates.indicator_text,
        class_heads.unit_family,
        class_heads.indicator_id,
        class_candidates.head_key as indicator_head,
        case
            when {{ dbt.length('class_candidates.class_key') }} > class_candidates.head_length
                then substring(
                    class_candidates.class_key, 1,
                    {{ dbt.length('class_candidates.class_key') }} - class_candidates.head_length
                )
        end as indicator_scope
    from class_candidates
    inner join class_heads
        on class_candidates.head_key = class_heads.head_key
    where class_candidates.head_rank = 1
)

select
    figures.document_id,
    figures.version,
    figures.figure_no,
    figures.indicator_text,
    coalesce(matched.indicator_id, classed.indicator_id) as indicator_id,
    case
        when matched.indicator_id is not null then matched.indicator_match
        when classed.indicator_id is not null then 'class'
        else 'unmapped'
    end as indicator_match,
    classed.indicator_scope,
    classed.indicator_head,
    figures.document_changed_at
from figures
left join matched
    on figures.indicator_text = matched.indicator_text
left join units
    on figures.document_id = units.document_id
    and figures.version = units.version
    and figures.figure_no = units.figure_no
left join classed
    on figures.indicator_text = classed.indicator_text
    and units.unit_family = classed.unit_family
    and matched.indicator_id is null
    and not coalesce(figures.is_key_extracted, false)
    and units.unit not in ({% for u in ambiguous_units %}'{{ u }}'{{ ", " if not loop.last }}{% endfor %})

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
--   3. unmapped: no indicator_id; the phrase is kept as written (int_unmapped_indicators).
-- Change phrases keep their verb (新增上市公司, 一般公共预算收入增加): no rule strips one.
{%- set prefixes = var('indicator_scope_prefixes') %}
{%- set period_prefixes = ['十五五时期', '十四五时期', '十五五', '十四五', '每年'] %}
{%- set counting_suffixes = ['数量', '人数', '数'] %}
{#- 数 that is part of the name, not a count of it. #}
{%- set not_counting = ['指数', '系数', '倍数', '分数', '参数'] %}
{%- set trailing_totals = ['总额', '总值'] %}

{#- without a trailing 总额/总值, applied to spelled_key on both sides. -#}
{%- set total_cases = [] %}
{%- for t in trailing_totals %}
    {%- do total_cases.append("when spelled_key like '%" ~ t ~ "' and " ~ dbt.length('spelled_key') ~ " > " ~ (t | length)
        ~ " then substring(spelled_key, 1, " ~ dbt.length('spelled_key') ~ " - " ~ (t | length) ~ ")") %}
{%- endfor %}
{%- set without_total = "case " ~ (total_cases | join(' ')) ~ " else spelled_key end" %}

with figures as (
    select document_id, version, figure_no, indicator_text, document_changed_at
    from {{ ref('int_figures_current') }}
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
)

select
    figures.document_id,
    figures.version,
    figures.figure_no,
    figures.indicator_text,
    matched.indicator_id,
    coalesce(matched.indicator_match, 'unmapped') as indicator_match,
    figures.document_changed_at
from figures
left join matched
    on figures.indicator_text = matched.indicator_text

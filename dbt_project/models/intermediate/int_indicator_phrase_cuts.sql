-- sqlfluff:exclude_rules:LT02,RF03,RF04,ST06,LT09,LT14,AM04,AL05,LT05
-- (jinja loops write this model's CASE branches: sqlfluff cannot place their indent)
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    incremental_strategy='delete+insert',
    unique_key='indicator_text',
    post_hook="{{ delete_stale_phrases(ref('int_indicator_phrase_keys')) }}",
) }}
-- Incremental: only the phrases new since the last build are computed (macros/incremental_phrases.sql).
-- The keys an indicator phrase is matched by (int_indicator_phrase_matches), one row per
-- distinct phrase of int_indicator_phrase_keys: each a cut of the one before it.
--   phrase_key: the spelling key without a trailing 总额/总值 (macros/without_total.sql);
--   scoped_key: minus a leading year or plan period (2025年, 到2030年, “十五五”时期, 每年; not 年均:
--      an average over years is no year's level) and then a leading scope word (全省, 全市, … the
--      indicator_scope_prefixes var);
--   counted_key: scoped_key minus a trailing counting word (数量, 人数, 个数, 数: 高新技术企业数 →
--      高新技术企业; not the 数 of 指数, 系数 …), null when it has none;
--   growth_key: scoped_key without the change words around a growth's indicator (带动…增长, …增加).
-- A table of its own, not CTEs of the matching model: each cut is a CASE that names the key before
-- it once per branch, and Spark substitutes those CASEs into one another wherever a later join or
-- filter uses a key (the SELECT DISTINCT fences below do not stop it: its optimizer drops a
-- DISTINCT over rows already distinct and pushes predicates through the rest). The matching
-- model, planned on these keys as columns, ran out of a 14 GB driver heap after 8 minutes
-- (docs/scale.md). Here nothing filters or joins on a cut, so every engine plans each CASE once.
-- Change phrases keep their verb (新增上市公司, 一般公共预算收入增加): no cut strips one.
{%- set prefixes = var('indicator_scope_prefixes') %}
{%- set period_prefixes = ['十五五时期', '十四五时期', '十五五', '十四五', '每年'] %}
{%- set counting_suffixes = ['数量', '人数', '个数', '数'] %}
{#- 数 that is part of the name, not a count of it. #}
{%- set not_counting = ['指数', '系数', '倍数', '分数', '参数'] %}
{#- Change words around a growth's indicator (带动固定资产投资增长, 粮食产量增加): dropped for a growth or
    point change only. -#}
{%- set growth_tails = ['增加', '增长', '提高', '增产', '上升', '下降', '减少', '降低', '减产'] %}
{%- set growth_leads = ['带动'] %}

-- Each step its own SELECT DISTINCT: PostgreSQL inlines CTEs, and without that fence every step
-- would repeat the previous step's expression once per CASE branch (a plan that grows past what
-- the server survives). DISTINCT keeps each step computed once; the phrase is unique at every
-- step, so it drops no row.
with spelled as (
    select phrases.indicator_text, phrases.spelled_key, phrases.phrase_built_at
    from {{ ref('int_indicator_phrase_keys') }} as phrases
    where {{ new_phrases('phrases', []) }}
),

keyed as (
    select distinct indicator_text, phrase_built_at, {{ without_total('spelled_key') }} as phrase_key
    from spelled
),

dated as (
    select distinct
        indicator_text,
        phrase_built_at,
        phrase_key,
        case
            when substring(phrase_key, 5, 1) = '年' and substring(phrase_key, 1, 4) between '1900' and '2099'
                and {{ dbt.length('phrase_key') }} > 5
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - 5') }}
            when substring(phrase_key, 1, 1) = '到' and substring(phrase_key, 6, 1) = '年'
                and substring(phrase_key, 2, 4) between '1900' and '2099' and {{ dbt.length('phrase_key') }} > 6
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - 6') }}
        {{- strip_leading_branches('phrase_key', period_prefixes) }}
            else phrase_key
        end as dated_key
    from keyed
),

scoped as (
    select distinct
        indicator_text,
        phrase_built_at,
        phrase_key,
        case
        {{- strip_leading_branches('dated_key', prefixes) }}
            else dated_key
        end as scoped_key
    from dated
),

counted as (
    select distinct
        indicator_text,
        phrase_built_at,
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

-- A growth or point change names its indicator without the change verb the sentence puts around
-- it (粮食产量增加 1.6%, 带动固定资产投资增长 5.1%: the growth of 粮食产量, of 固定资产投资); a level
-- keeps it (粮食产量增加 1109万吨 is the increase, not the output).
growth_tailed as (
    select distinct
        indicator_text,
        phrase_built_at,
        phrase_key,
        scoped_key,
        counted_key,
        case
        {{- strip_trailing_branches('scoped_key', growth_tails, keep=1) }}
            else scoped_key
        end as growth_base
    from counted
)

select distinct
    indicator_text,
    phrase_built_at,
    phrase_key,
    scoped_key,
    counted_key,
    case
    {{- strip_leading_branches('growth_base', growth_leads, keep=1) }}
        else growth_base
    end as growth_key
from growth_tailed

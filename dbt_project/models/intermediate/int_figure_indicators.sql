-- Names each figure's indicator. Rules, in order:
--   1. exact: the phrase (spaces removed, Latin letters upper-cased) is an alias;
--   2. scope_prefix: the phrase minus a leading scope word (全省, 全市, … see the
--      indicator_scope_prefixes var) is an alias;
--   3. unmapped: no indicator_id; the phrase is kept as written (int_unmapped_indicators).
{%- set prefixes = var('indicator_scope_prefixes') %}
with figures as (
    select document_id, version, figure_no, indicator_text
    from {{ ref('int_figures_current') }}
),

aliases as (
    select
        upper(replace(alias, ' ', '')) as alias_key,
        indicator_id
    from {{ ref('indicator_aliases') }}
),

keyed as (
    select
        figures.*,
        upper(replace(replace(indicator_text, ' ', ''), '　', '')) as phrase_key
    from figures
),

scoped as (
    select
        keyed.*,
        case
        {%- for p in prefixes %}
            when phrase_key like '{{ p }}%' and {{ dbt.length('phrase_key') }} > {{ p | length }}
                then {{ dbt.right('phrase_key', dbt.length('phrase_key') ~ ' - ' ~ (p | length)) }}
        {%- endfor %}
        end as scoped_key
    from keyed
)

select
    scoped.document_id,
    scoped.version,
    scoped.figure_no,
    scoped.indicator_text,
    coalesce(exact.indicator_id, by_scope.indicator_id) as indicator_id,
    case
        when exact.indicator_id is not null then 'exact'
        when by_scope.indicator_id is not null then 'scope_prefix'
        else 'unmapped'
    end as indicator_match
from scoped
left join aliases as exact
    on scoped.phrase_key = exact.alias_key
left join aliases as by_scope
    on scoped.scoped_key = by_scope.alias_key

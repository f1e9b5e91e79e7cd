{#- The join of an earlier figure to a later statement of the same observation: same region,
    indicator, measure, whole (`of`) and year, from another document dated later. Targets meet
    their outcomes and estimates their finals by this one rule.
    "Same indicator" is the canonical indicator_id when both are mapped; an unmapped figure
    matches on its phrase up to spelling (spaces and quotation marks dropped: 省级“和美乡村” =
    省级和美乡村), and only a figure in the same unit family (a count of 个 is no amount in 亿元),
    since a phrase alone does not make two figures one indicator. -#}
{% macro same_observation_later(earlier, later) %}
        {{ earlier }}.region_code = {{ later }}.region_code
        and {{ observation_phrase_key(earlier) }} = {{ observation_phrase_key(later) }}
        and ({{ earlier }}.indicator_id is not null
             or coalesce({{ earlier }}.unit_family, '') = coalesce({{ later }}.unit_family, ''))
        and {{ earlier }}.measure = {{ later }}.measure
        and coalesce({{ earlier }}.of_key, '') = coalesce({{ later }}.of_key, '')
        and {{ earlier }}.period = {{ later }}.period
        and {{ earlier }}.is_span_average = {{ later }}.is_span_average
        and {{ earlier }}.document_id <> {{ later }}.document_id
        and {{ later }}.as_of_key > {{ earlier }}.as_of_key
{%- endmacro %}

{#- indicator_key with an unmapped phrase's spaces and quotation marks dropped. -#}
{% macro observation_phrase_key(rel) -%}
    {%- set ns = namespace(expr=rel ~ '.indicator_key') -%}
    {%- for ch in [' ', '　', '“', '”', '‘', '’', '"', '「', '」'] -%}
        {%- set ns.expr = "replace(" ~ ns.expr ~ ", '" ~ ch ~ "', '')" -%}
    {%- endfor -%}
    case when {{ rel }}.indicator_id is not null then {{ rel }}.indicator_key else {{ ns.expr }} end
{%- endmacro %}

{#- The CASE branches that cut the first of `prefixes` a text starts with, when more than `keep`
    characters remain: `when col like 'p%' and length(col) > len(p) + keep then right(col,
    length(col) - len(p))`, one per prefix in the order given (list longer prefixes first). Used
    inside a `case … else col end`. -#}
{% macro strip_leading_branches(column, prefixes, keep=0) -%}
    {%- for p in prefixes %}
            when {{ column }} like '{{ p }}%' and {{ dbt.length(column) }} > {{ (p | length) + keep }}
                then {{ dbt.right(column, dbt.length(column) ~ ' - ' ~ (p | length)) }}
    {%- endfor %}
{%- endmacro %}

{#- The mirror: the CASE branches that cut the first of `suffixes` a text ends with, when more
    than `keep` characters remain: `when col like '%s' and length(col) > len(s) + keep then
    substring(col, 1, length(col) - len(s))`. -#}
{% macro strip_trailing_branches(column, suffixes, keep=0) -%}
    {%- for s in suffixes %}
            when {{ column }} like '%{{ s }}' and {{ dbt.length(column) }} > {{ (s | length) + keep }}
                then substring({{ column }}, 1, {{ dbt.length(column) }} - {{ s | length }})
    {%- endfor %}
{%- endmacro %}

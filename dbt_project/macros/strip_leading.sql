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

{#- The join of an earlier figure to a later statement of the same observation: same region,
    indicator, measure, whole (`of`) and year, from another document dated later. Targets meet
    their outcomes and estimates their finals by this one rule. -#}
{% macro same_observation_later(earlier, later) %}
        {{ earlier }}.region_code = {{ later }}.region_code
        and {{ earlier }}.indicator_key = {{ later }}.indicator_key
        and {{ earlier }}.measure = {{ later }}.measure
        and coalesce({{ earlier }}.of_key, '') = coalesce({{ later }}.of_key, '')
        and {{ earlier }}.period = {{ later }}.period
        and {{ earlier }}.document_id <> {{ later }}.document_id
        and {{ later }}.as_of_key > {{ earlier }}.as_of_key
{%- endmacro %}

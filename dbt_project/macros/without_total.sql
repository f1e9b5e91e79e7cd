{#- The key without a trailing 总额/总值 (进出口总值 = 进出口总额 = 进出口), applied to the phrase keys
    (int_indicator_phrase_cuts) and the alias keys (int_indicator_phrase_matches) alike, so one
    alias row covers both spellings. -#}
{% macro without_total(column) -%}
    {%- set total_cases = [] %}
    {%- for t in ['总额', '总值'] %}
        {%- do total_cases.append("when " ~ column ~ " like '%" ~ t ~ "' and " ~ dbt.length(column) ~ " > " ~ (t | length)
            ~ " then substring(" ~ column ~ ", 1, " ~ dbt.length(column) ~ " - " ~ (t | length) ~ ")") %}
    {%- endfor %}
    {{- "case " ~ (total_cases | join(' ')) ~ " else " ~ column ~ " end" }}
{%- endmacro %}

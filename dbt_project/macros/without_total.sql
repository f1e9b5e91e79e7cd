{#- The key without a trailing 总额/总值 (进出口总值 = 进出口总额 = 进出口), applied to the phrase keys
    (int_indicator_phrase_cuts) and the alias keys (int_indicator_phrase_matches) alike, so one
    alias row covers both spellings. -#}
{% macro without_total(column) -%}
    case {{ strip_trailing_branches(column, ['总额', '总值']) }} else {{ column }} end
{%- endmacro %}

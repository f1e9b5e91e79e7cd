{#- A product of a decimal figure and a scale carries binary noise (4.1 × 0.01 =
    0.040999999999999995, 4.1 × 1e8 = 409999999.99999994). Figures are written with far fewer
    than 12 significant digits, so rounding to 12 keeps every digit the document gave and drops
    the noise. DuckDB rounds a double to a computed number of digits; PostgreSQL's round(x, n)
    only takes numeric, hence the dispatch. -#}
{% macro round_significant(expr, digits=12) %}
    {{ return(adapter.dispatch('round_significant')(expr, digits)) }}
{% endmacro %}

{% macro default__round_significant(expr, digits) %}
    case when {{ expr }} is null or {{ expr }} = 0 then {{ expr }}
         else round({{ expr }}, cast({{ digits }} - ceil(log10(abs({{ expr }}))) as integer)) end
{% endmacro %}

{% macro postgres__round_significant(expr, digits) %}
    case when {{ expr }} is null or {{ expr }} = 0 then {{ expr }}
         else cast(round(cast({{ expr }} as numeric), cast({{ digits }} - ceil(log(abs({{ expr }}))) as integer)) as double precision) end
{% endmacro %}

{#- Spark's round() takes only a constant scale: print the number with `digits` significant
    digits in scientific notation and read it back, which rounds the same way. -#}
{% macro spark__round_significant(expr, digits) %}
    case when {{ expr }} is null or {{ expr }} = 0 then {{ expr }}
         else cast(format_string('%.{{ digits - 1 }}e', {{ expr }}) as double) end
{% endmacro %}

{#- An 8-byte float. dbt.type_float() gives `float`, which is 4 bytes on DuckDB and Spark;
    `double precision` is standard SQL (DuckDB, PostgreSQL) but Spark SQL spells it `double`. -#}
{% macro type_double() %}
    {{ return(adapter.dispatch('type_double')()) }}
{% endmacro %}

{% macro default__type_double() %}double precision{% endmacro %}

{% macro spark__type_double() %}double{% endmacro %}

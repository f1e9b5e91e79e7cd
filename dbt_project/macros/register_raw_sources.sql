{#- On engines that do not hold the raw tables themselves (Spark), make schema `raw` point at
    the Parquet files the pipeline publishes (orchestration/lake.py: <lake>/current/raw/<table>/,
    Hive-partitioned). DuckDB and PostgreSQL already hold them: nothing to do.
    Run as on-run-start, so every dbt command sees the same sources. -#}
{% macro register_raw_sources() %}
    {{ return(adapter.dispatch('register_raw_sources')()) }}
{% endmacro %}

{% macro default__register_raw_sources() %}
    select 1
{% endmacro %}

{% macro spark__register_raw_sources() %}
    {%- set root = env_var('ZHIBIAO_RAW_PARQUET', '') -%}
    {%- if not root -%}
        {{ exceptions.raise_compiler_error("target spark reads the raw tables from Parquet: set ZHIBIAO_RAW_PARQUET to the raw/ folder of a lake version (e.g. warehouse/lake/current/raw)") }}
    {%- endif -%}
    {%- do run_query("create database if not exists raw") -%}
    {%- for table in ['documents', 'figures', 'extractions', 'ingest_errors', 'quarantine'] -%}
        {%- do run_query("create or replace view raw." ~ table ~ " as select * from parquet.`" ~ root ~ "/" ~ table ~ "`") -%}
    {%- endfor %}
    select 1
{% endmacro %}

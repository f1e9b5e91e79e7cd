{#- A source table that another component creates (raw.quarantine): when it does not exist
    yet, an empty relation with the given columns stands in, so a fresh warehouse builds.
    columns: list of [name, type] pairs. -#}
{% macro source_or_empty(source_name, table_name, columns) -%}
    {%- set rel = source(source_name, table_name) -%}
    {%- set found = none -%}
    {%- if execute -%}
        {%- set found = adapter.get_relation(database=rel.database, schema=rel.schema, identifier=rel.identifier) -%}
    {%- endif -%}
    {%- if found is not none -%}
        {{ rel }}
    {%- else -%}
        (select
        {%- for name, type in columns %}
            cast(null as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
        where 1 = 0)
    {%- endif -%}
{%- endmacro %}

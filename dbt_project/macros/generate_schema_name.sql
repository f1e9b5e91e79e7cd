{#- Custom schemas are used as written (staging, intermediate, seeds); marts land in the
    target schema (main), so analysts write `select * from fct_figure`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}

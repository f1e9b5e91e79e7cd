{#- Data tests on the large incremental models read only the rows built since the last finished
    build. A test's `where` config names a placeholder, replaced here when the test runs (the
    override of dbt's get_where_subquery that dbt's docs describe for run-time conditions; a
    `where` written in jinja would be rendered once, at parse time):

      __changed_documents__  the rows of documents changed since then (document_changed_at)
      __changed_regions__    the rows of regions changed since then (region_changed_at)
      __extracted_figures__  the raw figures extracted since then (stg_figures: extracted_at; a
                             raw figure row is never updated, a new extraction writes new rows)

    "Since then" is the newest raw.builds.built_at: the run writes it after a build that
    succeeded, tests included, and the raw tables are written before dbt starts (under the run
    lock), so a row built by this build has a change time after it and a row of an earlier
    finished build passed these tests then, on the same values. A build that failed writes no
    raw.builds row, and the next one tests its rows again.

    Everything (1 = 1) on a full refresh, when raw.builds does not exist or is empty (a first
    build, the tests' fixture warehouses), and on Spark (its models are rebuilt whole).

    Left to the rows that changed: a removed document (no product path removes one) takes its
    rows with it; the rows of its region that a region-keyed model rebuilt are tested only if the
    region's newest change moved. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where and '__changed_documents__' in where -%}
        {%- set where = where | replace('__changed_documents__', changed_rows_condition('document_changed_at')) -%}
    {%- endif -%}
    {%- if where and '__changed_regions__' in where -%}
        {%- set where = where | replace('__changed_regions__', changed_rows_condition('region_changed_at')) -%}
    {%- endif -%}
    {%- if where and '__extracted_figures__' in where -%}
        {%- set where = where | replace('__extracted_figures__', changed_rows_condition('extracted_at')) -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% macro changed_rows_condition(column) -%}
    {%- if flags.FULL_REFRESH or target.type == 'spark' or not execute -%}
        {{ return('1 = 1') }}
    {%- endif -%}
    {%- set builds = adapter.get_relation(database=target.database, schema='raw', identifier='builds') -%}
    {%- if builds is none -%}
        {{ return('1 = 1') }}
    {%- endif -%}
    {#- a literal, looked up once per test, so the engine can skip whole row groups of the scan -#}
    {%- set last = run_query("select cast(max(built_at) as " ~ dbt.type_string() ~ ") from " ~ builds).columns[0].values()[0] -%}
    {%- if last is none -%}
        {{ return('1 = 1') }}
    {%- endif -%}
    {{ return(column ~ " > cast('" ~ last ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}

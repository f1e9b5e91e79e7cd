{#- Incremental models keyed on the document (delete+insert on document_id). Every row carries
    document_changed_at, the document's int_document_changes.changed_at when the row was built.

    changed_since_last_build(): the filter of the model's new rows. On an incremental run, the
    documents changed at or after the newest document_changed_at in the model (everything that
    changed after its last build, since the raw tables are written before dbt runs, under the
    run lock), as a list of document ids looked up once per build (run_query), so the filter
    reaches the scan of raw.figures; `1 = 1` on a full build. A model using it names
    int_document_changes in a `-- depends_on:` comment (dbt sees a ref only when it parses,
    and is_incremental() is false then).

    delete_stale_documents() (post-hook): rows of documents that changed but now have no row in
    the batch (all their figures quarantined, say) or that are gone from the raw tables. The
    delete+insert only replaces documents that do have new rows.

    On Spark these models are plain tables, rebuilt whole on every run (`materialized` picks
    by target.type in each model): dbt-spark's incremental strategies on Parquet are append
    and insert_overwrite only, no delete+insert, and Parquet tables take no DELETE, so
    delete_stale_documents() is a no-op there. At Spark's scale the rebuild is the cluster's job.

    A change to the models or seeds themselves is not seen here: the run does a --full-refresh
    build then (orchestration/defs/assets/dbt.py). -#}

{% macro changed_since_last_build(column='document_changed_at') -%}
    {%- if is_incremental() and execute -%}
        {%- set changed -%}
            select document_id from {{ ref('int_document_changes') }}
            where changed_at >= (
                select coalesce(max({{ column }}), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
                from {{ this }}
            )
        {%- endset -%}
        {{ in_literals('document_id', run_query(changed).columns[0].values()) }}
    {%- elif is_incremental() -%}
        1 = 0
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

{#- `column in ('a', 'b')`, or `1 = 0` for no value: a list of literals, which the engine pushes
    through views, joins and windows on that column down to the scans of the raw tables (a
    subquery it would evaluate after reading every row). -#}
{% macro in_literals(column, values) -%}
    {%- set values = values | list -%}
    {%- if values -%}
        {{ column }} in ({% for v in values %}'{{ v | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %})
    {%- else -%}
        1 = 0
    {%- endif -%}
{%- endmacro %}

{% macro delete_stale_documents() -%}
    {{ return(adapter.dispatch('delete_stale_documents')()) }}
{%- endmacro %}

{% macro spark__delete_stale_documents() -%}
    select 1
{%- endmacro %}

{% macro default__delete_stale_documents() -%}
    delete from {{ this }}
    where document_id in (
        select built.document_id
        from {{ this }} as built
        left join {{ ref('int_document_changes') }} as changes
            on built.document_id = changes.document_id
        where changes.document_id is null
            or built.document_changed_at < changes.changed_at
    )
{%- endmacro %}

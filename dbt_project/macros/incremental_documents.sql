{#- Incremental models keyed on the document (delete+insert on document_id). Every row carries
    document_changed_at, the document's int_document_changes.changed_at when the row was built.

    changed_since_last_build(): the filter of the model's new rows. On an incremental run, the
    documents changed at or after the newest document_changed_at in the model (everything that
    changed after its last build, since the raw tables are written before dbt runs, under the
    run lock); `true` on a full build.

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
    {%- if is_incremental() -%}
        {{ column }} >= (
            select coalesce(max(document_changed_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
            from {{ this }}
        )
    {%- else -%}
        1 = 1
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

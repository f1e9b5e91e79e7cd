{#- Incremental models keyed on the region (delete+insert on region_code): the models that pair
    figures across documents (a target with its outcome, an estimate with its final, a region's
    series of key indicators). A row of theirs reads only figures of its own region (the join of
    macros/same_observation_later.sql and the windows of mart_key_indicators are all by
    region_code, and a figure's region is its document's), so a region's rows change only when
    one of its documents does.

    Every row carries its region's state when the row was built (region_states()):
    region_changed_at, the newest int_document_changes.changed_at of the region's documents, and
    region_documents, how many documents the region has. Any change to a region moves one of the
    two: a document added, revised, extracted again, a figure quarantined or released (the
    newest changed_at), a document removed or moved to another region (the count, or the newest
    changed_at when it was the newest).

    changed_regions_sql(): the regions an incremental build recomputes: those whose state differs
    from the one stored in the model; those the model has no row for whose newest change is at or
    after the newest state it stores (a change after the last build is newer than anything that
    build saw; a region without rows whose documents did not change since still has nothing to
    pair); and those gone from the documents.

    delete_stale_regions() (post-hook): rows whose stored state is not the region's state now,
    or whose region has no documents any more. After the delete+insert every recomputed region
    that still has rows holds the new state, so what is left stale are the regions that now have
    no row (their only targets quarantined, their documents removed).

    On Spark these models are plain tables rebuilt whole, as the document-keyed ones
    (macros/incremental_documents.sql); the post-hook is a no-op there. -#}

{% macro region_states() -%}
    select
        documents.region_code,
        max(changes.changed_at) as region_changed_at,
        count(*) as region_documents
    from {{ ref('int_documents') }} as documents
    inner join {{ ref('int_document_changes') }} as changes
        on documents.document_id = changes.document_id
    where documents.is_latest
        and documents.region_code is not null
    group by documents.region_code
{%- endmacro %}

{#- The CTEs `pairs` (rows_sql), `states` (region_states()) and `stated`: the pairs with their
    region's state beside them, which changed_regions_sql() and delete_stale_regions() compare
    with the state now. Used as `with {{ stated_ctes(...) }} select ... from stated`; the
    CTEs nest the pairs' own WITH as the models always did, which every engine accepts. -#}
{% macro stated_ctes(rows_sql) -%}
pairs as (
    {{ rows_sql }}
),

states as (
    {{ region_states() }}
),

stated as (
    select
        pairs.*,
        states.region_changed_at,
        states.region_documents
    from pairs
    left join states
        on pairs.region_code = states.region_code
)
{%- endmacro %}

{% macro changed_regions_sql() -%}
    select states.region_code
    from ({{ region_states() }}) as states
    left join (
        select distinct region_code, region_changed_at, region_documents from {{ this }}
    ) as built
        on states.region_code = built.region_code
    where (built.region_code is not null
        and (built.region_changed_at <> states.region_changed_at
            or built.region_documents <> states.region_documents))
        or (built.region_code is null
            and states.region_changed_at >= (select max(region_changed_at) from {{ this }}))
    union all
    select distinct built.region_code
    from {{ this }} as built
    left join ({{ region_states() }}) as states
        on built.region_code = states.region_code
    where states.region_code is null
{%- endmacro %}

{#- The condition a region-keyed model puts on its input rows: the changed regions as a list of
    literals (run_query once per build), so the engine can push the filter through the windows
    partitioned by region and down to the scans, which it cannot do with a subquery; `1 = 1` on
    a full build. -#}
{% macro region_filter(column='region_code') -%}
    {%- if is_incremental() and execute -%}
        {{ in_literals(column, run_query(changed_regions_sql()).columns[0].values()) }}
    {%- elif is_incremental() -%}
        1 = 0
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

{% macro delete_stale_regions() -%}
    {{ return(adapter.dispatch('delete_stale_regions')()) }}
{%- endmacro %}

{% macro spark__delete_stale_regions() -%}
    select 1
{%- endmacro %}

{% macro default__delete_stale_regions() -%}
    delete from {{ this }}
    where region_code in (
        select built.region_code
        from (select distinct region_code, region_changed_at, region_documents from {{ this }}) as built
        left join ({{ region_states() }}) as states
            on built.region_code = states.region_code
        where states.region_code is null
            or built.region_changed_at <> states.region_changed_at
            or built.region_documents <> states.region_documents
    )
{%- endmacro %}

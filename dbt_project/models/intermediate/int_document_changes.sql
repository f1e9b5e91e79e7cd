-- When each document last changed in the raw tables: a version ingested, figures extracted, a
-- figure quarantined or released. The incremental models rebuild only the documents changed
-- since their own last build (macros/incremental_documents.sql).
{%- set epoch = "cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")" %}
with ingested as (
    select document_id, max(ingested_at) as changed_at
    from {{ ref('stg_documents') }}
    group by document_id
),

extracted as (
    select document_id, max(extracted_at) as changed_at
    from {{ ref('stg_extractions') }}
    group by document_id
),

judged as (
    select document_id, max(coalesce(released_at, quarantined_at)) as changed_at
    from {{ ref('stg_quarantine') }}
    group by document_id
)

select
    ingested.document_id,
    greatest(
        coalesce(ingested.changed_at, {{ epoch }}),
        coalesce(extracted.changed_at, {{ epoch }}),
        coalesce(judged.changed_at, {{ epoch }})
    ) as changed_at
from ingested
left join extracted
    on ingested.document_id = extracted.document_id
left join judged
    on ingested.document_id = judged.document_id

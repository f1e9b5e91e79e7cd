-- The figures analysts see: those of each document's latest version, minus the ones in
-- active quarantine. Carries the document's region and time key, and when the document last
-- changed (what the incremental models downstream rebuild by).
with figures as (
    select * from {{ ref('stg_figures') }}
),

documents as (
    select * from {{ ref('int_documents') }}
    where is_latest
),

changes as (
    select * from {{ ref('int_document_changes') }}
),

quarantined as (
    select distinct document_id, version, figure_no
    from {{ ref('stg_quarantine') }}
    where is_active
)

select
    figures.*,
    documents.region_code,
    documents.kind as document_kind,
    documents.as_of_key,
    changes.changed_at as document_changed_at
from figures
inner join documents
    on figures.document_id = documents.document_id
    and figures.version = documents.version
inner join changes
    on figures.document_id = changes.document_id
left join quarantined
    on figures.document_id = quarantined.document_id
    and figures.version = quarantined.version
    and figures.figure_no = quarantined.figure_no
where quarantined.figure_no is null

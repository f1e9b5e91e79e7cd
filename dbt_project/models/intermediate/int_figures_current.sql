-- The figures analysts see: those of each document's latest version, minus the ones in
-- active quarantine. Carries the document's region and time key.
with figures as (
    select * from {{ ref('stg_figures') }}
),

documents as (
    select * from {{ ref('int_documents') }}
    where is_latest
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
    documents.as_of_key
from figures
inner join documents
    on figures.document_id = documents.document_id
    and figures.version = documents.version
left join quarantined
    on figures.document_id = quarantined.document_id
    and figures.version = quarantined.version
    and figures.figure_no = quarantined.figure_no
where quarantined.figure_no is null

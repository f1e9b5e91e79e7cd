-- One row per document version; is_latest marks the version fct_figure reads.
select
    document_id,
    version,
    kind,
    title,
    issuer,
    document_date,
    region_code,
    region_name,
    review_year,
    plan_year,
    sha256,
    source_path,
    ingested_at,
    is_latest
from {{ ref('int_documents') }}

-- Which document versions have been extracted (raw.extractions); empty when the table does not
-- exist yet (a warehouse written before it did).
with source as (
    select * from {{ source_or_empty('raw', 'extractions', [
        ['document_id', dbt.type_string()],
        ['version', 'integer'],
        ['extractor_version', dbt.type_string()],
        ['figures', 'integer'],
        ['extracted_at', dbt.type_timestamp()],
        ['run_id', dbt.type_string()],
    ]) }} as e
)

select
    document_id,
    cast(version as integer) as version,
    extractor_version,
    cast(figures as integer) as figure_count,
    extracted_at,
    run_id
from source

-- One row per document version, renamed and cast; the big text columns stay in raw.
with source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        document_id,
        cast(version as integer) as version,
        sha256,
        lower(trim(kind)) as kind,
        source_path,
        byte_size,
        encoding,
        nullif(trim(title), '') as title,
        nullif(trim(issuer), '') as issuer,
        cast(doc_date as date) as document_date,
        cast(review_year as integer) as review_year,
        cast(plan_year as integer) as plan_year,
        nullif(trim(region_code), '') as region_code,
        nullif(trim(region_name), '') as region_name,
        ingested_at,
        run_id
    from source
)

select * from renamed

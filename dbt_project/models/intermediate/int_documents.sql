-- Every document version with the flags later models need: whether it is the latest version
-- of its document, and as_of_key, an integer yyyymmdd that orders documents in time: the
-- delivery date; without one, 1 January after the review year for a report (they are
-- delivered in January–February) and 1 April after it for a bulletin (published in spring,
-- after that year's reports).
with documents as (
    select * from {{ ref('stg_documents') }}
),

extracted as (
    select distinct document_id, version from {{ ref('stg_extractions') }}
),

-- The latest version is the newest one whose extraction finished: a version stored but not yet
-- (or never successfully) extracted leaves the previous one current. Documents with no
-- extraction record at all (older warehouses) fall back to their newest version.
versions as (
    select
        documents.*,
        coalesce(
            max(case when extracted.version is not null then documents.version end)
                over (partition by documents.document_id),
            max(documents.version) over (partition by documents.document_id)
        ) as latest_version
    from documents
    left join extracted
        on documents.document_id = extracted.document_id
        and documents.version = extracted.version
)

select
    document_id,
    version,
    sha256,
    kind,
    title,
    issuer,
    document_date,
    review_year,
    plan_year,
    region_code,
    region_name,
    source_path,
    ingested_at,
    version = latest_version as is_latest,
    cast(
        case
            when document_date is not null
                then
                    extract(year from document_date) * 10000
                    + extract(month from document_date) * 100
                    + extract(day from document_date)
            when kind = 'bulletin' then (coalesce(review_year, plan_year - 1) + 1) * 10000 + 401
            else (coalesce(review_year, plan_year - 1) + 1) * 10000 + 101
        end as integer
    ) as as_of_key
from versions

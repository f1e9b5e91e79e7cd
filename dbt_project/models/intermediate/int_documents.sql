-- Every document version with the flags later models need: whether it is the latest version
-- of its document, and as_of_key, an integer yyyymmdd that orders documents in time: the
-- delivery date; without one, 1 January after the review year for a report (they are
-- delivered in January–February) and 1 April after it for a bulletin (published in spring,
-- after that year's reports).
with documents as (
    select * from {{ ref('stg_documents') }}
),

versions as (
    select
        documents.*,
        max(version) over (partition by document_id) as latest_version
    from documents
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
            when document_date is not null then
                extract(year from document_date) * 10000
                + extract(month from document_date) * 100
                + extract(day from document_date)
            when kind = 'bulletin' then (coalesce(review_year, plan_year - 1) + 1) * 10000 + 401
            else (coalesce(review_year, plan_year - 1) + 1) * 10000 + 101
        end as integer
    ) as as_of_key
from versions

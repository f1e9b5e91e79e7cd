-- One row per extracted figure of every document version, renamed and cast. Empty strings
-- the extractor writes for "none" become null, except unit: '' means "no unit" (an index).
with source as (
    select * from {{ source('raw', 'figures') }}
),

renamed as (
    select
        document_id,
        cast(version as integer) as version,
        cast(figure_no as integer) as figure_no,
        text,
        cast(start_offset as integer) as start_offset,
        cast(end_offset as integer) as end_offset,
        cast(value as {{ type_double() }}) as value,
        cast(value_high as {{ type_double() }}) as value_high,
        coalesce(trim(unit), '') as unit,
        lower(trim(measure)) as measure,
        lower(trim(status)) as status,
        cast(period as integer) as period,
        lower(trim(qualifier)) as qualifier,
        nullif(trim({{ adapter.quote('of') }}), '') as {{ adapter.quote('of') }},
        nullif(trim(indicator_text), '') as indicator_text,
        coalesce(is_key, false) as is_key_extracted,
        sentence,
        cast(sentence_start as integer) as sentence_start,
        cast(sentence_end as integer) as sentence_end,
        cast(is_preliminary as boolean) as is_preliminary,
        extractor_version,
        extracted_at,
        run_id
    from source
)

select * from renamed

-- Validation's quarantine rows (see the raw source); empty when the table does not exist.
with source as (
    select * from {{ source_or_empty('raw', 'quarantine', [
        ['document_id', dbt.type_string()],
        ['version', 'integer'],
        ['figure_no', 'integer'],
        ['suite', dbt.type_string()],
        ['check_name', dbt.type_string()],
        ['reason', dbt.type_string()],
        ['run_id', dbt.type_string()],
        ['quarantined_at', dbt.type_timestamp()],
        ['released_at', dbt.type_timestamp()],
        ['released_run_id', dbt.type_string()],
    ]) }} as q
),

renamed as (
    select
        document_id,
        cast(version as integer) as version,
        cast(figure_no as integer) as figure_no,
        suite,
        check_name,
        reason,
        run_id,
        quarantined_at,
        released_at,
        released_at is null as is_active
    from source
)

select * from renamed

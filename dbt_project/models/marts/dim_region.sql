-- Administrative divisions (the cpca-generated regions seed) with their parent's name.
-- name_en is left null: no source of English names for divisions is bundled.
with regions as (
    select * from {{ ref('regions') }}
)

select
    regions.region_code,
    regions.name_zh,
    cast(null as {{ dbt.type_string() }}) as name_en,
    regions.level,
    regions.parent_code,
    parent.name_zh as parent_name_zh,
    regions.province_code,
    regions.longitude,
    regions.latitude
from regions
left join regions as parent
    on regions.parent_code = parent.region_code

-- Administrative divisions (the cpca-generated regions seed) with their parent's name.
-- English names exist for the nation and the provinces only (region_names_en seed).
with regions as (
    select * from {{ ref('regions') }}
),

names_en as (
    select * from {{ ref('region_names_en') }}
)

select
    regions.region_code,
    regions.name_zh,
    names_en.name_en,
    regions.level,
    regions.parent_code,
    parent.name_zh as parent_name_zh,
    regions.province_code,
    regions.longitude,
    regions.latitude
from regions
left join regions as parent
    on regions.parent_code = parent.region_code
left join names_en
    on regions.region_code = names_en.region_code

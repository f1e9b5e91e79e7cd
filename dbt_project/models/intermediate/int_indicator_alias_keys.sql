{{ config(materialized='table') }}
-- Every alias of seeds/indicator_aliases.csv with its spelling key (macros/spelled.sql),
-- computed once and stored, so the matching model joins on a column.
select
    alias,
    {{ spelled('alias') }} as spelled_key,
    indicator_id
from {{ ref('indicator_aliases') }}

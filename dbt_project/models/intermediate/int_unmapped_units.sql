-- Units the units seed does not know, with how often they occur: the worklist for
-- seeds/units.csv. Their figures keep a null value_base until a row is added.
with unknown as (
    select
        figures.unit,
        figures.document_id,
        figures.text
    from {{ ref('int_figures_current') }} as figures
    inner join {{ ref('int_figure_units') }} as scaled
        on figures.document_id = scaled.document_id
        and figures.version = scaled.version
        and figures.figure_no = scaled.figure_no
    where not scaled.is_unit_known
)

select
    unit,
    count(*) as figure_count,
    count(distinct document_id) as document_count,
    min(text) as example_text
from unknown
group by unit

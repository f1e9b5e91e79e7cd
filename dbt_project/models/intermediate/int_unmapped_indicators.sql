-- Indicator phrases neither an alias nor a class head names (for the figure's unit), with how
-- often they occur: the worklist for seeds/indicator_aliases.csv and indicator_classes.csv.
-- Figures without any phrase are not listed (nothing to map).
with unmapped as (
    select
        figures.indicator_text,
        figures.document_id,
        figures.sentence
    from {{ ref('int_figures_current') }} as figures
    inner join {{ ref('int_figure_indicators') }} as matched
        on figures.document_id = matched.document_id
        and figures.version = matched.version
        and figures.figure_no = matched.figure_no
    where matched.indicator_match = 'unmapped'
        and figures.indicator_text is not null
)

select
    indicator_text,
    count(*) as figure_count,
    count(distinct document_id) as document_count,
    min(document_id) as example_document_id,
    min(sentence) as example_sentence
from unmapped
group by indicator_text

-- Estimates (预计) against the final figure reported later (int_estimate_revisions holds
-- the matching and the revision arithmetic).
select
    {{ dbt.concat(["estimate_document_id", "':'", "cast(estimate_figure_no as " ~ dbt.type_string() ~ ")"]) }} as estimate_revision_id,
    estimate_document_id,
    estimate_figure_no,
    region_code,
    indicator_id,
    indicator_text,
    measure,
    nullif(of_key, '') as {{ adapter.quote('of') }},
    period,
    estimate_value,
    estimate_unit,
    estimate_value_base,
    estimate_text,
    final_document_id,
    final_figure_no,
    final_value,
    final_unit,
    final_value_base,
    final_text,
    revision,
    revision_unit,
    relative_revision,
    is_final_known
from {{ ref('int_estimate_revisions') }}

-- fct_target_outcome (placeholder rel) when fct_figure does not exist: the links cannot be judged.
SELECT *, NULL::BOOLEAN AS target_in_fct_figure, NULL::BOOLEAN AS outcome_in_fct_figure,
       is_met IS NULL OR is_outcome_known AS is_met_needs_outcome
FROM {rel} t WHERE {where}

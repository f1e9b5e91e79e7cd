-- fct_target_outcome (placeholder rel): both ends of each pair are published figures of fct_figure
-- (placeholder fct) with the right status and period; is_met only where the outcome is known.
SELECT t.*,
    EXISTS (SELECT 1 FROM {fct} f WHERE f.document_id = t.target_document_id AND f.figure_no = t.target_figure_no
            AND f.status = 'target' AND f.period = t.period) AS target_in_fct_figure,
    CASE WHEN t.outcome_document_id IS NOT NULL THEN
        EXISTS (SELECT 1 FROM {fct} f WHERE f.document_id = t.outcome_document_id AND f.figure_no = t.outcome_figure_no
                AND f.status IN ('actual', 'estimate') AND f.period = t.period) END AS outcome_in_fct_figure,
    t.is_met IS NULL OR t.is_outcome_known AS is_met_needs_outcome
FROM {rel} t WHERE {where} ORDER BY t.target_document_id, t.target_figure_no

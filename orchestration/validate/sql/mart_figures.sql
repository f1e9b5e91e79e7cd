-- The figure checks over the mart (placeholder checks: figure_checks.sql on _zb_fig) plus what
-- only a mart has: the unit family against dim_indicator (placeholders fits, dim_join), the
-- base value (base_ok) and whether a quarantined figure leaked in.
SELECT x.* EXCLUDE (doc_rank),
       di.unit_family AS indicator_unit_family,
       {fits} AS unit_fits_dim_indicator,
       {base_ok} AS value_base_ok,
       EXISTS (SELECT 1 FROM raw.quarantine q WHERE q.released_at IS NULL AND q.document_id = x.document_id
               AND q.version = x.version AND q.figure_no = x.figure_no) AS is_quarantined
FROM ({checks}) x {dim_join}
ORDER BY x.document_id, x.figure_no

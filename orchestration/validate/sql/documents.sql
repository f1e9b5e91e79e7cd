-- The latest version of each document (placeholder latest_versions: which documents) with the
-- columns the raw_documents suite judges. Parameter $gdp: the GDP indicator pattern (units.json).
SELECT d.document_id, d.version, d.kind, d.original_text IS NOT NULL AS has_text,
       d.original_text, d.review_year, d.plan_year, d.region_code,
       d.plan_year - d.review_year AS plan_minus_review,
       count(f.figure_no) AS n_figures,
       CASE WHEN d.kind = 'report' THEN count(f.figure_no) END AS report_figures,
       CASE WHEN d.kind = 'report' THEN coalesce(bool_or(regexp_matches(f.indicator_text, $gdp)
            AND f.measure IN ('level', 'growth')), FALSE) END AS has_gdp_figure
FROM ({latest_versions}) lv
JOIN raw.documents d USING (document_id, version)
LEFT JOIN raw.figures f USING (document_id, version)
GROUP BY d.document_id, d.version, d.kind, d.original_text, d.review_year, d.plan_year, d.region_code
ORDER BY d.document_id

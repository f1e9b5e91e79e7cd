-- dim_document (placeholder rel) with latest_per_document and, for the latest version of each
-- report, has_gdp_figure / key_indicators_found from fct_figure and dim_indicator (placeholders
-- fct, dim); null for other rows. {where} / {fct_where}: all documents, or some (a scoped
-- judgement: every row of the frame reads only its own document's rows).
WITH found AS (
    SELECT f.document_id, f.version, bool_or(f.indicator_id = 'gdp') AS has_gdp,
           count(DISTINCT f.indicator_id) FILTER (WHERE i.is_key) AS n_key
    FROM {fct} f LEFT JOIN {dim} i USING (indicator_id)
    WHERE {fct_where}
    GROUP BY ALL
)
SELECT t.*,
       count(*) FILTER (WHERE t.is_latest) OVER (PARTITION BY t.document_id) AS latest_per_document,
       CASE WHEN t.is_latest AND t.kind = 'report' THEN coalesce(found.has_gdp, FALSE) END AS has_gdp_figure,
       CASE WHEN t.is_latest AND t.kind = 'report' THEN coalesce(found.n_key, 0) END AS key_indicators_found
FROM {rel} t LEFT JOIN found USING (document_id, version)
WHERE {where}
ORDER BY t.document_id, t.version

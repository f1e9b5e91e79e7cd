-- dim_document (placeholder rel) when fct_figure or dim_indicator is missing: no figure counts.
SELECT t.*, count(*) FILTER (WHERE is_latest) OVER (PARTITION BY document_id) AS latest_per_document,
       NULL::BOOLEAN AS has_gdp_figure, NULL::BIGINT AS key_indicators_found
FROM {rel} t

-- fct_figure rows (placeholder rel) with the document columns the figure checks need, taken
-- from raw.documents (the version in the mart: placeholder ver), and doc_rank as for raw figures.
-- Placeholder where: TRUE, or the documents a scoped judgement reads (whole regions: scoped.py).
CREATE OR REPLACE TEMP TABLE _zb_fig AS
SELECT {star}, {picked},
       dense_rank() OVER (PARTITION BY d.region_code ORDER BY d.plan_year DESC NULLS LAST,
                          d.doc_date DESC NULLS LAST, d.document_id) AS doc_rank
FROM {rel} t
LEFT JOIN (SELECT document_id, max(version) AS version FROM raw.documents GROUP BY document_id) lv
  ON lv.document_id = t.document_id
LEFT JOIN raw.documents d ON d.document_id = t.document_id AND d.version = {ver}
WHERE {where}

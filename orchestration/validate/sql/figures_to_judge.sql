-- The latest version's figures of the documents to judge (placeholder target: which documents)
-- and, from the other documents of the same regions, only their actual levels: the growth check
-- compares this year's growth with last year's report.
CREATE OR REPLACE TEMP TABLE _zb_fig AS
WITH docs AS (
    SELECT d.document_id, d.version, d.review_year, d.plan_year, d.region_code, d.doc_date,
           {target} AS is_target
    FROM raw.documents d
    JOIN (SELECT document_id, max(version) AS version FROM raw.documents GROUP BY document_id) lv
      USING (document_id, version)
),
ranked AS (
    SELECT *, dense_rank() OVER (PARTITION BY region_code ORDER BY plan_year DESC NULLS LAST,
                                 doc_date DESC NULLS LAST, document_id) AS doc_rank
    FROM docs
    WHERE is_target OR region_code IN (SELECT region_code FROM docs WHERE is_target)
)
SELECT f.* EXCLUDE (sentence, sentence_start, sentence_end, extracted_at, extractor_version, run_id),
       r.review_year, r.plan_year, r.region_code, r.doc_rank, r.is_target
FROM raw.figures f JOIN ranked r USING (document_id, version)
WHERE r.is_target OR (f.measure = 'level' AND f.status = 'actual')

-- The derived columns the figure suites judge, over a relation of figure rows joined with their
-- document (review_year, plan_year, region_code, doc_rank: 1 = the region's latest document).
-- Placeholders: src (that relation), group_col (what names an indicator across documents:
-- indicator_text before dbt, indicator_series after: indicator_id, with the scope of a scoped
-- headline), key_cols (the figure key).
-- Reads the reference relations _zb_units, _zb_indicators, _zb_measure_families (reference.py).
WITH f AS (
    SELECT s.*, u.unit_family, u.unit_scale, u.base_unit, i.indicator_family, i.allowed_families
    FROM {src} s
    LEFT JOIN _zb_units u ON u.unit = s.unit
    LEFT JOIN _zb_indicators i ON i.indicator_text = s.indicator_text
),
levels AS (  -- one level per region, indicator, year, base unit: the latest document's
    SELECT region_code, {group_col} AS grp, period, base_unit, value * unit_scale AS v
    FROM (SELECT *, row_number() OVER (PARTITION BY region_code, {group_col}, period, base_unit
                                      ORDER BY doc_rank, figure_no) AS rn
          FROM f WHERE measure = 'level' AND status = 'actual' AND qualifier = 'eq'
                   AND unit_family IS NOT NULL AND value IS NOT NULL AND {group_col} <> '')
    WHERE rn = 1
),
growth_gap AS (  -- growth(N) judged against level(N-1) and level(N) of the same base unit
    SELECT g.document_id, g.version, g.figure_no,
           min(abs(l0.v * (1 + g.value / 100.0) - l1.v) / nullif(abs(l1.v), 0)) AS growth_level_gap
    FROM f g
    JOIN levels l1 ON l1.region_code = g.region_code AND l1.grp = g.{group_col} AND l1.period = g.period
    JOIN levels l0 ON l0.region_code = g.region_code AND l0.grp = g.{group_col} AND l0.period = g.period - 1
                  AND l0.base_unit = l1.base_unit
    WHERE g.measure = 'growth' AND g.unit_family = 'percent' AND g.status = 'actual'
      AND g.qualifier IN ('eq', 'approx')
    GROUP BY ALL
)
SELECT f.*,
    isfinite(f.value) AS value_is_finite,
    EXISTS (SELECT 1 FROM _zb_measure_families m WHERE m.measure = f.measure AND m.family = f.unit_family)
        OR f.unit_family IS NULL OR f.measure IS NULL AS unit_fits_measure,
    CASE WHEN f.measure <> 'level' OR f.allowed_families IS NULL OR f.unit_family IS NULL THEN TRUE
         ELSE list_contains(CAST(json_extract_string(f.allowed_families, '$[*]') AS VARCHAR[]), f.unit_family)
    END AS unit_fits_indicator,
    -- a ratio chain (三次产业结构 8.7:41.2:50.1) gives shares with no unit: percentages too.
    -- A share of a plan or target (完成年计划的113.4%) is how far it was met: it may pass 100 %, never go below 0
    CASE WHEN f.measure = 'share' AND f.unit_family IN ('percent', 'index')
         THEN CASE WHEN f.value < 0 THEN f.value
                   WHEN coalesce(regexp_matches(f."of", '(计划|目标|任务)$'), FALSE) THEN NULL
                   ELSE greatest(f.value, coalesce(f.value_high, f.value)) END END AS share_pct,
    CASE WHEN f.measure = 'rank' THEN f.value END AS rank_value,
    CASE WHEN f.measure = 'growth' AND f.unit_family = 'percent' THEN f.value END AS growth_pct,
    f.period - coalesce(f.plan_year, f.review_year + 1) AS period_offset,
    NOT ((f.status = 'target' AND f.period < f.review_year) OR (f.status = 'actual' AND f.period > f.plan_year))
        AS period_fits_status,
    CASE WHEN f.qualifier = 'range' THEN coalesce(f.value_high >= f.value, FALSE)
         ELSE f.value_high IS NULL OR f.value_high = f.value END AS range_bounds_ok,
    gg.growth_level_gap
FROM f LEFT JOIN growth_gap gg USING ({key_cols})


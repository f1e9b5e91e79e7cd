-- Each estimate (预计) against the final figure: the actual for the same region, indicator,
-- measure, of and period from the latest document dated after the estimate's.
-- revision = final − estimate in the one common unit of macros/common_unit.sql (as written
-- when the units are identical: percent minus percent is percentage points; else in base
-- units when both scale to the same one);
-- relative revision = revision / |estimate|.
-- The SQL is macros/estimate_revision_pairs.sql, shared with fct_estimate_revision (which builds it for the changed regions only).
{{ estimate_revision_pairs() }}

"""Targets as the reports word them (shared by the charts, the pages and the Dagster metadata)."""

# How a target is written, as the chart's legend says it.
QUALIFIER_LABELS = {"eq": "定值", "approx": "左右", "ge": "以上", "le": "以下", "range": "区间"}


def target_label(low: float, high: float | None, qualifier: str | None) -> str:
    """A target as a report writes it: 5%左右, 5%以上, 5%—5.5%, 4.5%."""
    if high is not None and high != low:
        return f"{low:g}%—{high:g}%"
    return f"{low:g}%" + {"approx": "左右", "ge": "以上", "le": "以下"}.get(qualifier or "", "")

"""The report's charts: Altair (Vega-Lite) specs rendered to static SVG by vl-convert.

vl-convert carries Vega and Vega-Lite inside its wheel and renders without a browser or a
network, so the page needs no JavaScript and opens from a file. Text stays <text> in the SVG:
the browser draws it with the page's fonts (CJK needs a CJK font installed, see the README).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .data import GdpTarget
from .labels import QUALIFIER_LABELS, target_label

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"

QUALIFIER_COLORS = {"定值": "#4c78a8", "左右": "#72b7b2", "以上": "#f58518", "以下": "#b279a2", "区间": "#54a24b"}
OUTCOME_COLORS = {"完成": "#54a24b", "未完成": "#e45756", "尚无结果": "#bab0ac"}


def to_svg(chart: alt.TopLevelMixin) -> str:
    return spec_to_svg(chart.to_json())


def spec_to_svg(spec: str) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


# A chart shows this many regions at most (the report's tables list them all): a bar per county
# of a national archive is a chart nobody reads, and Vega's sort over thousands of names
# overflows its stack (seen at 10,000 documents).
CHART_ROWS = 60


def _shown(title: str, rows: list, total: int) -> str:
    return title if total <= len(rows) else f"{title}（前{len(rows)}个地区，共{total}个）"


def gdp_targets_chart(targets: list[GdpTarget], year: int) -> alt.LayerChart:
    """A bar per province up to its target (the low bound of a range), the rest of a range as a
    lighter bar after it, the target as written at the end, and under it a thin dark bar of last
    year's growth where the report states it. The first CHART_ROWS regions only."""
    total, targets = len(targets), targets[:CHART_ROWS]
    frame = pd.DataFrame([{
        "region": t.region,
        "low": t.low,
        "high": t.high if t.high is not None else t.low,
        "written": QUALIFIER_LABELS.get(t.qualifier or "eq", t.qualifier),
        "label": target_label(t.low, t.high, t.qualifier),
        "outcome": t.outcome,
    } for t in targets])
    order = [t.region for t in targets]
    y = alt.Y("region:N", sort=order, title=None, axis=alt.Axis(labelFontSize=12))
    color = alt.Color("written:N", title="目标写法", legend=alt.Legend(symbolOpacity=1),
                      scale=alt.Scale(domain=list(QUALIFIER_COLORS), range=list(QUALIFIER_COLORS.values())))
    base = alt.Chart(frame)
    bars = base.mark_bar(height=11, yOffset=-3).encode(
        x=alt.X("low:Q", title=f"{year}年地区生产总值增长目标（%）", scale=alt.Scale(zero=True)),
        y=y, color=color, tooltip=["region:N", alt.Tooltip("label:N", title="目标")])
    ranges = base.transform_filter("datum.high > datum.low").mark_bar(height=11, yOffset=-3, opacity=0.45).encode(
        x="low:Q", x2="high:Q", y=y, color=color)
    labels = base.mark_text(align="left", dx=4, yOffset=-3, fontSize=11).encode(x="high:Q", y=y, text="label:N")
    outcome = base.transform_filter("datum.outcome != null").mark_bar(height=4, yOffset=6, color="#444").encode(
        x="outcome:Q", y=y, tooltip=["region:N", alt.Tooltip("outcome:Q", title=f"{year - 1}年实际增长（%）")])
    return (bars + ranges + labels + outcome).properties(
        width=560, height=alt.Step(22),
        title=alt.TitleParams(_shown(f"各省{year}年经济增长目标（细黑条 = {year - 1}年实际增长）", targets, total),
                              anchor="start"),
    ).configure(font=FONT).configure_view(stroke=None)


def outcome_chart(summary: list[dict]) -> alt.Chart:
    """Per region, how many of its key targets were met, missed, or have no outcome yet. The
    first CHART_ROWS regions only."""
    per_region: dict[str, dict] = {}
    for row in summary:
        r = per_region.setdefault(row["region"], {"完成": 0, "未完成": 0, "尚无结果": 0})
        r["完成"] += row["met"]
        r["未完成"] += row["missed"]
        r["尚无结果"] += row["not_yet"]
    total = len(per_region)
    per_region = dict(list(per_region.items())[:CHART_ROWS])
    frame = pd.DataFrame([{"region": region, "result": k, "targets": n}
                          for region, counts in per_region.items() for k, n in counts.items() if n])
    return alt.Chart(frame).mark_bar(height=14).encode(
        x=alt.X("sum(targets):Q", title="重点指标目标数", stack="zero"),
        y=alt.Y("region:N", sort=list(per_region), title=None),
        color=alt.Color("result:N", title="结果",
                        scale=alt.Scale(domain=list(OUTCOME_COLORS), range=list(OUTCOME_COLORS.values()))),
        order=alt.Order("result:N", sort="ascending"),
    ).properties(width=560, height=alt.Step(20),
                 title=alt.TitleParams(_shown("目标与结果：完成 / 未完成 / 尚无结果", list(per_region), total),
                                       anchor="start")
                 ).configure(font=FONT).configure_view(stroke=None)

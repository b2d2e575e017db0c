"""Charts of estimates over time (Altair), and their PNG / SVG images (vl-convert, offline).

:func:`estimates_chart` draws the frame of :func:`tracker.analysis.compare.compare`: one point per
estimate at its published date, coloured by who gives it, a vertical rule from ``low`` to
``high`` where the figure is a range, and a hollow mark of another shape where it is
approximate ("about", "some") or derived (computed from other figures, "14 battalions of
800"). Clicking a name in the legend highlights that source. Tooltips show the surface, the
sentence, who, the outlet, the date and the value.

:func:`chart_png` and :func:`chart_svg` render a chart with vl-convert's bundled Vega
engine; no network access is allowed (the data is inline and ``allowed_base_urls`` is empty).

>>> import pandas as pd
>>> est = pd.DataFrame({"published": ["2021-11-10", "2022-02-14"], "who": ["Ukraine", "US"],
...                     "source": ["Reuters", "AP"], "value": [90000.0, 150000.0],
...                     "low": [None, 130000.0], "high": [None, 150000.0], "approx": [True, False],
...                     "derived": [False, False], "surface": ["90,000", "130,000-150,000"],
...                     "sentence": ["...", "..."], "doc_id": ["a", "b"], "figure_id": ["a1", "b1"]})
>>> chart_svg(estimates_chart(est, y_title="troops")).startswith(b"<svg")
True
"""
from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

__all__ = ["KINDS", "estimates_chart", "chart_png", "chart_svg"]

#: How each estimate is marked: kind -> (shape, filled).
KINDS: dict[str, tuple[str, bool]] = {
    "reported": ("circle", True),
    "approximate": ("diamond", False),
    "derived": ("triangle-up", False),
}

_TOOLTIP_FIELDS = ("surface", "sentence", "who", "source", "published", "value", "low", "high", "kind")


def _kind(approx: Any, derived: Any) -> str:
    if derived is True:
        return "derived"
    if approx is True:
        return "approximate"
    return "reported"


def _plain(value: Any) -> Any:
    """A JSON-ready value: None for every kind of null, Python scalars otherwise."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def _records(estimates: pd.DataFrame) -> list[dict]:
    """Dated estimates with a value, as plain records with a ``kind`` and ``has_range``."""
    records = []
    columns = {name: estimates[name].tolist() if name in estimates.columns else [None] * len(estimates)
               for name in ("published", "who", "source", "value", "low", "high", "approx",
                            "derived", "surface", "sentence", "doc_id", "figure_id")}
    for i in range(len(estimates)):
        row = {name: _plain(values[i]) for name, values in columns.items()}
        if row["published"] is None or row["value"] is None:
            continue  # nothing to place on a time axis
        row["published"] = str(row["published"])[:10]
        row["who"] = row["who"] if row["who"] is not None else (row["source"] or "unknown")
        row["kind"] = _kind(row.pop("approx"), row.pop("derived"))
        row["has_range"] = row["low"] is not None and row["high"] is not None
        records.append(row)
    return records


def estimates_chart(estimates: pd.DataFrame, *, title: str | None = None,
                    y_title: str = "value", width: int | str = "container",
                    height: int = 360) -> alt.LayerChart:
    """A layered Altair chart of estimates over time, one colour per ``who``.

    ``estimates`` has the columns of :func:`tracker.analysis.compare.compare` (``published``, ``who``,
    ``source``, ``value``, ``low``, ``high``, ``approx``, ``derived``, ``surface``,
    ``sentence``...). Rows without a published date or a value are left out (they cannot be
    placed); an empty frame gives an empty chart that still renders.

    Layers: a rule from ``low`` to ``high`` for each range with both bounds, then the points:
    filled circles for figures as reported, hollow diamonds for approximate ones, hollow
    triangles for derived ones (:data:`KINDS`). The x axis is the published date (UTC, so a
    date never shifts by a time zone), the y axis the value (``y_title`` names its unit).

    The data is embedded in the chart as plain records (no row limit, no network).
    ``width="container"`` fills the Streamlit column; give a number for images.
    """
    records = _records(estimates)
    data = alt.Data(values=records)
    who = alt.Color("who:N", title="Who says it", scale=alt.Scale(scheme="tableau20"),
                    legend=alt.Legend(orient="bottom", columns=3, labelLimit=260))
    pick = alt.selection_point(fields=["who"], bind="legend", name="who_pick")
    x = alt.X("published:T", title="Published", scale=alt.Scale(type="utc", padding=16),
              axis=alt.Axis(format="%d %b %Y", labelAngle=-30))
    y_scale = alt.Scale(zero=False, nice=True, padding=12)
    y = alt.Y("value:Q", title=y_title, axis=alt.Axis(format="~s"), scale=y_scale)
    tooltip = [
        alt.Tooltip("surface:N", title="figure"),
        alt.Tooltip("sentence:N", title="sentence"),
        alt.Tooltip("who:N", title="who says it"),
        alt.Tooltip("source:N", title="source"),
        alt.Tooltip("published:N", title="published"),
        alt.Tooltip("value:Q", title="value", format=",.4~g"),
        alt.Tooltip("low:Q", title="low", format=",.4~g"),
        alt.Tooltip("high:Q", title="high", format=",.4~g"),
        alt.Tooltip("kind:N", title="kind"),
    ]
    opacity = alt.condition(pick, alt.value(0.95), alt.value(0.15))
    base = alt.Chart(data).encode(x=x, color=who, opacity=opacity, tooltip=tooltip)

    rules = base.transform_filter("datum.has_range").mark_rule(strokeWidth=2).encode(
        y=alt.Y("low:Q", title=y_title, scale=y_scale), y2="high:Q")
    kinds = list(KINDS)
    points = base.mark_point(size=90, strokeWidth=2, filled=True).encode(
        y=y,
        shape=alt.Shape("kind:N", title="Figure", scale=alt.Scale(
            domain=kinds, range=[KINDS[k][0] for k in kinds]),
            # Vega-Lite draws these symbols filled black whatever the points look like,
            # so the labels say which are hollow.
            legend=alt.Legend(labelExpr="datum.label == 'reported' ? 'reported (filled)' : "
                                        "datum.label + ' (hollow)'")),
        stroke=alt.Stroke("who:N", legend=None),  # the outline keeps a hollow mark visible
        fillOpacity=alt.condition("datum.kind == 'reported'", alt.value(1), alt.value(0)),
    ).add_params(pick)

    chart = alt.layer(rules, points).properties(width=width, height=height)
    if title:
        chart = chart.properties(title=title)
    return chart


def _spec(chart: alt.TopLevelMixin | dict, width: int) -> dict:
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    if spec.get("width") == "container":  # an image has no container to fill
        spec = {**spec, "width": width}
    return spec


def _vl_version() -> str | None:
    import vl_convert

    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return wanted if wanted in vl_convert.get_vegalite_versions() else None


def chart_png(chart: alt.TopLevelMixin | dict, *, scale: float = 2.0, width: int = 720) -> bytes:
    """The chart as PNG bytes, rendered offline by vl-convert (``scale`` 2 for sharp text).

    A chart sized ``"container"`` is drawn ``width`` pixels wide.
    """
    import vl_convert

    return vl_convert.vegalite_to_png(_spec(chart, width), vl_version=_vl_version(), scale=scale,
                                      allowed_base_urls=[])


def chart_svg(chart: alt.TopLevelMixin | dict, *, width: int = 720) -> bytes:
    """The chart as SVG (UTF-8 bytes), rendered offline by vl-convert."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(_spec(chart, width), vl_version=_vl_version(),
                                     allowed_base_urls=[])
    return svg.encode("utf-8")

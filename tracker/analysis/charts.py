"""Charts of claims over time (Altair), and their PNG / SVG images (vl-convert, offline).

:func:`estimates_chart` draws the frame of :func:`tracker.analysis.compare.compare` (claims, one
figure from one source however many articles repeat it): one point per claim at its date (its
``as_of``, else its first appearance), coloured by who says it, a vertical rule from ``low`` to
``high`` where the figure is a range, and a hollow mark of another shape where it is
approximate ("about", "some") or derived (computed from other figures, "14 battalions of
800"). Money is drawn in the converted currency. Clicking a name in the legend highlights that
source. Tooltips show the surface, the sentence, who, the first outlet and every outlet that
carried it, the dates and the value.

:func:`chart_png` and :func:`chart_svg` render a chart with vl-convert's bundled Vega
engine; no network access is allowed (the data is inline and ``allowed_base_urls`` is empty).

>>> import pandas as pd
>>> claims = pd.DataFrame({"date": ["2021-11-10", "2022-02-14"], "speaker": ["Ukraine", "US"],
...                        "first_source": ["Reuters", "AP"], "value": [90000.0, 150000.0],
...                        "low": [None, 130000.0], "high": [None, 150000.0], "approx": [True, False],
...                        "derived": [False, False], "surface": ["90,000", "130,000-150,000"],
...                        "sentence": ["...", "..."], "outlets": [["Reuters"], ["AP", "BBC"]]})
>>> chart_svg(estimates_chart(claims, y_title="troops")).startswith(b"<svg")
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


_FIELDS = ("date", "speaker", "first_source", "surface", "sentence", "approx", "derived", "count", "role",
           "claim_id", "published", "as_of")


def _records(claims: pd.DataFrame) -> list[dict]:
    """Dated claims with a value, as plain records with a ``kind``, ``has_range``, the outlets
    that carried each (one string) and its first mention's ``figure_id``; money in the
    converted currency (:func:`tracker.analysis.compare.shown_values`)."""
    from tracker.analysis.compare import shown_values

    shown = shown_values(claims) if "currency" in claims.columns else claims[["value", "low", "high"]]
    columns = {name: claims[name].tolist() if name in claims.columns else [None] * len(claims) for name in _FIELDS}
    values = {name: shown[name].tolist() for name in ("value", "low", "high")}
    outlets = claims["outlets"].tolist() if "outlets" in claims.columns else [None] * len(claims)
    figure_ids = claims["figure_ids"].tolist() if "figure_ids" in claims.columns else [None] * len(claims)
    records = []
    for i in range(len(claims)):
        row = {name: _plain(column[i]) for name, column in columns.items()}
        row.update({name: _plain(column[i]) for name, column in values.items()})
        if row["date"] is None or row["value"] is None:
            continue  # nothing to place on a time axis
        row["date"] = str(row["date"])[:10]
        row["speaker"] = row["speaker"] if row["speaker"] is not None else (row["first_source"] or "unknown")
        row["kind"] = _kind(row.pop("approx"), row.pop("derived"))
        row["has_range"] = row["low"] is not None and row["high"] is not None
        row["outlets"] = "; ".join(str(o) for o in (outlets[i] or []))
        row["figure_id"] = (figure_ids[i] or [None])[0]
        records.append(row)
    return records


def estimates_chart(estimates: pd.DataFrame, *, title: str | None = None,
                    y_title: str = "value", width: int | str = "container",
                    height: int = 360) -> alt.LayerChart:
    """A layered Altair chart of claims over time, one colour per ``speaker``.

    ``estimates`` has the columns of :func:`tracker.analysis.compare.compare` (``date``,
    ``speaker``, ``first_source``, ``value``, ``low``, ``high``, ``approx``, ``derived``,
    ``surface``, ``sentence``, ``outlets``...). Rows without a date or a value are left out (they
    cannot be placed; the page lists them); an empty frame gives an empty chart that still renders.

    Layers: a rule from ``low`` to ``high`` for each range with both bounds, then the points:
    filled circles for figures as reported, hollow diamonds for approximate ones, hollow
    triangles for derived ones (:data:`KINDS`). The x axis is the claim's date (UTC, so a
    date never shifts by a time zone), the y axis the value (``y_title`` names its unit).

    The data is embedded in the chart as plain records (no row limit, no network).
    ``width="container"`` fills the Streamlit column; give a number for images.
    """
    records = _records(estimates)
    data = alt.Data(values=records)
    who = alt.Color("speaker:N", title="Who says it", scale=alt.Scale(scheme="tableau20"),
                    legend=alt.Legend(orient="bottom", columns=3, labelLimit=260))
    pick = alt.selection_point(fields=["speaker"], bind="legend", name="who_pick")
    x = alt.X("date:T", title="Date (as of, else first reported)", scale=alt.Scale(type="utc", padding=16),
              axis=alt.Axis(format="%d %b %Y", labelAngle=-30))
    y_scale = alt.Scale(zero=False, nice=True, padding=12)
    y = alt.Y("value:Q", title=y_title, axis=alt.Axis(format="~s"), scale=y_scale)
    tooltip = [
        alt.Tooltip("surface:N", title="figure"),
        alt.Tooltip("sentence:N", title="sentence"),
        alt.Tooltip("speaker:N", title="who says it"),
        alt.Tooltip("first_source:N", title="first reported by"),
        alt.Tooltip("published:N", title="first reported on"),
        alt.Tooltip("as_of:N", title="as of"),
        alt.Tooltip("outlets:N", title="carried by"),
        alt.Tooltip("count:Q", title="articles"),
        alt.Tooltip("value:Q", title="value", format=",.4~g"),
        alt.Tooltip("low:Q", title="low", format=",.4~g"),
        alt.Tooltip("high:Q", title="high", format=",.4~g"),
        alt.Tooltip("kind:N", title="kind"),
        alt.Tooltip("role:N", title="role"),
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
        stroke=alt.Stroke("speaker:N", legend=None),  # the outline keeps a hollow mark visible
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

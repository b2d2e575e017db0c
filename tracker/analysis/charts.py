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

from tracker.analysis.format import chart_rules, format_as_of, format_value, money_axis_expression

__all__ = ["KINDS", "SERIES", "estimates_chart", "chart_png", "chart_svg"]

#: How each estimate is marked: kind -> (shape, filled).
KINDS: dict[str, tuple[str, bool]] = {
    "reported": ("circle", True),
    "approximate": ("diamond", False),
    "derived": ("triangle-up", False),
    "weekly": ("square", True),  # many claims of one series in one week, drawn as one mark
}

#: Past this many claims the chart draws one mark per series and week (the median, with the range
#: of the week's values as a bar) instead of one per claim: a browser draws thousands of marks slowly.
MAX_MARKS = 3000

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


#: How the chart's series can be made: by who says it (the default), by the speaker's country,
#: or by whose the figure is (for money, the donor); each with its legend title.
SERIES: dict[str, str] = {"speaker": "Who says it", "country": "Speaker's country",
                          "actor": "Whose (for money, the donor)"}

_FIELDS = ("date", "speaker", "first_source", "surface", "sentence", "approx", "derived", "count", "role",
           "claim_id", "published", "as_of", "as_of_precision", "qualifier", "unit", "currency",
           "attributed_country", "attributed_kind", "attributed_to", "actor", "value", "low", "high")


def _series_name(row: dict, series: str) -> str:
    if series == "country":
        if row["attributed_to"] is None and row["attributed_kind"] in (None, "media"):
            return "the outlets themselves"
        return row["attributed_country"] or "country not known"
    if series == "actor":
        return row["actor"] or "whose not stated"
    return row["speaker"] or row["first_source"] or "unknown"


def _short(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _bar(low, high) -> tuple[str | None, float | None, float | None]:
    """How a claim's bounds are drawn: a closed range, open upward ("more than") or downward
    ("up to"); the ends of the open ones are filled in by :func:`_records` at the chart's edge."""
    if low is not None and high is not None and low != high:
        return "range", low, high
    if low is not None and high is None:
        return "up", low, None
    if high is not None and low is None:
        return "down", None, high
    return None, None, None


def _records(claims: pd.DataFrame, series: str = "speaker") -> list[dict]:
    """Dated claims with a value, as plain records ready to draw: ``kind``, the ``series`` and
    its shortened ``series_label``, a ``bound`` (``range``, ``up``, ``down`` or None) with
    ``bar_low``/``bar_high``, text fields written by :mod:`tracker.analysis.format` for the
    tooltip, the outlets that carried each (one string) and its first mention's ``figure_id``;
    money in the converted currency (:func:`tracker.analysis.compare.shown_values`)."""
    from tracker.analysis.compare import shown_values

    shown = shown_values(claims) if "currency" in claims.columns else claims[["value", "low", "high"]]
    columns = {name: claims[name].tolist() if name in claims.columns else [None] * len(claims) for name in _FIELDS}
    values = {name: shown[name].tolist() for name in ("value", "low", "high")}
    outlets = claims["outlets"].tolist() if "outlets" in claims.columns else [None] * len(claims)
    figure_ids = claims["figure_ids"].tolist() if "figure_ids" in claims.columns else [None] * len(claims)
    limit = chart_rules()["label_limit"]
    records = []
    for i in range(len(claims)):
        row = {name: _plain(column[i]) for name, column in columns.items()}
        given = {name: row.pop(name) for name in ("value", "low", "high")}
        row.update({name: _plain(column[i]) for name, column in values.items()})
        if row["date"] is None or row["value"] is None:
            continue  # nothing to place on a time axis
        row["date"] = str(row["date"])[:10]
        row["speaker"] = row["speaker"] if row["speaker"] is not None else (row["first_source"] or "unknown")
        row["series"] = _series_name(row, series)
        row["series_label"] = _short(row["series"], limit)
        row["kind"] = _kind(row.pop("approx"), row.pop("derived"))
        row["bound"], row["bar_low"], row["bar_high"] = _bar(row["low"], row["high"])
        row["has_range"] = row["bound"] == "range"
        unit = row["currency"] or row["unit"]
        row["value_text"] = format_value(row["value"], unit, qualifier=row["qualifier"], low=row["low"],
                                         high=row["high"])
        if row["currency"] and row["unit"] and row["unit"] != row["currency"]:
            reported = format_value(given["value"], row["unit"], qualifier=row["qualifier"], low=given["low"],
                                    high=given["high"])
            row["value_text"] += f" ({reported} as reported)"
        row["date_text"] = format_as_of(row["date"])
        row["as_of_text"] = format_as_of(row["as_of"], row["as_of_precision"])
        row["published_text"] = format_as_of(row["published"])
        row["outlets"] = "; ".join(str(o) for o in (outlets[i] or []))
        row["figure_id"] = (figure_ids[i] or [None])[0]
        for name in ("attributed_country", "attributed_kind", "attributed_to", "as_of_precision", "currency",
                     "qualifier"):
            row.pop(name)
        records.append(row)
    return records


_DAY_MS = 86_400_000


def _weekly(records: list[dict]) -> list[dict]:
    """One record per series and ISO week (from its Monday): the median value, the week's
    smallest and largest as a range, how many claims, and the week's first claim's texts."""
    frame = pd.DataFrame(records)
    day = pd.to_datetime(frame["date"], format="%Y-%m-%d", utc=True)
    frame["week"] = (day - pd.to_timedelta(day.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    out = []
    for (label, week), group in frame.groupby(["series_label", "week"], sort=True):
        values = pd.concat([group["value"], group["low"].dropna(), group["high"].dropna()])
        first = group.iloc[0].to_dict()
        low, high = float(values.min()), float(values.max())
        n = len(group)
        out.append({**{k: _plain(v) for k, v in first.items() if k != "week"},
                    "date": week, "value": float(group["value"].median()), "low": low, "high": high,
                    "kind": "weekly", "bound": "range" if low != high else None, "bar_low": low, "bar_high": high,
                    "has_range": low != high, "count": int(group["count"].sum()),
                    "value_text": f"{n:,} claims in the week of {format_as_of(week)}: "
                                  f"{format_value(low)}–{format_value(high)}, median {format_value(group['value'].median())}",
                    "date_text": f"week of {format_as_of(week)}", "surface": "", "sentence": "",
                    "outlets": "; ".join(dict.fromkeys(o for cell in group["outlets"] for o in str(cell).split("; ") if o))})
    return out


def _datetime(ms: int) -> dict:
    """UTC milliseconds as a Vega-Lite DateTime object (what every Vega-Lite reads as a domain)."""
    t = pd.Timestamp(ms, unit="ms", tz="UTC")
    return {"year": t.year, "month": t.month, "date": t.day, "hours": t.hour, "utc": True}


def _domains(records: list[dict]) -> tuple[list[int], list[float]]:
    """The x domain (UTC milliseconds, padded; at least a week wide) and the y domain (from 0,
    or below it for negative values, to a little above the largest value or bound)."""
    if not records:
        today = pd.Timestamp.now(tz="UTC").normalize()
        return [int((today - pd.Timedelta(days=30)).value // 1_000_000), int(today.value // 1_000_000)], [0.0, 1.0]
    days = [pd.Timestamp(r["date"], tz="UTC").value // 1_000_000 for r in records]
    first, last = min(days), max(days)
    pad = max((last - first) * 0.05, 3 * _DAY_MS)
    tops = [v for r in records for v in (r["value"], r["high"], r["low"]) if v is not None]
    top, bottom = max(tops), min(tops)
    high = top * 1.12 if top > 0 else 1.0
    low = 0.0 if bottom >= 0 else bottom * 1.12
    return [int(first - pad), int(last + pad)], [low, high]


#: A mark's tooltip, in order: (field, title); every field written out by tracker.analysis.format.
_TOOLTIP = (("value_text", "figure"), ("surface", "as written"), ("speaker", "who says it"), ("series", None),
            ("date_text", "date"), ("as_of_text", "as of"), ("published_text", "first reported on"),
            ("first_source", "first reported by"), ("outlets", "carried by"), ("count", "articles"),
            ("kind", "kind"), ("role", "role"), ("sentence", "sentence"))


def _tooltip(series: str) -> list:
    """What a mark's tooltip says; the series' own line only when it is not the speaker."""
    return [alt.Tooltip(f"{field}:{'Q' if field == 'count' else 'N'}", title=title or SERIES[series].lower())
            for field, title in _TOOLTIP if field != "series" or series != "speaker"]


def estimates_chart(estimates: pd.DataFrame, *, title: str | None = None, y_title: str = "value",
                    series: str = "speaker", notes: list[str] | tuple[str, ...] = (),
                    width: int | str = "container", height: int = 360) -> alt.LayerChart:
    """A layered Altair chart of claims over time, one colour per series (:data:`SERIES`).

    ``estimates`` has the columns of :func:`tracker.analysis.compare.compare` (``date``,
    ``speaker``, ``first_source``, ``value``, ``low``, ``high``, ``approx``, ``derived``,
    ``surface``, ``sentence``, ``outlets``...). Rows without a date or a value are left out (they
    cannot be placed; the page lists them); an empty frame gives an empty chart that still renders.

    Layers: a bar for each bound (solid from ``low`` to ``high`` for a closed range; dashed to
    the chart's top edge for "more than", to its foot for "up to", with a caret at the open end),
    then the points: filled circles for figures as reported, hollow diamonds for approximate
    ones, hollow triangles for derived ones (:data:`KINDS`). Every mark takes its colour, fill
    and outline alike, from the legend's one colour scale. The x axis is the claim's date (UTC,
    so a date never shifts by a time zone; one tick a day at most), the y axis starts at 0 and
    is titled ``y_title``; money ticks read "$1.2bn". ``title`` and ``notes`` (the sources, the
    rates, the date of the download) head the chart and its PNG and SVG images.

    The data is embedded in the chart as plain records (no row limit, no network).
    ``width="container"`` fills the Streamlit column; give a number for images.
    """
    records = _records(estimates, series)
    if len(records) > MAX_MARKS:
        records = _weekly(records)
        notes = [*notes, f"More than {MAX_MARKS:,} claims: one mark per series and week, the median with the "
                         "range of the week's values."]
    x_domain, y_domain = _domains(records)
    for r in records:  # an open bound runs to the chart's edge
        if r["bound"] == "up":
            r["bar_high"] = y_domain[1]
        elif r["bound"] == "down":
            r["bar_low"] = y_domain[0]
    names = sorted({r["series_label"] for r in records}, key=str.casefold)
    palette = chart_rules()["palette"]
    colours = alt.Scale(domain=names or ["none"], range=[palette[i % len(palette)] for i in range(max(len(names), 1))])
    data = alt.Data(values=records)
    legend = alt.Legend(orient="bottom", columns=2, labelLimit=300, symbolType="circle", title=SERIES.get(series))
    colour = alt.Color("series_label:N", scale=colours, legend=legend)
    pick = alt.selection_point(fields=["series_label"], bind="legend", name="who_pick")
    x = alt.X("date:T", title="Date (as of, else first reported)",
              scale=alt.Scale(type="utc", domain=[_datetime(ms) for ms in x_domain]),
              axis=alt.Axis(format="%d %b %Y", labelAngle=-30, tickMinStep=_DAY_MS, labelOverlap=True))
    money = bool(records) and any(r.get("unit") for r in records) and "currency" in estimates.columns \
        and estimates["currency"].notna().any()
    target = estimates["currency"].dropna().iloc[0] if money else None
    axis = alt.Axis(labelExpr=money_axis_expression(target)) if money else alt.Axis(format=",~r")
    y_scale = alt.Scale(domain=y_domain, nice=False, zero=True)
    y = alt.Y("value:Q", title=y_title, axis=axis, scale=y_scale)
    tooltip = _tooltip(series)
    opacity = alt.condition(pick, alt.value(0.95), alt.value(0.15))
    base = alt.Chart(data).encode(x=x, color=colour, opacity=opacity, tooltip=tooltip)
    bar_y = alt.Y("bar_low:Q", title=y_title, axis=axis, scale=y_scale)
    ranges = base.transform_filter("datum.bound == 'range'").mark_rule(strokeWidth=2).encode(
        y=bar_y, y2="bar_high:Q")
    open_bars = base.transform_filter("datum.bound == 'up' || datum.bound == 'down'").mark_rule(
        strokeWidth=1.5, strokeDash=[4, 3]).encode(y=bar_y, y2="bar_high:Q")
    carets = [base.transform_filter(f"datum.bound == '{bound}'").mark_point(
        shape=shape, size=60, filled=True, strokeWidth=0).encode(
        y=alt.Y(f"{end}:Q", title=y_title, axis=axis, scale=y_scale))
        for bound, shape, end in (("up", "triangle-up", "bar_high"), ("down", "triangle-down", "bar_low"))]
    kinds = list(KINDS)
    filled = [k for k, (_, full) in KINDS.items() if full]
    shape = alt.Shape("kind:N", title="Figure", scale=alt.Scale(domain=kinds, range=[KINDS[k][0] for k in kinds]),
                      # Vega-Lite draws these symbols filled black whatever the points look like,
                      # so the labels say which are hollow.
                      legend=alt.Legend(labelExpr=" || ".join(f"datum.label == '{k}'" for k in filled)
                                        + " ? datum.label + ' (filled)' : datum.label + ' (hollow)'"))
    # Two layers, filled and hollow, both coloured by the one colour channel (a point's colour is
    # its fill when filled, its outline when not): no second scale for outlines.
    points = [base.transform_filter(test).mark_point(size=90, strokeWidth=2, filled=fill).encode(y=y, shape=shape)
              for fill, test in ((True, " || ".join(f"datum.kind == '{k}'" for k in filled)),
                                 (False, " && ".join(f"datum.kind != '{k}'" for k in filled)))]
    points[0] = points[0].add_params(pick)

    chart = alt.layer(ranges, open_bars, *carets, *points).properties(width=width, height=height)
    if title or notes:
        chart = chart.properties(title=alt.TitleParams(text=title or "", subtitle=list(notes), anchor="start",
                                                       subtitleColor="#555"))
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

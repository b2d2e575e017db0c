"""Tests for ``tracker.analysis.charts``: the estimates chart's layers, marks and data; offline images.

Where the rows come from
------------------------
``ESTIMATES`` is what :func:`tracker.analysis.compare.compare` returns (claims) for Russian troops near Ukraine
on a few estimates as widely reported from November 2021 to February 2022 (Ukraine's defence
intelligence "more than 92,000"; US intelligence via The Washington Post "about 70,000";
British officials' 14 battalions of about 800 troops, derived as 11,200; The Guardian's
"estimated 145,000"; the US ambassador to the OSCE's "between 169,000 and 190,000"). The
sentences are written for these tests and the values were not re-checked: the chart only
has to place them. One row has no date and one a ``<script>`` in its source's name.
"""
from __future__ import annotations

import pandas as pd
import pytest

from tracker.analysis.charts import KINDS, chart_png, chart_svg, estimates_chart
from tracker.schema import to_frame
from tracker.analysis.compare import CompareState, compare

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def fig(figure_id, published, source, value, *, attributed_to=None, approx=False, derived=False,
        low=None, high=None, surface="", sentence=""):
    return {"figure_id": figure_id, "doc_id": figure_id, "published": published, "source": source,
            "value": value, "low": low, "high": high, "approx": approx, "derived": derived,
            "attributed_to": attributed_to, "surface": surface or f"{value:,.0f} troops",
            "sentence": sentence or f"Some {value:,.0f} troops are near Ukraine.",
            "category": "personnel", "unit": "troop", "actor": "russia", "object": "troops"}


FIGURES = to_frame([
    fig("ua", "2021-11-20", "Military Times", 92000.0, attributed_to="Ukraine's defence intelligence"),
    fig("us", "2021-12-03", "The Washington Post", 70000.0, attributed_to="US intelligence", approx=True),
    fig("bn", "2022-02-14", "The Guardian", 11200.0, attributed_to="British officials", approx=True,
        derived=True, surface="14 Russian battalions ... about 800 troops"),
    fig("gu", "2022-02-14", "The Guardian", 145000.0, approx=True,
        sentence="Russia has massed an estimated 145,000 troops along its border."),
    fig("osce", "2022-02-18", "Reuters", 179500.0, attributed_to="US ambassador to the OSCE",
        low=169000.0, high=190000.0, surface="between 169,000 and 190,000 personnel"),
    fig("up-to", "2021-12-03", "The Washington Post", 175000.0, attributed_to="US intelligence",
        high=175000.0, surface="up to 175,000 troops"),
    fig("undated", None, "Kyiv Post", 100000.0),
    fig("xss", "2022-02-20", "<script>alert(1)</script>", 150000.0),
])
ESTIMATES = compare(FIGURES, CompareState("count:russia:troop:personnel:-"))


def spec(chart=None) -> dict:
    return (chart or estimates_chart(ESTIMATES)).to_dict()


def records() -> dict[str, dict]:
    """The chart's data, inline in the spec, by figure_id."""
    return {r["figure_id"]: r for r in spec()["data"]["values"]}


def layers() -> dict:
    ranges, open_bars, up, down, points, hollow = spec()["layer"]
    return {"ranges": ranges, "open": open_bars, "up": up, "down": down, "points": points, "hollow": hollow}


def test_layers():
    got = layers()
    assert got["ranges"]["mark"]["type"] == "rule" and {"filter": "datum.bound == 'range'"} in got["ranges"]["transform"]
    assert got["ranges"]["encoding"]["y"]["field"] == "bar_low" and got["ranges"]["encoding"]["y2"]["field"] == "bar_high"
    assert got["open"]["mark"]["strokeDash"] == [4, 3]
    point = got["points"]
    assert point["mark"]["type"] == "point"
    assert point["encoding"]["x"]["field"] == "date" and point["encoding"]["x"]["type"] == "temporal"
    assert point["encoding"]["y"]["field"] == "value"
    assert point["encoding"]["color"]["field"] == "series_label"
    assert point["encoding"]["shape"]["field"] == "kind"
    assert point["encoding"]["shape"]["scale"] == {"domain": list(KINDS),
                                                   "range": [shape for shape, _ in KINDS.values()]}
    tooltip = [t["field"] for t in point["encoding"]["tooltip"]]
    assert {"value_text", "surface", "sentence", "first_source", "outlets", "published_text", "as_of_text",
            "date_text", "speaker"} <= set(tooltip)


def test_every_mark_takes_the_legends_colours():
    got = layers()
    scales = [got[name]["encoding"]["color"]["scale"] for name in got]
    assert all(scale == scales[0] for scale in scales)  # one colour scale: fill, outline and bars alike
    assert not any("stroke" in got[name]["encoding"] or "fill" in got[name]["encoding"] for name in got)
    assert scales[0]["domain"] == sorted({r["series_label"] for r in records().values()}, key=str.casefold)
    assert len(set(scales[0]["range"])) == len(scales[0]["domain"])


def test_hollow_marks_for_approximate_and_derived():
    got = layers()
    assert got["points"]["mark"]["filled"] is True and got["hollow"]["mark"]["filled"] is False
    assert "datum.kind == 'reported'" in got["points"]["transform"][0]["filter"]
    assert "datum.kind != 'reported'" in got["hollow"]["transform"][0]["filter"]
    assert got["hollow"]["encoding"]["color"]["field"] == "series_label"  # the outline takes the legend's colour


KIND_CASES = [
    pytest.param("ua", "reported", False, id="reported"),
    pytest.param("us", "approximate", False, id="approximate"),
    pytest.param("bn", "derived", False, id="derived-wins-over-approx"),
    pytest.param("osce", "reported", True, id="range"),
    pytest.param("up-to", "reported", False, id="upper-bound-only-is-no-range"),
]


@pytest.mark.parametrize("figure_id, kind, has_range", KIND_CASES)
def test_records(figure_id, kind, has_range):
    row = records()[figure_id]
    assert (row["kind"], row["has_range"]) == (kind, has_range)


def test_records_who_and_dates():
    rows = records()
    assert "undated" not in rows  # nowhere to put it on a time axis
    assert rows["gu"]["speaker"] == "The Guardian" and rows["osce"]["speaker"] == "US ambassador to the OSCE"
    assert rows["gu"]["date"] == "2022-02-14" and rows["gu"]["outlets"] == "The Guardian"
    assert rows["osce"]["low"] == 169000.0 and rows["ua"]["low"] is None


def test_records_without_who_or_value():
    estimates = ESTIMATES.assign(speaker=pd.array([None] * len(ESTIMATES), dtype="string"))
    estimates.loc[0, "value"] = float("nan")
    values = spec(estimates_chart(estimates))["data"]["values"]
    assert len(values) == len(ESTIMATES) - 2  # the undated one and the one without value
    assert {r["speaker"] for r in values} <= set(ESTIMATES["first_source"])


def test_options():
    s = spec(estimates_chart(ESTIMATES, title="Russian troops near Ukraine", y_title="troops",
                             notes=["Sources: 6 speakers", "Downloaded 2 Dec 2026"], width=500, height=300))
    assert s["title"]["text"] == "Russian troops near Ukraine" and (s["width"], s["height"]) == (500, 300)
    assert s["title"]["subtitle"] == ["Sources: 6 speakers", "Downloaded 2 Dec 2026"]
    assert s["layer"][4]["encoding"]["y"]["title"] == "troops"
    assert spec()["width"] == "container"


def test_more_rows_than_altair_embeds_by_default():
    many = pd.concat([ESTIMATES] * 1000, ignore_index=True)  # 8000 rows > Altair's 5000: no error, and
    values = spec(estimates_chart(many))["data"]["values"]  # drawn by week, not one mark each
    assert 0 < len(values) <= 7


IMAGE_CASES = [
    pytest.param(ESTIMATES, id="estimates"),
    pytest.param(ESTIMATES.iloc[:0], id="empty"),
    pytest.param(ESTIMATES[ESTIMATES["date"].isna()], id="only-undated"),
]


@pytest.mark.parametrize("estimates", IMAGE_CASES)
def test_images(estimates):
    chart = estimates_chart(estimates, title="Russian troops")
    png = chart_png(chart)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 1000
    svg = chart_svg(chart)
    assert svg.startswith(b"<svg") and svg.rstrip().endswith(b"</svg>")


def test_png_size_follows_width_and_scale():
    import struct

    chart = estimates_chart(ESTIMATES)
    def width(png):
        return struct.unpack(">I", png[16:20])[0]
    assert width(chart_png(chart, scale=2.0, width=400)) > width(chart_png(chart, scale=1.0, width=400))
    assert width(chart_png(chart, scale=1.0, width=600)) > width(chart_png(chart, scale=1.0, width=400))


def test_svg_escapes_text():
    svg = chart_svg(estimates_chart(ESTIMATES))
    assert b"<script" not in svg and b"&lt;script&gt;" in svg
    assert b"US intelligence" in svg  # the legend names each source


def test_images_never_fetch():
    """A spec that points at a URL is refused rather than fetched (no network)."""
    import altair as alt

    remote = alt.Chart(alt.UrlData("https://example.invalid/estimates.csv")).mark_point().encode(
        x="published:T", y="value:Q")
    with pytest.raises(ValueError, match="not allowed"):
        chart_png(remote)
    with pytest.raises(ValueError, match="not allowed"):
        chart_svg(remote)


def test_images_from_a_dict_spec():
    assert chart_svg(spec()).startswith(b"<svg")


BUGS_CAUGHT: list = []


def test_drawn_marks_have_their_legend_colour_in_the_svg():
    """What the issue saw: hollow marks outlined from another palette than the legend's. Each
    point, caret and bar of the SVG must be filled and outlined in its series' legend colour."""
    import html
    import re

    chart = estimates_chart(ESTIMATES)
    scale = chart.to_dict()["layer"][4]["encoding"]["color"]["scale"]
    colour_of = dict(zip(scale["domain"], scale["range"]))
    svg = chart_svg(chart).decode("utf-8")
    marks = re.findall(r'<(?:path|line)[^>]*aria-label="([^"]*)"[^>]*>', svg)
    tags = re.findall(r'<(?:path|line)[^>]*aria-label="[^"]*"[^>]*>', svg)
    checked = 0
    for label, tag in zip(marks, tags):
        text = html.unescape(label)
        if "series_label: " not in text:
            continue
        after = text.split("series_label: ", 1)[1]
        name = max((n for n in colour_of if after.startswith(n + ";")), key=len)
        want = colour_of[name]
        for attribute in ("fill", "stroke"):
            got = re.search(rf'\b{attribute}="(#[0-9a-f]{{6}})"', tag)
            if got:
                assert got.group(1) == want, (name, attribute, tag[:120])
                checked += 1
    assert checked >= len(ESTIMATES) - 1  # the fill or the outline of every dated point at least


def test_open_bounds_run_to_the_edge_of_the_chart():
    rows = records()
    s = spec()
    y_domain = s["layer"][4]["encoding"]["y"]["scale"]["domain"]
    assert rows["up-to"]["bound"] == "down" and rows["up-to"]["bar_low"] == y_domain[0] == 0
    assert rows["up-to"]["bar_high"] == 175000.0
    assert rows["osce"]["bound"] == "range" and (rows["osce"]["bar_low"], rows["osce"]["bar_high"]) == (169000.0, 190000.0)
    assert rows["ua"]["bound"] is None


def test_axes_start_at_zero_and_ticks_a_day_apart_at_most():
    point = spec()["layer"][4]
    assert point["encoding"]["y"]["scale"]["domain"][0] == 0
    assert point["encoding"]["x"]["axis"]["tickMinStep"] == 86_400_000


def test_money_axis_reads_in_currency_and_scale():
    from tracker.analysis.compare import CompareState, compare

    money = compare(to_frame([{"figure_id": "aid", "doc_id": "aid", "published": "2023-05-10", "source": "DW",
                               "value": 5e8, "category": "money", "unit": "EUR", "actor": "germany",
                               "recipient": "ukraine", "subtype": "military_aid", "surface": "€500 million"}]),
                    CompareState("money:ukraine:military_aid"))
    point = estimates_chart(money, y_title="US dollars").to_dict()["layer"][4]
    assert "'bn'" in point["encoding"]["y"]["axis"]["labelExpr"] and "'$'" in point["encoding"]["y"]["axis"]["labelExpr"]
    [row] = point_records = estimates_chart(money).to_dict()["data"]["values"]
    assert row["value_text"].startswith("$") and "(€500m as reported)" in row["value_text"]
    assert point_records[0]["date_text"] == "10 May 2023"


def test_many_claims_are_drawn_one_mark_per_series_and_week():
    from tracker.analysis.charts import MAX_MARKS

    days = pd.date_range("2022-01-03", periods=MAX_MARKS + 500, freq="h").strftime("%Y-%m-%d")
    many = pd.DataFrame({"date": days, "speaker": (["A", "B"] * len(days))[: len(days)], "first_source": "AP",
                         "value": [float(1000 + i % 50) for i in range(len(days))], "low": None, "high": None,
                         "approx": False, "derived": False, "surface": "", "sentence": "", "outlets": [["AP"]] * len(days)})
    s = estimates_chart(many).to_dict()
    values = s["data"]["values"]
    weeks = {(r["series_label"], r["date"]) for r in values}
    assert len(values) == len(weeks) < 100 and {r["kind"] for r in values} == {"weekly"}
    assert all(pd.Timestamp(r["date"]).weekday() == 0 for r in values)  # each from its Monday
    assert all(1000 <= r["bar_low"] <= r["value"] <= r["bar_high"] <= 1049 for r in values)
    assert any("one mark per series and week" in line for line in s["title"]["subtitle"])

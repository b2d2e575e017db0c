"""The figure table the analysis tests share (``test_filters``, ``test_compare``).

Where the rows come from
------------------------
``FIGURES`` restates, one row per figure, estimates of Russian troops near Ukraine as they
were widely reported between November 2021 and February 2022 (Ukraine's defence intelligence
"more than 92,000", US intelligence via The Washington Post on 3 December "about 70,000 ... up
to 175,000", The Guardian's "estimated 145,000" of 14 February (the seed article), President
Biden's "more than 150,000" of 15 February, the US ambassador to the OSCE's (Michael
Carpenter's) "between 169,000 and 190,000" of 18 February), with the seed article's battalions, derived troop count and
loan guarantee. The sentences are written for these tests in the reports' manner; the values
were not re-checked for the tests, since only their shape matters here (they are what the
views must sort, bound and group). Odd rows are added on purpose: one without a date, one
without a value, one marked "not a figure", one published with a time of day, and text with
regex characters and Cyrillic.

In each test module, each table is ``(input, expected)`` rows run by one parametrised test;
``BUGS_CAUGHT`` keeps the rows that caught a bug while these views were written.
"""
from __future__ import annotations

import pandas as pd

from tracker.schema import to_frame

__all__ = ["row", "ROWS", "figures", "ALL", "SHOWN", "ids"]


def row(figure_id, published, source, value, surface, sentence, *, category="personnel",
        unit="troop", actor="russia", object="troops", attributed_to=None, approx=False,
        derived=False, low=None, high=None, not_a_figure=False, doc_id=None, recipient=None,
        attribution_text=None):
    return {"figure_id": figure_id, "doc_id": doc_id or figure_id, "published": published,
            "source": source, "value": value, "low": low, "high": high, "surface": surface,
            "sentence": sentence, "category": category, "unit": unit, "actor": actor,
            "object": object, "attributed_to": attributed_to, "approx": approx,
            "derived": derived, "not_a_figure": not_a_figure, "recipient": recipient,
            "attribution_text": attribution_text}


ROWS = [
    row("ua-92k", "2021-11-20", "Military Times", 92000.0, "more than 92,000 troops",
        "Russia has massed more than 92,000 troops near Ukraine's borders, Ukraine's defence "
        "intelligence said.", object="Russian troops", attributed_to="Ukraine's defence intelligence"),
    row("us-70k", "2021-12-03", "The Washington Post", 70000.0, "about 70,000 troops",
        "About 70,000 troops are already in place, according to a US intelligence document.",
        attributed_to="US intelligence", approx=True, doc_id="wapo"),
    row("us-175k", "2021-12-03", "The Washington Post", 175000.0, "up to 175,000 troops",
        "The plans involve up to 175,000 troops and 100 battalion tactical groups.",
        attributed_to="US intelligence", high=175000.0, doc_id="wapo"),
    row("gu-145k", "2022-02-14T21:30", "The Guardian", 145000.0, "an estimated 145,000 troops",
        "Russia has massed an estimated 145,000 troops along various stretches of its border.",
        approx=True, doc_id="guardian"),
    row("bn-14", "2022-02-14", "The Guardian", 14.0, "14 Russian battalions",
        "British officials said 14 Russian battalions are heading towards Ukraine.",
        category="military_unit", unit="battalion", object="Russian battalions",
        attributed_to="British officials", doc_id="guardian"),
    row("derived", "2022-02-14", "The Guardian", 11200.0,
        "14 Russian battalions are heading towards Ukraine, each numbering about 800 troops",
        "British officials said 14 Russian battalions are heading towards Ukraine, each "
        "numbering about 800 troops.", attributed_to="British officials", approx=True,
        derived=True, doc_id="guardian"),
    row("loan", "2022-02-14", "The Guardian", 1e9, "$1bn",
        "On Monday night, the US offered Ukraine a sovereign loan guarantee of up to $1bn.",
        category="money", unit="USD", actor="us", object="sovereign loan guarantee",
        high=1e9, doc_id="guardian", recipient="ukraine"),
    row("us-150k", "2022-02-15", "AP", 150000.0, "more than 150,000 troops",
        "Joe Biden said more than 150,000 troops now encircle Ukraine.",
        attributed_to="Joe Biden"),
    row("osce", "2022-02-18", "Reuters", 179500.0, "between 169,000 and 190,000 personnel",
        "Russia has likely amassed between 169,000 and 190,000 personnel in and near Ukraine, "
        "the US ambassador to the OSCE said.", object="personnel", low=169000.0, high=190000.0,
        attributed_to="US ambassador to the OSCE",
        attribution_text="Michael Carpenter, the US ambassador to the OSCE"),  # named the sentence before
    row("undated", None, "Київ Post", 100000.0, "More than 100,000 Russian troops",
        "More than 100,000 Russian troops (1.5 times last spring's build-up) stand near "
        "Київ's borders.", object="Russian troops"),
    row("not-fig", "2022-02-14", "The Guardian", 40.0, "40-minute",
        "Biden and Johnson spoke in a 40-minute call.", category="duration", unit="minute",
        actor=None, object=None, not_a_figure=True, doc_id="guardian"),
    row("no-value", "2022-02-01", "BBC", None, "tens of thousands of troops",
        "Tens of thousands of troops have gathered.", doc_id="bbc"),
]


def figures(with_store_columns: bool = True) -> pd.DataFrame:
    frame = to_frame(ROWS)
    if with_store_columns:
        frame["content_hash"] = pd.array([f"h-{r['doc_id']}" for r in ROWS], dtype="string")
        frame["corrected"] = pd.array([r["figure_id"] == "not-fig" for r in ROWS], dtype="boolean")
        frame["not_a_figure"] = pd.array([r["not_a_figure"] for r in ROWS], dtype="boolean")
    return frame


ALL = [r["figure_id"] for r in ROWS]
SHOWN = [f for f in ALL if f != "not-fig"]


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["figure_id"].tolist()


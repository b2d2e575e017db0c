"""``tracker.analysis.labels.figure_parties``: what the Figures page's detail view says of whose
a figure is, who receives it and who says so. The rows restate figures reported in early 2022
(``troop_estimates``' sources; the aid and loan pledges of the seed article)."""
from __future__ import annotations

import pandas as pd
import pytest

from tracker.analysis.labels import figure_parties

PARTIES_CASES = [
    pytest.param({"actor": "russia", "attributed_to": "joe biden", "attributed_kind": "person",
                  "attributed_country": "us", "attribution_text": "Joe Biden", "source": "AP"},
                 [("Whose", "russia"), ("Says who", "joe biden (person, us)"),
                  ("As the article names the source", "Joe Biden")], id="a-person-with-country"),
    pytest.param({"actor": "us", "recipient": "ukraine", "attributed_to": None, "source": "The Guardian"},
                 [("Whose", "us"), ("To whom", "ukraine"), ("Says who", "the outlet, The Guardian")],
                 id="the-outlet-says-it-itself"),
    pytest.param({"actor": "germany", "recipient": "ukraine", "attributed_to": "germany",
                  "attributed_kind": "country", "attributed_country": "germany", "attribution_text": "Berlin"},
                 [("Whose", "germany"), ("To whom", "ukraine"), ("Says who", "germany (country, germany)"),
                  ("As the article names the source", "Berlin")], id="a-country-by-its-capital"),
    pytest.param({"actor": "russia", "attributed_kind": "body", "attribution_text": "Western officials"},
                 [("Whose", "russia"), ("Says who", "not named (body)"),
                  ("As the article names the source", "Western officials")], id="kind-without-a-name"),
    pytest.param({"attribution_text": "a source close to the Kremlin", "source": "Reuters"},
                 [("As the article names the source", "a source close to the Kremlin")],
                 id="only-the-words-no-outlet-claimed"),
    pytest.param({"actor": pd.NA, "recipient": float("nan"), "attributed_to": "", "source": None},
                 [("Says who", "the outlet")], id="nulls-of-every-kind"),
    pytest.param({"attributed_to": "ministry of defence", "attributed_country": "uk"},
                 [("Says who", "ministry of defence (uk)")], id="country-without-kind"),
]


@pytest.mark.parametrize("row, expected", PARTIES_CASES)
def test_figure_parties(row, expected):
    assert figure_parties(row) == expected


def test_figure_parties_of_a_frame_row():
    """The page passes a row of the figure table (a Series), not a dict."""
    from tracker.schema import to_frame

    row = to_frame([{"actor": "us", "recipient": "ukraine", "source": "The Guardian"}]).iloc[0]
    assert figure_parties(row) == [("Whose", "us"), ("To whom", "ukraine"), ("Says who", "the outlet, The Guardian")]


#: A stored correction (field, old_value, new_value as the store writes them) -> the undo list's words.
CHANGE_CASES = [
    pytest.param("unit", None, "troop", "unit: (none) → troop", id="none-to-a-word"),
    pytest.param("value", "145000.0", "150000.0", "value: 145,000 → 150,000", id="numbers-separated"),
    pytest.param("high", "1000000000.0", None, "high: 1,000,000,000 → (none)", id="a-bound-cleared"),
    pytest.param("low", None, "0.5", "low: (none) → 0.5", id="a-fraction"),
    pytest.param("approx", "false", "true", "approximate: no → yes", id="a-flag"),
    pytest.param("not_a_figure", "false", "true", "not a figure: no → yes", id="not-a-figure"),
    pytest.param("as_of", "2014", "2022-02", "as of: 2014 → Feb 2022", id="a-year-to-a-month"),
    pytest.param("as_of", None, "2022-02-24", "as of: (none) → 24 Feb 2022", id="a-day"),
    pytest.param("attributed_to", "kremlin", "", "says who: kremlin → (none)", id="empty-is-none"),
    pytest.param("subtype", "loan_guarantee", "loan", "what exactly: loan_guarantee → loan", id="the-page-s-label"),
    pytest.param("attributed_country", pd.NA, "uk", "source's country: (none) → uk", id="pandas-missing"),
]


@pytest.mark.parametrize("field, old, new, words", CHANGE_CASES)
def test_a_correction_in_words(field, old, new, words):
    from tracker.analysis.labels import correction_change, correction_label

    row = {"field": field, "old_value": old, "new_value": new, "surface": "$1bn", "doc_id": "d1"}
    assert correction_change(row) == words
    assert correction_label(7, row) == f"#7 “$1bn” in d1 — {words}"

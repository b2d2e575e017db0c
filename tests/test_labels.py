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

"""The sentence part of the extractor, stage by stage, and the rows built from its record.

Every sentence here was written for these tests in our own words, in the way news reports
figures; none is copied from an article or a benchmark.
"""
from __future__ import annotations

import pytest

import tracker.extract.figures as figures
from tracker.extract.mention import Mention
from tracker.schema import COLUMNS

ARTICLE = (
    "Britain's defence secretary said on Monday that about 130,000 Russian troops were massed "
    "near the border, up from 100,000 in January. Washington offered Kyiv a loan guarantee of up "
    "to $1bn, officials said. Moscow has deployed 14 battalions, each of about 800 troops, and "
    "between 30 and 40 per cent of its ground forces. \"We expect 5,000 more soldiers,\" he added."
)


# ---------------------------------------------------------------------------------------------
# Rows from the record


def test_every_row_has_exactly_the_columns_in_order():
    rows = figures.figure_rows(ARTICLE, doc_id="d1", source="Outlet", published="2022-02-14")
    assert len(rows) >= 6
    assert all(list(row) == list(COLUMNS) for row in rows)


def test_row_fields_come_from_the_mention_and_the_document():
    rows = figures.figure_rows(ARTICLE, doc_id="d1", source="Outlet", url="https://example.org/a")
    loan = next(r for r in rows if r["unit"] == "USD")
    assert (loan["surface"], loan["value"], loan["high"], loan["qualifier"]) == ("$1bn", 1e9, 1e9, "up to")
    assert (loan["doc_id"], loan["source"], loan["url"], loan["title"]) == ("d1", "Outlet", "https://example.org/a", None)
    assert loan["attributed_to"] == "officials"  # set on the mention by the attribution step
    assert ARTICLE[loan["start"]:loan["end"]] == "$1bn"
    assert loan["sentence"] == ARTICLE[loan["sentence_start"]:loan["sentence_start"] + len(loan["sentence"])]
    assert all(isinstance(r[name], float) for r in rows for name in ("value",))


def test_a_column_added_to_the_schema_comes_from_the_mention_field_of_its_name(monkeypatch):
    """recipient is a Mention field but not (yet) a column: adding the column is all it takes."""
    real = figures.figures_in_sentence

    def with_recipient(sentence, lex=None):
        found = real(sentence, lex)
        for mention in found:
            mention.recipient = "ukraine"
        return found

    monkeypatch.setattr(figures, "figures_in_sentence", with_recipient)
    monkeypatch.setattr(figures, "COLUMNS", {**COLUMNS, "recipient": "string"})
    rows = figures.figure_rows("Canada will lend $120m to Kyiv.")
    assert [(r["surface"], r["recipient"]) for r in rows] == [("$120m", "ukraine")]
    assert list(rows[0]) == [*COLUMNS, "recipient"]


def test_a_column_with_no_mention_field_is_an_error_not_a_silent_null(monkeypatch):
    monkeypatch.setattr(figures, "COLUMNS", {**COLUMNS, "no_such_field": "string"})
    with pytest.raises(KeyError, match="no_such_field"):
        figures.figure_rows("Canada will lend $120m to Kyiv.")


def test_figure_is_the_old_name_of_mention():
    assert figures.Figure is Mention

"""The as_of stage (tracker.extract.dates): the date each figure refers to.

Every sentence here was written for these tests in our own words, in the way news reports
dates; none is copied from an article or a benchmark. Unless a case says otherwise the article
was published on Friday 15 March 2024.
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tracker
from tracker.extract.dates import find_dates, published_date

PUBLISHED = "2024-03-15"  # a Friday
AS_OF = ["as_of", "as_of_precision", "as_of_text"]


def _dated(text: str, published: str | None = PUBLISHED) -> list[tuple]:
    """(surface, as_of, precision, as_of_text) of every figure, nulls as None. The number of an
    "ago" phrase ("Ten days ago") is read as a duration by the number stages: left out here."""
    df = tracker.extract_figures(text, published=published)
    rows = []
    for row in df.to_dict("records"):
        if text[row["end"]:row["end"] + 4] != " ago":
            rows.append(tuple(None if pd.isna(row[k]) else row[k] for k in ["surface", *AS_OF]))
    return rows


def _only(text: str, published: str | None = PUBLISHED) -> tuple:
    rows = _dated(text, published)
    assert len(rows) == 1, rows
    return rows[0][1:]


# One figure, one date: (sentence, expected as_of, precision, as_of_text).
ONE_DATE = [
    # as of / as at, day and month without a year: the year of publication
    ("As of 12 March, the regiment had lost 140 tanks.", "2024-03-12", "day", "As of 12 March"),
    ("The agency had registered 52,000 refugees as of March 3, 2024.", "2024-03-03", "day", "as of March 3, 2024"),
    # a day-month later than publication day falls in the year before
    ("As at 1 June, some 2,300 families were living in tents.", "2023-06-01", "day", "As at 1 June"),
    ("About 900 volunteers had signed up by 28 February.", "2024-02-28", "day", "by 28 February"),
    ("Police counted roughly 60,000 marchers on 9 March.", "2024-03-09", "day", "on 9 March"),
    ("The navy said it intercepted 17 boats on Feb. 2, 2023.", "2023-02-02", "day", "on Feb. 2, 2023"),
    ("On the 4th of March, rebels seized 35 trucks.", "2024-03-04", "day", "4th of March"),
    # month and year, month alone: month precision, the first of the month
    ("In November 2021, the army moved 90,000 soldiers to the frontier.", "2021-11-01", "month", "In November 2021"),
    ("Flooding in mid-February left 3,400 people homeless.", "2024-02-01", "month", "in mid-February"),
    ("Shelling in October destroyed 210 houses.", "2023-10-01", "month", "in October"),
    # a year after an anchor: year precision
    ("In 2019, the ministry spent $4 billion on fuel.", "2019-01-01", "year", "In 2019"),
    ("By the end of 2022, the fund held $9 billion.", "2022-01-01", "year", "By the end of 2022"),
    # weekdays: the latest such day on or before publication; "last" the one before
    ("The governor said on Tuesday that 45 people had drowned.", "2024-03-12", "day", "on Tuesday"),
    ("Rescuers pulled 18 survivors from the rubble on Friday.", "2024-03-15", "day", "on Friday"),
    ("Last Friday, 14 miners were trapped underground.", "2024-03-08", "day", "Last Friday"),
    ("Saturday's storm cut power to 80,000 homes.", "2024-03-09", "day", "Saturday"),
    # relative phrases
    ("Last week, 1,500 residents were moved out of the valley.", "2024-03-08", "day", "Last week"),
    ("Earlier this month the brigade received 30 armoured vehicles.", "2024-03-01", "month", "Earlier this month"),
    ("Yesterday, 26 civilians were wounded in the market.", "2024-03-14", "day", "Yesterday"),
    ("Last month the city counted 640 burglaries.", "2024-02-01", "month", "Last month"),
    ("Last year the health service hired 12,000 nurses.", "2023-01-01", "year", "Last year"),
    ("So far this year, 310 migrants have drowned at sea.", "2024-01-01", "year", "So far this year"),
    # "ago"
    ("Ten days ago, rebels held 40 villages.", "2024-03-05", "day", "Ten days ago"),
    ("The convoy carried 75 tonnes of flour three months ago.", "2023-12-01", "month", "three months ago"),
    ("A year ago, the party had 8,000 members.", "2023-01-01", "year", "A year ago"),
]


@pytest.mark.parametrize("text, as_of, precision, as_of_text", ONE_DATE)
def test_one_date_dates_the_figure(text, as_of, precision, as_of_text):
    assert _only(text) == (as_of, precision, as_of_text)


# The same forms, when the article's date is unknown: only a date with its year can be placed.
NEEDS_PUBLISHED = [t for t, _, _, as_of_text in ONE_DATE if not any(c.isdigit() for c in as_of_text[-4:])]


@pytest.mark.parametrize("text", NEEDS_PUBLISHED)
def test_without_published_relative_and_yearless_dates_stay_null(text):
    assert _only(text, published=None) == (None, None, None)


@pytest.mark.parametrize("text, as_of, precision, as_of_text",
                         [c for c in ONE_DATE if c[0] not in NEEDS_PUBLISHED])
def test_without_published_a_date_with_its_year_is_kept(text, as_of, precision, as_of_text):
    assert _only(text, published=None) == (as_of, precision, as_of_text)


def test_unreadable_published_is_treated_as_unknown():
    assert _only("Yesterday, 26 civilians were wounded.", published="last spring") == (None, None, None)
    assert published_date("2024-03-15T08:30:00Z") == date(2024, 3, 15)


def test_a_sentence_without_a_date_leaves_every_figure_null():
    rows = _dated("The army says it has 40,000 reservists and 300 tanks ready.")
    assert [r[1:] for r in rows] == [(None, None, None)] * 2


def test_one_date_applies_to_every_figure_of_its_sentence():
    rows = _dated("As of 10 March, the agency counted 7,200 dead and 11,000 injured.")
    assert [r[1] for r in rows] == ["2024-03-10", "2024-03-10"]


def test_the_date_does_not_carry_to_the_next_sentence():
    rows = _dated("On Monday the rebels fired 60 rockets. The army shot down 45 drones.")
    assert [r[1] for r in rows] == ["2024-03-11", None]


TWO_DATES = [
    # each figure takes the date written after it
    ("The army lost 80 soldiers on Monday and 35 on Wednesday.",
     [("2024-03-11", "on Monday"), ("2024-03-13", "on Wednesday")]),
    # a date put at the front of what follows dates what follows
    ("On Monday, the militia freed 20 hostages and on Thursday it freed 12 more hostages.",
     [("2024-03-11", "On Monday"), ("2024-03-14", "on Thursday")]),
    # a sentence-initial date; a later date after a comma belongs to the figure next to it
    ("As of 14 March, 2,100 homes had been damaged, up from 1,300 homes on 1 March.",
     [("2024-03-14", "As of 14 March"), ("2024-03-01", "on 1 March")]),
    # clauses split at ";" and ", while"
    ("Some 500 people crossed the border yesterday; 900 crossed last week.",
     [("2024-03-14", "yesterday"), ("2024-03-08", "last week")]),
    ("The port handled 44 ships in January, while 29 ships docked in February.",
     [("2024-01-01", "in January"), ("2024-02-01", "in February")]),
    # a figure in an aside takes the aside's date; the figure outside it does not
    ("The army now has 12 brigades, raised from 9 brigades in January.",
     [(None, None), ("2024-01-01", "in January")]),
    # the figure outside an aside still takes the sentence's other date
    ("On Monday the army had 12 brigades in the enclave, seized in 2014.", [("2024-03-11", "On Monday")]),
    # an earlier value to compare with keeps its own date ("100,000" is not in "100,000 on 30 January")
    ("The army now has 150,000 soldiers on the border, up from about 100,000 on 30 January, the envoy "
     "told a meeting on 12 March.", [("2024-03-12", "on 12 March"), ("2024-01-30", "on 30 January")]),
    ("The army now has 150,000 soldiers on the border, down from 180,000 in January.",
     [(None, None), ("2024-01-01", "in January")]),
    # an aside that dates the report or the speech dates its figures: no aside
    ("The survey, published on Monday, counted 4,000 empty homes.", [("2024-03-11", "on Monday")]),
    ("The mayor, who spoke on Tuesday, said 45 people had drowned.", [("2024-03-12", "on Tuesday")]),
    ("Russia has 100,000 troops near the border, said the Pentagon on Monday.", [("2024-03-11", "on Monday")]),
]


@pytest.mark.parametrize("text, expected", TWO_DATES)
def test_several_dates_each_figure_takes_its_own(text, expected):
    assert [(r[1], r[3]) for r in _dated(text)] == expected


def test_a_clause_without_a_date_takes_the_date_that_opens_the_sentence():
    rows = _dated("On 2 March, troops found 19 mines, and engineers cleared 40 more mines on 5 March, "
                  "while 7 mines stayed in place.")
    assert [r[1] for r in rows] == ["2024-03-02", "2024-03-05", "2024-03-02"]


NO_AS_OF = [
    # the start of a period: the cumulative role, not as_of
    "Since February 2022, the region has taken in 400,000 refugees.",
    "The charity has delivered 2,000 tonnes of food since 3 January.",
    "From 1 March to 10 March, 650 people were arrested.",
    "The army has lost 7,000 vehicles since the invasion began on 24 February 2022.",
    # targets and future dates
    "The ministry plans to recruit 20,000 officers by 2027.",
    "The government aims to build 500 shelters by 30 June.",
    "Crews will repair 80 bridges next Tuesday.",
    # a period, not a date
    "Police made 210 arrests in the last week.",
    "The hospital treated 95 patients in 24 hours.",
    "The siege lasted for three weeks and cost 1,200 lives.",
    # a weekday in a name
    "The Sunday Times said 300 soldiers had deserted.",
    # a date in an aside about a noun dates that noun, not the figure
    "The army has 30,000 troops in the enclave, seized from its neighbour in 2014.",
    "The army keeps 8,000 soldiers on the peninsula, which it annexed in March 2014.",
    "The region, which rebels took in 2019, now holds 40,000 displaced people.",
    "The governor, who was elected in 2019, said 45 people had drowned.",
    # a period: two years or months joined
    "The fund lent the city $400 million in 2014 and 2015.",
    "Some 3,000 people fled in January and February.",
    "The ministry spent $2 billion in 2014–2015.",
]


@pytest.mark.parametrize("text", NO_AS_OF)
def test_dates_that_are_not_when_the_figure_was_true_set_nothing(text):
    assert {r[1:] for r in _dated(text)} == {(None, None, None)}


def test_a_date_after_published_is_dropped():
    # a year later than the article: dropped even though its year is written out
    assert _only("In 2025, the budget will reach $70 billion.") == (None, None, None)
    assert _only("As of 1 January 2025, the register held 900 names.", published="2024-06-01") == (None, None, None)


def test_a_yearless_date_never_lands_after_published():
    assert _only("On 29 February, 30 soldiers were wounded.", published="2023-03-01") == \
        ("2020-02-29", "day", "On 29 February")
    assert _only("On 31 December, 55 people were arrested.", published="2024-01-02") == \
        ("2023-12-31", "day", "On 31 December")


def test_find_dates_reads_a_dateline():
    found = find_dates("KYIV, March 7 (Reuters) - The city lost power.", date(2024, 3, 15))
    assert [(d.as_of, d.precision) for d in found] == [("2024-03-07", "day")]


# ---------------------------------------------------------------------------------------------
# Properties

PHRASES = [as_of_text for _, _, _, as_of_text in ONE_DATE] + [
    "on Sunday", "last Monday", "this year", "today", "two weeks ago", "on 31 December", "in May",
    "earlier this year", "the day before yesterday", "on 29 February", "as of 31 January",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(published=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
       phrase=st.sampled_from(PHRASES))
def test_as_of_is_a_valid_date_never_after_published(published, phrase):
    text = f"{phrase[:1].upper()}{phrase[1:]}, the army moved 4,000 troops."
    for _, as_of, precision, as_of_text in _dated(text, published.isoformat()):
        if as_of is None:
            assert precision is None and as_of_text is None
            continue
        day = date.fromisoformat(as_of)
        assert day <= published
        assert precision in ("day", "month", "year")
        assert precision == "day" or day.day == 1
        assert precision != "year" or day.month == 1
        assert as_of_text.lower() == phrase.lower()


_PIECES = st.sampled_from(["as of", "on", "by", "since", "last", "ago", "March", "Monday", "12", "31",
                           "2024", "Feb.", ",", ";", ", and", "200 troops", "three weeks", "the", "mid-",
                           "yesterday", "earlier this month", "29 February", "next", "May", "1,000"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=14),
       published=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))))
def test_the_stage_never_raises_and_never_dates_after_published(words, published):
    text = " ".join(words)
    df = tracker.extract_figures(text, published=published.isoformat() if published else None)
    for as_of in df["as_of"].dropna():
        assert published is not None or as_of  # a date with a year needs no published
        if published is not None:
            assert date.fromisoformat(as_of) <= published


def test_published_minus_the_shift_for_every_day_of_a_year():
    """"yesterday" and "two weeks ago" move back from any published day, across months and years."""
    for offset in range(0, 366, 7):
        published = date(2023, 12, 20) + timedelta(days=offset)
        assert _only("Yesterday, 40 shops closed.", published.isoformat())[0] == \
            (published - timedelta(days=1)).isoformat()
        assert _only("Two weeks ago, 40 shops closed.", published.isoformat())[0] == \
            (published - timedelta(days=14)).isoformat()

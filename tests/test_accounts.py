"""Who states a figure, across sentences (tracker.extract.accounts): when a source's account
carries on, and where it stops. Each case is a short text written for this test, the figure
asked for by its words, and who should be credited with it (None: the outlet's own voice)."""
from __future__ import annotations

import pandas as pd
import pytest

from tracker.extract.accounts import _Account, _anaphor, _canonical, _producer, _words, Source
from tracker.extract.figures import extract_figures


def _source_of(text: str, surface: str) -> str | None:
    df = extract_figures(text)
    rows = df[df["surface"].str.contains(surface, regex=False)]
    assert len(rows) >= 1, f"no figure {surface!r} in {df['surface'].tolist()}"
    value = rows.iloc[0]["attributed_to"]
    return None if pd.isna(value) else value


CARRIES = [
    # a pronoun continues the account
    ("pronoun", "The Kyiv Independent said Russia had lost 400 tanks. It also estimates that 9,000 "
     "soldiers have died.", "9,000 soldiers", "kyiv independent"),
    ("he added", "Defence Minister Ana Petrova said 2,000 troops would move north. About 500 more "
     "will follow in May, she added.", "500", "ana petrova"),
    # a breakdown of a figure already sourced
    ("of these", "The monitoring group counted 1,200 destroyed vehicles. Of these, 310 were tanks.",
     "310", "monitoring group"),
    # a list continued in the next sentence, no cue at all
    ("plain carry", "The agency said 40 schools were damaged. Another 12 hospitals were hit.",
     "12 hospitals", "agency"),
    # a paragraph break alone does not stop it
    ("paragraph", "The health ministry said 85 people were killed on Monday.\n\nSome 300 were "
     "wounded.", "300", "health ministry"),
    # "the report says" and "according to the document" point back
    ("the report", "Analysts at the Institute for Peace estimated 7,000 casualties. Some 2,000 of "
     "them were civilians, the report says.", "2,000", "analysts at the institute for peace"),
    ("the document", "A document from the Finance Ministry shows spending of $40 billion. According "
     "to the document, $12 billion will go to the army.", "$12 billion", "finance ministry"),
    # a source named after its figures, claiming them
    ("stated this", "Ten thousand soldiers were killed and 30,000 wounded in the first year.\nGeneral "
     "Oleh Marko stated this in an interview.", "30,000", "oleh marko"),
    # bullet items after a line that announces them
    ("list items", "The official told reporters the package includes:\n• 12 howitzers\n• 40 trucks",
     "40 trucks", "official"),
]

STOPS = [
    # the outlet's own arithmetic or background
    ("thus", "The refugee agency said 800,000 people had registered. Thus, less than 30 percent "
     "applied for asylum.", "30 percent", None),
    ("by comparison", "The ministry said 60 jets took part. By comparison, 20 jets flew in the last "
     "exercise.", "20 jets", None),
    # a new source takes over
    ("new source", "The army said 50 drones were shot down. The opposition said 70 drones had "
     "reached the city.", "70 drones", "opposition"),
    # a headline is not part of the account
    ("headline", "Over 500 troops arrive in port\n\nThe navy said 500 sailors and 200 marines "
     "landed on Monday.", "500 troops", None),
    # a side the account never named, giving aid itself: the outlet's news, and the account ends
    ("new donor", "More than 3,000 soldiers had died, Ukraine's defence ministry said. Norway will "
     "send 40 million euros of humanitarian aid.", "40 million euros", None),
    ("new donor, has pledged", "The army said 20 drones were downed. Japan has also pledged $500 million "
     "to the relief effort. The money will buy 60 generators.", "60 generators", None),
    ("new donor, aside", "The ministry said 40 drones were downed. Germany, the largest donor in Europe, "
     "has committed 2.4 billion euros.", "2.4 billion euros", None),
    # a side the account has named, giving: still the account ("Washington" is the Pentagon's side)
    ("known donor", "The Pentagon said the US had sent 31 tanks. Washington will also send 20 more "
     "armoured vehicles.", "20 more", "pentagon"),
    ("named donor", "Poland's defence ministry said Poland had sent Ukraine 50 tanks. Poland will "
     "send 30 more tanks next month.", "30 more", "poland defence ministry"),
]

HEADLINES = [
    ("dash source", "Army loses 300 tanks in a month - MoD\n\nThe figures were published on Friday.",
     "300 tanks", "defence ministry"),
    ("colon source", "More than 2,000 fighters killed: Petrova\n\nThe minister spoke on Tuesday.",
     "2,000 fighters", "petrova"),
    ("says", "Government says 40,000 people fled\n\nOfficials gave no details.", "40,000", "government"),
]

WITHIN = [
    # the nearest source in the figure's own clause
    ("two sources", "The ministry put the figure at 149,000, while a senior Nato official said the "
     "build-up had passed 100,000.", "100,000", "nato"),
    ("first of two", "The ministry put the figure at 149,000, while a senior Nato official said the "
     "build-up had passed 100,000.", "149,000", "ministry"),
    # the audience is never the source
    ("told the BBC", "Mayor Ivan Holub told the BBC that 30 buildings were destroyed.", "30 buildings",
     "ivan holub"),
    # the producer wins over the media that relay it
    ("relayed", "The emergency agency said the toll rose to 3,100, the state news agency reported.",
     "3,100", "emergency agency"),
    ("relayed by a paper", "Organisers claimed 90,000 marchers, according to The Daily Herald.",
     "90,000", "organisers"),
    # a spokesperson speaks for the organisation already named
    ("spokesperson", "The health ministry said 120 people died. Ministry spokesman Karim Haddad said "
     "that 45 of them were children. Haddad said 300 were injured.", "300", "health ministry"),
    # a source after the figure in its clause wins over one before it
    ("after in clause", "Some 900 died in the north, according to the Red Cross, and at least 300 died "
     "in Chad, its health ministry said.", "300", "chad health ministry"),
    # "its" points back to the country before it, but not to one given to
    ("its after a recipient", "Norway will give $50m in aid to Georgia, its foreign minister said.", "$50m",
     "norway"),
    ("its after for", "The US pledged $1bn for Ukraine, its defence secretary said.", "$1bn", "us"),
    ("its after a place", "At least 30 people were killed in Lebanon, its health ministry said.", "30 people",
     "lebanon health ministry"),
    # a full stop of an abbreviation does not end the source ("U.S.", "Gen.")
    ("abbreviation", "Russia has massed 100,000 troops, according to U.S. officials.", "100,000",
     "us officials"),
    ("initials before said", "More than 1 million refugees have fled, the U.N. said on Thursday.",
     "1 million", "un"),
    ("title abbreviation", "Some 40 tanks were lost, according to Gen. Ivan Sirko.", "40 tanks", "ivan sirko"),
    ("according to him", "Army chief Ivan Sirko said the draft went well. According to him, 4,000 recruits "
     "arrived.", "4,000", "ivan sirko"),
    # "reported" with the figure as its object is a reporting clause
    ("reported", "The government reported 812 deaths in areas it controls.", "812", "government"),
    # one name for "a Ruritanian official" and "Ruritanian officials"
    ("official", "A Polish official said 40 trucks crossed.", "40 trucks", "poland officials"),
    # "an analysis by X", "estimates published by X": the producer
    ("analysis by", "The army lost 2,000 vehicles, according to an analysis by the Open Data "
     "Project.", "2,000", "open data project"),
    ("published by", "Rebuilding will cost $50 billion, according to estimates published Monday by "
     "the Development Bank.", "$50 billion", "development bank"),
    # a surname on second reference is the person named in full before
    ("surname again", "Defence Minister Ana Petrova said 2,000 troops would move north. Petrova said "
     "500 more would follow.", "500", "ana petrova"),
    ("surname after another source", "Defence Minister Ana Petrova said 2,000 troops would move north. "
     "The Red Cross said 40 people died. Later, Petrova said 500 tanks were lost.", "500 tanks", "ana petrova"),
    ("surname inverted", "Ukraine lost 40 tanks, said Ivan Sirko. Kyiv lost 30 more trucks, Sirko said.",
     "30 more trucks", "ivan sirko"),
    # one capitalised word before a job title between commas is a surname, not a function word
    ("surname before title", "Sirko, a defence ministry spokesman, said 40 tanks were lost.", "40 tanks",
     "sirko"),
    ("surname before title again", "Defence Minister Ana Petrova said 2,000 troops would move north. "
     "Petrova, the minister, said 500 tanks were lost.", "500 tanks", "ana petrova"),
    ("adverb before title", "However, a defence ministry spokesman said 40 tanks were lost.", "40 tanks",
     "defence ministry spokesman"),
    ("weekday before title", "On Monday, a defence ministry spokesman said 40 tanks were lost.", "40 tanks",
     "defence ministry spokesman"),
    # a one-word name never given in full stays as written
    ("surname alone", "Ukraine lost 40 tanks, Sirko said.", "40 tanks", "sirko"),
    ("another surname", "Defence Minister Ana Petrova said 2,000 troops would move north. Sirko said "
     "500 more would follow.", "500", "sirko"),
]


@pytest.mark.parametrize("name,text,surface,expected", CARRIES + STOPS + HEADLINES + WITHIN,
                         ids=[c[0] for c in CARRIES + STOPS + HEADLINES + WITHIN])
def test_who_states_the_figure(name, text, surface, expected):
    assert _source_of(text, surface) == expected


@pytest.mark.parametrize("written,expected", [
    ("an analysis by the Oryx project", "the Oryx project"),
    ("A document from the Finance Ministry", "the Finance Ministry"),
    ("the ministry's latest assessment", "the ministry"),
    ("Israeli tallies", "Israeli"),
    ("the Civil Defence bulletin", "the Civil Defence"),
    ("the US Geological Survey", "the US Geological Survey"),  # a name, not "a survey"
    ("President Ana Petrova", "President Ana Petrova"),
])
def test_producer(written, expected):
    assert _producer(written, _words()) == expected


@pytest.mark.parametrize("written,account,expected", [
    ("the report", None, "report"),
    ("his data collected from national governments", None, "report"),
    ("the ministry", Source("uk ministry of defence", "Britain's Ministry of Defence"), "body"),
    ("the top general", Source("oleksandr syrskyi", "Oleksandr Syrskyi"), "body"),
    ("the Russian military", Source("uk ministry of defence", "the UK Ministry of Defence"), None),
    ("the US Geological Survey", None, None),
    ("police", None, None),  # a plain source, not a pointer back
])
def test_anaphor(written, account, expected):
    tokens = written.lower().split()
    adjectives = {w for w in written.split() if w.islower()}
    assert _anaphor(tokens, adjectives, _Account(account), _words()) == expected


@pytest.mark.parametrize("written,expected", [
    ("the MoD", "ministry of defence"),
    ("Argentina's govt", "argentina's government"),
    ("The Pentagon", "pentagon"),
])
def test_canonical_writes_out_abbreviations(written, expected):
    assert _canonical(written, _words()) == expected


def test_a_surname_again_is_the_person_as_written_there():
    df = extract_figures("Defence Minister Ana Petrova said 2,000 troops would move north. Petrova said "
                         "500 more would follow.")
    row = df[df["surface"] == "500"].iloc[0]
    assert (row["attributed_to"], row["attributed_kind"], row["attribution_text"]) == ("ana petrova", "person", "Petrova")


def test_source_as_written_is_kept():
    df = extract_figures("According to Britain's Ministry of Defence, Russia has lost 1,200 tanks.")
    assert df.loc[0, "attribution_text"] == "Britain's Ministry of Defence"

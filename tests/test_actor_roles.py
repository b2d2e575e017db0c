"""Whose a figure is (its actor) and who receives it (its recipient), from the roles the names
around it play (tracker.extract.actors.carry_actors). Each case is a short text written for
this test, the figure by its words, and the expected actor (and recipient)."""
from __future__ import annotations

import pandas as pd
import pytest

from tracker.extract.figures import extract_figures


def _figure(text: str, surface: str) -> dict:
    df = extract_figures(text)
    rows = df[df["surface"].str.contains(surface, regex=False)]
    assert len(rows) >= 1, f"no figure {surface!r} in {df['surface'].tolist()}"
    return {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].to_dict().items()}


ACTORS = [
    # two sides counted together in one noun phrase are no one side's (dev-set rule: mixed totals)
    ("mixed in the phrase", "More than 300 Ukrainian and Russian troops were killed in the battle.",
     "300 Ukrainian and Russian troops", None),
    ("mixed, whatever the next sentence says", "Some 2,000 US and British troops took part. Britain "
     "sent 40 tanks.", "2,000 US and British troops", None),
    ("two phrases, two sides", "Some 2,000 Ukrainian troops and 500 Russian soldiers died.",
     "500 Russian soldiers", "russia"),
    # the word nearest the counted noun is the most particular: fighters are their force's
    ("a side and its force", "Officials said 300 Russian Wagner fighters were killed.", "300", "wagner group"),
    # the rest of a list keeps the actor of its first item
    ("list", "Russia has lost 300 tanks, 120 helicopters and 90 jets.", "90 jets", "russia"),
    # the next sentence continues whose losses they are
    ("next sentence", "Russia has lost 1,200 tanks since February. Of these, 310 were destroyed.",
     "310", "russia"),
    # attacks are whose forces made them, "by" them too
    ("attacks by", "The army repelled 19 attacks by Ukrainian troops near the river.", "19 attacks",
     "ukraine"),
    # what was captured by one side is not that side's
    ("captured by", "Russia lost 900 vehicles; over 300 were captured by Ukrainian forces.",
     "300", "russia"),
    # the dead belong to where they died, not to the side whose strikes killed them
    ("killed in", "At least 40 people were killed in Lebanon on Monday.", "40 people", "lebanon"),
    ("strikes", "Russian strikes killed 12 people in Ukraine overnight.", "12 people", "ukraine"),
    # the side named in a count of the dead is whose the rest of its list is, not where they died
    ("list of the dead", "1,351 Russian troops killed and 3,725 wounded in Ukraine.", "3,725", "russia"),
    ("list of the dead, reported", "The ministry said 498 Russian soldiers had been killed and 1,597 "
     "wounded in Ukraine.", "1,597", "russia"),
    # forces that lost the dead are whose they are, whoever counts them
    ("forces lost", "Russian forces lost 1,020 soldiers over the past day, Ukraine's General Staff said.",
     "1,020 soldiers", "russia"),
    ("army has suffered", "Ukraine's army has suffered 300 casualties near the town, the Russian defence "
     "ministry said.", "300 casualties", "ukraine"),
    # refugees belong to where they fled from, not to where they are
    ("refugees from", "Poland hosts 1.1 million refugees from Ukraine.", "1.1 million", "ukraine"),
    ("host carries origin", "Refugees from Syria keep arriving. Turkey now hosts 3.2 million refugees.",
     "3.2 million", "syria"),
    # hostages are not whose custody they are in
    ("hostages held by", "Hamas still holds about 100 hostages.", "100 hostages", None),
    ("hostages by nationality", "Hamas is set to release 13 Israeli hostages on Friday.", "13 Israeli",
     "israel"),
    # money from a lender is the lender's
    ("loan from", "Argentina received a $775 million loan from Qatar.", "$775 million", "qatar"),
    # the side attacked: its people are the dead
    ("attacked", "Gunmen attacked Nigeria's north on Sunday, killing some 60 people.", "60 people", "nigeria"),
    # an international body counts the dead, they are not its own
    ("counted by the UN", "The UN said 300 people were killed. Most died in Sudan, the agency added.",
     "300 people", "sudan"),
    ("the UN says it counted", "The United Nations said it had verified 8,231 civilian deaths in Ukraine.",
     "8,231", "ukraine"),
    ("the UN says it counted, no place", "The United Nations said it had recorded 1,250 civilian casualties.",
     "1,250", None),
    # a dateline is where the story was filed, not a party to it
    ("dateline", "BRUSSELS - The death toll in Morocco rose to 2,100 people, officials said.", "2,100",
     "morocco"),
    # hostages named before keep their side later
    ("hostages carried", "Hamas freed 13 Israeli hostages on Friday. It still holds about 120 hostages.",
     "120 hostages", "israel"),
    # the first party named later, when nothing nearer names one
    ("named later", "Some 30 people died overnight. Rescue work in Chile went on.", "30 people", "chile"),
    # ... but a donor named later is not whose the dead are
    ("donor named later", "Dozens of civilians were killed on Monday, officials said. The United States "
     "will send $300 million in aid.", "Dozens of civilians", None),
    # frozen assets are their owner's, not their holder's
    ("assets", "The clearing house holds €173 billion in funds linked to frozen Russian assets.",
     "€173 billion", "russia"),
    # "from X" after the recipient is not the lender
    ("loan to, then from", "The EU approved a €35 billion loan to Ukraine backed by profits from Russian "
     "assets.", "€35 billion", "eu"),
    # distances and magnitudes have no actor
    ("distance", "Russia moved its troops 40 km from the border.", "40 km", None),
]


@pytest.mark.parametrize("name,text,surface,expected", ACTORS, ids=[c[0] for c in ACTORS])
def test_actor(name, text, surface, expected):
    assert _figure(text, surface)["actor"] == expected


RECIPIENTS = [
    ("to", "The United States approved $800 million in military aid to Ukraine.", "$800 million",
     "us", "ukraine"),
    ("will receive", "The US announced a new package. Ukraine will receive 11 helicopters.",
     "11 helicopters", "us", "ukraine"),
    ("for", "Germany pledged €2.7 billion for Ukraine on Saturday.", "€2.7 billion", "germany", "ukraine"),
    ("no recipient", "Russia will spend $110 billion on defence next year.", "$110 billion", "russia", None),
    # the borrower of "Egypt's $3 billion loan" receives it; the lender is whose money it is
    ("borrower", "The IMF approved Egypt's $3 billion loan programme.", "$3 billion", "imf", "egypt"),
    # what a source says it will give is its own
    ("giving source", "Japan said on Monday that it will provide $4.5 billion to Ukraine.", "$4.5 billion",
     "japan", "ukraine"),
    # the first object of a verb of giving is who receives: "send Ukraine $400 million"
    ("double object", "The United States will send Ukraine $400 million in military aid.", "$400 million",
     "us", "ukraine"),
    ("provide with", "Germany will provide Kyiv with 18 howitzers.", "18 howitzers", "germany", "ukraine"),
    ("lent", "Canada lent Ukraine C$400 million after the war began.", "C$400 million", "canada", "ukraine"),
    # "belonging to" names the owner, not a recipient
    ("belonging to", "Brussels has frozen 30 billion euros of assets belonging to Russian oligarchs.",
     "30 billion euros", "russia", None),
    ("gave, no recipient", "Britain gave £250 million more on Tuesday.", "£250 million", "uk", None),
]


@pytest.mark.parametrize("name,text,surface,actor,recipient", RECIPIENTS, ids=[c[0] for c in RECIPIENTS])
def test_recipient(name, text, surface, actor, recipient):
    fig = _figure(text, surface)
    assert (fig["actor"], fig.get("recipient")) == (actor, recipient)

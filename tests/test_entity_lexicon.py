"""The entity lexicon (lexicons/entities.csv): its rows are consistent and broad, and the actor
table the extractor uses (lex.actors, lex.actor_re) is built from it."""
from __future__ import annotations

import re

import pytest

from tracker.extract.attribution import find_actor_mentions
from tracker.extract.lexicon import alias_forms, entity_aliases, load_lexicon, read_csv, read_toml

KINDS = ("person", "body", "country", "media")

ROWS = read_csv("entities.csv")
RULES = read_toml("entity_words.toml")


def test_every_alias_row_is_well_formed():
    countries = {r["name"] for r in ROWS if r["kind"] == "country"}
    for row in ROWS:
        assert row["kind"] in KINDS, row
        assert row["name"] == row["name"].lower() and row["name"] == row["name"].strip(), row
        assert not row["country"] or row["country"] in countries, row
        assert row["alias"] == re.sub(r"\s+", " ", row["alias"]).strip(), row
        if row["kind"] == "country":
            assert row["country"] == row["side"] == row["name"], row
        if row["kind"] in ("person", "media"):
            assert not row["side"], row


def test_an_entity_has_one_kind_country_and_side():
    seen = {}
    for row in ROWS:
        facts = (row["kind"], row["country"], row["side"])
        assert seen.setdefault(row["name"], facts) == facts, row


def test_the_lexicon_is_broad():
    kinds = {}
    for row in ROWS:
        kinds.setdefault(row["kind"], set()).add(row["name"])
    assert len(kinds["country"]) >= 197  # UN members, observers, Taiwan, Kosovo
    assert len(kinds["person"]) >= 300
    assert len(kinds["media"]) >= 100
    assert {"palestine", "taiwan", "kosovo", "holy see", "south sudan", "eswatini", "timor-leste",
            "north macedonia", "czechia", "cabo verde", "dr congo", "republic of the congo"} <= kinds["country"]
    assert {"volodymyr zelensky", "vladimir putin", "benjamin netanyahu", "antonio guterres",
            "mark rutte", "keir starmer", "olaf scholz", "emmanuel macron"} <= kinds["person"]


def test_a_not_entity_phrase_hides_an_alias():
    for phrase in RULES["not_entity_phrases"]:
        assert any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", phrase) for a in entity_aliases().aliases
                   if a != phrase), phrase


# --- the actor table (lex.actors, lex.actor_re) is built from entities.csv

def test_actors_are_the_aliases_with_a_side():
    lex = load_lexicon()
    for row in ROWS:
        alias = row["alias"][4:] if row["alias"].startswith("the ") else row["alias"]
        assert lex.actors.get(alias) == (row["side"] or None), row
    assert lex.actors["Russia's"] == lex.actors["Russia’s"] == "russia"
    assert lex.actors["Ukrainians'"] == "ukraine"
    assert "Zelensky" not in lex.actors and "Reuters" not in lex.actors


@pytest.mark.parametrize("sentence, actors", [
    ("Russia's 100,000 troops", ["russia"]),
    ("Pentagon officials said Moscow moved 40 tanks", ["us", "russia"]),
    ("The Kyiv Independent reported the figure", []),
    ("South American leaders met", []),
    ("Gaza's Health Ministry said", ["palestine"]),
    ("Wagner fighters", ["wagner group"]),
    ("Zelensky told Reuters", []),
    ("Russian strikes on Kharkiv", ["russia", "ukraine"]),  # a place is its country
    ("Floods in Rio Grande do Sul", ["brazil"]),
    ("the Donetsk People's Republic and Donetsk", ["dpr", "ukraine"]),
    ("ships in the Gulf of Aden", []),
])
def test_actor_mentions(sentence, actors):
    assert [a for _, _, a in find_actor_mentions(sentence)] == actors


def test_alias_forms_and_the_article_rule():
    assert alias_forms("Gaza health ministry") == ["Gaza health ministry", "Gaza Health Ministry"]
    assert alias_forms("dpa") == ["dpa", "Dpa", "DPA"]
    assert "Britain’s MoD" in alias_forms("Britain's MoD")
    table = entity_aliases()
    assert "Times" in table.guarded and table.pattern.search("Times New Roman") is None
    assert table.pattern.search("told the Times").group(0) == "Times"


def test_two_entities_may_not_share_a_form(monkeypatch):
    import tracker.extract.lexicon as lexicon

    rows = [{"alias": "Gaza", "name": "palestine", "kind": "country", "country": "palestine", "side": "palestine"},
            {"alias": "gaza", "name": "gaza city", "kind": "body", "country": "palestine", "side": ""}]
    monkeypatch.setattr(lexicon, "read_csv", lambda name: rows)
    with pytest.raises(ValueError, match="'Gaza' is both"):
        entity_aliases.__wrapped__()


UN_MEMBERS = """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia botswana brazil brunei
bulgaria burundi cambodia cameroon canada chad chile china colombia comoros croatia cuba cyprus czechia
denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia
georgia germany ghana greece grenada guatemala guinea guinea-bissau guyana haiti honduras hungary iceland
india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kuwait
kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi
malaysia maldives mali malta mauritania mauritius mexico micronesia monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau
panama paraguay peru philippines poland portugal qatar moldova romania russia rwanda samoa senegal serbia
seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria tajikistan
thailand timor-leste togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uae uk tanzania us
uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe""".split() + [
    "antigua and barbuda", "bosnia and herzegovina", "burkina faso", "cabo verde", "central african republic",
    "republic of the congo", "costa rica", "ivory coast", "north korea", "dr congo", "dominican republic",
    "el salvador", "equatorial guinea", "marshall islands", "new zealand", "north macedonia", "papua new guinea",
    "south korea", "saint kitts and nevis", "saint lucia", "saint vincent and the grenadines", "san marino",
    "sao tome and principe", "saudi arabia", "sierra leone", "solomon islands", "south africa", "south sudan",
    "sri lanka", "trinidad and tobago",
]


def test_every_un_member_and_observer_is_a_country():
    assert len(set(UN_MEMBERS)) == 193
    countries = {row["name"] for row in ROWS if row["kind"] == "country"}
    assert set(UN_MEMBERS) | {"holy see", "palestine", "taiwan", "kosovo"} == countries

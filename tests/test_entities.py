"""Reading names against the entity lexicon (tracker/extract/entities.py).

Tables of cases written for this project in the way news text names people, bodies, countries
and outlets (aliases, traps, source phrases, the one rule for unknown names, media), then
hypothesis properties of resolve_source and find_entities. The lexicon's own consistency and
the actor table built from it are in test_entity_lexicon.py.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract.entities import KINDS, Entity, _index, find_entities, is_media, lookup, resolve_source
from tracker.extract.lexicon import entity_aliases, read_toml

E = Entity


def only(text: str) -> Entity | None:
    """The entity of a text that is one alias from end to end, else None."""
    found = find_entities(text)
    if len(found) == 1 and found[0][:2] == (0, len(text)):
        return found[0][2]
    return None


# --- aliases as written -> (name, kind, country, side)

ALIASES = [
    ("Biden", E("joe biden", "person", "us", None)),
    ("Joe Biden", E("joe biden", "person", "us", None)),
    ("Zelenskyy", E("volodymyr zelensky", "person", "ukraine", None)),
    ("Zelenskiy", E("volodymyr zelensky", "person", "ukraine", None)),
    ("Zelensky", E("volodymyr zelensky", "person", "ukraine", None)),
    ("Volodymyr Zelenskyy", E("volodymyr zelensky", "person", "ukraine", None)),
    ("Zaluzhnyi", E("valerii zaluzhnyi", "person", "ukraine", None)),
    ("Oleksandr Syrsky", E("oleksandr syrskyi", "person", "ukraine", None)),
    ("Sergey Shoigu", E("sergei shoigu", "person", "russia", None)),
    ("Prigozhin", E("yevgeny prigozhin", "person", "russia", None)),
    ("Lukashenka", E("alexander lukashenko", "person", "belarus", None)),
    ("Erdoğan", E("recep tayyip erdogan", "person", "turkey", None)),
    ("Volker Türk", E("volker turk", "person", None, None)),
    ("von der Leyen", E("ursula von der leyen", "person", None, None)),
    ("Von der Leyen", E("ursula von der leyen", "person", None, None)),
    ("Kristalina Georgieva", E("kristalina georgieva", "person", None, None)),
    ("Hagari", E("daniel hagari", "person", "israel", None)),
    ("Israel Katz", E("israel katz", "person", "israel", None)),
    ("UK MoD", E("uk ministry of defence", "body", "uk", "uk")),
    ("Britain's Ministry of Defence", E("uk ministry of defence", "body", "uk", "uk")),
    ("Britain’s Ministry of Defence", E("uk ministry of defence", "body", "uk", "uk")),
    ("British Ministry of Defence", E("uk ministry of defence", "body", "uk", "uk")),
    ("UK Defence Intelligence", E("uk ministry of defence", "body", "uk", "uk")),
    ("British military intelligence", E("uk ministry of defence", "body", "uk", "uk")),
    ("British Defence Ministry", E("uk ministry of defence", "body", "uk", "uk")),
    ("UK defense ministry", E("uk ministry of defence", "body", "uk", "uk")),
    ("Russian Ministry of Defence", E("russian defence ministry", "body", "russia", "russia")),
    ("Russia's Defense Ministry", E("russian defence ministry", "body", "russia", "russia")),
    ("Russian MoD", E("russian defence ministry", "body", "russia", "russia")),
    ("General Staff of the Armed Forces of Ukraine", E("ukraine general staff", "body", "ukraine", "ukraine")),
    ("Ukrainian General Staff", E("ukraine general staff", "body", "ukraine", "ukraine")),
    ("Ukraine's general staff", E("ukraine general staff", "body", "ukraine", "ukraine")),
    ("Ukraine's Defence Ministry", E("ukraine defence ministry", "body", "ukraine", "ukraine")),
    ("Ukrainian Air Force", E("ukrainian air force", "body", "ukraine", "ukraine")),
    ("Gaza's Health Ministry", E("gaza health ministry", "body", "palestine", "palestine")),
    ("Hamas-run health ministry", E("gaza health ministry", "body", "palestine", "palestine")),
    ("Health Ministry in Gaza", E("gaza health ministry", "body", "palestine", "palestine")),
    ("Lebanon's Health Ministry", E("lebanon health ministry", "body", "lebanon", "lebanon")),
    ("IDF", E("israeli military", "body", "israel", "israel")),
    ("Israel Defense Forces", E("israeli military", "body", "israel", "israel")),
    ("US Defense Department", E("pentagon", "body", "us", "us")),
    ("Pentagon", E("pentagon", "body", "us", "us")),
    ("White House", E("white house", "body", "us", "us")),
    ("Kremlin", E("kremlin", "body", "russia", "russia")),
    ("UN human rights office", E("ohchr", "body", None, None)),
    ("UN rights office", E("ohchr", "body", None, None)),
    ("Office of the UN High Commissioner for Human Rights", E("ohchr", "body", None, None)),
    ("UN refugee agency", E("unhcr", "body", None, None)),
    ("International Monetary Fund", E("imf", "body", None, "imf")),
    ("World Bank", E("world bank", "body", None, "world bank")),
    ("Nato", E("nato", "body", None, "nato")),
    ("NATO", E("nato", "body", None, "nato")),
    ("Wagner", E("wagner group", "body", "russia", "wagner group")),
    ("Hezbollah", E("hezbollah", "body", "lebanon", "hezbollah")),
    ("Houthi", E("houthis", "body", "yemen", "houthis")),
    ("Rapid Support Forces", E("rsf", "body", "sudan", "rsf")),
    ("Taliban", E("taliban", "body", "afghanistan", "taliban")),
    ("Moscow", E("russia", "country", "russia", "russia")),
    ("Russians", E("russia", "country", "russia", "russia")),
    ("Kyiv", E("ukraine", "country", "ukraine", "ukraine")),
    ("Kiev", E("ukraine", "country", "ukraine", "ukraine")),
    ("Washington", E("us", "country", "us", "us")),
    ("U.S.", E("us", "country", "us", "us")),
    ("Britons", E("uk", "country", "uk", "uk")),
    ("Gaza", E("palestine", "country", "palestine", "palestine")),
    ("West Bank", E("palestine", "country", "palestine", "palestine")),
    ("Palestinians", E("palestine", "country", "palestine", "palestine")),
    ("Emirati", E("uae", "country", "uae", "uae")),
    ("Türkiye", E("turkey", "country", "turkey", "turkey")),
    ("Turkish", E("turkey", "country", "turkey", "turkey")),
    ("Burma", E("myanmar", "country", "myanmar", "myanmar")),
    ("Côte d'Ivoire", E("ivory coast", "country", "ivory coast", "ivory coast")),
    ("Côte d’Ivoire", E("ivory coast", "country", "ivory coast", "ivory coast")),
    ("Taipei", E("taiwan", "country", "taiwan", "taiwan")),
    ("Pristina", E("kosovo", "country", "kosovo", "kosovo")),
    ("Vatican", E("holy see", "country", "holy see", "holy see")),
    ("Reuters", E("reuters", "media", "uk", None)),
    ("Associated Press", E("ap", "media", "us", None)),
    ("Channel 13", E("channel 13", "media", "israel", None)),
    ("Times of Israel", E("times of israel", "media", "israel", None)),
    ("Kyiv Independent", E("kyiv independent", "media", "ukraine", None)),
    ("dpa", E("dpa", "media", "germany", None)),
    ("DPA", E("dpa", "media", "germany", None)),
]


@pytest.mark.parametrize("alias, entity", ALIASES, ids=[a for a, _ in ALIASES])
def test_alias_is_its_entity(alias, entity):
    assert only(alias) == entity
    assert lookup(alias) == entity


# --- traps: what looks like an alias and is not that entity

TRAPS = [
    ("South American", None),
    ("Latin American", None),
    ("American Samoa", None),
    ("Gulf of Mexico", None),
    ("South China Sea", None),
    ("Indian Ocean", None),
    ("Georgia", "georgia"),  # the country, not the US state
    ("Jordan", "jordan"),
    ("Chad", "chad"),
    ("Turkey", "turkey"),
    ("turkey", None),  # the bird: aliases are case-sensitive
    ("Congo", "dr congo"),
    ("Republic of Congo", "republic of the congo"),
    ("Congo-Brazzaville", "republic of the congo"),
    ("Guinea", "guinea"),
    ("Guinea-Bissau", "guinea-bissau"),
    ("Equatorial Guinea", "equatorial guinea"),
    ("Papua New Guinea", "papua new guinea"),
    ("Niger", "niger"),
    ("Nigerien", "niger"),
    ("Nigeria", "nigeria"),
    ("Nigerian", "nigeria"),
    ("South Sudan", "south sudan"),
    ("Sudanese", "sudan"),
    ("North Korean", "north korea"),
    ("Northern Ireland", "uk"),
    ("Washington Post", "washington post"),
    ("Interfax-Ukraine", "interfax-ukraine"),
    ("Israel Katz", "israel katz"),
    ("MoD", None),  # ambiguous alone: left out
    ("General Staff", None),
    ("Johnson", None),
]


@pytest.mark.parametrize("text, name", TRAPS, ids=[t for t, _ in TRAPS])
def test_traps(text, name):
    found = find_entities(text)
    assert [e.name for _, _, e in found] == ([name] if name else [])
    if name:
        assert found[0][:2] == (0, len(text))


@pytest.mark.parametrize("text, expected", [
    ("Russia's 100,000 troops", [("Russia", "russia")]),
    ("Russia’s troops and Nato's", [("Russia", "russia"), ("Nato", "nato")]),
    ("South American and American troops", [("American", "us")]),
    ("The Kyiv Independent said Kyiv lost 20 tanks", [("Kyiv Independent", "kyiv independent"),
                                                      ("Kyiv", "ukraine")]),
    ("the Times of Israel, citing the Times", [("Times of Israel", "times of israel"), ("Times", "times")]),
    ("Times New Roman", []),  # "the Times" needs its article
    ("officials in The Hague", [("Hague", "netherlands")]),
    ("the Hamas-run Health Ministry in Gaza", [("Hamas-run Health Ministry", "gaza health ministry"),
                                               ("Gaza", "palestine")]),
    ("the Health Ministry in Gaza", [("Health Ministry in Gaza", "gaza health ministry")]),
    ("UN Secretary-General Antonio Guterres", [("UN", "un"), ("Antonio Guterres", "antonio guterres")]),
    ("Ukrainian-held Bakhmut", [("Bakhmut", "ukraine")]),  # "Ukrainian-held" is no mention; the town is
    ("said Ukraine\u2019s General Staff.", [("Ukraine\u2019s General Staff", "ukraine general staff")]),
    ("United  States", [("United  States", "us")]),  # any run of spaces
])
def test_find_entities_in_text(text, expected):
    assert [(text[s:e], ent.name) for s, e, ent in find_entities(text)] == expected


# --- source phrases as written -> the one entity

SOURCES = [
    ("US President Joe Biden", "joe biden", "person", "us"),
    ("President Biden", "joe biden", "person", "us"),
    ("a senior Nato official", "nato", "body", None),
    ("Britain's Ministry of Defence", "uk ministry of defence", "body", "uk"),
    ("the British Defence Ministry", "uk ministry of defence", "body", "uk"),
    ("British intelligence", "uk ministry of defence", "body", "uk"),
    ("Ukraine's defence ministry", "ukraine defence ministry", "body", "ukraine"),
    ("Kremlin spokesman Dmitry Peskov", "dmitry peskov", "person", "russia"),
    ("Russian Defence Ministry spokesman Igor Konashenkov", "igor konashenkov", "person", "russia"),
    ("Pentagon spokesman John Kirby", "john kirby", "person", "us"),
    ("Ukrainian military spokesman Serhiy Bratchuk", "serhiy bratchuk", "person", "ukraine"),
    ("the Pentagon", "pentagon", "body", "us"),
    ("a Pentagon spokesman", "pentagon", "body", "us"),
    ("Pentagon Press Secretary", "pentagon", "body", "us"),
    ("officials in Kyiv", "ukraine", "country", "ukraine"),
    ("Ukrainian officials", "ukraine", "country", "ukraine"),
    ("two senior US administration officials", "us", "country", "us"),
    ("Egyptian officials", "egypt", "country", "egypt"),
    ("the Ukrainian president", "ukraine", "country", "ukraine"),
    ("the UN refugee agency (UNHCR)", "unhcr", "body", None),
    ("UN human rights chief Volker Türk", "volker turk", "person", None),
    ("the UN human rights office", "ohchr", "body", None),
    ("Gaza's Hamas-run health ministry", "gaza health ministry", "body", "palestine"),
    ("the Israeli military", "israeli military", "body", "israel"),
    ("Israeli military spokesman Rear Adm. Daniel Hagari", "daniel hagari", "person", "israel"),
    ("Israeli army spokesperson Lt. Col. Nadav Shoshani", "nadav shoshani", "person", "israel"),
    ("the Kremlin", "kremlin", "body", "russia"),
    ("Moscow", "russia", "country", "russia"),
    ("Wagner founder Yevgeny Prigozhin", "yevgeny prigozhin", "person", "russia"),
    ("Hezbollah", "hezbollah", "body", "lebanon"),
    ("the Institute for the Study of War", "isw", "body", "us"),
    ("the Oryx open-source intelligence website", "oryx", "body", None),
    ("Japan's Ministry of Defense", "japan defence ministry", "body", "japan"),
    ("the German army", "german army", "body", "germany"),
    # one name no lexicon knows before a body word is a place's or an organisation's body, not a
    # person; before a body a person has too, still the person
    ("Freedonia's defence ministry", "freedonia defence ministry", "body", None),
    ("Freedonia's air force", "freedonia air force", "body", None),
    ("Haddad's office", "haddad", "person", None),
    ("Haddad, of the health ministry", "haddad", "person", None),
    ("Arab diplomats", "arab diplomats", "body", None),
    ("two European officials", "european officials", "body", None),
    ("The Maghreb Arabe Press (MAP)", "maghreb arabe press", "body", None),
    ("Karim Haddad", "karim haddad", "person", None),
    ("Turkey's Disaster and Emergency Management Authority", "afad", "body", "turkey"),
    ("IMF Managing Director Kristalina Georgieva", "kristalina georgieva", "person", None),
    ("Nato Secretary General Jens Stoltenberg", "jens stoltenberg", "person", None),
    ("the Associated Press", "ap", "media", "us"),
    ("Reuters", "reuters", "media", "uk"),
    # initials with their full stops, as wires write them (the last stop is the abbreviation's)
    ("the U.N.", "un", "body", None),
    ("The U.S.", "us", "country", "us"),
    # In lower case, as attribution stores a source.
    ("us official", "us", "country", "us"),
    ("british officials", "uk", "country", "uk"),
    ("pentagon", "pentagon", "body", "us"),
    ("zelenskiy", "volodymyr zelensky", "person", "ukraine"),
    ("uk ministry of defence", "uk ministry of defence", "body", "uk"),
]


@pytest.mark.parametrize("phrase, name, kind, country", SOURCES, ids=[s[0] for s in SOURCES])
def test_source_phrase(phrase, name, kind, country):
    entity = resolve_source(phrase)
    assert entity is not None, phrase
    assert (entity.name, entity.kind, entity.country) == (name, kind, country)


# --- a name not in the lexicon: one rule, so one speaker gets one name in every article

@pytest.mark.parametrize("phrases, name, kind, country", [
    (["Ukrainian military spokesman Serhiy Bratchuk", "Serhiy Bratchuk",
      "spokesman Serhiy Bratchuk", "Serhiy Bratchuk, a spokesman for Ukraine's military",
      "Mr. Serhiy Bratchuk", "the Ukrainian spokesman Serhiy Bratchuk's"],
     "serhiy bratchuk", "person", None),
    (["Poland's Ministry of Defence", "the Polish defence ministry", "Polish Defense Ministry",
      "Ministry of Defense of Poland", "Poland's defence ministry"],
     "poland defence ministry", "body", "poland"),
    (["Western officials", "western officials", "the Western officials"], "western officials", "body", None),
    (["Crowd Solutions", "crowd solutions"], "crowd solutions", "body", None),
])
def test_one_rule_for_unknown_names(phrases, name, kind, country):
    got = {resolve_source(p) for p in phrases}
    assert {e.name for e in got} == {name}
    cased = [resolve_source(p) for p in phrases if p != p.lower()]
    assert {e.kind for e in cased} == {kind}
    if country:
        assert {e.country for e in got} == {country}


def test_unknown_person_takes_country_from_phrase():
    assert resolve_source("Ukrainian military spokesman Serhiy Bratchuk").country == "ukraine"
    assert resolve_source("Israeli army spokesman Nadav Xyzzy") == E("nadav xyzzy", "person", "israel", None)
    assert resolve_source("Serhiy Bratchuk").country is None


def test_a_given_name_that_is_a_country_stays_a_name():
    assert resolve_source("Jordan Bardellax") == E("jordan bardellax", "person", None, None)
    assert resolve_source("officials in Jordan").name == "jordan"


@pytest.mark.parametrize("phrase", [
    "report", "the report", "a statement", "its assessment", "data", "figures", "officials",
    "the officials", "senior officials", "the president", "sources", "the ministry", "", "   ",
    "it", "they",
])
def test_a_bare_word_is_no_entity(phrase):
    assert resolve_source(phrase) is None


@pytest.mark.parametrize("phrase, media", [
    ("told the BBC", True), ("the BBC", True), ("Reuters", True), ("CNN", True),
    ("the Associated Press", True), ("Channel 13 news", True), ("the Kyiv Independent", True),
    ("Anadolu news agency", True), ("the Times", True),
    ("the Pentagon", False), ("Kyiv", False), ("Kremlin spokesman Dmitry Peskov told CNN", False),
    ("the report", False), ("Ukrainian officials", False),
])
def test_is_media(phrase, media):
    assert is_media(phrase) is media


def test_word_lists_name_real_aliases():
    rules = read_toml("entity_words.toml")
    forms = {f.lower() for f in entity_aliases().forms}
    assert set(rules["case_only"]) <= forms | set(_index().by_name)
    assert set(rules["given_names"]) <= set(entity_aliases().forms)
    assert not set(rules["titles"]) & set(_index().by_name)


def test_every_canonical_name_reads_as_itself():
    for name, entity in _index().by_name.items():
        assert resolve_source(name) == entity, name


# --- properties

_FORMS = sorted(entity_aliases().forms)
_PIECES = _FORMS + ["spokesman", "officials", "said", "the", "a senior", "Lt. Col.", "Serhiy", "Bratchuk",
                    "of", "'s", "’s", ",", "(", ")", "in", "MoD", "al-Qudra", "von", "report", "fT", "us"]
_phrases = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_phrases, _phrases.map(str.lower), st.text(max_size=60)))
def test_resolve_source_is_total_and_stable(text):
    entity = resolve_source(text)
    if entity is not None:
        assert entity.kind in KINDS
        assert entity.name and entity.name == entity.name.lower() and "  " not in entity.name
        again = resolve_source(entity.name)
        assert again is not None and again.name == entity.name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=10).map(" ".join))
def test_find_entities_spans(text):
    found = find_entities(text)
    forms = entity_aliases().forms
    end = 0
    for start, stop, entity in found:
        assert end <= start < stop <= len(text)
        surface = text[start:stop]
        assert forms.get(surface, forms.get(re.sub(r"\s+", " ", surface))) is not None
        assert (forms.get(surface) or forms.get(re.sub(r"\s+", " ", surface))).name == entity.name
        end = stop

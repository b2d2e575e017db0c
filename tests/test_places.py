"""Places in lexicons/entities.csv: a sub-national region or city that news names instead of
its country reads as that country ("killed in Kherson" counts Ukraine's dead), and names that
are ambiguous (several places, everyday words, given names, disputed territories) read as
nothing. The sentences were written by hand for these tests."""
from __future__ import annotations

import pytest

from tracker import extract_figures
from tracker.extract.entities import find_entities, lookup, resolve_source
from tracker.extract.lexicon import read_csv

ROWS = read_csv("entities.csv")


@pytest.mark.parametrize("place, country", [
    # Ukraine: oblasts, occupied regions and front-line towns, in both spellings
    ("Kherson", "ukraine"), ("Crimea", "ukraine"), ("Sevastopol", "ukraine"), ("Donetsk", "ukraine"),
    ("Luhansk", "ukraine"), ("Lugansk", "ukraine"), ("Zaporizhzhia", "ukraine"), ("Zaporozhye", "ukraine"),
    ("Kharkiv", "ukraine"), ("Kharkov", "ukraine"), ("Odesa", "ukraine"), ("Odessa", "ukraine"),
    ("Mykolaiv", "ukraine"), ("Nikolaev", "ukraine"), ("Donbas", "ukraine"), ("Bakhmut", "ukraine"),
    ("Avdiivka", "ukraine"), ("Pokrovsk", "ukraine"), ("Kramatorsk", "ukraine"), ("Dnipro", "ukraine"),
    ("Lviv", "ukraine"), ("Sumy", "ukraine"), ("Chernihiv", "ukraine"), ("Mariupol", "ukraine"),
    ("Kryvyi Rih", "ukraine"), ("Ivano-Frankivsk", "ukraine"),
    # Russia
    ("Kursk", "russia"), ("Belgorod", "russia"), ("Bryansk", "russia"), ("Rostov-on-Don", "russia"),
    ("Krasnodar", "russia"), ("Chechnya", "russia"), ("Dagestan", "russia"), ("St Petersburg", "russia"),
    ("St. Petersburg", "russia"), ("Kaliningrad", "russia"), ("Siberia", "russia"),
    # Middle East
    ("Haifa", "israel"), ("Negev", "israel"), ("Galilee", "israel"), ("Sderot", "israel"),
    ("Ashkelon", "israel"), ("Eilat", "israel"), ("Rafah", "palestine"), ("Khan Younis", "palestine"),
    ("Khan Yunis", "palestine"), ("Jabalia", "palestine"), ("Nablus", "palestine"), ("Jenin", "palestine"),
    ("Hebron", "palestine"), ("Tyre", "lebanon"), ("Sidon", "lebanon"), ("Nabatieh", "lebanon"),
    ("Bekaa", "lebanon"), ("Baalbek", "lebanon"), ("Aleppo", "syria"), ("Idlib", "syria"), ("Homs", "syria"),
    ("Hama", "syria"), ("Deir ez-Zor", "syria"), ("Raqqa", "syria"), ("Latakia", "syria"), ("Mosul", "iraq"),
    ("Basra", "iraq"), ("Erbil", "iraq"), ("Isfahan", "iran"), ("Natanz", "iran"), ("East Azerbaijan", "iran"),
    ("Bandar Abbas", "iran"), ("Aden", "yemen"), ("Hodeidah", "yemen"), ("Marib", "yemen"),
    ("Jeddah", "saudi arabia"), ("Dubai", "uae"), ("North Sinai", "egypt"), ("Aqaba", "jordan"),
    # Africa
    ("Darfur", "sudan"), ("El Fasher", "sudan"), ("El-Fasher", "sudan"), ("Omdurman", "sudan"),
    ("Kordofan", "sudan"), ("Malakal", "south sudan"), ("Tigray", "ethiopia"), ("Amhara", "ethiopia"),
    ("Oromia", "ethiopia"), ("Puntland", "somalia"), ("Kismayo", "somalia"), ("North Kivu", "dr congo"),
    ("South Kivu", "dr congo"), ("Goma", "dr congo"), ("Ituri", "dr congo"), ("Kidal", "mali"),
    ("Timbuktu", "mali"), ("Djibo", "burkina faso"), ("Tillaberi", "niger"), ("Borno", "nigeria"),
    ("Zamfara", "nigeria"), ("Kaduna", "nigeria"), ("Niger state", "nigeria"), ("Niger State", "nigeria"),
    ("Benin City", "nigeria"), ("Cabo Delgado", "mozambique"), ("Derna", "libya"), ("Benghazi", "libya"),
    ("Marrakech", "morocco"), ("Al Haouz", "morocco"), ("Taroudant", "morocco"), ("KwaZulu-Natal", "south africa"),
    # Asia
    ("Herat", "afghanistan"), ("Kandahar", "afghanistan"), ("Helmand", "afghanistan"),
    ("Khyber Pakhtunkhwa", "pakistan"), ("Balochistan", "pakistan"), ("Karachi", "pakistan"),
    ("Azad Jammu and Kashmir", "pakistan"), ("Manipur", "india"), ("Assam", "india"), ("Mumbai", "india"),
    ("Jammu and Kashmir", "india"), ("Cox's Bazar", "bangladesh"), ("Rakhine", "myanmar"),
    ("Shan State", "myanmar"), ("Sagaing", "myanmar"), ("Mindanao", "philippines"), ("Aceh", "indonesia"),
    ("Sulawesi", "indonesia"), ("Fukushima", "japan"), ("Noto", "japan"), ("Ishikawa Prefecture", "japan"),
    ("Xinjiang", "china"), ("Inner Mongolia", "china"), ("Xi'an", "china"), ("Hualien", "taiwan"),
    ("Kahramanmaras", "turkey"), ("Kahramanmaraş", "turkey"), ("Hatay", "turkey"), ("Gaziantep", "turkey"),
    ("Adana", "turkey"), ("Haiphong", "vietnam"),
    # Americas, Europe, Oceania
    ("Artibonite", "haiti"), ("Rio Grande do Sul", "brazil"), ("Sao Paulo", "brazil"), ("São Paulo", "brazil"),
    ("Rio de Janeiro", "brazil"), ("Amazonas", "brazil"), ("Sinaloa", "mexico"), ("Tijuana", "mexico"),
    ("Antioquia", "colombia"), ("Zulia", "venezuela"), ("Bahia Blanca", "argentina"), ("Florida", "us"),
    ("New York", "us"), ("New Mexico", "us"), ("Washington state", "us"), ("British Columbia", "canada"),
    ("Quebec", "canada"), ("Scotland", "uk"), ("Belfast", "uk"), ("Bavaria", "germany"),
    ("Lampedusa", "italy"), ("Catalonia", "spain"), ("Rzeszow", "poland"), ("New South Wales", "australia"),
])
def test_a_place_is_its_country(place, country):
    entity = lookup(place)
    assert entity is not None and (entity.name, entity.kind, entity.side) == (country, "country", country)
    text = f"Officials said 40 people had been killed in {place} overnight."
    found = find_entities(text)
    assert [(text[s:e], e_.name) for s, e, e_ in found] == [(place, country)]


@pytest.mark.parametrize("name", [
    # several places or countries
    "Punjab", "Kashmir", "Bengal", "Kurdistan", "Hyderabad", "Valencia", "Cartagena", "Guadalajara",
    "Cordoba", "Santa Cruz", "Kingston", "Birmingham", "Cambridge", "Portland", "Perth", "Newcastle",
    "Halifax", "Beni", "Geneva",
    # everyday words and given names
    "Victoria", "Nice", "Split", "Reading", "Bath", "Mobile", "Orange", "Phoenix", "Plateau", "Delta",
    "Rivers", "Van", "Batman", "Acre", "Sydney", "Adelaide", "Darwin", "Florence", "Charlotte", "Orlando",
    "Indiana", "Virginia", "Montana", "Jos", "Gao", "Sabah", "Medina", "Alexandria",
    # disputed or breakaway territories, territories with their own ISO 3166-1 code
    "Jerusalem", "Nagorno-Karabakh", "Abkhazia", "South Ossetia", "Transnistria", "Western Sahara",
    "Golan Heights", "Somaliland", "Hong Kong", "Puerto Rico", "Greenland",
    # regional demonyms name peoples and forces, not places
    "Crimean", "Chechen", "Tigrayan", "Kurdish",
])
def test_an_ambiguous_name_is_no_place(name):
    assert lookup(name) is None
    assert find_entities(f"Officials said 40 people had been killed in {name} overnight.") == []


@pytest.mark.parametrize("name, entity", [
    ("Georgia", "georgia"),  # the country, not the US state
    ("Washington", "us"),
    ("Tripoli", "libya"),
    ("Macedonia", "north macedonia"),
    ("Niger", "niger"),  # the country; "Niger state" is Nigeria's
    ("Gaza", "palestine"),
])
def test_a_country_alias_keeps_its_meaning(name, entity):
    assert lookup(name).name == entity


@pytest.mark.parametrize("text, expected", [
    # a longer alias of another entity wins over the place inside it
    ("the Donetsk People's Republic said", [("Donetsk People's Republic", "dpr")]),
    ("the Luhansk People's Republic said", [("Luhansk People's Republic", "lpr")]),
    ("the Tigray People's Liberation Front said", [("Tigray People's Liberation Front", "tplf")]),
    ("The New York Times reported", [("New York Times", "new york times")]),
    ("the Los Angeles Times and the Toronto Star",
     [("Los Angeles Times", "los angeles times"), ("Toronto Star", "toronto star")]),
    ("Papua New Guinean troops", [("Papua New Guinean", "papua new guinea")]),
    ("ships in the Gulf of Aden", []),
    # a place that holds another entity's alias is the place
    ("in Bandar Abbas", [("Bandar Abbas", "iran")]),
    ("floods in Niger State and in Niger", [("Niger State", "nigeria"), ("Niger", "niger")]),
    ("Xi Jinping visited Xi'an", [("Xi Jinping", "xi jinping"), ("Xi'an", "china")]),
    # possessives and hyphenated compounds
    ("Kharkiv's governor", [("Kharkiv", "ukraine")]),
    ("Kharkiv’s governor", [("Kharkiv", "ukraine")]),
    ("a Kherson-based group", []),
    # places are written with a capital: the lower-case words are no place
    ("a tyre burst near a cork tree", []),
    ("a mecca for tourists", []),
])
def test_places_in_text(text, expected):
    assert [(text[s:e], ent.name) for s, e, ent in find_entities(text)] == expected


def test_officials_of_a_place_are_its_country():
    assert resolve_source("officials in Kherson").name == "ukraine"
    person = resolve_source("Kharkiv governor Oleh Syniehubov")
    assert (person.name, person.kind, person.country) == ("oleh syniehubov", "person", "ukraine")


@pytest.mark.parametrize("text, actor", [
    ("At least 40 people were killed in Kherson on Tuesday, officials said.", "ukraine"),
    ("Russian shelling killed 12 civilians in Kharkiv.", "ukraine"),
    ("The RSF killed 200 people in El Fasher.", "sudan"),
])
def test_a_place_gives_the_country_as_actor(text, actor):
    rows = extract_figures(text)
    assert list(rows["actor"]) == [actor]


@pytest.mark.parametrize("template, country, place", [
    ("At least 40 people were killed in {} on Tuesday.", "Ukraine", "Zaporizhzhia"),
    ("{} said 3,000 people had fled.", "Sudan", "Darfur"),
    ("{}'s 5,000 troops were on alert.", "Russia", "Belgorod"),
    ("Floods in {} have displaced 80,000 people.", "Brazil", "Rio Grande do Sul"),
    ("An earthquake in {} killed 2,900 people.", "Morocco", "Al Haouz"),
])
def test_a_place_reads_as_its_country_does(template, country, place):
    """Whatever the extractor makes of a country in a sentence, it makes of its place too."""
    by_country = extract_figures(template.format(country))[["value", "actor"]].to_dict("records")
    by_place = extract_figures(template.format(place))[["value", "actor"]].to_dict("records")
    assert by_place == by_country


def test_places_are_after_the_country_rows_and_unique():
    aliases = [row["alias"] for row in ROWS]
    assert len(aliases) == len(set(aliases))
    kinds = [row["kind"] for row in ROWS]
    first_body = kinds.index("body")
    assert all(k == "country" for k in kinds[:first_body])
    assert {"Kherson", "Rio Grande do Sul", "El Fasher", "Tigray"} <= set(aliases[:first_body])

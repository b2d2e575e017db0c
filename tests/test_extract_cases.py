"""Table tests for ``tracker.extract_figures``: text in, expected figures out.

Where the rows come from
------------------------
Every sentence below was written by hand for these tests, from the specification in issue 3
(the figure extractor) and the column contract in ``tracker/schema.py``. They imitate the way
news reports figures (troops, units, equipment, casualties, refugees, money, percentages,
durations, distances, other counts and measures), but none is copied from the seed article
or from the NewsQuant benchmark; the facts are realistic-sounding and were not checked, since
only the wording matters here.

How a row is read
-----------------
Each table is a list of ``(text, expected)`` rows (as ``pytest.param`` with an id), where
``expected`` lists one dict per figure the extractor must return, in order of appearance.
The extractor must return exactly those figures: an unexpected extra row fails the test, so
every sentence was written so that it holds no other figure. Only the fields written in a
dict are checked; a field whose exact value is a judgement call is left out.

* ``surface``: ``row.surface == surface`` and ``text[start:end] == surface``.
* ``value``, ``low``, ``high``: floats, relative tolerance 1e-6; ``None`` means null.
* ``approx``, ``derived``: booleans (null is never equal to ``False``).
* ``qualifier``, ``change``: compared lower-cased; ``unit``, ``category``, ``actor``: exact.
  ``None`` means the column must be null.
* ``attributed_to``, ``object``: a key word that must be a substring of the lower-cased
  value; ``None`` means null.
* ``formula``: compared with white space removed (``"14*800"``).
* Any string field may be given as a tuple of acceptable answers.

Rows with ``derived=True`` are matched, in order, against the derived rows of the result;
the other rows against the non-derived rows sorted by ``start``. So where the extractor puts
a derived row is its own choice, but its count is checked like any other.

``BUGS_CAUGHT`` collects rows that caught an extractor bug (keep them after the fix);
``KNOWN_MISSES`` holds rows the extractor gets wrong today, each as
``pytest.param(text, expected, id=..., marks=pytest.mark.xfail(strict=True, reason=...))``,
so that fixing one turns its xfail into a failure that asks for the mark to be removed.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from tracker import extract_figures

STRING_FIELDS = ("qualifier", "change", "unit", "category", "actor")
CONTAINS_FIELDS = ("attributed_to", "object")
NUMBER_FIELDS = ("value", "low", "high")
BOOL_FIELDS = ("approx", "derived")
KNOWN_FIELDS = {"surface", "formula", *STRING_FIELDS, *CONTAINS_FIELDS, *NUMBER_FIELDS, *BOOL_FIELDS}


def F(**fields):
    """One expected figure: only the fields given are checked."""
    unknown = set(fields) - KNOWN_FIELDS
    assert not unknown, f"unknown field(s) in a test row: {unknown}"
    return fields


def case(case_id, text, *figures, marks=()):
    return pytest.param(text, list(figures), id=case_id, marks=marks)


def _null(x) -> bool:
    return x is None or (not isinstance(x, (list, tuple, dict)) and bool(pd.isna(x)))


def _options(expected):
    return expected if isinstance(expected, tuple) else (expected,)


def _field_problem(text: str, row: dict, field: str, expected):
    """A message if ``row`` does not satisfy ``field == expected``, else None."""
    got = row.get(field)
    if field == "surface":
        start, end = row.get("start"), row.get("end")
        if _null(start) or _null(end):
            return f"surface: start/end are null (expected {expected!r})"
        sliced = text[int(start):int(end)]
        if sliced != expected or got != expected:
            return f"surface: expected {expected!r}, got surface={got!r}, text[start:end]={sliced!r}"
        return None
    if field in NUMBER_FIELDS:
        if expected is None:
            return None if _null(got) else f"{field}: expected null, got {got!r}"
        if _null(got) or not math.isclose(float(got), float(expected), rel_tol=1e-6):
            return f"{field}: expected {expected!r}, got {got!r}"
        return None
    if field in BOOL_FIELDS:
        if _null(got) or bool(got) is not bool(expected):
            return f"{field}: expected {expected!r}, got {got!r}"
        return None
    if field == "formula":
        if _null(got) or "".join(str(got).split()) != "".join(expected.split()):
            return f"formula: expected {expected!r}, got {got!r}"
        return None
    if expected is None:
        return None if _null(got) else f"{field}: expected null, got {got!r}"
    if _null(got):
        return f"{field}: expected {expected!r}, got null"
    if field in CONTAINS_FIELDS:
        if not any(key.lower() in str(got).lower() for key in _options(expected)):
            return f"{field}: expected to contain {expected!r}, got {got!r}"
        return None
    if field in ("qualifier", "change"):
        ok = str(got).strip().lower() in {o.lower() for o in _options(expected)}
    else:
        ok = got in _options(expected)
    return None if ok else f"{field}: expected {expected!r}, got {got!r}"


def _brief(rows):
    keys = ("surface", "value", "low", "high", "approx", "qualifier", "unit", "category",
            "actor", "attributed_to", "derived", "formula")
    return "\n".join("  " + repr({k: r.get(k) for k in keys}) for r in rows) or "  (none)"


def check(text: str, expected: list[dict]) -> None:
    frame = extract_figures(text)
    rows = frame.to_dict("records")
    derived = [r for r in rows if not _null(r.get("derived")) and bool(r["derived"])]
    plain = [r for r in rows if _null(r.get("derived")) or not bool(r["derived"])]
    plain.sort(key=lambda r: (-1 if _null(r.get("start")) else int(r["start"]),
                              -1 if _null(r.get("end")) else int(r["end"])))
    want_derived = [e for e in expected if e.get("derived")]
    want_plain = [e for e in expected if not e.get("derived")]

    context = f"text: {text!r}\nextracted:\n{_brief(rows)}"
    assert len(plain) == len(want_plain), (
        f"expected {len(want_plain)} figure(s), got {len(plain)}\n{context}")
    assert len(derived) == len(want_derived), (
        f"expected {len(want_derived)} derived figure(s), got {len(derived)}\n{context}")
    problems = []
    for i, (row, want) in enumerate([*zip(plain, want_plain), *zip(derived, want_derived)]):
        for field, value in want.items():
            problem = _field_problem(text, row, field, value)
            if problem:
                problems.append(f"figure {i} ({row.get('surface')!r}): {problem}")
    assert not problems, "\n".join(problems) + "\n" + context


# --------------------------------------------------------------------------------------
# Personnel: troops, soldiers, servicemen, personnel -> "troop"; reservists, conscripts,
# mercenaries keep their own singular noun. Actor from the noun phrase or clause.
# --------------------------------------------------------------------------------------
PERSONNEL = [
    case("estimated-troops-russia",
         "Russia has gathered an estimated 30,000 troops in Belarus for the drills.",
         F(surface="30,000 troops", value=30000, low=None, high=None, approx=True,
           unit="troop", category="personnel", actor="russia", attributed_to=None)),
    case("soldiers-poland",
         "Poland said it would move 10,000 soldiers to its eastern border.",
         F(surface="10,000 soldiers", value=10000, approx=False, unit="troop",
           category="personnel", actor="poland", attributed_to="poland")),
    case("servicemen-russian",
         "Belarus says 9,000 Russian servicemen are stationed on its territory.",
         F(surface="9,000 Russian servicemen", value=9000, unit="troop", category="personnel",
           actor="russia", attributed_to="belarus")),
    case("personnel-nato",
         "Nato keeps about 4,000 personnel in Estonia.",
         F(surface="4,000 personnel", value=4000, approx=True, unit="troop",
           category="personnel", actor="nato")),
    case("reservists-ukraine",
         "Kyiv will call up 36,000 reservists next month.",
         F(surface="36,000 reservists", value=36000, unit="reservist", category="personnel",
           actor="ukraine")),
    case("conscripts-russia",
         "Moscow plans to draft 134,500 conscripts this spring.",
         F(surface="134,500 conscripts", value=134500, unit="conscript", category="personnel",
           actor="russia")),
    case("mercenaries",
         "Western officials say 1,000 Wagner mercenaries have arrived in Mali.",
         F(surface="1,000 Wagner mercenaries", value=1000, unit="mercenary",
           category="personnel", attributed_to="officials")),
    case("american-troops",
         "The Pentagon has put 8,500 American troops on heightened alert.",
         F(surface="8,500 American troops", value=8500, unit="troop", category="personnel",
           actor="us", attributed_to=None)),
    case("extra-troops-britain",
         "Britain will send 350 extra troops to Poland.",
         F(surface="350 extra troops", value=350, unit="troop", category="personnel",
           actor="uk")),
    case("ukrainian-soldiers",
         "About 250,000 Ukrainian soldiers are defending the country.",
         F(surface="250,000 Ukrainian soldiers", value=250000, approx=True, unit="troop",
           category="personnel", actor="ukraine")),
    case("germany-troops",
         "Germany will add 350 troops to its contingent in Lithuania.",
         F(surface="350 troops", value=350, unit="troop", category="personnel",
           actor="germany")),
    case("us-abbreviated",
         "The U.S. will send 3,000 more troops to Poland and Romania.",
         F(surface="3,000 more troops", value=3000, unit="troop", category="personnel",
           actor="us")),
    case("nato-command",
         "Nato has 40,000 troops under its direct command.",
         F(surface="40,000 troops", value=40000, low=None, high=None, unit="troop",
           category="personnel", actor="nato")),
    case("spelled-twenty-five",
         "Twenty-five soldiers guard the bridge.",
         F(surface="Twenty-five soldiers", value=25, unit="troop", category="personnel")),
    case("spelled-forty-thousand",
         "Russia kept forty thousand troops near Kharkiv.",
         F(surface="forty thousand troops", value=40000, unit="troop", category="personnel",
           actor="russia")),
    case("k-suffix-troops",
         "Satellite images suggest 12k troops are camped near Yelnya.",
         F(surface="12k troops", value=12000, unit="troop", category="personnel")),
    case("thousand-word-soldiers",
         "Estonia has 3 thousand soldiers on standby.",
         F(surface="3 thousand soldiers", value=3000, unit="troop", category="personnel",
           actor="estonia")),
]


# --------------------------------------------------------------------------------------
# Military units: battalion, battalion tactical group / BTG, brigade, regiment, division,
# company, corps.
# --------------------------------------------------------------------------------------
MILITARY_UNITS = [
    case("btg-long-form",
         "Russia now has 83 battalion tactical groups around Ukraine.",
         F(surface="83 battalion tactical groups", value=83, unit="battalion tactical group",
           category="military_unit", actor="russia")),
    case("btg-abbreviation",
         "A US official said Russia had 110 BTGs in place.",
         F(surface="110 BTGs", value=110, unit="battalion tactical group",
           category="military_unit", actor="russia", attributed_to="official")),
    case("brigades-ukraine",
         "Ukraine has formed 12 new assault brigades.",
         F(surface="12 new assault brigades", value=12, unit="brigade",
           category="military_unit", actor="ukraine")),
    case("regiments-spelled",
         "Two Russian regiments have pulled back from the Kherson front.",
         F(surface="Two Russian regiments", value=2, unit="regiment", category="military_unit",
           actor="russia")),
    case("divisions-kremlin",
         "The Kremlin has moved three divisions to the western military district.",
         F(surface="three divisions", value=3, unit="division", category="military_unit",
           actor="russia")),
    case("battalions-nato",
         "Nato will station four more battalions on its eastern flank.",
         F(surface="four more battalions", value=4, unit="battalion", category="military_unit",
           actor="nato")),
    case("companies",
         "Ukrainian commanders sent 2 companies to reinforce the town.",
         F(surface="2 companies", value=2, unit="company", category="military_unit",
           actor="ukraine")),
    case("corps",
         "Russia is forming 2 new army corps.",
         F(surface="2 new army corps", value=2, unit="corps", category="military_unit",
           actor="russia")),
    case("further-battalions-officials",
         "Officials believe a further 9 Russian battalions are moving towards Kursk.",
         F(surface="9 Russian battalions", value=9, approx=False, change="further",
           unit="battalion", category="military_unit", actor="russia",
           attributed_to="officials", object="battalion")),
    case("btg-defence-official",
         "A US defence official said 130 battalion tactical groups could be used in an attack.",
         F(surface="130 battalion tactical groups", value=130, unit="battalion tactical group",
           category="military_unit", attributed_to="us defence")),
    case("battalions-belarus",
         "Belarus has deployed 5 battalions to the border.",
         F(surface="5 battalions", value=5, unit="battalion", category="military_unit",
           actor="belarus")),
    case("divisions-with-year",
         "Russia disbanded 3 motor rifle divisions in 2009.",
         F(surface="3 motor rifle divisions", value=3, unit="division",
           category="military_unit", actor="russia")),
    case("brigades-general-staff",
         "Ukraine's army has 2 airborne brigades in reserve, the general staff said.",
         F(surface="2 airborne brigades", value=2, unit="brigade", category="military_unit",
           actor="ukraine", attributed_to="general staff")),
]


# --------------------------------------------------------------------------------------
# Equipment: tanks, armoured vehicles, artillery systems, launchers, jets, helicopters,
# drones, missiles, shells. Losses of equipment stay `equipment` (casualty words are for
# people).
# --------------------------------------------------------------------------------------
EQUIPMENT = [
    case("tanks-poland",
         "Poland has sent 240 tanks to Ukraine.",
         F(surface="240 tanks", value=240, unit="tank", category="equipment", actor="poland")),
    case("tanks-model-name",
         "Britain will supply 14 Challenger tanks.",
         F(surface="14 Challenger tanks", value=14, unit="tank", category="equipment",
           actor="uk")),
    case("armoured-vehicles",
         "The US pledged 59 Bradley armoured vehicles.",
         F(surface="59 Bradley armoured vehicles", value=59,
           unit=("armoured vehicle", "vehicle"), category="equipment", actor="us")),
    case("armoured-vehicles-lost",
         "Russia has lost 500 armoured vehicles near Avdiivka, Kyiv says.",
         F(surface="500 armoured vehicles", value=500, unit=("armoured vehicle", "vehicle"),
           category="equipment", actor="russia", attributed_to="ukraine")),
    case("artillery-systems",
         "Satellite photos show 60 artillery systems near the border.",
         F(surface="60 artillery systems", value=60, unit=("artillery system", "system"),
           category="equipment")),
    case("rocket-launchers",
         "The package includes 18 rocket launchers.",
         F(surface="18 rocket launchers", value=18, unit=("rocket launcher", "launcher"),
           category="equipment")),
    case("jets-model-name",
         "The Netherlands pledged 24 F-16 jets.",
         F(surface="24 F-16 jets", value=24, unit="aircraft", category="equipment")),
    case("fighter-jets",
         "Russia has positioned 32 fighter jets in Belarus.",
         F(surface="32 fighter jets", value=32, unit="aircraft",
           category="equipment", actor="russia")),
    case("helicopters",
         "Ukraine downed 4 Russian helicopters on Saturday.",
         F(surface="4 Russian helicopters", value=4, unit="helicopter", category="equipment",
           actor="russia")),
    case("drones-launched",
         "Overnight, Russia launched 40 drones at Kyiv.",
         F(surface="40 drones", value=40, unit="drone", category="equipment", actor="russia")),
    case("missiles-fired",
         "Russia fired 81 missiles in a single night.",
         F(surface="81 missiles", value=81, unit="missile", category="equipment",
           actor="russia")),
    case("missiles-model",
         "The US will provide 1,000 Stinger missiles.",
         F(surface="1,000 Stinger missiles", value=1000, unit="missile", category="equipment",
           actor="us")),
    case("shells-per-day",
         "Ukrainian gunners fire about 6,000 shells a day.",
         F(surface="6,000 shells", value=6000, approx=True, unit="shell",
           category="equipment", actor="ukraine")),
    case("artillery-shells-million",
         "The EU aims to deliver 1 million artillery shells within a year.",
         F(surface="1 million artillery shells", value=1e6,
           unit=("artillery shell", "shell"), category="equipment", actor="eu")),
    case("spelled-forty-tanks",
         "Forty tanks were seen moving towards the border.",
         F(surface="Forty tanks", value=40, unit="tank", category="equipment")),
    case("two-dozen-drones",
         "Air defences shot down two dozen drones overnight.",
         F(surface="two dozen drones", value=24, unit="drone", category="equipment")),
    case("a-dozen-helicopters",
         "A dozen helicopters landed at the airfield near Hostomel.",
         F(surface="A dozen helicopters", value=12, unit="helicopter", category="equipment")),
    case("three-hundred-tanks",
         "Russia lost three hundred tanks in the first month.",
         F(surface="three hundred tanks", value=300, unit="tank", category="equipment",
           actor="russia")),
]


# --------------------------------------------------------------------------------------
# Casualties: killed, dead, wounded, injured, casualties, captured, prisoners. The unit is
# the counted noun; with no noun ("9,000 dead") the context counts people: "person".
# --------------------------------------------------------------------------------------
CASUALTIES = [
    case("dead-no-noun",
         "The war has left at least 9,000 dead, the UN says.",
         F(value=9000, low=9000, high=None, unit="person", category="casualties",
           attributed_to="un")),
    case("civilians-killed",
         "Shelling killed 12 civilians in Kharkiv on Sunday.",
         F(surface="12 civilians", value=12, unit="civilian", category="casualties",
           attributed_to=None)),
    case("civilians-were-killed",
         "More than 600 civilians were killed in the siege.",
         F(surface="600 civilians", value=600, low=600, high=None, unit="civilian",
           category="casualties")),
    case("soldiers-wounded",
         "About 90 soldiers were wounded in the assault.",
         F(surface="90 soldiers", value=90, approx=True, unit="troop", category="casualties")),
    case("people-injured",
         "A missile strike on the station injured 34 people.",
         F(surface="34 people", value=34, unit="person", category="casualties")),
    case("soldiers-captured",
         "Ukrainian forces captured 130 Russian soldiers near Izium.",
         F(surface="130 Russian soldiers", value=130, unit="troop", category="other_count",
           actor="russia")),
    case("prisoners-exchanged",
         "The two sides exchanged 200 prisoners on Friday.",
         F(surface="200 prisoners", value=200, unit="prisoner", category="other_count")),
    case("casualties-noun",
         "The regiment suffered 400 casualties in a week.",
         F(surface="400 casualties", value=400, unit=("casualty", "person"),
           category="casualties")),
    case("servicemen-killed-claim",
         "Ukraine says 300 Russian servicemen were killed overnight.",
         F(surface="300 Russian servicemen", value=300, unit="troop", category="casualties",
           actor="russia", attributed_to="ukrain")),
    case("people-killed-since-year",
         "The fighting has killed 14,000 people since 2014.",
         F(surface="14,000 people", value=14000, unit="person", category="casualties")),
    case("dead-after-strike",
         "Rescuers found 41 dead after the strike on the apartment block.",
         F(value=41, unit="person", category="casualties")),
    case("troops-captured-claim",
         "Some 1,500 Ukrainian troops have been captured, Moscow claims.",
         F(surface="1,500 Ukrainian troops", value=1500, approx=True, unit="troop",
           category="other_count", actor="ukraine", attributed_to="russia")),
    case("injured-civilians",
         "Hospitals treated 57 injured civilians.",
         F(value=57, unit="civilian", category="casualties")),
    case("casualties-reported",
         "Ukraine reported 7 casualties after the drone attack.",
         F(surface="7 casualties", value=7, unit=("casualty", "person"),
           category="casualties")),
]


# --------------------------------------------------------------------------------------
# Displaced: refugees, internally displaced, evacuated, fled. The unit stays the noun.
# --------------------------------------------------------------------------------------
DISPLACED = [
    case("people-fled",
         "More than 3 million people have fled Ukraine.",
         F(surface="3 million people", value=3e6, low=3e6, high=None, unit="person",
           category="displaced")),
    case("refugees-poland",
         "Poland has taken in 1.5 million refugees.",
         F(surface="1.5 million refugees", value=1.5e6, unit="refugee", category="displaced")),
    case("internally-displaced",
         "About 6.5 million people are internally displaced.",
         F(surface="6.5 million people", value=6.5e6, approx=True, unit="person",
           category="displaced")),
    case("refugees-crossed-into",
         "About 2,000 refugees crossed into Poland on Sunday.",
         F(surface="2,000 refugees", value=2000, approx=True, unit="refugee", category="displaced")),
    # Troops that cross a border or are evacuated are no displaced people: they stay troops.
    case("troops-crossed-into",
         "More than 4,200 troops had crossed into Ukraine by Monday.",
         F(surface="4,200 troops", value=4200, low=4200, high=None, unit="troop", category="personnel")),
    case("soldiers-evacuated",
         "The navy evacuated 300 soldiers from the island.",
         F(surface="300 soldiers", value=300, unit="troop", category="personnel")),  # soldiers are counted as troops
    case("residents-evacuated",
         "Officials evacuated 2,300 residents from the town.",
         F(surface="2,300 residents", value=2300, unit="resident", category="displaced")),
    case("children-evacuated",
         "Volunteers evacuated 400 children from Mariupol by bus.",
         F(surface="400 children", value=400, unit="child", category="displaced")),
    case("ukrainian-refugees",
         "Moldova has received 100,000 Ukrainian refugees.",
         F(surface="100,000 Ukrainian refugees", value=100000, unit="refugee",
           category="displaced")),
    case("m-suffix-count",
         "5m people have fled their homes.",
         F(surface="5m people", value=5e6, unit="person", category="displaced")),
    case("nearly-residents-fled",
         "Nearly 2,000 residents fled the village overnight.",
         F(surface="2,000 residents", value=2000, low=None, high=2000, approx=True,
           unit="resident", category="displaced")),
    case("spelled-people-evacuated",
         "Ten thousand people were evacuated from Sumy.",
         F(surface="Ten thousand people", value=10000, unit="person", category="displaced")),
    case("refugees-registered",
         "Germany has registered 1.1 million refugees from Ukraine.",
         F(surface="1.1 million refugees", value=1.1e6, unit="refugee", category="displaced")),
    case("up-to-internally-displaced",
         "Up to 300,000 internally displaced people live in the region.",
         F(value=300000, low=None, high=300000, approx=False, unit="person",
           category="displaced")),
]


# --------------------------------------------------------------------------------------
# Money: every currency form ($, US$, £, €, ₴, hryvnia, rouble/ruble, USD, EUR, dollars,
# euros, pounds) and scale (k, m, bn, tn, thousand, million, billion, trillion).
# --------------------------------------------------------------------------------------
MONEY = [
    case("dollar-bn",
         "Washington approved a $1bn loan guarantee for Kyiv.",
         F(surface="$1bn", value=1e9, low=None, high=None, unit="USD", category="money",
           actor="us", object="loan")),
    case("us-dollar-m",
         "The World Bank released US$45m for repairs.",
         F(surface="US$45m", value=45e6, unit="USD", category="money")),
    case("pound-million",
         "Britain will give £2.5 million to demining teams.",
         F(surface="£2.5 million", value=2.5e6, unit="GBP", category="money", actor="uk")),
    case("euro-m",
         "The EU approved €500m in military aid.",
         F(surface="€500m", value=5e8, unit="EUR", category="money", actor="eu",
           object="aid")),
    case("roubles-trillion",
         "Russia's budget sets aside 1.2 trillion roubles for defence.",
         F(surface="1.2 trillion roubles", value=1.2e12, unit="RUB", category="money",
           actor="russia")),
    case("swedish-crowns",
         "Sweden will send aid worth 4.3 billion Swedish crowns.",
         F(surface="4.3 billion Swedish crowns", value=4.3e9, unit="SEK", category="money", actor="sweden")),
    case("hryvnia-sign-bn",
         "Kyiv raised ₴10bn from war bonds.",
         F(surface="₴10bn", value=1e10, unit="UAH", category="money", actor="ukraine")),
    case("hryvnia-name",
         "The city spent 300 million hryvnia on shelters.",
         F(surface="300 million hryvnia", value=3e8, unit="UAH", category="money")),
    case("rubles-bn",
         "The central bank injected 500bn rubles into the banks.",
         F(surface="500bn rubles", value=5e11, unit="RUB", category="money")),
    case("usd-code-before",
         "The IMF approved a loan of USD 15.6bn.",
         F(surface="USD 15.6bn", value=15.6e9, unit="USD", category="money")),
    case("eur-code-before",
         "The fund holds EUR 2bn in frozen assets.",
         F(surface="EUR 2bn", value=2e9, unit="EUR", category="money")),
    case("dollars-word",
         "Japan pledged 500 million dollars in aid.",
         F(surface="500 million dollars", value=5e8, unit="USD", category="money",
           actor="japan")),
    case("euros-word",
         "France will lend 300 million euros.",
         F(surface="300 million euros", value=3e8, unit="EUR", category="money",
           actor="france")),
    case("pounds-word",
         "London will provide 100 million pounds for air defence.",
         F(surface="100 million pounds", value=1e8, unit="GBP", category="money", actor="uk")),
    case("dollar-tn",
         "The G7 economies spent $1.2tn on defence.",
         F(surface="$1.2tn", value=1.2e12, unit="USD", category="money")),
    case("dollar-billion-word",
         "Congress passed $40 billion in aid for Ukraine.",
         F(surface="$40 billion", value=4e10, unit="USD", category="money")),
    case("dollar-k",
         "Each family receives $2k in cash support.",
         F(surface="$2k", value=2000, unit="USD", category="money")),
    case("euro-bn-germany",
         "Germany pledged €3.5bn in new aid.",
         F(surface="€3.5bn", value=3.5e9, unit="EUR", category="money", actor="germany")),
    case("euros-thousand",
         "The fine was 40 thousand euros.",
         F(surface="40 thousand euros", value=40000, unit="EUR", category="money")),
    case("dollar-plain-about",
         "A Javelin missile costs about $178,000.",
         F(surface="$178,000", value=178000, approx=True, qualifier="about", unit="USD",
           category="money")),
    case("us-dollar-billion",
         "Canada sent US$2.5 billion in budget support.",
         F(surface="US$2.5 billion", value=2.5e9, unit="USD", category="money",
           actor="canada")),
    case("pound-k",
         "The charity raised £40k for field hospitals.",
         F(surface="£40k", value=40000, unit="GBP", category="money")),
    case("dollar-m-plain",
         "The city received $5m for shelters.",
         F(surface="$5m", value=5e6, unit="USD", category="money")),
]


# --------------------------------------------------------------------------------------
# Percent: "30 percent", "30%", "30 per cent".
# --------------------------------------------------------------------------------------
PERCENT = [
    case("percent-word",
         "Russia has committed 30 percent of its ground forces.",
         F(surface="30 percent", value=30, unit="percent", category="percent")),
    case("percent-sign",
         "Inflation in Ukraine hit 26%.",
         F(surface="26%", value=26, unit="percent", category="percent")),
    case("per-cent-two-words",
         "Support for the war stands at 58 per cent.",
         F(surface="58 per cent", value=58, unit="percent", category="percent")),
    case("percent-decimal",
         "Output fell by 12.5 percent last quarter.",
         F(surface="12.5 percent", value=12.5, unit="percent", category="percent",
           change="decrease")),
    case("percent-about",
         "Strikes have damaged about 40 percent of the grid.",
         F(surface="40 percent", value=40, approx=True, low=None, high=None,
           unit="percent", category="percent")),
    case("percent-almost",
         "Almost 70 percent of the city has no power.",
         F(surface="70 percent", value=70, approx=True, low=None, high=70,
           qualifier="almost", unit="percent", category="percent")),
    case("percent-between",
         "The army expects losses of between 10 and 15 percent.",
         F(value=12.5, low=10, high=15, unit="percent", category="percent")),
    case("percent-rose",
         "Prices rose by 12 per cent.",
         F(surface="12 per cent", value=12, unit="percent", category="percent",
           change="increase")),
    case("percent-fell-sign",
         "The rouble fell 8% against the dollar.",
         F(surface="8%", value=8, unit="percent", category="percent", change="decrease")),
]


# --------------------------------------------------------------------------------------
# Duration: singular unit ("minute", "hour", "day", "week", "month", "year").
# --------------------------------------------------------------------------------------
DURATION = [
    case("hyphen-minute",
         "The two presidents held a 50-minute call.",
         F(surface="50-minute", value=50, unit="minute", category="duration", actor=None,
           attributed_to=None)),
    case("weeks-spelled",
         "The drills will last three weeks.",
         F(surface="three weeks", value=3, unit="week", category="duration")),
    case("hours",
         "Kyiv gave residents 48 hours to leave.",
         F(surface="48 hours", value=48, unit="hour", category="duration")),
    case("months-spelled",
         "The ceasefire held for six months.",
         F(surface="six months", value=6, unit="month", category="duration")),
    case("hyphen-day",
         "Russia announced a 90-day pause in strikes on the grid.",
         F(surface="90-day", value=90, unit="day", category="duration")),
    case("years-duration",
         "The siege lasted two years.",
         F(surface="two years", value=2, unit="year", category="duration")),
    case("hyphen-hour-spelled",
         "The talks ended after a five-hour session.",
         F(surface="five-hour", value=5, unit="hour", category="duration")),
    case("days",
         "The convoy was stuck for 10 days.",
         F(surface="10 days", value=10, unit="day", category="duration")),
    case("minutes-about",
         "Air raid sirens sounded for about 30 minutes.",
         F(surface="30 minutes", value=30, approx=True, unit="minute", category="duration")),
    case("hyphen-hour-truce",
         "A 72-hour truce began at midnight.",
         F(surface="72-hour", value=72, unit="hour", category="duration")),
    case("hours-spelled-compound",
         "The truce lasted seventy-two hours.",
         F(surface="seventy-two hours", value=72, unit="hour", category="duration")),
]


# --------------------------------------------------------------------------------------
# Distance: "km" (km, kilometres), "mile".
# --------------------------------------------------------------------------------------
DISTANCE = [
    case("km-attached",
         "Troops are camped 50km from the border.",
         F(surface="50km", value=50, unit="km", category="distance")),
    case("miles",
         "The convoy stretched for 20 miles.",
         F(surface="20 miles", value=20, unit="mile", category="distance")),
    case("kilometres-word",
         "The drone flew 300 kilometres into Russia.",
         F(surface="300 kilometres", value=300, unit="km", category="distance")),
    case("hyphen-mile",
         "Kyiv wants a 30-mile exclusion zone around the plant.",
         F(surface="30-mile", value=30, unit="mile", category="distance")),
    case("km-spaced-about",
         "The shelling is about 15 km from the city centre.",
         F(surface="15 km", value=15, approx=True, unit="km", category="distance")),
    case("kilometres-front",
         "The front line runs for 1,000 kilometres.",
         F(surface="1,000 kilometres", value=1000, unit="km", category="distance")),
    case("metres",
         "The shell landed 300 metres from the reactor.",
         F(surface="300 metres", value=300, unit=("m", "metre", "meter"), category="distance")),
    case("km-up-to",
         "The missiles have a range of up to 70km.",
         F(surface="70km", value=70, low=None, high=70, unit="km", category="distance")),
    case("kilometers-us-spelling",
         "Russian units pulled back 25 kilometers.",
         F(surface="25 kilometers", value=25, unit="km", category="distance")),
]


# --------------------------------------------------------------------------------------
# Other counts (nouns outside the military and people lexicons) and other measures.
# --------------------------------------------------------------------------------------
OTHER = [
    case("villages",
         "Russian troops occupied 12 villages in the region.",
         F(surface="12 villages", value=12, unit="village", category="other_count")),
    case("hospitals",
         "Shelling damaged 15 hospitals.",
         F(surface="15 hospitals", value=15, unit="hospital", category="other_count")),
    case("countries-more-than",
         "More than 30 countries joined the coalition.",
         F(surface="30 countries", value=30, low=30, unit="country", category="other_count")),
    case("bridges",
         "Engineers repaired 6 bridges.",
         F(surface="6 bridges", value=6, unit="bridge", category="other_count")),
    case("homes",
         "The strikes destroyed 2,000 homes.",
         F(surface="2,000 homes", value=2000, unit="home", category="other_count")),
    case("journalists",
         "At least 300 journalists have been accredited.",
         F(surface="300 journalists", value=300, low=300, unit="journalist",
           category="other_count")),
    case("civilians-no-casualty-word",
         "About 5,000 civilians remain in the city.",
         F(surface="5,000 civilians", value=5000, approx=True, unit="civilian",
           category="other_count")),
    case("schools-spelled",
         "Forty schools were closed.",
         F(surface="Forty schools", value=40, unit="school", category="other_count")),
    case("airfields",
         "Russia has built 3 airfields in Crimea.",
         F(surface="3 airfields", value=3, unit="airfield", category="other_count")),
    case("tonnes-of",
         "The ship carried 40 tonnes of ammunition.",
         F(surface="40 tonnes", value=40, unit="tonne", category="other_measure")),
    case("mph",
         "The drone flies at 60 mph.",
         F(surface="60 mph", value=60, unit=("mph", "mile per hour"),
           category="other_measure")),
    case("litres",
         "Trucks delivered 2,000 litres of fuel.",
         F(surface="2,000 litres", value=2000, unit=("litre", "liter"),
           category="other_measure")),
    case("megawatts",
         "The plant produces 950 megawatts.",
         F(surface="950 megawatts", value=950, unit="megawatt", category="other_measure")),
    case("tonnes-grain",
         "Ukraine shipped 30,000 tonnes of grain.",
         F(surface="30,000 tonnes", value=30000, unit="tonne", category="other_measure")),
    case("hyphen-tonne",
         "The jet dropped a 10-tonne bomb.",
         F(surface="10-tonne", value=10, unit="tonne", category="other_measure")),
]


# --------------------------------------------------------------------------------------
# Qualifiers and bounds, one row per qualifier form in the spec.
# --------------------------------------------------------------------------------------
QUALIFIERS = [
    case("none",
         "Russia sent 500 troops.",
         F(surface="500 troops", value=500, low=None, high=None, approx=False,
           qualifier=None, unit="troop")),
    case("about",
         "Russia keeps about 800 troops at the base.",
         F(surface="800 troops", value=800, low=None, high=None, approx=True,
           qualifier="about")),
    case("around",
         "Around 1,200 refugees crossed the border on Tuesday.",
         F(surface="1,200 refugees", value=1200, low=None, high=None, approx=True,
           qualifier="around", category="displaced")),
    case("roughly",
         "The convoy included roughly 300 armoured vehicles.",
         F(surface="300 armoured vehicles", value=300, low=None, high=None, approx=True,
           qualifier="roughly", category="equipment")),
    case("approximately",
         "Approximately 2,500 conscripts were sent to the front.",
         F(surface="2,500 conscripts", value=2500, low=None, high=None, approx=True,
           qualifier="approximately", unit="conscript")),
    case("an-estimated",
         "An estimated 7,000 soldiers have been killed.",
         F(surface="7,000 soldiers", value=7000, low=None, high=None, approx=True,
           qualifier=("an estimated", "estimated"), unit="troop", category="casualties")),
    case("some",
         "Some 40 helicopters were seen at the airfield.",
         F(surface="40 helicopters", value=40, low=None, high=None, approx=True,
           qualifier="some", unit="helicopter")),
    case("up-to",
         "Ukraine could receive up to 1,000 drones a month.",
         F(surface="1,000 drones", value=1000, low=None, high=1000, approx=False,
           qualifier="up to", unit="drone")),
    case("up-to-money",
         "Washington has approved up to $800m in security assistance.",
         F(surface="$800m", value=8e8, low=None, high=8e8, approx=False, qualifier="up to",
           unit="USD", actor="us", object="assistance")),
    case("as-many-as",
         "As many as 60 BTGs may be involved.",
         F(surface="60 BTGs", value=60, low=None, high=60, approx=False,
           qualifier="as many as", unit="battalion tactical group")),
    case("at-most",
         "The brigade has at most 20 tanks left.",
         F(surface="20 tanks", value=20, low=None, high=20, approx=False,
           qualifier="at most", unit="tank")),
    case("fewer-than",
         "Fewer than 300 soldiers remain in the town.",
         F(surface="300 soldiers", value=300, low=None, high=300, approx=False,
           qualifier="fewer than", unit="troop")),
    case("under",
         "The aid package is worth under $100m.",
         F(surface="$100m", value=1e8, low=None, high=1e8, approx=False, qualifier="under",
           unit="USD")),
    case("more-than",
         "More than 500 missiles have hit the capital.",
         F(surface="500 missiles", value=500, low=500, high=None, approx=False,
           qualifier="more than", unit="missile")),
    case("over",
         "Over 10,000 reservists reported for duty.",
         F(surface="10,000 reservists", value=10000, low=10000, high=None, approx=False,
           qualifier="over", unit="reservist")),
    case("at-least",
         "At least 50 civilians were injured.",
         F(surface="50 civilians", value=50, low=50, high=None, approx=False,
           qualifier="at least", unit="civilian", category="casualties")),
    case("in-excess-of",
         "Losses are in excess of $2bn.",
         F(surface="$2bn", value=2e9, low=2e9, high=None, approx=False,
           qualifier="in excess of", unit="USD")),
    case("nearly",
         "Nearly 200 drones were launched overnight.",
         F(surface="200 drones", value=200, low=None, high=200, approx=True,
           qualifier="nearly", unit="drone")),
    case("almost",
         "Almost 900 conscripts deserted.",
         F(surface="900 conscripts", value=900, low=None, high=900, approx=True,
           qualifier="almost", unit="conscript")),
    case("between-and",
         "Between 3,000 and 5,000 troops are expected to arrive.",
         F(value=4000, low=3000, high=5000, qualifier="between", unit="troop",
           category="personnel")),
    case("range-en-dash",
         "The battalion lost 10–15 tanks.",
         F(value=12.5, low=10, high=15, unit="tank", category="equipment")),
    case("range-hyphen",
         "Kyiv expects 20-30 drones a night.",
         F(value=25, low=20, high=30, unit="drone", category="equipment")),
    case("range-to",
         "Officials expect 40 to 60 helicopters to take part.",
         F(value=50, low=40, high=60, unit="helicopter", category="equipment")),
    case("range-scale-shared",
         "Aid agencies are planning for 2–3 million refugees.",
         F(value=2.5e6, low=2e6, high=3e6, unit="refugee", category="displaced")),
    case("range-between-money",
         "Repairs will cost between $2bn and $3bn.",
         F(value=2.5e9, low=2e9, high=3e9, unit="USD", category="money")),
    case("more-than-a-dozen",
         "More than a dozen missiles struck Lviv.",
         F(value=12, low=12, high=None, unit="missile", category="equipment")),
    case("at-least-spelled",
         "Ukraine needs at least forty tanks.",
         F(surface="forty tanks", value=40, low=40, high=None, unit="tank")),
    case("under-not-adjacent",
         "Under Article 5, Nato placed 40,000 troops on alert.",
         F(surface="40,000 troops", value=40000, low=None, high=None, qualifier=None,
           unit="troop", actor="nato")),
]


# --------------------------------------------------------------------------------------
# Scale words and suffixes on counts, and spelled-out numbers.
# --------------------------------------------------------------------------------------
SCALES_AND_WORDS = [
    case("million-decimal-count",
         "Russia has 1.15 million active servicemen.",
         F(surface="1.15 million active servicemen", value=1.15e6, unit="troop",
           category="personnel")),
    case("spelled-million",
         "Two million people have fled to Poland.",
         F(surface="Two million people", value=2e6, unit="person", category="displaced")),
    case("spelled-hundred-and",
         "The army has one hundred and fifty tanks in reserve.",
         F(surface="one hundred and fifty tanks", value=150, unit="tank",
           category="equipment")),
    case("spelled-twenty-thousand",
         "Twenty thousand reservists were mobilised.",
         F(surface="Twenty thousand reservists", value=20000, unit="reservist",
           category="personnel")),
    case("spelled-eleven",
         "Eleven drones were shot down.",
         F(surface="Eleven drones", value=11, unit="drone", category="equipment")),
    case("a-hundred",
         "Russia lost a hundred tanks in a week.",
         F(value=100, unit="tank", category="equipment")),
    case("spelled-ninety-six",
         "Ninety-six missiles hit the grid.",
         F(surface="Ninety-six missiles", value=96, unit="missile", category="equipment")),
    case("k-decimal",
         "Some 1.5k volunteers joined the territorial defence.",
         F(value=1500, approx=True)),
    case("bn-count",
         "The grain deal fed 1bn people.",
         F(surface="1bn people", value=1e9, unit="person")),
    case("thousand-decimal",
         "The unit has 2.5 thousand soldiers.",
         F(surface="2.5 thousand soldiers", value=2500, unit="troop", category="personnel")),
    case("billion-word-count",
         "Russia has fired 1.2 billion rounds.",
         F(value=1.2e9)),
    case("twelve-spelled-units",
         "Twelve brigades are being trained abroad.",
         F(surface="Twelve brigades", value=12, unit="brigade", category="military_unit")),
]


# --------------------------------------------------------------------------------------
# Vague amounts: the lexicon rule (plural of a power of ten = 2 to 9 of it; "dozens" 24-108,
# "several dozen" 36-108); value is the midpoint, approx is true.
# --------------------------------------------------------------------------------------
VAGUE = [
    case("hundreds",
         "Hundreds of soldiers have deserted.",
         F(value=550, low=200, high=900, approx=True, unit="troop", category="personnel")),
    case("thousands",
         "Thousands of refugees crossed into Moldova.",
         F(value=5500, low=2000, high=9000, approx=True, unit="refugee",
           category="displaced")),
    case("tens-of-thousands",
         "Tens of thousands of reservists were called up.",
         F(value=55000, low=20000, high=90000, approx=True, unit="reservist",
           category="personnel")),
    case("hundreds-of-thousands",
         "Hundreds of thousands of people have fled the east.",
         F(value=550000, low=200000, high=900000, approx=True, unit="person",
           category="displaced")),
    case("millions",
         "Millions of refugees may need shelter this winter.",
         F(value=5.5e6, low=2e6, high=9e6, approx=True, unit="refugee",
           category="displaced")),
    case("dozens",
         "Dozens of drones hit the city overnight.",
         F(value=66, low=24, high=108, approx=True, unit="drone", category="equipment")),
    case("several-dozen",
         "Several dozen tanks were abandoned.",
         F(value=72, low=36, high=108, approx=True, unit="tank", category="equipment")),
    case("hundreds-of-millions-money",
         "The war has cost hundreds of millions of dollars.",
         F(value=5.5e8, low=2e8, high=9e8, approx=True, unit="USD", category="money")),
    case("billions-money",
         "Europe has spent billions of euros on gas.",
         F(value=5.5e9, low=2e9, high=9e9, approx=True, unit="EUR", category="money")),
    case("thousands-killed",
         "Thousands of civilians have been killed.",
         F(value=5500, low=2000, high=9000, approx=True, unit="civilian",
           category="casualties")),
]


# --------------------------------------------------------------------------------------
# Attribution forms and actors.
# --------------------------------------------------------------------------------------
ATTRIBUTION = [
    case("x-said-end",
         "Russia has added 7,000 troops near the border, the Pentagon said.",
         F(value=7000, actor="russia", attributed_to="pentagon")),
    case("according-to",
         "According to the United Nations, 2.8 million people have fled.",
         F(value=2.8e6, category="displaced", attributed_to="un")),
    case("x-estimates-that",
         "British intelligence estimates that Russia has lost 2,000 tanks.",
         F(value=2000, unit="tank", actor="russia", attributed_to="uk ministry of defence")),
    case("x-told-reporters",
         "A senior US defence official told reporters that Russia had fired more than "
         "150 missiles.",
         F(value=150, low=150, unit="missile", actor="russia", attributed_to="us defence")),
    case("x-says",
         "Kyiv says 4,000 Russian soldiers have been captured.",
         F(value=4000, unit="troop", category="other_count", actor="russia",
           attributed_to="ukraine")),
    case("said-x-after-quote",
         "\u201cWe have trained 30,000 Ukrainian soldiers,\u201d said Ben Wallace, the defence "
         "secretary.",
         F(value=30000, unit="troop", actor="ukraine", attributed_to="wallace")),
    case("x-claimed",
         "Moscow claimed that its air defences had destroyed 25 Ukrainian drones.",
         F(value=25, unit="drone", actor="ukraine", attributed_to="russia")),
    case("x-claims-casualties",
         "Russia claims 500 Ukrainian soldiers were killed in the attack.",
         F(value=500, category="casualties", actor="ukraine", attributed_to="russia")),
    case("quote-then-name-said",
         "\u201cWe have lost 31,000 soldiers,\u201d Zelenskiy said.",
         F(value=31000, unit="troop", attributed_to="volodymyr zelensky")),
    case("previous-sentence-quote",
         "Pentagon spokesman John Kirby told reporters: \u201cWe have seen no pullback. In fact "
         "Russia has added 7,000 troops.\u201d",
         F(value=7000, unit="troop", actor="russia", attributed_to=("kirby", "pentagon"))),
    case("previous-sentence-it-said",
         "Ukraine's general staff gave its latest figures on Sunday. Russia has lost 40 "
         "helicopters, it said.",
         F(value=40, unit="helicopter", actor="russia",
           attributed_to=("general staff", "ukrain"))),
    case("previous-sentence-he-added",
         "Defence minister Oleksii Reznikov said the front was stable. Another 5,000 "
         "reservists would be called up next week, he added.",
         F(value=5000, unit="reservist", attributed_to=("reznikov", "defence minister"))),
    case("outlet-itself",
         "Russia has moved 20,000 troops to Crimea.",
         F(value=20000, actor="russia", attributed_to=None)),
    case("actor-possessive",
         "Russia's army has 3,000 tanks in storage.",
         F(value=3000, unit="tank", actor="russia", attributed_to=None)),
    case("actor-washington",
         "Washington will send 31 Abrams tanks.",
         F(surface="31 Abrams tanks", value=31, unit="tank", actor="us")),
    case("actor-uk",
         "The UK has sent 2,000 anti-tank missiles.",
         F(value=2000, unit=("anti-tank missile", "missile"), category="equipment",
           actor="uk")),
    case("actor-nato-possessive",
         "Nato's members have 3.5 million personnel.",
         F(value=3.5e6, unit="troop", actor="nato")),
    case("actor-from-noun-phrase",
         "The EU has trained 40,000 Ukrainian soldiers.",
         F(value=40000, unit="troop", actor="ukraine")),
    case("actor-german-adjective",
         "Kyiv has received 18 German tanks.",
         F(surface="18 German tanks", value=18, unit="tank", actor="germany")),
]


# --------------------------------------------------------------------------------------
# Change words: "a further", increase, decrease.
# --------------------------------------------------------------------------------------
CHANGE = [
    case("no-change",
         "Russia keeps 1,500 troops in Transnistria.",
         F(value=1500, change=None)),
    case("a-further",
         "A further 5,000 troops are on their way.",
         F(surface="5,000 troops", value=5000, change="further", unit="troop")),
    case("rose-by-money",
         "Spending rose by $2bn this year.",
         F(surface="$2bn", value=2e9, change="increase", unit="USD")),
    case("cut-by-troops",
         "Russia cut its garrison by 3,000 troops.",
         F(surface="3,000 troops", value=3000, change="decrease", unit="troop")),
    case("increased-by-percent",
         "Ukraine's defence budget increased by 40 percent.",
         F(surface="40 percent", value=40, change="increase", unit="percent")),
    case("fell-by-count",
         "The number of refugees fell by 20,000.",
         F(value=20000, change="decrease")),
]


# --------------------------------------------------------------------------------------
# Derived figures: "N units each of about M troops" adds a derived row N*M; the figures it
# comes from stay.
# --------------------------------------------------------------------------------------
DERIVED = [
    case("btg-each-of-roughly",
         "Officials believe 20 more battalion tactical groups have arrived, each of roughly "
         "700 soldiers.",
         F(value=20, unit="battalion tactical group", category="military_unit",
           derived=False),
         F(surface="700 soldiers", value=700, approx=True, unit="troop",
           category="personnel", derived=False),
         F(value=14000, derived=True, formula="20*700", unit="troop", category="personnel")),
    case("brigades-each-with",
         "Ukraine is forming 10 new brigades, each with about 4,000 soldiers.",
         F(value=10, unit="brigade", derived=False),
         F(value=4000, unit="troop", derived=False),
         F(value=40000, derived=True, formula="10*4000", unit="troop")),
    case("companies-of-each",
         "The US will send 3 companies of 150 troops each.",
         F(value=3, unit="company", derived=False),
         F(value=150, unit="troop", derived=False),
         F(value=450, derived=True, formula="3*150", unit="troop", actor="us")),
    case("spelled-battalions-each-numbering",
         "Six Russian battalions, each numbering about 600 troops, crossed into Belarus.",
         F(value=6, unit="battalion", actor="russia", derived=False),
         F(value=600, approx=True, unit="troop", derived=False),
         F(value=3600, derived=True, formula="6*600", unit="troop", actor="russia")),
    case("no-each-no-derived",
         "Russia has 100 battalions and 8,000 troops in Crimea.",
         F(value=100, unit="battalion", derived=False),
         F(value=8000, unit="troop", derived=False)),
]


# --------------------------------------------------------------------------------------
# Not figures: years, dates, clock times, ordinals, names and models with digits, phone
# numbers, indefinite articles, numbers that only refer to things already named.
# --------------------------------------------------------------------------------------
NON_FIGURES = [
    case("year", "Russia annexed Crimea in 2014."),
    case("year-since", "The border has been disputed since 1991."),
    case("year-adjective", "The 2022 invasion changed European security."),
    case("decade", "In the 1990s the army shrank."),
    case("years-short", "The army shrank in 2014-15 and again in 2019–20."),
    case("date-day-month", "The offensive began on 24 February."),
    case("date-month-day", "Talks resume on March 3 in Istanbul."),
    case("date-full", "The treaty was signed on 3 March 2022."),
    case("date-iso", "The decree is dated 2022-02-24."),
    case("date-ordinal", "Parades are banned on May 9th."),
    case("time-am", "Sirens sounded at 10am across the capital."),
    case("time-24h", "The briefing starts at 14:00 Kyiv time."),
    case("time-dot-pm", "The convoy left at 6.30pm."),
    case("ordinal-3rd", "The 3rd brigade held the line near Bakhmut."),
    case("ordinal-25th", "Soldiers of the 25th Airborne Brigade were decorated."),
    case("ordinal-word", "It was the second round of talks this month."),
    case("ordinal-58th", "The 58th Army is based in the Caucasus."),
    case("g7", "G7 ministers met in Germany."),
    case("g20", "The G20 summit avoided the issue."),
    case("f-16", "Ukraine wants F-16 fighter jets."),
    case("t-72-both", "The T-72 remains the workhorse of both armies."),
    case("covid-19", "Covid-19 restrictions were lifted."),
    case("s-400", "Turkey bought the S-400 system from Russia."),
    case("article-5", "Article 5 commits allies to mutual defence."),
    case("mh17-indefinite", "Investigators blamed a Buk missile for downing MH17."),
    case("su-25", "The Su-25 jet crashed during training."),
    case("nord-stream-2", "The Nord Stream 2 pipeline was never used."),
    case("address", "He spoke outside 10 Downing Street."),
    case("phone-international", "Call the hotline on +380 44 123 4567 for help."),
    case("phone-freephone", "For information ring 0800 555 0199."),
    case("an-easing", "Markets hoped for an easing of tensions."),
    case("a-day", "Kyiv declared a day of mourning."),
    case("a-battalion", "A battalion of marines landed overnight."),
    case("the-two-leaders", "The two leaders spoke by phone."),
    case("both-sides", "Both sides accused each other of shelling."),
    case("the-two-countries",
         "Russia and Belarus began drills, and the two countries insist they are defensive."),
    case("one-of-the", "It is one of the largest deployments since the cold war."),
]

#: A non-figure next to a real figure: only the real one comes out.
MIXED = [
    case("year-and-troops",
         "In 2014, Russia moved 20,000 troops into Crimea.",
         F(surface="20,000 troops", value=20000, unit="troop", actor="russia")),
    case("date-and-tanks",
         "On 3 March 2022, 40 tanks were seen north of Kyiv.",
         F(surface="40 tanks", value=40, unit="tank")),
    case("time-and-drones",
         "At 6.30pm, 12 drones were shot down over Odesa.",
         F(surface="12 drones", value=12, unit="drone")),
    case("ordinal-and-tanks",
         "The 3rd brigade lost 5 tanks on Tuesday.",
         F(surface="5 tanks", value=5, unit="tank")),
    case("g7-and-money",
         "G7 leaders pledged $20bn for reconstruction.",
         F(surface="$20bn", value=2e10, unit="USD")),
    case("model-leopard-2",
         "Germany will send 14 Leopard 2 tanks.",
         F(surface="14 Leopard 2 tanks", value=14, unit="tank", category="equipment",
           actor="germany")),
    case("model-t-72",
         "Poland has sent 200 T-72 tanks to Ukraine.",
         F(surface="200 T-72 tanks", value=200, unit="tank", category="equipment",
           actor="poland")),
    case("two-leaders-and-money",
         "The two leaders discussed a $500m aid package.",
         F(surface="$500m", value=5e8, unit="USD", category="money")),
    case("s-400-and-airfields",
         "The S-400 batteries protect 3 airfields.",
         F(surface="3 airfields", value=3, unit="airfield", category="other_count")),
    case("model-and-time-and-distance",
         "The T-72 tanks moved 50km before 14:00.",
         F(surface="50km", value=50, unit="km", category="distance")),
    case("both-sides-and-prisoners",
         "Both sides exchanged 90 prisoners.",
         F(surface="90 prisoners", value=90, unit="prisoner", category="other_count")),
    case("covid-and-percent",
         "Since Covid-19, 30 percent of factories have closed.",
         F(surface="30 percent", value=30, unit="percent", category="percent")),
    case("a-day-and-shells",
         "Russia fires 20,000 shells a day.",
         F(surface="20,000 shells", value=20000, unit="shell", actor="russia")),
    case("four-digit-count-not-year",
         "Kyiv says 1200 Russian troops surrendered.",
         F(value=1200, unit="troop", actor="russia", attributed_to="ukraine")),
]

#: Rows that caught a real extractor bug (id names the bug); keep them after the fix.
BUGS_CAUGHT: list = [
    # Once: no unit across a comma; now a bare number takes the count before it in its clause
    # (tracker.extract.counted), and the hours between are no count.
    case("losses-to-date-count-what-the-losses-count",
         "Kyiv says Russia lost 1,200 soldiers in the past 24 hours, bringing its losses to 350,000.",
         F(value=1200, unit="troop"), F(value=24, unit="hour", category="duration"),
         F(value=350000, unit="troop", category="casualties")),
    case("personnel-noun-needing-context-still-casualties",
         "Some 2,500 Wagner fighters were killed near the town.",
         F(value=2500, approx=True, unit="fighter", category="casualties")),
    case("over-with-a-duration-is-during",
         "The bloc has pledged €50bn over four years.",
         F(value=5e10, unit="EUR", low=None), F(value=4, unit="year", low=None, qualifier=None)),
    case("name-before-multiword-equipment",
         "Berlin will send 20 Marder infantry fighting vehicles.",
         F(surface="20 Marder infantry fighting vehicles", unit="infantry fighting vehicle",
           category="equipment")),
    case("money-announced-by-the-payer",
         "Germany announced a new €2.7bn military aid package on Saturday.",
         F(value=2.7e9, unit="EUR", actor="germany")),
    case("metres-not-millions",
         "The 37m (121ft)-long skeleton went on show.",
         F(value=37, unit="metre", category="distance"), F(value=121, unit="foot")),
    case("appositive-age",
         "Maddon, 66, has lost weight.",
         F(value=66, unit="year of age")),
    case("year-after-month-and-day",
         "Updated Mar 9 2018 by the desk.",
         ),
    case("year-like-number-in-a-range",
         "Adults need about 2000 - 2500 calories.",
         F(value=2250, low=2000, high=2500, unit="calorie")),
    case("from-a-up-to-b",
         "Flats range from 450 sq ft up to 900 sq ft.",
         F(value=675, low=450, high=900, unit="square foot")),
    case("ordinal-is-no-counted-noun",  # a share of a whole, not "one" fourth: 25 percent
         "One fourth of the population is vaccinated.",
         F(value=25, unit="percent")),
    case("said-after-the-figure-with-adverbials",
         "Russia has more than 150,000 troops near the border, President Joe Biden said at the "
         "White House on Tuesday.",
         F(value=150000, unit="troop", actor="russia", attributed_to="biden")),
    case("appositive-name-before-told",
         "Russia has 169,000 personnel near Ukraine, the US envoy to the OSCE, Michael Carpenter, "
         "told a meeting on Friday.",
         F(value=169000, unit="troop", actor="russia", attributed_to="carpenter")),
    case("concluded-is-a-reporting-verb",
         "US intelligence has concluded that Russia plans an offensive with 175,000 troops.",
         F(value=175000, unit="troop", actor="russia", attributed_to="us intelligence")),
    case("donor-not-recipient",
         "Canada will lend Ukraine up to C$120 million.",
         F(value=1.2e8, high=1.2e8, unit="CAD", actor="canada")),
    case("main-clause-subject-not-subordinate",
         "After Russia annexed Crimea, Washington backed loans with guarantees of $1 billion.",
         F(value=1e9, unit="USD", actor="us")),
    case("unit-from-the-number-of",
         "The number of Russian troops near the border has risen to more than 148,000.",
         F(surface="148,000", value=148000, low=148000, unit="troop", actor="russia")),
    case("unit-from-of-them-are",
         "More than 126,000 of them are ground troops.",
         F(surface="126,000", value=126000, unit="troop")),
    case("unit-after-join-the",
         "Washington sent 4,700 soldiers to join the 4,500 already stationed there.",
         F(value=4700, unit="troop"), F(surface="4,500", value=4500, unit="troop")),
    case("derived-keeps-the-upper-bound",
         "Officials count 83 battalion tactical groups of up to 1,000 troops each.",
         F(value=83, unit="battalion tactical group"), F(value=1000, high=1000, unit="troop"),
         F(value=83000, high=83000, unit="troop", derived=True, formula="83*1000")),
    case("aside-between-commas-is-no-source",
         "On Friday US Defense Secretary Lloyd Austin, visiting Warsaw, warned that Russia had "
         "massed 150,000 troops.",
         F(value=150000, unit="troop", actor="russia", attributed_to="austin")),
    case("said-then-a-clause-is-no-inverted-source",
         "The US ambassador to the OSCE, Michael Carpenter, said Russia had massed between 169,000 "
         "and 190,000 personnel near Ukraine.",
         F(value=179500, low=169000, high=190000, unit="troop", actor="russia", attributed_to="carpenter")),
    case("participle-inside-a-named-equipment-phrase",
         "The Pentagon will send 59 Bradley fighting vehicles.",
         F(surface="59 Bradley fighting vehicles", value=59, category="equipment")),
    case("lost-soldiers-are-casualties",
         "Ukraine lost more than 400 soldiers in the past day, Moscow claimed.",
         F(value=400, low=400, unit="troop", category="casualties", actor="ukraine", attributed_to="russia")),
    case("year-joined-to-a-range",
         "Sales rose in 2018 to 3.9 million headsets.",
         F(value=3.9e6, unit="headset", low=None, high=None)),
]

#: Rows at the edges of the extractor's bounded look-ups (what each rule looks for first before
#: it runs its regex): a long sentence before a money link, a qualifier before the amount,
#: an age, a decimal and a sign written with no digit before them.
BOUNDED_LOOKUPS: list = [
    case("money-object-after-a-long-clause",
         "With the commission proposing on Thursday that the member states of the bloc agree "
         "to a new loan of $5bn.",
         F(value=5e9, unit="USD", object="loan")),
    case("money-object-behind-a-qualifier",
         "The bank approved a credit line worth about $2bn.",
         F(value=2e9, unit="USD", qualifier="about", object="credit line")),
    case("age-after-aged", "Men aged 60 were exempt.", F(value=60, unit="year of age")),
    case("appositive-age-then-a-figure",
         "Mr Smith, 66, said the army had 5,000 troops.",
         F(value=66, unit="year of age"), F(value=5000, unit="troop")),
    case("decimal-with-no-leading-digit", "Inflation stood at .5 percent.", F(value=0.5, unit="percent")),
    case("sign-before-a-number", "The index stood at -5 percent.", F(value=-5, unit="percent")),
    case("change-verb-before-by-in-capitals", "UKRAINE BOOSTED ITS FORCES BY 3,000 TROOPS.",
         F(value=3000, unit="troop", change="increase")),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDED_LOOKUPS)
def test_bounded_lookups(text, expected):
    check(text, expected)


#: Rows the extractor gets wrong today, each marked
#: ``marks=pytest.mark.xfail(strict=True, reason="...")``.
KNOWN_MISSES: list = []


@pytest.mark.parametrize(("text", "expected"), PERSONNEL)
def test_personnel(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), MILITARY_UNITS)
def test_military_units(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), EQUIPMENT)
def test_equipment(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), CASUALTIES)
def test_casualties(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), DISPLACED)
def test_displaced(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_money(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), PERCENT)
def test_percent(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), DURATION)
def test_duration(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), DISTANCE)
def test_distance(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), OTHER)
def test_other_counts_and_measures(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), QUALIFIERS)
def test_qualifiers_and_bounds(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), SCALES_AND_WORDS)
def test_scales_and_number_words(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), VAGUE)
def test_vague_amounts(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION)
def test_attribution_and_actor(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), CHANGE)
def test_change(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), DERIVED)
def test_derived(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), NON_FIGURES)
def test_non_figures(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), MIXED)
def test_non_figures_beside_figures(text, expected):
    check(text, expected)


if BUGS_CAUGHT or KNOWN_MISSES:  # an empty parametrisation would only be a skip

    @pytest.mark.parametrize(("text", "expected"), BUGS_CAUGHT + KNOWN_MISSES)
    def test_bugs_caught_and_known_misses(text, expected):
        check(text, expected)


ALL_TABLES = {
    "personnel": PERSONNEL, "military_units": MILITARY_UNITS, "equipment": EQUIPMENT,
    "casualties": CASUALTIES, "displaced": DISPLACED, "money": MONEY, "percent": PERCENT,
    "duration": DURATION, "distance": DISTANCE, "other": OTHER, "qualifiers": QUALIFIERS,
    "scales_and_words": SCALES_AND_WORDS, "vague": VAGUE, "attribution": ATTRIBUTION,
    "change": CHANGE, "derived": DERIVED, "non_figures": NON_FIGURES, "mixed": MIXED,
    "bugs_caught": BUGS_CAUGHT, "known_misses": KNOWN_MISSES,
}


def test_tables_are_well_formed():
    """Ids unique per table, at least 170 rows, every category and qualifier covered."""
    total = 0
    categories, qualifiers = set(), set()
    for name, table in ALL_TABLES.items():
        ids = [p.id for p in table]
        assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
        for p in table:
            text, expected = p.values
            assert isinstance(text, str) and text
            for fig in expected:
                categories.add(fig.get("category"))
                q = fig.get("qualifier")
                qualifiers.update(q if isinstance(q, tuple) else (q,))
        total += len(table)
    assert total >= 170
    from tracker.schema import CATEGORIES

    assert set(CATEGORIES) <= categories
    assert {"about", "around", "roughly", "approximately", "an estimated", "some", "up to",
            "as many as", "at most", "fewer than", "under", "more than", "over", "at least",
            "in excess of", "nearly", "almost", "between"} <= qualifiers

"""Every lexicon file loads, says where its words come from, and has no duplicate keys."""
from __future__ import annotations

import csv
import importlib.util
import re
import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from tracker.extract.lexicon import LEXICON_FILES, load_lexicon
from tracker.schema import CATEGORIES

FILES = resources.files("tracker.extract.lexicons")
_KEYS = {"quantulum3_units.csv": ("table", "key", "unit")}


def _text(name: str) -> str:
    return FILES.joinpath(name).read_text(encoding="utf-8")


def test_every_data_file_is_listed():
    on_disk = {p.name for p in FILES.iterdir() if p.name.endswith((".csv", ".toml"))}
    assert on_disk == set(LEXICON_FILES)


@pytest.mark.parametrize("name", LEXICON_FILES)
def test_file_says_where_its_words_come_from(name):
    head = _text(name).splitlines()[:12]
    notes = " ".join(line for line in head if line.startswith("#")).lower()
    assert re.search(r"source|from|written", notes), f"{name} has no provenance note"


@pytest.mark.parametrize("name", [n for n in LEXICON_FILES if n.endswith(".csv")])
def test_csv_has_header_and_no_duplicate_keys(name):
    lines = [line for line in _text(name).splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert rows, f"{name} is empty"
    # The key is the first column, but for files keyed by several: a qualifier may stand
    # before or after the number ("at least 5", "5 at least"); a quantulum3 key may have
    # several units in a table.
    key = _KEYS.get(name, (next(iter(rows[0])), "position"))
    keys = Counter(tuple(row.get(k) for k in key) for row in rows)
    duplicates = {k for k, n in keys.items() if n > 1}
    assert not duplicates, f"{name}: duplicate {key}: {sorted(duplicates)}"
    assert all(None not in row and all(v is not None for v in row.values()) for row in rows), \
        f"{name}: a row has the wrong number of fields"


@pytest.mark.parametrize("name", [n for n in LEXICON_FILES if n.endswith(".toml")])
def test_toml_parses(name):
    assert tomllib.loads(_text(name))


def test_categories_in_lexicons_are_known():
    lex = load_lexicon()
    used = {noun.category for noun in lex.nouns.values()} | {c for _, c in lex.measures.values()}
    assert used <= set(CATEGORIES), used - set(CATEGORIES)


def test_currency_codes_are_iso_shaped():
    lex = load_lexicon()
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in lex.currency_codes)
    assert {"USD", "GBP", "EUR", "UAH", "RUB"} <= set(lex.currency_codes)


@pytest.mark.parametrize("phrase, bound", [
    ("about", "approx"), ("up to", "max"), ("more than", "min"), ("nearly", "max_approx"),
    ("an estimated", "approx"), ("in excess of", "min"), ("fewer than", "max"),
])
def test_qualifier_bounds(phrase, bound):
    assert load_lexicon().qualifiers_before[phrase].bound == bound


def test_vague_rule_is_the_written_one():
    lex = load_lexicon()
    assert lex.plural_range == (2, 9)
    assert lex.vague_plurals["hundreds"] == 100 and lex.vague_plurals["dozens"] == 12
    assert lex.vague_quantifiers["several"] == (3, 9)


def test_categories_file_has_one_row_per_schema_category_in_order():
    assert tuple(load_lexicon().categories) == CATEGORIES


@pytest.mark.parametrize("flag, categories", [
    ("counts_people", {"personnel", "casualties", "displaced"}),
    ("takes_rates", {"money", "percent", "duration", "distance", "other_measure"}),
    ("is_measure", {"percent", "duration", "distance", "other_measure"}),
    ("derivable", {"personnel", "military_unit", "equipment", "casualties", "displaced", "other_count"}),
    ("lends_unit", set(CATEGORIES) - {"percent", "duration"}),
    ("further_after", {"personnel", "military_unit", "equipment", "casualties", "displaced"}),
])
def test_category_flags_read_from_the_file(flag, categories):
    assert load_lexicon().categories_with(flag) == categories


def test_every_category_but_the_measures_of_the_world_has_an_actor():
    assert load_lexicon().categories_with_actor == frozenset(CATEGORIES) - {"distance", "other_measure"}


def test_a_category_flag_that_is_not_yes_or_no_is_refused(monkeypatch):
    import tracker.extract.lexicon as lexicon

    real = lexicon.read_csv

    def misspelt(name):
        rows = real(name)
        if name == "categories.csv":
            rows[0] = {**rows[0], "derivable": "y"}
        return rows

    monkeypatch.setattr(lexicon, "read_csv", misspelt)
    with pytest.raises(ValueError, match="personnel.*derivable"):
        lexicon._categories()


def test_quantulum3_unit_table_is_what_the_pinned_quantulum3_gives():
    """lexicons/quantulum3_units.csv is written by scripts/quantulum3_units.py from quantulum3's
    own tables; a new quantulum3 must come with the file written again."""
    pytest.importorskip("quantulum3")
    script = Path(__file__).resolve().parents[1] / "scripts" / "quantulum3_units.py"
    spec = importlib.util.spec_from_file_location("quantulum3_units", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert _text("quantulum3_units.csv") == module.table_text()


@pytest.mark.parametrize(("word", "expected"), [
    ("GB", ("gigabyte", "other_measure")), ("Hz", ("hertz", "other_measure")),
    ("HZ", ("hertz", "other_measure")), ("rpm", ("revolutions per minute", "other_measure")),
    ("μm", ("micrometre", "distance")), ("nanoseconds", ("nanosecond", "duration")),
    ("troops", None), ("am", None), ("dollars", None), ("percent", None), ("x", None),
])
def test_a_word_after_a_number_reads_as_quantulum3s_unit(word, expected):
    from tracker.extract.units import lookup_measure

    assert lookup_measure(word) == expected

"""tracker.extract.words gives lemminflect its tables as LookupTable, which reads a word's lines
when it is asked for: each table must be the one lemminflect's own loader reads."""
from __future__ import annotations

import pytest
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer

from tracker.extract.words import (LookupTable, is_past_participle, is_plural_noun, read_inflections,
                                   read_lemmas, singular)


def test_the_lemma_table_is_lemminflects_own():
    path = Lemmatizer().lemma_lu_fn
    ours, theirs = LookupTable(path, read_lemmas), LemmaLUCodec.load(path)
    assert len(theirs) > 50_000
    assert len(ours) == len(theirs) and dict(ours.items()) == theirs
    assert all(list(ours[word]) == list(entry) for word, entry in theirs.items())  # in their order too


def test_the_inflection_table_is_lemminflects_own():
    path = Inflections().infl_lu_fn
    ours = LookupTable(path, read_inflections, InflectionLUCodec.updateForAuxMod({}))
    theirs = InflectionLUCodec.load(path)
    assert len(theirs) > 30_000
    assert len(ours) == len(theirs) and dict(ours.items()) == theirs
    assert all(list(ours[word]) == list(entry) for word, entry in theirs.items())


@pytest.mark.parametrize(("word", "expected"), [
    ("be", {"VB": ("be",), "VBD": ("was", "were"), "VBG": ("being",), "VBN": ("been",),
            "VBP": ("am", "are"), "VBZ": ("is",)}),  # hard-coded by lemminflect, not in the file
    ("withdraw", {"VBD": ("withdrew",), "VBN": ("withdrawn",), "VBG": ("withdrawing",),
                  "VBZ": ("withdraws",), "VB": ("withdraw",), "VBP": ("withdraw",)}),
])
def test_an_entry_is_read_when_asked_for(word, expected):
    table = LookupTable(Inflections().infl_lu_fn, read_inflections, InflectionLUCodec.updateForAuxMod({}))
    assert table[word] == expected and table.get(word) == expected


def test_a_word_not_in_the_table_is_missing():
    table = LookupTable(Lemmatizer().lemma_lu_fn, read_lemmas)
    assert table.get("zzqx") is None and "zzqx" not in table
    with pytest.raises(KeyError):
        table["zzqx"]
    assert table._read == {}  # nor is a word that is missing kept: a corpus has any number of them
    assert table.get("tank,noun") is None and table.get("tank")["NOUN"] == ("tank",)  # "tank,noun,tank"
    assert table.get("tanks,noun") is None and table.get(None) is None  # as a dict's get


def test_words_read_as_before():
    assert [singular(w) for w in ("battalions", "armies", "personnel", "geese", "drones")] == \
        ["battalion", "army", "personnel", "goose", "drone"]
    assert [is_plural_noun(w) for w in ("tanks", "tank", "killed", "BTGs")] == [True, False, False, True]
    assert [is_past_participle(w) for w in ("annexed", "taken", "held", "troops", "seize", "given")] == \
        [True, True, True, False, False, True]

"""tracker.extract.words reads lemminflect's lemma table itself, faster: the table must be the
one lemminflect's own loader reads."""
from __future__ import annotations

from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.Lemmatizer import Lemmatizer

from tracker.extract.words import is_plural_noun, read_lemma_table, singular


def test_the_lemma_table_is_lemminflects_own():
    path = Lemmatizer().lemma_lu_fn
    ours = read_lemma_table(path)
    assert len(ours) > 50_000 and ours == LemmaLUCodec.load(path)


def test_words_read_as_before():
    assert [singular(w) for w in ("battalions", "armies", "personnel", "geese", "drones")] == \
        ["battalion", "army", "personnel", "goose", "drone"]
    assert [is_plural_noun(w) for w in ("tanks", "tank", "killed", "BTGs")] == [True, False, False, True]

"""Word-level facts the extractor needs: singular forms and rough parts of speech.

Backed by lemminflect's dictionaries (shipped with the package, no download). Cached, since
the same words come up again and again.

>>> singular("battalions"), singular("armies"), singular("personnel")
('battalion', 'army', 'personnel')
>>> is_plural_noun("tanks"), is_plural_noun("tank"), is_plural_noun("killed")
(True, False, False)
>>> is_past_participle("annexed"), is_past_participle("taken"), is_past_participle("troops")
(True, True, False)
"""
from __future__ import annotations

from functools import lru_cache

import lemminflect

# Closed-class words that end a noun phrase: never a modifier or a counted noun.
STOP = frozenset(
    """a an the this that these those of to in on at by for from with without into onto over
    under about around and or but nor so as than then if when while where who whom whose which
    what is are was were be been being has have had do does did will would shall should can
    could may might must not no each every per its it their his her our your my they we he she
    you i me him them us more most less least only just also even still yet again already up
    down out off near along across after before since until between among against through
    towards toward within beyond there here""".split()
)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    _load_lemma_table()
    return lemminflect.getAllLemmas(word.lower())


@lru_cache(maxsize=1)
def _load_lemma_table() -> None:
    """Give lemminflect its lemma table, read in one go by :func:`read_lemma_table` (its own
    loader reads the gzipped table a line at a time: 0.22 s of every start, against 0.14 s);
    left to lemminflect where its internals are not as this expects."""
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    path = getattr(lemmatizer, "lemma_lu_fn", None)
    if hasattr(lemmatizer, "lemma_dict") or not isinstance(path, str):
        return
    try:
        lemmatizer.lemma_dict = read_lemma_table(path)
    except (OSError, ValueError, EOFError):
        pass  # lemminflect reads it itself


def read_lemma_table(path: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """lemminflect's gzipped lemma table (lines of ``word,category,lemma/lemma/...``) as the
    dict its own loader makes: word -> {UPOS: lemmas}, the category "modal" as "AUX"."""
    import gzip

    with open(path, "rb") as packed:
        lines = gzip.decompress(packed.read()).decode("utf-8").splitlines()
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for line in lines:
        word, category, forms = line.strip().split(",")
        upos = category.upper()
        table.setdefault(word, {})["AUX" if upos == "MODAL" else upos] = tuple(forms.split("/"))
    return table


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The singular of a noun, lower case; unknown words lose a regular plural ending."""
    w = word.lower()
    nouns = lemmas(w).get("NOUN")
    if nouns:
        return nouns[0]
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def is_plural_noun(word: str) -> bool:
    w = word.lower()
    if w in STOP:
        return False
    nouns = lemmas(w).get("NOUN")
    if nouns:
        return nouns[0] != w
    if lemmas(w):
        return False
    # Unknown to the dictionary: a regular plural of an unknown word ("drones", "BTGs").
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))


@lru_cache(maxsize=65536)
def is_noun(word: str) -> bool:
    w = word.lower()
    return w not in STOP and "NOUN" in lemmas(w)


@lru_cache(maxsize=65536)
def is_adjective(word: str) -> bool:
    w = word.lower()
    found = lemmas(w)
    return w not in STOP and "ADJ" in found


@lru_cache(maxsize=65536)
def is_verb_only(word: str) -> bool:
    """A word that can only be a verb or auxiliary ("has", "massed", "offered")."""
    found = lemmas(word.lower())
    return bool(found) and set(found) <= {"VERB", "AUX"}


@lru_cache(maxsize=65536)
def is_past_participle(word: str) -> bool:
    """A word that is the past participle of a verb ("seized", "taken", "held"), whatever else
    it may be too."""
    w = word.lower()
    return w not in STOP and any(w in lemminflect.getInflection(lemma, "VBN")
                                 for lemma in lemmas(w).get("VERB", ()))

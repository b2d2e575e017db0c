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

from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
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
    _give_lemminflect_its_tables()
    return lemminflect.getAllLemmas(word.lower())


@lru_cache(maxsize=1)
def _give_lemminflect_its_tables() -> None:
    """Give lemminflect its lemma and inflection tables as :class:`LookupTable`, which reads a
    word's lines when it is first asked for (lemminflect's own loaders parse every line of
    each gzipped table: 0.22 s and 0.29 s of every start, against a few hundredths); left to
    lemminflect where its internals are not as this expects."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    tables = ((Lemmatizer(), "lemma_dict", "lemma_lu_fn", read_lemmas, {}),
              (Inflections(), "infl_dict", "infl_lu_fn", read_inflections,
               InflectionLUCodec.updateForAuxMod({})))  # its auxiliaries and modals, set after reading
    for owner, table, path, reader, extra in tables:
        if hasattr(owner, table) or not isinstance(getattr(owner, path, None), str):
            continue
        try:
            setattr(owner, table, LookupTable(getattr(owner, path), reader, extra))
        except (OSError, ValueError, EOFError):
            pass  # lemminflect reads it itself


class LookupTable(Mapping):
    """One of lemminflect's gzipped tables (lines of ``word,category,...``) as the dict its own
    loader makes, word -> entry, each word's entry read from its lines by ``reader`` when first
    asked for. Extra entries (``extra``, lemminflect's hard-coded ones) replace the table's."""

    def __init__(self, path: str, reader: Callable[[list[str]], dict], extra: dict | None = None):
        import gzip

        with open(path, "rb") as packed:
            # Sorted, so that the lines of a word ("word,...") stand together, found by bisection.
            self._lines = sorted(gzip.decompress(packed.read()).decode("utf-8").splitlines())
        self._reader = reader
        # The entries read so far; a word not in the table is not kept (a corpus holds any
        # number of those), so this grows no larger than the table.
        self._read: dict[str, dict] = dict(extra or {})

    def __getitem__(self, word: str) -> dict:
        if not isinstance(word, str) or "," in word:  # a comma would reach into the lines of another word
            raise KeyError(word)
        entry = self._read.get(word)
        if entry is None:
            key, lines = word + ",", self._lines
            first = last = bisect_left(lines, key)
            while last < len(lines) and lines[last].startswith(key):
                last += 1
            if last == first:
                raise KeyError(word)
            entry = self._read[word] = self._reader(lines[first:last])
        return entry

    def __iter__(self) -> Iterator[str]:
        words = dict.fromkeys(line.split(",", 1)[0] for line in self._lines)
        words.update(dict.fromkeys(self._read))
        return iter(words)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def read_lemmas(lines: list[str]) -> dict[str, tuple[str, ...]]:
    """A word's entry in the lemma table, as lemminflect's loader reads it: {UPOS: lemmas}."""
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    entry = {}
    for line in lines:
        _, category, forms = LemmaLUCodec.fromString(line)
        entry[categoryToUPos(category)] = forms
    return entry


def read_inflections(lines: list[str]) -> dict[str, tuple[str, ...]]:
    """A lemma's entry in the inflection table, as lemminflect's loader reads it: {Penn tag: forms}."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    entry: dict[str, tuple[str, ...]] = {}
    for line in lines:
        entry.update(InflectionLUCodec.fromString(line)[2])
    return entry


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

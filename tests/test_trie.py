"""tracker.extract.trie: the entity lexicon's phrases are found where the regex it replaces
finds them (a whole word, the longest first, spaces as any whitespace, "the X" forms only after
"the"), in real sentences and in generated ones."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract.lexicon import alternation, entity_aliases
from tracker.extract.trie import PhraseMatcher

TABLE = entity_aliases()
FORMS = sorted(TABLE.forms)
PLAIN = [f for f in FORMS if f not in TABLE.guarded]


def _regex(phrases, after_the=()) -> re.Pattern:
    """The regex the trie replaces (what lexicon.entity_aliases compiled before)."""
    body = alternation(phrases) + (r"|(?<=\b[Tt]he )(?:" + alternation(after_the) + ")" if after_the else "")
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


REGEX = _regex(PLAIN, TABLE.guarded)


def _spans(pattern, text):
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", [
    "Britain's Ministry of Defence said on Tuesday that US officials and Nato’s chief agreed.",
    "The Kremlin and the  Pentagon\ntold the Times; the UK MoD, the US-led coalition, UN-backed talks.",
    "Ukraine's general staff said Russia lost 500 troops; Kyiv, Moscow and Washington disagreed.",
    "", "the", "The Times", "Times New Roman", "US", "USA", "us", "U.S. officials", "—Reuters",
])
def test_finds_what_the_regex_finds(text):
    assert _spans(TABLE.pattern, text) == _spans(REGEX, text)


_PIECES = st.one_of(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS).map(lambda f: f.replace(" ", "  ")),
    st.sampled_from(FORMS).map(lambda f: f.replace(" ", "\n\u00a0")),
    st.sampled_from(FORMS).flatmap(lambda f: st.integers(1, len(f)).map(lambda n: f[:n])),
    st.sampled_from(["the ", "The ", "tHe ", " ", "-", "_", "'s ", "’s ", ",", ".", "x", "1", "(", "é", "\t"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_finds_what_the_regex_finds_in_any_run_of_aliases(text):
    assert _spans(TABLE.pattern, text) == _spans(REGEX, text)


def test_small_table_and_refusals():
    matcher = PhraseMatcher(["up", "up to", "tank"], after_the=["Times"])
    assert _spans(matcher, "up to 5 tanks, up\tto a tank; the Times, Times") == [
        (0, 5, "up to"), (15, 20, "up\tto"), (23, 27, "tank"), (33, 38, "Times")]
    assert matcher.search("nothing here") is None
    for bad in ("two  spaces", " lead", "trail ", "tab\there", "no\u00a0break", "new\nline", ""):
        with pytest.raises(ValueError):
            PhraseMatcher([bad])


@pytest.mark.parametrize("phrases, text, expected", [
    (["ab", "ab "], "x ab", "ab"),  # a phrase and the same with a space: the space is optional, not lazy
    (["ab", "ab "], "ab  c", "ab  "),
    (["up", "up to"], "up to 5", "up to"),
])
def test_alternation_of_a_phrase_and_a_longer_one(phrases, text, expected):
    assert re.search(alternation(phrases), text).group(0) == expected


def test_phrases_whose_start_ends_in_a_space_are_found():
    """PhraseMatcher looks for the first four characters of its phrases ("BBC " of "BBC World"):
    the shorter phrase with the same start is found too."""
    matcher = PhraseMatcher(["BBC", "BBC World", "US", "US Army"])
    assert _spans(matcher, "told the BBC, the BBC World Service and US officials") == [
        (9, 12, "BBC"), (18, 27, "BBC World"), (40, 42, "US")]


# ---------------------------------------------------------------------------------------
# The lookahead alternation() puts first changes no match
# ---------------------------------------------------------------------------------------
def _lexicon_lists() -> dict[str, list[str]]:
    from tracker.extract.lexicon import load_lexicon

    lex = load_lexicon()
    return {"number words": [*lex.number_words, *lex.multipliers], "qualifiers": list(lex.qualifiers_before),
            "currency symbols": list(lex.currency_symbols), "fractions": list(lex.fractions),
            "mixed": ["up", "up to", "Up", "µs", "K", "k", "ſ", "İ", "-", "]", "^", "\\", " x", "a b"]}


_LISTS = _lexicon_lists()
_ALPHABET = "".join(sorted({c for words in _LISTS.values() for w in words for c in w} | set(" \t\nKİıſ-]^\\.,")))


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(_LISTS)), text=st.text(alphabet=_ALPHABET, max_size=40),
       flags=st.sampled_from([0, re.I]))
def test_the_first_character_lookahead_changes_no_match(name, text, flags):
    words = _LISTS[name]
    gated = alternation(words)
    lookahead = _first_chars_of(words)
    assert gated.startswith(lookahead)
    bare = gated[len(lookahead):]
    for body in (r"\b(?:{})", r"(?:{})\s*$", r"(?:{})"):
        a, b = re.compile(body.format(gated), flags), re.compile(body.format(bare), flags)
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]


def _first_chars_of(words) -> str:
    from tracker.extract.trie import _first_chars, _insert

    trie: dict = {}
    for w in sorted({w for w in words if w}):
        _insert(trie, w)
    return _first_chars(trie)

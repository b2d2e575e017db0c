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
    for bad in ("two  spaces", " lead", "trail ", "tab\there", ""):
        with pytest.raises(ValueError):
            PhraseMatcher([bad])

"""Tests for ``tracker.analysis.highlight``: article text as escaped HTML with its figures marked.

Each table is ``(input, expected)`` rows run by one parametrised test; the seed article checks
every figure the extractor finds in it."""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.analysis.highlight import highlight, sentence_html


# --------------------------------------------------------------------------- highlight

HIGHLIGHT_CASES = [
    pytest.param("145,000 troops", [(0, 14)], '<mark class="fig">145,000 troops</mark>', id="whole"),
    pytest.param("no figures", [], "no figures", id="no-spans"),
    pytest.param("<script>alert(1)</script> 14", [(26, 28)],
                 '&lt;script&gt;alert(1)&lt;/script&gt; <mark class="fig">14</mark>', id="script"),
    pytest.param("<b>14</b>", [(3, 5)], '&lt;b&gt;<mark class="fig">14</mark>&lt;/b&gt;', id="tag-around-span"),
    pytest.param('He said "14" & \'800\'', [(9, 11), (16, 19)],
                 'He said &quot;<mark class="fig">14</mark>&quot; &amp; &#x27;<mark class="fig">800</mark>&#x27;',
                 id="quotes-ampersand"),
    pytest.param("&lt; is not <", [], "&amp;lt; is not &lt;", id="entity-in-text"),
    pytest.param("one\ntwo\r\nthree", [(4, 7)], 'one<br><mark class="fig">two</mark>&#13;<br>three', id="newlines"),
    pytest.param("a 14 b", [(2, 4), (2, 4)], 'a <mark class="fig">14</mark> b', id="duplicate"),
    pytest.param("14 battalions of 800 troops", [(0, 13), (17, 27), (0, 27)],
                 '<mark class="fig">14 battalions of 800 troops</mark>', id="derived-covers-both"),
    pytest.param("between 169,000 and 190,000", [(8, 15), (12, 27)],
                 'between <mark class="fig">169,000 and 190,000</mark>', id="overlap-merged"),
    pytest.param("1420", [(0, 2), (2, 4)], '<mark class="fig">14</mark><mark class="fig">20</mark>',
                 id="adjacent-kept-apart"),
    pytest.param("short", [(3, 99), (50, 60), (-5, 1)],
                 '<mark class="fig">s</mark>ho<mark class="fig">rt</mark>', id="out-of-range-clipped"),
    pytest.param("short", [(4, 2), (3, 3), (None, 2), (pd.NA, 4), (np.int64(1), np.int64(2))],
                 's<mark class="fig">h</mark>ort', id="inverted-empty-null-numpy"),
    pytest.param("", [(0, 5)], "", id="empty-text"),
    pytest.param("*bold* _it_ `code` [x](javascript:alert(1)) $x$ # h | ~s~ \\",
                 [], "&#42;bold&#42; &#95;it&#95; &#96;code&#96; &#91;x&#93;(javascript&#58;alert(1)) "
                     "&#36;x&#36; &#35; h &#124; &#126;s&#126; &#92;", id="markdown-characters"),
    pytest.param("🇺🇦 145,000", [(3, 10)], '🇺🇦 <mark class="fig">145,000</mark>', id="flag-is-two-code-points"),
]


@pytest.mark.parametrize("text, spans, expected", HIGHLIGHT_CASES)
def test_highlight(text, spans, expected):
    assert highlight(text, spans) == expected


def test_highlight_css_class_is_escaped():
    assert highlight("14", [(0, 2)], css_class='x" onclick="alert(1)') == \
        '<mark class="x&quot; onclick=&quot;alert(1)">14</mark>'


def test_highlight_accepts_none():
    assert highlight(None, None) == ""


def unmark(markup: str) -> str:
    """The text back from highlight(): marks removed, <br> as newline, references decoded."""
    return html.unescape(re.sub(r'<mark class="[^"]*">|</mark>', "", markup).replace("<br>", "\n"))


spans_strategy = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=8)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=50), spans_strategy)
def test_highlight_always_escapes(text, spans):
    markup = highlight(text, spans)
    assert unmark(markup) == text
    outside_tags = re.sub(r'<mark class="fig">|</mark>|<br>', "", markup)
    assert "<" not in outside_tags and ">" not in outside_tags
    assert "\n" not in markup and "\r" not in markup
    assert markup.count("<mark") == markup.count("</mark>") <= len(spans)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab<>&\"' \n", min_size=1, max_size=40), st.data())
def test_highlight_marks_exactly_the_spans(text, data):
    """Disjoint spans: each mark holds text[start:end], in order."""
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    marked = re.findall(r'<mark class="fig">(.*?)</mark>', highlight(text, spans))
    assert [unmark(m) for m in marked] == [text[a:b] for a, b in spans]


def seed_figures():
    text = open("seeds/000_91e23c0da8ec2b98.txt", encoding="utf-8").read()
    return text, extract_figures(text, doc_id="seed", source="The Guardian", published="2022-02-14")


def test_highlight_seed_document():
    text, frame = seed_figures()
    markup = highlight(text, list(zip(frame["start"], frame["end"])))
    assert unmark(markup) == text
    marked = [unmark(m) for m in re.findall(r'<mark class="fig">(.*?)</mark>', markup)]
    for surface in frame.loc[~frame["derived"].astype(bool), "surface"]:
        assert any(surface in m for m in marked), surface


def test_sentence_html_for_each_seed_figure():
    text, frame = seed_figures()
    for figure in frame.to_dict("records"):
        markup = sentence_html(figure)
        assert unmark(markup) == figure["sentence"]
        assert [unmark(m) for m in re.findall(r'<mark class="fig">(.*?)</mark>', markup)] == [figure["surface"]]


SENTENCE_CASES = [
    pytest.param({"sentence": "Russia has <b>145,000</b> troops.", "surface": "145,000", "sentence_start": 10,
                  "start": 24, "end": 31},
                 'Russia has &lt;b&gt;<mark class="fig">145,000</mark>&lt;/b&gt; troops.', id="offsets"),
    pytest.param({"sentence": "Up to $1bn, up to $1bn.", "surface": "$1bn", "sentence_start": None,
                  "start": None, "end": None},
                 'Up to <mark class="fig">&#36;1bn</mark>, up to &#36;1bn.', id="no-offsets-first-surface"),
    pytest.param(pd.Series({"sentence": "No figure here.", "surface": "14"}), "No figure here.", id="series-surface-absent"),
    pytest.param({"sentence": None}, "", id="no-sentence"),
]


@pytest.mark.parametrize("figure, expected", SENTENCE_CASES)
def test_sentence_html(figure, expected):
    assert sentence_html(figure) == expected


BUGS_CAUGHT: list = []

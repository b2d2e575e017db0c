"""Tests for ``tracker.analysis.text``: data shown as plain text, safe links, safe upload names."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracker.analysis.text import MAX_NAME_BYTES, WORD_JOINER, plain, safe_link, safe_upload_name, unplain


# --------------------------------------------------------------------------- plain text

# Data shown by Markdown elements: text that Streamlit's Markdown would turn into something
# else (the redirect payload of issue 8, links, images, HTML, emphasis, math, directives,
# blocks, entities, auto-linked addresses) -> what plain() gives ("|" is the word joiner).
PLAIN_CASES = [
    pytest.param("http://10.0.0.1/[click](https://evil.example/login) ![](https://evil.example/pixel.png)",
                 r"http\:\/\/|10\.0\.0\.1\/\[click\]\(https\:\/\/|evil\.example\/login\) "
                 r"\!\[\]\(https\:\/\/|evil\.example\/pixel\.png\)", id="redirect-payload"),
    pytest.param("see https://evil.example/x", r"see https\:\/\/|evil\.example\/x", id="bare-url"),
    pytest.param("see www.evil.example", r"see www|\.evil\.example", id="www"),
    pytest.param("WWW.Evil.Example", r"WWW|\.Evil\.Example", id="www-upper-case"),
    pytest.param("write to ops@evil.example", r"write to ops\@|evil\.example", id="e-mail"),
    pytest.param("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>", id="html"),
    pytest.param("**bold** _it_ `code` ~~gone~~", r"\*\*bold\*\* \_it\_ \`code\` \~\~gone\~\~", id="emphasis"),
    pytest.param("$x^2$ costs $5", r"\$x\^2\$ costs \$5", id="math"),
    pytest.param(":red[alarm] :material/home:", r"\:red\[alarm\] \:material\/home\:", id="directives"),
    pytest.param("# Heading\n- item\n1. first", r"\# Heading \- item 1\. first", id="blocks-on-one-line"),
    pytest.param("&lt;b&gt; &#91;", r"\&lt\;b\&gt\; \&\#91\;", id="entities"),
    pytest.param("Київ — 14 battalions", "Київ — 14 battalions", id="no-punctuation-unchanged"),
]


@pytest.mark.parametrize("text, expected", PLAIN_CASES)
def test_plain_leaves_no_markdown(text, expected):
    shown = plain(text)
    assert shown.replace(WORD_JOINER, "|") == expected
    assert unescaped_punctuation(shown) == []
    assert unplain(shown) == " ".join(text.splitlines())


def unescaped_punctuation(shown: str) -> list[str]:
    import string

    found, i = [], 0
    while i < len(shown):
        if shown[i] == "\\":
            i += 2
            continue
        if shown[i] in string.punctuation:
            found.append(shown[i])
        i += 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.text())
@example(text="a\u2060b")  # a word joiner of the text's own: unplain takes out every one
def test_plain_escapes_any_text(text):
    shown = plain(text)
    assert unplain(shown) == " ".join(text.splitlines()).replace(WORD_JOINER, "")
    assert unescaped_punctuation(shown) == []
    assert "\n" not in shown and "\r" not in shown
    # auto-link starts (any case) always broken by a word joiner
    assert re.search("://(?!\u2060)|@(?!\u2060)|www\\.", shown.replace("\\", ""), re.IGNORECASE) is None


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    (" HTTP://Example.org ", "HTTP://Example.org"),
    ("javascript:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("//evil.example/x", None),
    ("/relative", None),
    ("https://", None),
    ("https://exa mple.org", None),
    ("ftp://example.org", None),
    (None, None),
    (float("nan"), None),
])
def test_safe_link(url, expected):
    assert safe_link(url) == expected


@pytest.mark.parametrize("name, expected", [
    ("report.pdf", "report.pdf"),
    ("", "upload"),
    (".", "upload"),
    ("..", "upload"),
    ("...", "upload"),
    (".csv", "upload.csv"),  # no hidden files; the extension still says how to read it
    ("..txt", "upload.txt"),
    (". .csv.gz", "upload.csv.gz"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\brief.docx", "brief.docx"),
    ("a\x00b.txt", "a_b.txt"),
    ("line\nbreak.md", "line_break.md"),
    ("  spaced .txt ", "spaced .txt"),
    ("wire.jsonl.gz", "wire.jsonl.gz"),
    ("\ud800.txt", "?.txt"),  # a lone surrogate (browsers can send one)
    ("x" * 300 + ".csv.gz", "x" * 248 + ".csv.gz"),
    ("й" * 200 + ".txt", "й" * 125 + ".txt"),  # cut on a character, not inside one
])
def test_safe_upload_name(name, expected):
    assert safe_upload_name(name) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400))
def test_safe_upload_name_is_always_safe(name):
    safe = safe_upload_name(name)
    assert safe and safe not in (".", "..")
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(ord(c) < 32 or c in "/\\\x7f" for c in safe)
    assert not safe.startswith((".", " "))
    safe.encode("utf-8")  # no lone surrogates
    assert safe_upload_name(safe) == safe  # stable

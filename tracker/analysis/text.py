"""Data made safe to show or pass on: :func:`plain` text for Streamlit's Markdown elements,
:func:`safe_link` for links we draw, :func:`safe_upload_name` for a browser's file name.

Article metadata, file names, URLs and readers' messages are data: shown as written, never as
a link, an image or markup. (Article text with its figures marked is
:mod:`tracker.analysis.highlight`'s.)

>>> unplain(plain("[a](http://b.c)")) == "[a](http://b.c)"
True
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["plain", "unplain", "safe_link", "safe_upload_name", "WORD_JOINER", "MAX_NAME_BYTES"]

#: ASCII punctuation: CommonMark lets a backslash make any of it literal, and Markdown syntax
#: (links, images, emphasis, HTML, code, tables, headings, lists, Streamlit's $math$ and
#: :colour[directives]) is built from nothing else.
_MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})

#: Where GitHub-flavoured Markdown starts an auto-link in plain text; Streamlit's renderer
#: (remark-gfm) finds them in the text *after* backslash escapes are read, so escaping alone
#: does not stop them. A WORD JOINER (U+2060, invisible, no width) inside each breaks them.
_AUTOLINK_STARTS = re.compile(r"(?<=://)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text: Any) -> str:
    r"""Data (article metadata, file names, URLs, messages) escaped for any Streamlit element
    that reads Markdown (``st.title``, ``st.caption``, ``st.error`` ...): shown as written,
    on one line, never as a link, an image, markup or an auto-linked address.

    Every ASCII punctuation character gets a backslash, line breaks become spaces, and a
    word joiner (U+2060, invisible) follows ``://`` and ``@`` and precedes the dot of
    ``www.``, which is what stops GitHub-flavoured Markdown auto-linking; None and NaN
    give ``""``.

    >>> plain("[click](https://evil.example) ![](x.png)")
    '\\[click\\]\\(https\\:\\/\\/\u2060evil\\.example\\) \\!\\[\\]\\(x\\.png\\)'
    >>> plain("see www.example.org or ops@example.org").replace(WORD_JOINER, "|")
    'see www|\\.example\\.org or ops\\@|example\\.org'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    text = " ".join(str(text).splitlines())
    return _AUTOLINK_STARTS.sub(WORD_JOINER, text).translate(_MARKDOWN_ESCAPES)


def unplain(text: str) -> str:
    """What :func:`plain` shows: its backslashes and word joiners taken out (for tests).

    >>> unplain(plain("[a](http://b.c) x@y.z"))
    '[a](http://b.c) x@y.z'
    """
    return re.sub(r"\\(.)", r"\1", text.replace(WORD_JOINER, ""))


def safe_link(url: Any) -> str | None:
    """``url`` when it is an absolute ``http``/``https`` URL with a host (fit for a link
    we draw ourselves), else None: never ``javascript:``, ``data:`` or a relative path.

    >>> safe_link(" https://example.org/a?b=1 ")
    'https://example.org/a?b=1'
    >>> safe_link("javascript:alert(1)") is None and safe_link("//evil.example") is None
    True
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 33 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


#: The longest file name most file systems hold, in bytes of UTF-8.
MAX_NAME_BYTES = 255
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\\\]")


def _split_extension(name: str) -> tuple[str, str]:
    """``name`` as stem and extension: the last suffix, or the last two when the last is
    ``.gz`` ("wire.csv.gz"); a suffix over 16 characters is no extension."""
    stem, extension = name, ""
    for _ in range(2):
        base, dot, last = stem.rpartition(".")
        if not (dot and base and 0 < len(last) <= 16):
            break
        stem, extension = base, "." + last + extension
        if last.lower() != "gz":
            break
    return stem, extension


def safe_upload_name(name: Any, default: str = "upload") -> str:
    r"""An uploaded file's name made safe to pass on, log and show.

    The browser sends any name: empty, ``.``, ``..``, a path, control characters (NUL
    too), or longer than a file system holds. This keeps the last path part, turns control
    characters into ``_``, strips spaces, names a file that starts with a dot (``..``,
    ``.txt``) ``default`` (``upload.txt``), and cuts the name to
    :data:`MAX_NAME_BYTES` bytes of UTF-8 keeping its extension (which says how it is read,
    ``.pdf``, ``.csv.gz``). A name with nothing left is ``default``.

    >>> [safe_upload_name(n) for n in ["report.pdf", "", ".", "..", "../../etc/passwd", "a\x00b.txt"]]
    ['report.pdf', 'upload', 'upload', 'upload', 'passwd', 'a_b.txt']
    >>> len(safe_upload_name("x" * 300 + ".csv.gz").encode()), safe_upload_name("x" * 300 + ".csv.gz")[-7:]
    (255, '.csv.gz')
    >>> safe_upload_name("Reuters.2022-02-14.Russia-troops-briefing.pdf")
    'Reuters.2022-02-14.Russia-troops-briefing.pdf'
    """
    text = "" if name is None else str(name)
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE_NAME_CHARS.sub("_", text).strip()
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates -> ?
    if text.startswith("."):  # ".", "..", a hidden ".txt": the default name, the extension kept
        rest = text.lstrip(". ")
        text = f"{default}.{rest}" if rest else default
    stem, extension = _split_extension(text)
    if not stem.strip(" _"):
        stem = default
    if len((stem + extension).encode()) > MAX_NAME_BYTES:
        room = MAX_NAME_BYTES - len(extension.encode())
        stem = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip(" ")
    return stem + extension

"""Article text as HTML with its figures marked: :func:`highlight`, and :func:`sentence_html`
for one figure of the figure table.

The text is always escaped (HTML's and Markdown's special characters), so the result is safe to
hand to ``st.html`` or ``st.markdown(..., unsafe_allow_html=True)``; only the ``<mark>`` tags are
markup. For data shown in Streamlit's Markdown elements, see :mod:`tracker.analysis.text`.

>>> highlight("Russia <b>massed</b> 145,000 troops", [(21, 35)])
'Russia &lt;b&gt;massed&lt;/b&gt; <mark class="fig">145,000 troops</mark>'
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["highlight", "sentence_html"]

# One pass over the text: HTML's five special characters as html.escape(quote=True) writes
# them; the characters Markdown (CommonMark, GFM, Streamlit's $math$ and :directives:) reads
# as syntax as numeric references, so st.markdown(..., unsafe_allow_html=True) shows them as
# text too; line breaks as <br> (a carriage return as a reference), so the HTML is one line
# and no blank line can end an HTML block and hand the rest to the Markdown parser.
_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
    "\n": "<br>", "\r": "&#13;",
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
    "$": "&#36;", "~": "&#126;", "|": "&#124;", "#": "&#35;", ":": "&#58;",
})


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _merged(spans: Iterable, length: int) -> list[tuple[int, int]]:
    """Spans clipped to the text, empty or invalid ones dropped, overlapping ones merged."""
    clean = []
    for span in spans:
        try:
            start, end = span
            if pd.isna(start) or pd.isna(end):
                continue
            start, end = max(0, int(start)), min(length, int(end))
        except (TypeError, ValueError):
            continue
        if start < end:
            clean.append((start, end))
    clean.sort()
    merged: list[tuple[int, int]] = []
    for start, end in clean:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[tuple[int, int]], *, css_class: str = "fig") -> str:
    """``text`` as one line of HTML, escaped, with each span wrapped in ``<mark class=...>``.

    Every character of the text is escaped: ``& < > " '`` as :func:`html.escape` writes
    them, and the characters Markdown would read as syntax (`` \\ ` * _ [ ] $ ~ | # : ``) as
    numeric character references, so the result shows the text verbatim whether it is given
    to ``st.html`` or to ``st.markdown(..., unsafe_allow_html=True)``. A newline becomes
    ``<br>`` (a carriage return ``&#13;``), so the result holds no line break of its own.

    ``spans`` are ``(start, end)`` character offsets into ``text`` (the figure table's
    ``start``/``end`` for a document, minus ``sentence_start`` for a sentence). Spans are
    clipped to the text; empty, inverted or null ones are skipped; overlapping ones are
    merged into one mark. Nothing here raises on odd spans.

    Removing the ``<mark>`` tags, turning ``<br>`` back into newlines and applying
    :func:`html.unescape` gives back ``text`` exactly.

    >>> highlight("<script>alert('x')</script> 14 battalions", [(28, 41)])
    '&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark class="fig">14 battalions</mark>'
    >>> highlight("up to $1bn\\nand *more*", [(6, 10), (0, 8), (99, 120)])
    '<mark class="fig">up to &#36;1bn</mark><br>and &#42;more&#42;'
    """
    text = "" if text is None or text is pd.NA else str(text)
    opening = f'<mark class="{html.escape(str(css_class), quote=True)}">'
    parts = []
    position = 0
    for start, end in _merged(spans or (), len(text)):
        parts.append(_escape(text[position:start]))
        parts.append(opening + _escape(text[start:end]) + "</mark>")
        position = end
    parts.append(_escape(text[position:]))
    return "".join(parts)


def sentence_html(figure: Mapping[str, Any], *, css_class: str = "fig") -> str:
    """One figure's sentence as :func:`highlight` HTML, the figure marked.

    ``figure`` is a row of the figure table (a dict or a Series with ``sentence``,
    ``start``, ``end`` and ``sentence_start``). Without ``sentence_start`` (or ``start``)
    the first occurrence of ``surface`` in the sentence is marked; with neither, nothing is.

    >>> sentence_html({"sentence": "Russia has massed 145,000 troops.", "sentence_start": 100,
    ...                "start": 118, "end": 132, "surface": "145,000 troops"})
    'Russia has massed <mark class="fig">145,000 troops</mark>.'
    """
    def get(key: str) -> Any:
        value = figure.get(key) if hasattr(figure, "get") else None
        return None if value is None or pd.isna(value) else value

    sentence = get("sentence") or ""
    base, start, end = get("sentence_start"), get("start"), get("end")
    if base is not None and start is not None and end is not None:
        spans = [(int(start) - int(base), int(end) - int(base))]
    else:
        surface = get("surface")
        at = sentence.find(surface) if surface else -1
        spans = [(at, at + len(surface))] if at >= 0 else []
    return highlight(sentence, spans, css_class=css_class)


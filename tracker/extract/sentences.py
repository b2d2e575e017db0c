"""Split text into sentences with character offsets into the text as given.

Lines (paragraphs) are split first, then each line by sentencex, whose output is mapped back
to offsets so that ``text[start:start + len(sentence)] == sentence`` always holds.

sentencex (1.0.32) panics, with a Rust ``PanicException`` (a ``BaseException``), on a
multi-byte space after a lone capital and a period ("A\\u00a0."), and cannot take a lone
surrogate at all. So it is given a copy of the line written one character for one: every
non-ASCII white space becomes " " and every lone surrogate "\\ufffd". Python indexes a str by
code point, so an offset into the copy is the same offset into the line. Should the segmenter
still fail on a line, that line is split by a plain regex instead.

>>> [(s, t) for s, t in split_sentences("Troops left. Tanks stayed.\\nA new line")]
[(0, 'Troops left.'), (13, 'Tanks stayed.'), (27, 'A new line')]
>>> list(split_sentences("Company A\\u00a0. It has 300 troops."))
[(0, 'Company A\\xa0.'), (12, 'It has 300 troops.')]
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from sentencex import segment

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# What the segmenter must not see: non-ASCII white space (it slices those by byte) and lone
# surrogates (they cannot be encoded as UTF-8). Each is replaced by one character.
_UNSAFE = re.compile(r"[^\S\x00-\x7f]|[\ud800-\udfff]")
# The fallback: a sentence ends after . ! ? (and closing quotes or brackets) before white space.
_SIMPLE = re.compile(r"[^.!?]*(?:[.!?]+[\"'”’)\]]*(?=\s|$)|[.!?]+|$)")


def _safe_copy(line: str) -> str:
    """``line`` with each character the segmenter cannot take replaced by one it can."""
    if line.isascii():  # both kinds are non-ASCII; isascii() costs nothing
        return line
    return _UNSAFE.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else " ", line)


def _simple_pieces(line: str) -> list[str]:
    """Sentences of a line by punctuation alone; never fails."""
    return [m.group(0) for m in _SIMPLE.finditer(line) if m.group(0)]


def _pieces(line: str) -> list[str]:
    try:
        return list(segment("en", line))
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # a Rust panic is a BaseException: use the plain splitter
        return _simple_pieces(line)


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield (start, sentence) for each sentence, stripped of surrounding whitespace."""
    for line in _LINE.finditer(text):
        base = line.start()
        chunk = line.group(0)
        safe = _safe_copy(chunk)  # same length as chunk: offsets into it hold for chunk
        pos = 0
        for piece in _pieces(safe):
            piece = piece.strip()
            if not piece:
                continue
            at = safe.find(piece, pos)
            if at < 0:  # the segmenter changed the text: fall back to the rest of the line
                rest = chunk[pos:].strip()
                if rest:
                    yield base + chunk.index(rest, pos), rest
                break
            yield base + at, chunk[at:at + len(piece)]
            pos = at + len(piece)

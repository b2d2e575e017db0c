"""Split text into sentences with character offsets into the text as given.

Lines (paragraphs) are split first, then each line by sentencex, whose output is mapped back
to offsets so that ``text[start:start + len(sentence)] == sentence`` always holds.

>>> [(s, t) for s, t in split_sentences("Troops left. Tanks stayed.\\nA new line")]
[(0, 'Troops left.'), (13, 'Tanks stayed.'), (27, 'A new line')]
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from sentencex import segment

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield (start, sentence) for each sentence, stripped of surrounding whitespace."""
    for line in _LINE.finditer(text):
        base = line.start()
        chunk = line.group(0)
        pos = 0
        for piece in segment("en", chunk):
            piece = piece.strip()
            if not piece:
                continue
            at = chunk.find(piece, pos)
            if at < 0:  # the segmenter changed the text: fall back to the rest of the line
                rest = chunk[pos:].strip()
                if rest:
                    yield base + chunk.index(rest, pos), rest
                break
            yield base + at, piece
            pos = at + len(piece)

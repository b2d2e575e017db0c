"""Figures in news text: text in, one row per figure out.

Per sentence (tracker.extract.sentences), the stages of tracker.extract.stages fill in one
:class:`~tracker.extract.mention.Mention` record per figure, in order: ``numbers`` finds every
number; ``non_figures`` drops dates, times, ordinals, codes, labels, names with digits and phone
numbers; ``units`` reads what each number counts (percent, currency, measure, counted noun
phrase) and its category; ``ranges`` joins ranges and drops scores, years and numbers that are
no figure with their unit; ``bounds`` reads the qualifier ("about", "up to", "more than");
``change`` the change reported; ``money_objects`` what money is for; ``carried_units`` gives a
bare number the unit of the figure before it. Then the document stages of
tracker.extract.document read the whole article: a bare number's unit from context, who states
each figure, whose it is and to whom, what exactly it counts (subtype), how it relates to other
figures (role), the date it refers to (as_of), and the figures derived from others ("14
battalions, each of about 800 troops" -> 11,200 troops). What each category does in these rules
is data: lexicons/categories.csv.

A row is built from its Mention and the document's metadata over tracker.schema.COLUMNS
(:func:`figure_rows`). Nothing here raises on odd text: a number the rules cannot read is left out.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

import pandas as pd

from tracker.extract import parallel
from tracker.extract.context import SentenceContext
from tracker.extract.document import DocumentContext, run_document
from tracker.extract.lexicon import Lexicon, load_lexicon
from tracker.extract.mention import Mention
from tracker.extract.numbers import has_number_hint, within_limits
from tracker.extract.stages import run_stages
from tracker.schema import COLUMNS, figure_id, to_frame
from tracker.extract.sentences import split_sentences

Figure = Mention  # the old name, until every caller says Mention


# ---------------------------------------------------------------------------------------------
# Public API


def extract_figures(text, *, doc_id=None, source=None, published=None, url=None, title=None) -> pd.DataFrame:
    """Every figure in ``text`` as a DataFrame, one row per figure.

    Parameters
    ----------
    text : str
        The article (or any text). Offsets in the result index it as given.
    doc_id, source, published, url, title : str, optional
        Copied into every row. ``source`` is the outlet that published the text.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`tracker.schema.COLUMNS`, in that order, with those dtypes;
        an empty frame has them too.

    Raises
    ------
    TypeError
        If ``text`` is bytes (decode it first). None or NaN give an empty frame, any other
        value is read as ``str(text)``.

    Examples
    --------
    >>> df = extract_figures("The US offered Ukraine a loan guarantee of up to $1bn.")
    >>> df[["surface", "value", "high", "unit", "category", "actor"]].to_dict("records")
    [{'surface': '$1bn', 'value': 1000000000.0, 'high': 1000000000.0, 'unit': 'USD', 'category': 'money', 'actor': 'us'}]
    """
    return to_frame(figure_rows(text, doc_id=doc_id, source=source, published=published, url=url, title=title))


def figure_rows(text, *, doc_id=None, source=None, published=None, url=None, title=None) -> list[dict]:
    """The rows of :func:`extract_figures` as plain dicts (for streaming and batching): each
    has the keys of tracker.schema.COLUMNS, in order, and is built from its Mention (see
    :func:`_row`)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    if isinstance(text, (bytes, bytearray, memoryview)):  # str() of bytes is "b'...'": offsets into nothing
        raise TypeError("text is bytes: decode it first, e.g. text.decode('utf-8')")
    text = str(text)
    if not has_number_hint(text):
        return []  # no digit and no number word: no figure
    meta = {"doc_id": _opt(doc_id), "source": _opt(source), "published": _opt(published),
            "title": _opt(title), "url": _opt(url)}
    rows = []
    largest = load_lexicon().largest_value
    plan = _row_plan(COLUMNS)
    template = plan.empty.copy()  # every column, in order, the document's metadata filled in
    template.update(meta)
    for sentence_start, sentence, figures in _figures_by_sentence(text, meta["published"]):
        for fig in figures:
            if not within_limits(fig.value, fig.low, fig.high, largest=largest):
                continue  # numbers were checked; this holds for whatever is computed from them
            rows.append(_row(plan, template, fig, text, sentence_start, sentence))
    return rows


#: The columns that say where a mention stands in its document: computed, not copied.
_PLACE_COLUMNS = ("figure_id", "start", "end", "surface", "sentence", "sentence_start")
#: The columns that are the document's metadata: the keyword arguments of figure_rows.
_META_COLUMNS = ("doc_id", "source", "published", "title", "url")
_MENTION_FIELDS = frozenset(f.name for f in fields(Mention))


class _RowPlan(NamedTuple):
    columns: dict[str, str]  # the columns it is for (tracker.schema.COLUMNS)
    empty: dict  # every column, in order, None
    fields: tuple[str, ...]  # the columns copied from the Mention field of the same name
    get: Callable  # the values of those fields of a Mention, as a tuple
    floats: tuple[str, ...]  # those of them that are float64 (never an int, which Parquet would fit in int64)


_PLANS: list[_RowPlan] = []  # the plan for the columns last asked for


def _row_plan(columns: dict[str, str]) -> _RowPlan:
    """How to build a row for ``columns``: which come from the document, which say where the
    mention stands, and which are Mention fields (all the others: a column no field gives is an
    error here, not a null in every row). Made once for a dict of columns."""
    if _PLANS and _PLANS[0].columns is columns:
        return _PLANS[0]
    missing = [n for n in _META_COLUMNS + _PLACE_COLUMNS if n not in columns]
    copied = tuple(n for n in columns if n not in _META_COLUMNS and n not in _PLACE_COLUMNS)
    missing += [n for n in copied if n not in _MENTION_FIELDS]
    if missing:
        raise ValueError(f"tracker.schema.COLUMNS: no Mention field or place in the document gives {missing}")
    get = attrgetter(*copied) if len(copied) != 1 else (lambda m: (getattr(m, copied[0]),))
    floats = tuple(n for n in copied if columns[n] == "float64")
    _PLANS[:] = [_RowPlan(columns, dict.fromkeys(columns), copied, get, floats)]
    return _PLANS[0]


def _row(plan: _RowPlan, template: dict, mention: Mention, text: str, sentence_start: int, sentence: str) -> dict:
    """One row: ``template`` (every column, in order, the document's metadata filled in) with
    where the mention stands in the document, and for every other column the Mention field of
    its name."""
    start, end = sentence_start + mention.start, sentence_start + mention.end
    row = template.copy()
    row.update(zip(plan.fields, plan.get(mention)))
    row["figure_id"] = figure_id(row["doc_id"], start, end, mention.derived)
    row["start"], row["end"], row["surface"] = start, end, text[start:end]
    row["sentence"], row["sentence_start"] = sentence, sentence_start
    for name in plan.floats:
        row[name] = _float(row[name])
    return row


def extract_corpus(documents: Iterable[Mapping] | pd.DataFrame, *, workers: int | None = None) -> pd.DataFrame:
    """Figures of many documents (dicts with ``text`` and optional metadata: ``doc_id``,
    ``source``, ``published``, ``url``, ``title``; or a frame with those columns) in one frame.

    A corpus of more than 64 documents is shared among ``workers`` worker processes, 64
    documents at a time. By default that is one per CPU this process may use
    (:func:`tracker.extract.parallel.usable_cpus`), on Linux, in a process that is not itself
    a worker of multiprocessing or concurrent.futures; elsewhere, with ``workers=1``, or for
    64 documents or fewer, the corpus stays in this process. The frame is the same either
    way, rows in input order. The workers are forked from this process once it has loaded the
    lexicons, so they start with them and run none of the caller's code. Where forking is not
    safe (another thread running, as in a notebook or a web app; a daemon process; no fork on
    this system) the corpus is done in this process, with a ``RuntimeWarning`` if ``workers``
    asked for more than one. An error the extractor raises on a document is raised here
    either way, the rest of the work cancelled; a worker process that dies raises
    ``concurrent.futures.process.BrokenProcessPool``. For a corpus in files, with a report
    per failed document, use ``python -m tracker extract``.

    Raises
    ------
    TypeError
        If a document is not a dict (a plain string: pass ``{"text": t}``) or its text is bytes.
    ValueError
        If a document has no ``text`` key (a ``text`` of None has no figures), or ``workers``
        is not a whole number of at least 1.
    """
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise ValueError(f"workers must be a whole number of at least 1, not {workers!r}")
    payloads = _payloads(documents)
    chunks = [payloads[i:i + _CHUNK] for i in range(0, len(payloads), _CHUNK)]
    asked = workers
    if workers is None:
        workers = parallel.usable_cpus() if parallel.forks_by_default() else 1
    if workers > 1 and len(chunks) > 1 and parallel.can_fork(warn=asked is not None):
        warm_up()
        return to_frame(_rows_in_workers(chunks, workers))
    return to_frame([row for rows in map(_chunk_rows, chunks) for row in rows])


def _payloads(documents) -> list[tuple]:
    """(text, doc_id, source, published, url, title) of each document, or why one cannot be read."""
    if isinstance(documents, pd.DataFrame):
        if "text" not in documents.columns:
            raise ValueError(f"extract_corpus: the frame has no 'text' column (its columns: "
                             f"{', '.join(map(str, documents.columns)) or 'none'})")
        documents = documents.to_dict("records")
    elif isinstance(documents, (str, bytes)) or isinstance(documents, Mapping):
        kind = type(documents).__name__
        raise TypeError(f"extract_corpus takes a list of documents, not one {kind}: "
                        f"extract_figures reads one text, extract_corpus([{{'text': ...}}, ...]) many")
    payloads = []
    for number, doc in enumerate(documents):
        if not isinstance(doc, Mapping):
            raise TypeError(f"extract_corpus: document {number} is a {type(doc).__name__}, not a dict "
                            f"with 'text' (for a list of texts: [{{'text': t}} for t in texts])")
        if "text" not in doc:
            raise ValueError(f"extract_corpus: document {number} has no 'text' (its keys: "
                             f"{', '.join(map(str, doc)) or 'none'})")
        payloads.append(tuple(doc.get(k) for k in _CORPUS_KEYS))
    return payloads


def _rows_in_workers(chunks: list[list[tuple]], workers: int) -> list[dict]:
    """The rows of every chunk, found in forked worker processes, in order."""
    return [row for rows in parallel.map_in_workers(_chunk_rows, chunks, workers) for row in rows]


#: What :func:`warm_up` reads: a figure, a unit, a source, a date, a verb form and money.
_WARM_TEXT = "On Monday officials said 300 Russian troops had seized the town; the EU pledged \u20ac50m."


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load what the extractor loads on first use (lexicons, word tables, patterns); once per
    process. Called before worker processes are forked, each starts with it, sharing its
    memory, instead of loading it again."""
    _chunk_rows([(_WARM_TEXT, None, None, None, None, None)])


_CORPUS_KEYS = ("text", "doc_id", "source", "published", "url", "title")
_CHUNK = 64  # documents a worker is sent at a time


def _chunk_rows(chunk: list[tuple]) -> list[dict]:
    """The figure rows of a chunk of documents, (text, doc_id, source, published, url, title) each."""
    rows: list[dict] = []
    for text, doc_id, source, published, url, title in chunk:
        rows.extend(figure_rows(text, doc_id=doc_id, source=source, published=published, url=url, title=title))
    return rows


def _float(value) -> float | None:
    """A bound as a float (never an int, which Parquet would have to fit in int64), or None."""
    return None if value is None else float(value)


def _opt(value) -> str | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


# ---------------------------------------------------------------------------------------------
# Sentences


def _figures_by_sentence(text: str, published: str | None = None):
    """(sentence_start, sentence, figures) for each sentence with figures: the sentence stages
    (tracker.extract.stages) on each sentence, then the document stages
    (tracker.extract.document) over them all: context units, sources, actors, subtypes, roles,
    dates, derived figures."""
    lex = load_lexicon()
    sentences = [(sentence_start, sentence, figures_in_sentence(sentence, lex))
                 for sentence_start, sentence in split_sentences(text)]
    run_document(DocumentContext(text, lex, sentences, published))
    for sentence_start, sentence, figures in sentences:
        if figures:
            yield sentence_start, sentence, figures


# ---------------------------------------------------------------------------------------------
# One sentence


def figures_in_sentence(sentence: str, lex: Lexicon | None = None) -> list[Mention]:
    """The figures of one sentence, offsets relative to it (no attribution, no actors): what the
    stages of :data:`tracker.extract.stages.STAGES` make of it."""
    return run_stages(SentenceContext(sentence, lex or load_lexicon()))

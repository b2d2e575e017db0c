"""The document part of the extractor: stages that read a whole article at once.

The sentence stages (tracker.extract.stages) read each sentence alone. What a figure claims
often lies in another sentence: who states it, whose it is, what a bare number counts ("Of
these, 310 ..."), the date it refers to. Those are read here, by document stages: functions
``stage(doc) -> None`` over a :class:`DocumentContext` that fill in the Mentions of every
sentence in place.

=============  =============================================================================
stage          its job
=============  =============================================================================
counted        a bare number's unit and category from its list, its sentence or the one before;
               the category a context word sets ("destroyed", "fled") (tracker.extract.counted)
sources        who states each figure, across sentences (tracker.extract.accounts)
actors         whose troops, losses or money each figure counts, and who receives it
               (tracker.extract.actors)
subtypes       what exactly is counted within the category: killed, loan, destroyed, ...
               (tracker.extract.subtypes)
roles          how a figure relates to others: part, increment, per_unit, rate, cumulative
               (tracker.extract.roles)
dates          the date a figure refers to, resolved against ``published`` (tracker.extract.dates)
derived        figures computed from others: "14 battalions, each of 800 troops" -> 11,200
=============  =============================================================================

Why this order: the unit and category come first, since actors, subtypes and roles read them;
sources before actors, since whose losses a figure counts depends on who claims them; derived
figures last, so that they take what their parts were given.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tracker.extract.accounts import assign_sources
from tracker.extract.actors import assign_actors, carry_actors
from tracker.extract.attribution import find_actor_mentions
from tracker.extract.counted import counted
from tracker.extract.dates import dates
from tracker.extract.derived import derive_figures
from tracker.extract.lexicon import Lexicon
from tracker.extract.mention import Mention
from tracker.extract.roles import roles
from tracker.extract.subtypes import subtypes


@dataclass
class DocumentContext:
    """One article as the document stages see it."""

    text: str
    lex: Lexicon
    #: (sentence_start, sentence, figures) for every sentence, in order; figures relative to it.
    sentences: list[tuple[int, str, list[Mention]]]
    published: str | None = None  # ISO date of the article, if known
    #: Per sentence, the source that states its own figures (set by :func:`sources`).
    own_sources: list = field(default_factory=list)
    #: Per sentence, the names of actors in it (set by :func:`sources`, which reads them first).
    actor_mentions: list = field(default_factory=list)


def sources(doc: DocumentContext) -> None:
    """Stage: who states each figure (tracker.extract.accounts)."""
    doc.actor_mentions = [find_actor_mentions(sentence, doc.lex) for _, sentence, _ in doc.sentences]
    doc.own_sources = assign_sources(doc.sentences, doc.text, doc.lex, doc.actor_mentions)


def actors(doc: DocumentContext) -> None:
    """Stage: whose each figure is, in its sentence and then across sentences (tracker.extract.actors)."""
    for (_, sentence, figures), source, mentions in zip(doc.sentences, doc.own_sources, doc.actor_mentions):
        if figures:
            assign_actors(sentence, figures, source, doc.lex, mentions)
    carry_actors([(sentence, figures, source) for (_, sentence, figures), source in zip(doc.sentences, doc.own_sources)],
                 doc.lex, doc.actor_mentions)


_COPIED_TO_DERIVED = ("attributed_to", "attribution_text", "attributed_kind", "attributed_country",
                      "as_of", "as_of_precision", "as_of_text")

#: Roles a product keeps from the count it multiplies (a rate or a per-unit figure times a count
#: is neither).
_ROLES_OF_PRODUCTS = frozenset({"increment", "part", "cumulative"})


def derived(doc: DocumentContext) -> None:
    """Stage: the figures computed from others in a sentence, stated by whoever states the
    count they multiply and dated as it is ("a further 14 battalions, each of about 800 troops")."""
    for _, sentence, figures in doc.sentences:
        if not figures:
            continue
        by_start = {m.start: m for m in figures if not m.derived}
        for made in derive_figures(sentence, figures):
            parent = by_start.get(made.start, figures[0])
            for name in _COPIED_TO_DERIVED:
                setattr(made, name, getattr(parent, name))
            if parent.role in _ROLES_OF_PRODUCTS:
                made.role = parent.role  # "a further 14 battalions of 800": a further 11,200 troops
            figures.append(made)


#: A document stage: fills in the Mentions of a DocumentContext in place.
DocumentStage = Callable[[DocumentContext], None]

#: The document stages, in the order they run.
DOCUMENT_STAGES: tuple[DocumentStage, ...] = (counted, sources, actors, subtypes, roles, dates, derived)


def run_document(doc: DocumentContext, stages: Sequence[DocumentStage] = DOCUMENT_STAGES) -> None:
    """Run ``stages`` over ``doc`` in order (nothing to do when no sentence has figures)."""
    if not any(figures for _, _, figures in doc.sentences):
        return
    for stage in stages:
        stage(doc)

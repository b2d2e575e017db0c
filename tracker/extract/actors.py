"""Whose troops, equipment, money or people a figure counts (its actor), within one sentence.

The figure's own noun phrase ("14 Russian battalions"), a possessive right before it ("Russia's
100,000 troops"), the subject of its clause ("Washington backed ..."), or the source speaking of
itself ("Poland said it would move 10,000 soldiers"); then, across sentences, the roles the
names around a figure play (carry_actors, lexicons/actor_roles.toml). The actor words come
from lexicons/entities.csv (see tracker.extract.attribution.find_actor_mentions).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from tracker.extract.lazy import Lazy as _Lazy
from tracker.extract.attribution import Attribution, find_actor_mentions
from tracker.extract.entities import lookup
from tracker.extract.lexicon import Lexicon, alternation, read_toml
from tracker.extract.words import STOP, is_verb_only

_PREPOSITION_BEFORE_ACTOR = re.compile(
    r"\b(?:to|with|from|against|into|towards|toward|near|in|on|inside|across|for|at|of)\s+(?:the\s+)?$", re.I
)
_WORD_AFTER = re.compile(r"\s+(?:(?:also|already|now|reportedly|then)\s+)?([a-z]+)\b")


def _verb_follows(s: str, end: int) -> bool:
    """A verb right after an actor makes it a clause's subject: "Canada will lend",
    "Washington backed"; not "Ukrainian loans" (a noun that could be a verb)."""
    m = _WORD_AFTER.match(s, end)
    return bool(m) and (m.group(1) in STOP and m.group(1) in _AUXILIARIES or is_verb_only(m.group(1)))


_AUXILIARIES = frozenset("has have had will would could may might is are was were does did".split())
_SUBORDINATE_BEFORE = re.compile(r"\b(?:after|when|since|because|as|while|if|before|until|once|although|though|"
                                 r"whereas|unless|that)\s+(?:the\s+)?$", re.I)


def assign_actors(s: str, figures: list, attribution: Attribution | None, lex: Lexicon,
                  mentions: list | None = None) -> None:
    all_mentions = find_actor_mentions(s, lex) if mentions is None else mentions
    mentions = all_mentions
    if not mentions:
        return
    if attribution is not None:
        mentions = [m for m in mentions if not (attribution.start <= m[0] < attribution.end)]
    # What does not depend on the figure is read once per mention, and each figure looks only at
    # the mentions before it (by bisection), so that many figures and actors stay linear.
    ends = [end for _, end, _ in mentions]

    def read_subjects():
        free = [not _PREPOSITION_BEFORE_ACTOR.search(s[max(0, start - 20):start]) for start, _, _ in mentions]
        last_subject: list[int] = []  # index of the last subject among mentions[:i + 1], or -1
        for i, ((start, end, _), ok) in enumerate(zip(mentions, free)):
            is_subject = ok and _verb_follows(s, end) and not _SUBORDINATE_BEFORE.search(s[max(0, start - 25):start])
            last_subject.append(i if is_subject else (last_subject[-1] if last_subject else -1))
        return last_subject, next((i for i, ok in enumerate(free) if ok), None)

    subjects = _Lazy(read_subjects)  # (last_subject, first_free), read when a figure needs them
    by_start = _Lazy(lambda: {start: a for start, _, a in reversed(mentions)})
    pronoun = _Lazy(lambda: _SELF_PRONOUN.search(s, attribution.end) if attribution is not None else False)
    for fig in figures:
        head_start = fig.head_start
        # 1. In the figure's own noun phrase: "14 Russian battalions".
        at = bisect_left(mentions, (fig.start,))
        stop = bisect_left(mentions, (fig.end,))
        inside = [a for start, end, a in mentions[at:stop] if head_start is None or start >= head_start]
        if inside:
            # The name nearest the counted noun, the most particular ("300 Russian Wagner
            # fighters" are Wagner's); "300 Ukrainian and Russian troops", a mixed total, no one's.
            fig.mixed = _joined(s, mentions, at, stop)
            fig.actor = None if fig.mixed else inside[-1]
            continue
        named = find_actor_mentions(fig.object, lex) if fig.object and head_start is None else []
        if named:  # "the number of Russian troops has risen to 148,000"
            fig.actor = named[0][2]
            continue
        n_before = bisect_right(ends, fig.start)  # mentions[:n_before] end before the figure
        # 2. Right before it, as a possessive: "Russia's 100,000 troops", "Nato's 40,000".
        if head_start is not None:
            near = [a for start, end, a in mentions[max(0, n_before - 3):n_before]
                    if fig.start - end <= 80 and _POSSESSIVE_GAP.fullmatch(s, end, fig.start)]
            if near:
                fig.actor = near[-1]
                continue
        # 3. The subject of the clause: the last actor before the figure that a verb follows
        #    ("Washington backed ...", "Canada will lend Ukraine ...") and that no subordinate
        #    clause ("after Russia annexed Crimea") or preposition holds; else the first actor
        #    that is not the object of a preposition ("the US offered Ukraine ... $1bn").
        if n_before:
            last_subject, first_free = subjects()
            if last_subject[n_before - 1] >= 0:
                fig.actor = mentions[last_subject[n_before - 1]][2]
                continue
            if first_free is not None and first_free < n_before:
                fig.actor = mentions[first_free][2]
                continue
        # 4. "Poland said it would move 10,000 soldiers": the source speaks of itself.
        if attribution is not None and pronoun() and pronoun().end() <= fig.start:
            own = [a for start, end, a in all_mentions if attribution.start <= start < attribution.end]
            if own:
                fig.actor = own[0]
                continue
        # 5. Money pledged by whoever announces it: "Germany announced a new €2.7bn package".
        if fig.category == "money" and attribution is not None and attribution.start == 0:
            own = [a for start, end, a in all_mentions if start < attribution.end]
            if own:
                fig.actor = own[0]
                continue
        if fig.category == "money":
            m = _FROM_AFTER.match(s, fig.end)
            if m and m.end() in by_start():
                fig.actor = by_start()[m.end()]


def _joined(s: str, mentions: list, lo: int, hi: int) -> bool:
    """Whether two of ``mentions[lo:hi]`` next to each other name different actors joined by
    "and", "or" or "&" ("Ukrainian and Russian", "Turkey and Syria")."""
    return any(a[2] != b[2] and _AND.fullmatch(s, a[1], b[0]) for a, b in zip(mentions[lo:hi], mentions[lo + 1:hi]))


_AND = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+(?:the\s+)?", re.I)
_SELF_PRONOUN = re.compile(r"\b(?:it|we|they)\b")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}")
_FROM_AFTER = re.compile(r"[^.;]{0,60}?\bfrom\s+(?:the\s+)?")



# ---------------------------------------------------------------------------------------------
# Across sentences: whose a figure is when its sentence does not say


@dataclass(frozen=True)
class _Roles:
    victim_categories: frozenset
    act_units: frozenset
    captive_units: frozenset
    recipient_categories: frozenset
    acted_on_categories: frozenset
    force_categories: frozenset
    agent_after_re: re.Pattern
    force_after_re: re.Pattern
    force_loses_re: re.Pattern
    agent_verb_re: re.Pattern
    location_before_re: re.Pattern
    origin_before_re: re.Pattern
    recipient_before_re: re.Pattern
    owner_before_re: re.Pattern
    given_to_re: re.Pattern
    recipient_verb_re: re.Pattern
    giving_re: re.Pattern
    gives_re: re.Pattern


@lru_cache(maxsize=1)
def _roles() -> _Roles:
    data = read_toml("actor_roles.toml")

    def before(words):  # a word right before an actor word (and an article)
        return re.compile(r"\b(?:" + alternation(words) + r")\s+(?:the\s+)?$", re.I)

    def after(words):  # a word right after an actor word, or one word later: "Russian armed forces"
        return re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:" + alternation(words) + r")\b", re.I)

    return _Roles(
        victim_categories=frozenset(data["victim_categories"]),
        act_units=frozenset(data["act_units"]),
        captive_units=frozenset(data["captive_units"]),
        recipient_categories=frozenset(data["recipient_categories"]),
        acted_on_categories=frozenset(data["acted_on_categories"]),
        force_categories=frozenset(data["force_categories"]),
        agent_after_re=after(data["agent_nouns"]),
        force_after_re=after(data["force_nouns"]),
        force_loses_re=re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:" + alternation(data["force_nouns"])
                                  + r")\s+(?:(?:have|has|had|also|reportedly|already)\s+)*(?:"
                                  + alternation(data["loss_verbs"]) + r")\b", re.I),
        agent_verb_re=re.compile(r"^(?:['’]s)?(?:\s+(?!(?:on|in|at|of|for|to|from|with|during|last|this|that|the|"
                                 r"and|or)\b)[\w-]+){0,2}?\s+(?:(?:has|have|had|is|are|was|were|will|also|reportedly|"
                                 r"allegedly)\s+)*(?:" + alternation(data["agent_verbs"]) + r")\b", re.I),
        location_before_re=before(data["location_before"]),
        origin_before_re=before(data["origin_before"]),
        recipient_before_re=before(data["recipient_before"]),
        owner_before_re=before(data["owner_before"]),
        given_to_re=before(data["double_object_verbs"]),
        giving_re=re.compile(r"\b(?:it|they|we)\s+(?:(?:will|would|is|are|has|have|had|also|plans?|planned|intends?|"
                             r"to|set|expects?|expected)\s+)*(?:" + alternation(data["giving_verbs"]) + r")\b", re.I),
        gives_re=re.compile(r"^(?:['’]s)?\s+(?:(?:will|would|is|are|has|have|had|also|plans?|planned|intends?|to|set|"
                            r"agreed|expected)\s+)*(?:" + alternation(data["giving_verbs"]) + r")\b", re.I),
        recipient_verb_re=re.compile(r"^\s+(?:(?:will|would|is|are|has|have|had|also|to|set|due)\s+)*(?:"
                                     + alternation(data["recipient_verbs"]) + r")\b", re.I),
    )


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: str
    agent: bool  # "Russian strikes": the side that strikes (not whose the dead are)
    force: bool  # "Russian troops": a side's forces (not "Russian forces lost ...": their own losses)
    by: bool  # "by Ukrainian troops": who did it
    actor_of: bool  # "Ukrainian defenders downed": whose act the figure is the object of
    location: bool  # "in Lebanon"
    origin: bool  # "from Ukraine"
    free: bool  # after no preposition: a subject, a possessive, a modifier
    recipient: bool  # "to Ukraine", "send Ukraine $400m", "Ukraine will receive"
    in_source: bool  # part of the source's name: "Ukraine's defence ministry said"
    lends: bool  # "a loan with Qatar": the other party of a loan or deal
    target: bool  # "attacked Israel", "strikes on Gaza": the side struck
    owns: bool  # "Russian assets", "Russia's central bank reserves", "belonging to Russia": whose assets
    gives: bool  # "Britain will send ...": a donor, whose money or aid it is


_ASSETS_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:assets|reserves|funds|deposits|holdings)\b", re.I)
_TARGET_BEFORE = re.compile(r"\b(?:attacked|attacking|attacks?\s+on|invaded|invading|invasion\s+of|struck|"
                            r"strikes?\s+on|bombed|shelled|war\s+on|assault\s+on|offensive\s+(?:in|on))\s+(?:the\s+)?$", re.I)
_LOAN_WITH = re.compile(r"\b(?:loans?|credit|swap|deal|agreement|facility|investment)\s+(?:[\w-]+\s+){0,3}?with\s+(?:the\s+)?$", re.I)
# "launched by Iran", "fired by Russia": whose weapons they are, not who destroyed them.
_LAUNCHED_BY = re.compile(r"\b(?:launched|fired|used|deployed|operated|sent|flown|supplied|made|built|owned)\s+by\s+(?:the\s+)?$", re.I)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)


# A dateline: "Amman, Sep. 10 (Petra) --", "BRUSSELS –", "PARIS, Feb 17 (Xinhua) —": where the
# story was filed, not whose its figures are.
_DATELINE = re.compile(r"^(?:\(?[A-Z][\w.-]*\)?[ ,]*){1,4}(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}[ ,]*)?(?:\([^)]{0,40}\)\s*)?[-–—]+\s")


def _mentions(s: str, lex: Lexicon, roles: _Roles, source: Attribution | None, found: list | None) -> list[_Mention]:
    out = []
    dateline = _DATELINE.match(s)
    for start, end, actor in (find_actor_mentions(s, lex) if found is None else found):
        if dateline and start < dateline.end():
            continue
        left = s[max(0, start - 20):start]
        by = bool(_BY_BEFORE.search(left)) and not _LAUNCHED_BY.search(left)
        ahead = s[end:end + 60]
        owned = bool(roles.owner_before_re.search(left))  # "assets belonging to Russian oligarchs"
        out.append(_Mention(
            start, end, actor,
            agent=by or bool(roles.agent_after_re.match(ahead)), by=by,
            force=bool(roles.force_after_re.match(ahead)) and not roles.force_loses_re.match(ahead),
            actor_of=bool(roles.agent_verb_re.match(ahead)),
            location=bool(roles.location_before_re.search(left)),
            origin=bool(roles.origin_before_re.search(left)),
            free=not by and (not _PREPOSITION_BEFORE_ACTOR.search(left) or bool(_OF_BEFORE.search(left))),
            recipient=not owned and bool(roles.recipient_before_re.search(left) or roles.given_to_re.search(left)
                                         or roles.recipient_verb_re.match(s[end:end + 40])),
            in_source=source is not None and source.start <= start < source.end,
            lends=bool(_LOAN_WITH.search(s, max(0, start - 50), start)),
            target=bool(_TARGET_BEFORE.search(left)),
            owns=owned or bool(_ASSETS_AFTER.match(ahead)),
            gives=bool(roles.gives_re.match(ahead)),
        ))
    return out


@dataclass
class _Seen:
    """What earlier sentences of the document said about whose figures are."""

    by_category: dict = field(default_factory=dict)  # category -> actor of its last figure
    by_unit: dict = field(default_factory=dict)  # unit -> actor of its last figure
    last: str | None = None  # actor of the last figure
    places: list = field(default_factory=list)  # actors named as places, most recent last
    topic: str | None = None  # the first actor a recent sentence is about (its subject, mostly)
    named: list = field(default_factory=list)  # actors named at all, most recent last


def carry_actors(sentences: list[tuple[str, list, Attribution | None]], lex: Lexicon,
                 found: list[list] | None = None) -> None:
    """Give each figure that its own sentence left without an actor the one its context gives,
    and check the sentence's choice against the roles actors play:

    - the dead and the displaced are whose people they are: the place they died or fled from,
      never the side whose strikes killed them ("killed by Russian strikes", "the Russian
      invasion");
    - hostages and prisoners are not whose custody they are in ("held by Hamas");
    - attacks are whose forces made them ("19 attacks by Ukrainian troops");
    - money and equipment given to someone have that someone as ``recipient``, and the donor
      as actor, carried from the account when the sentence names only the recipient;
    - otherwise the figure before it in the sentence, the last figure of its category, a name in
      its sentence, the last figure's actor, the last name before it.
    """
    roles = _roles()
    seen = _Seen()
    found = found or [None] * len(sentences)  # each sentence's find_actor_mentions, if read already
    all_named = [_mentions(s, lex, roles, source, f) for (s, _, source), f in zip(sentences, found)]
    if not any(all_named) and not any(_may_have_actor(fig) for _, figures, _ in sentences for fig in figures):
        return  # nothing names a side, nor gives one: every rule below would leave each actor None
    later = _Later(all_named)
    for k, (s, figures, source) in enumerate(sentences):
        named = _own_words(all_named[k], figures, roles)
        mentions = [m for m in named if not m.in_source]  # the source's own name is not whose
        starts = [m.start for m in mentions]
        named_starts = [m.start for m in named]
        for i, fig in enumerate(figures):
            if fig.category is not None and fig.category not in lex.categories_with_actor:  # categories.csv
                fig.actor = None
                continue
            # Only the names near a figure bear on it, and only the few figures before it: a
            # sentence of thousands of figures and names stays linear.
            near = mentions[bisect_left(starts, fig.start - _NEAR):bisect_right(starts, fig.end + _NEAR)]
            near_named = named[bisect_left(named_starts, fig.start - _NEAR):bisect_right(named_starts, fig.end + _NEAR)]
            before = figures[max(0, i - _LIST):i]
            if fig.category in roles.recipient_categories:
                fig.recipient = _recipient(fig, near) or _borrower(s, fig, near)
            if fig.mixed:
                continue  # two sides counted together (assign_actors): no context makes it one's
            if fig.category == "money" and source is not None and fig.attributed_to \
                    and roles.giving_re.search(s, max(source.start, fig.start - 80), fig.start):
                fig.actor = _side_of(fig.attributed_to)  # "the EU declared it will offer €7.4bn"
            if not _fits(fig, before, near, near_named, roles):
                fig.actor = _from_context(fig, before, near, near_named, seen, roles, later(k))
            if fig.actor is not None:
                seen.by_category[fig.category] = seen.by_unit[fig.unit] = seen.last = fig.actor
        seen.places.extend(m.actor for m in mentions if m.location and not m.agent)
        seen.named.extend(m.actor for m in named if not m.recipient)
        seen.topic = next((m.actor for m in named if m.free and not m.recipient and not m.by), seen.topic)


def _may_have_actor(fig) -> bool:
    """Whether a figure has an actor, or something of its own that gives one where its document
    names no side: its source's country, or a source that gives money."""
    return fig.actor is not None or fig.recipient is not None or fig.attributed_country is not None \
        or (fig.category == "money" and bool(fig.attributed_to))


def _own_words(named: list[_Mention], figures: list, roles: _Roles) -> list[_Mention]:
    """The names of a sentence, where a side named in the words of a count of the dead ("1,351
    Russian troops killed and 3,725 wounded") is whose the dead are, not a side that kills."""
    spans = [(f.start, f.end) for f in figures if f.category in roles.victim_categories]
    if not spans or not any(m.force or m.actor_of or m.agent for m in named):
        return named
    starts = [start for start, _ in spans]
    out = []
    for m in named:
        i = bisect_right(starts, m.start) - 1
        inside = i >= 0 and m.start < spans[i][1] and not m.by
        out.append(replace(m, force=False, actor_of=False, agent=False) if inside else m)
    return out


_NEAR = 200  # characters around a figure whose names bear on it
_LIST = 8  # figures before it that may be the list it continues


def _unit_word(fig) -> str:
    return (fig.unit or "").lower()


def _fits(fig, before: list, mentions: list[_Mention], named: list[_Mention], roles: _Roles) -> bool:
    """Whether the actor the sentence rules gave is one its roles allow."""
    if fig.actor is None:
        return False
    if fig.recipient is not None and fig.actor == fig.recipient:
        return False  # "The Ukrainians will receive 11 helicopters": the donor gives them
    if _unit_word(fig) in roles.act_units:
        makers = [m.actor for m in mentions if m.by and 0 <= m.start - fig.end < 40]
        if makers:
            return fig.actor == makers[0]  # "19 attacks by Ukrainian troops"
        if any(o.unit == fig.unit and o.actor not in (None, fig.actor) for o in before):
            return False
        if _people_of(fig.actor) is None:
            return False  # "the UN has verified 148 killings": the UN counts them, it did not commit them
        return True
    if fig.category == "money":
        lender = _lender(fig, mentions)
        if lender is not None and lender != fig.actor:
            return False  # "Argentina agreed a $775 million loan with Qatar": Qatar's money
        owner = _owner(fig, mentions)
        if owner is not None and owner != fig.actor:
            return False  # "the clearinghouse holds €173 billion of Russian assets": Russia's
    if not any(m.actor == fig.actor for m in named):
        return False  # from a dateline ("Amman, Sep. 10 --"): no party to the story
    outside = [m for m in mentions if m.actor == fig.actor and not (fig.start <= m.start < fig.end)]
    if fig.category in roles.victim_categories and _people_of(fig.actor) is None:
        return False  # "the UN said it had verified 8,231 deaths": the UN counts them, they are not its own
    if not outside:
        return True  # in the figure's own words ("45,100 Ukrainian soldiers") or its source's
    if all(_excluded(fig, m, roles) for m in outside):
        return False
    if fig.category in roles.victim_categories:
        if _people_of(fig.actor) is None:
            return False  # "the UN said 400 were killed": the UN counts them, they are not its
        fig.actor = _people_of(fig.actor)  # "the Taliban's toll": Afghanistan's dead
        if all(m.location for m in outside) and any(
                o.actor not in (None, fig.actor) and o.category == fig.category for o in before):
            return False  # "1,351 Russian troops killed and 3,725 wounded in Ukraine": Russia's
    return True


def _excluded(fig, m: _Mention, roles: _Roles) -> bool:
    """Whether a name's role rules it out as the figure's actor."""
    unit = _unit_word(fig)
    if unit in roles.act_units:
        return False  # attacks are whoever made them, "by" them too
    if m.by:
        return True  # "destroyed by drones", "captured by Ukrainian forces"
    victims = fig.category in roles.victim_categories or unit in roles.captive_units
    if m.agent and fig.category not in roles.force_categories or victims and m.force:
        return True  # "the cost of the Russian invasion", "killed by Russian troops"
    if m.actor_of and (victims or fig.category in roles.acted_on_categories) \
            and (m.end <= fig.start or fig.category == "equipment"):
        return True  # "Ukrainian defenders downed 144 targets", "Hamas set to release"
    if fig.category == "displaced" and not m.origin and m.end <= fig.start:
        return True  # "Poland has 1.1 million refugees": the host, not whose they are
    return False


def _from_context(fig, before: list, mentions: list[_Mention], named: list[_Mention], seen: _Seen,
                  roles: _Roles, ahead: list[_Mention] = ()) -> str | None:
    """Whose a figure is when its sentence's rules gave no actor, or one its roles rule out."""
    unit = _unit_word(fig)
    own = [m for m in mentions if fig.start <= m.start < fig.end and not m.agent]
    if own:
        return own[0].actor
    if unit in roles.act_units:
        makers = [m for m in mentions if m.by and 0 <= m.start - fig.end < 40]
        if makers:
            return makers[0].actor  # "19 attacks by Ukrainian troops"
    captives = unit in roles.captive_units
    victims = fig.category in roles.victim_categories or captives
    excluded = [_excluded(fig, m, roles) for m in mentions]
    usable = [m for m, out in zip(mentions, excluded) if not out and not m.recipient]
    acted_on = any(m.actor_of for m in mentions) and fig.category in roles.acted_on_categories
    ruled_out = {m.actor for m, out in zip(mentions, excluded) if out} | {fig.recipient}

    def nearest(kind):
        near = [m for m in usable if getattr(m, kind) and m.actor not in ruled_out
                and (not victims or _people_of(m.actor))]
        if not near:
            return None
        actor = min(near, key=lambda m: abs(m.start - fig.end)).actor
        return _people_of(actor) if victims else actor

    def people(actor):
        return _unless(_people_of(actor) if victims and actor else actor, ruled_out)

    def listed(gap):  # the figure before it in the sentence, if no more than ``gap`` away
        return next((o.actor for o in reversed(before) if o.actor is not None and o.actor not in ruled_out
                     and (o.category == fig.category or o.unit == fig.unit) and fig.start - o.end <= gap), None)

    def candidates():  # each rule in turn, read only as far as the first that names one
        yield nearest("origin") if victims and not captives else None  # "refugees from Ukraine"
        yield _unless(seen.by_unit.get(fig.unit), ruled_out) if captives else None  # hostages named before
        yield nearest("target") if victims else None  # "attacked Israel, killing 1,200 people"
        yield (_lender(fig, [m for m, out in zip(mentions, excluded) if not out]) or _owner(fig, mentions)
               if fig.category == "money" else None)  # "a loan from Qatar", "€173 billion of Russian assets"
        yield listed(40)  # the rest of a list: "1,351 Russian troops killed and 3,725 wounded"
        yield nearest("location") if victims and not captives or acted_on else None  # "killed in Lebanon"
        yield listed(10_000)
        yield _unless(seen.by_category.get(fig.category), ruled_out)  # the account's figures
        yield nearest("free")  # "40 percent of Russia's forces"
        yield None if victims else _unless(seen.last, ruled_out)  # the account goes on
        yield _unless(fig.attributed_country, ruled_out) if fig.attributed_kind != "media" else None
        yield people(seen.places[-1] if victims and seen.places else None)
        yield people(seen.topic)
        yield people(seen.last)
        yield nearest("location")
        yield people(next((m.actor for m in named if m.in_source), None))  # "Saudi health minister"
        # named later; a donor is not whose the dead are ("... killed. The US will send $300 million")
        yield next((a for a in (people(m.actor) for m in ahead if not (victims and m.gives)) if a is not None), None)
        yield next((a for a in reversed(seen.named[-50:]) if a not in ruled_out), None)  # the other side

    return next((actor for actor in candidates() if actor is not None), None)


_BORROWED = re.compile(r"[\w\s-]{0,40}?\b(?:loans?|arrangement|facility|programme|program|bailout|credit|"
                       r"disbursement|tranche|instalment|installment)\b", re.I)


def _borrower(s: str, fig, mentions: list[_Mention]) -> str | None:
    """"Egypt's $3 billion loan": the one who owes it, not whose money it is."""
    for m in mentions:
        if fig.start - 4 <= m.end <= fig.start and s[m.end:fig.start].strip() in ("'s", "’s") \
                and _BORROWED.match(s, fig.end):
            return m.actor
    return None


class _Later:
    """The names of the sentences after one, read when a figure has nothing nearer: at most
    _LATER of them, so that a long article without names stays linear."""

    def __init__(self, named: list[list[_Mention]]):
        plain = [[m for m in sentence if not (m.agent or m.force or m.recipient or m.by)] for sentence in named]
        self._next: list[list[_Mention]] = [[] for _ in named]
        upcoming: list[_Mention] = []
        for k in range(len(named) - 1, -1, -1):  # the first _LATER plain names after sentence k
            self._next[k] = upcoming
            if plain[k]:
                upcoming = (plain[k] + upcoming)[:_LATER]

    def __call__(self, k: int) -> list[_Mention]:
        return self._next[k]


_LATER = 8


def _owner(fig, mentions: list[_Mention]) -> str | None:
    """Whose assets or reserves a sum is: "€173 billion in funds linked to sanctioned Russian
    assets", "$300 billion of Russia's reserves" (not whoever holds or froze them)."""
    for m in mentions:
        if m.start < fig.end:
            continue
        if m.recipient or m.start - fig.end >= 80:
            break  # "a loan to Ukraine backed by profits from Russian assets": not Russia's loan
        if m.owns:
            return m.actor
    return None


def _side_of(name: str | None) -> str | None:
    entity = lookup(name) if name else None
    return entity.side if entity is not None else None


def _lender(fig, usable: list[_Mention]) -> str | None:
    """"$775 million from Qatar", "a $1 billion loan with Qatar": who lends or pays."""
    for m in usable:
        if m.start < fig.end:
            continue
        if m.recipient or m.start - fig.end >= 80:
            break  # "a €35 billion loan to Ukraine backed by profits from Russian assets": the EU's
        if m.origin or m.lends:
            return m.actor
    return None


def _people_of(actor: str | None) -> str | None:
    """Whose people the dead and displaced are when a body is named: its country ("the
    Taliban's toll" -> afghanistan); an international body has none."""
    if actor is None:
        return None
    entity = lookup(actor)
    if entity is None or entity.kind != "body":
        return actor
    return entity.country


def _unless(actor: str | None, ruled_out: set) -> str | None:
    return None if actor in ruled_out else actor


def _recipient(fig, mentions: list[_Mention]) -> str | None:
    """Who receives money or aid: "to Ukraine" after it, "Ukraine will receive" before it."""
    after = [m for m in mentions if m.recipient and m.start >= fig.end and m.start - fig.end < 120]
    if after:
        return after[0].actor
    before = [m for m in mentions if m.end <= fig.start]
    # Only the last name before it: "into Russia's Kursk region, the Russian military lost 3,000
    # pieces of equipment" names a place, then the owner.
    return before[-1].actor if before and before[-1].recipient else None

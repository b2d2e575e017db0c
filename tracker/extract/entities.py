"""Named entities: who a source phrase names, and every entity a text mentions.

Pure functions over strings. The names come from lexicons/entities.csv (one row per alias:
canonical name, kind, country, side) and the words that read a source phrase from
lexicons/entity_words.toml; both are loaded once per process.

>>> resolve_source("Kremlin spokesman Dmitry Peskov")
Entity(name='dmitry peskov', kind='person', country='russia', side=None)
>>> resolve_source("a senior Nato official").name, resolve_source("officials in Kyiv").name
('nato', 'ukraine')
>>> resolve_source("Ukrainian military spokesman Serhiy Bratchuk")
Entity(name='serhiy bratchuk', kind='person', country='ukraine', side=None)
>>> is_media("told the BBC"), resolve_source("the report")
(True, None)

How :func:`resolve_source` reads a phrase, in order:

1. The whole phrase (without "the", "a") is a canonical name: that entity.
2. The phrase names a person of the lexicon: that person, even beside their organisation
   ("Kremlin spokesman Dmitry Peskov" is Peskov).
3. The words outside the known aliases hold a personal name (capitalised words, at least one
   not an English word, not a title or job word): a person of that name, lower case, titles
   dropped, country from the phrase ("Ukrainian military spokesman Serhiy Bratchuk").
4. Otherwise the longest alias of a body or outlet, else the first country. Only titles, job and "official" words beside it ("a
   Pentagon spokesman", "Ukrainian officials") leave it that entity. Other words beside a
   country make a body of that country ("Japan's Ministry of Defense" is the body "japan
   ministry of defence", country and side japan); beside a body they are dropped.
5. No alias and no personal name: a body named by the phrase itself, lower case, one space,
   leading articles and modifiers ("a senior") dropped, British spellings ("Western
   officials" is "western officials"). A phrase of only words like "report", "statement",
   "officials" or titles ("the president") names nobody (None).

The name a phrase gets is stable: ``resolve_source(e.name).name == e.name``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.lexicon import EntityRow, alternation, entity_aliases, read_toml
from tracker.extract.trie import PhraseMatcher
from tracker.extract.words import lemmas

KINDS = ("person", "body", "country", "media")


@dataclass(frozen=True)
class Entity:
    name: str  # canonical, lower case
    kind: str  # person | body | country | media
    country: str | None  # the state it belongs to; None for international ones
    side: str | None  # whose troops, money or losses it stands for as a figure's actor


@dataclass(frozen=True)
class _Index:
    forms: dict[str, Entity | None]  # a form as written -> entity (None: not an entity)
    pattern: PhraseMatcher
    folded: dict[str, Entity | None]  # lower-case form -> entity, for phrases in lower case
    folded_pattern: PhraseMatcher
    by_name: dict[str, Entity]
    words: dict[str, str]  # lower-case word or phrase -> title | official | modifier | none
    words_max: int
    body_words: frozenset[str]
    place_bodies: frozenset[str]  # body words that make one unknown name before them no person
    unnamed_speakers: frozenset[str]  # so do these ("Arab diplomats")
    given_names: frozenset[str]
    particles: frozenset[str]
    spellings: dict[str, str]  # a word -> its British spelling, or a phrase -> its one form
    spelling_re: re.Pattern


def _entity(row: EntityRow | None) -> Entity | None:
    return None if row is None else Entity(row.name, row.kind, row.country, row.side)


@lru_cache(maxsize=1)
def _index() -> _Index:
    table = entity_aliases()
    rules = read_toml("entity_words.toml")
    entities: dict[EntityRow, Entity] = {}
    forms = {}
    for form, row in table.forms.items():
        forms[form] = None if row is None else entities.setdefault(row, _entity(row))
    by_name = {e.name: e for e in entities.values()}
    case_only = set(rules["case_only"])
    # Lower-case phrases ("us official", "pentagon") are read against every alias in lower
    # case, but for those that are everyday words and those that need "the" before them.
    # Canonical names read as their entity too ("uk ministry of defence", "ukraine").
    folded: dict[str, Entity | None] = {name: e for name, e in by_name.items() if name not in case_only}
    for form, entity in forms.items():
        key = _space(form).lower()
        if form in table.guarded or key in case_only:
            continue
        # Two forms may differ only in case ("ANI", "Ani"); in lower case the first stays.
        folded.setdefault(key, entity)
    words: dict[str, str] = {}
    for kind in ("modifier", "official", "title"):  # a title wins over a modifier
        for word in rules[{"title": "titles", "official": "official_words", "modifier": "modifiers"}[kind]]:
            words[word.lower()] = kind
    for word in rules["not_entities"]:
        words.setdefault(word.lower(), "none")
    spellings = {**rules["spellings"], **rules["name_forms"]}
    body_words = frozenset(w.lower() for w in rules["body_words"])
    return _Index(
        forms=forms,
        pattern=table.pattern,
        folded=folded,
        folded_pattern=PhraseMatcher(folded),
        by_name=by_name,
        words=words,
        words_max=max(len(w.split()) for w in words),
        body_words=body_words,
        place_bodies=body_words - frozenset(rules["personal_bodies"]),
        unnamed_speakers=frozenset(rules["unnamed_speakers"]),
        given_names=frozenset(rules["given_names"]),
        particles=frozenset(rules["name_particles"]),
        spellings=spellings,
        spelling_re=re.compile(r"\b(?:" + alternation(spellings) + r")\b"),
    )


_SPACE = re.compile(r"\s+")


def _space(text: str) -> str:
    return _SPACE.sub(" ", text)


def find_entities(text: str) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) for every alias in a text, in order, longest first, none
    overlapping; a possessive "'s" after an alias is not part of its span.

    >>> [(text[s:e], ent.name) for text in ["Britain's Ministry of Defence and Nato’s chief"]
    ...  for s, e, ent in find_entities(text)]
    [("Britain's Ministry of Defence", 'uk ministry of defence'), ('Nato', 'nato')]
    """
    return [(s, e, entity) for s, e, entity in _scan(text, cased=True) if entity is not None]


def _scan(text: str, cased: bool) -> list[tuple[int, int, Entity | None]]:
    """Every alias and not-entity phrase (entity None) in a text; ``cased=False`` reads a text
    in lower case against the aliases in lower case."""
    idx = _index()
    forms, pattern = (idx.forms, idx.pattern) if cased else (idx.folded, idx.folded_pattern)
    found = []
    for m in pattern.finditer(text):
        key = m.group(0)
        if key not in forms:
            key = _space(key)
        if key in forms:
            found.append((m.start(), m.end(), forms[key]))
    return found


def lookup(alias: str) -> Entity | None:
    """The entity of an alias or canonical name written alone ("UK MoD", "nato"), or None."""
    idx = _index()
    alias = _space(alias.strip())
    return idx.forms.get(alias) or idx.by_name.get(alias.lower()) or idx.folded.get(alias.lower())


def is_media(text: str) -> bool:
    """Whether a source phrase names a news outlet or wire ("told the BBC", "Reuters"), which
    relays a figure rather than stating it."""
    entity = resolve_source(text)
    return entity is not None and entity.kind == "media"


# A word of a source phrase: letters, digits and the marks names carry ("Lt.", "al-Sisi",
# "Sa'ar", "J.D."); brackets, quotes and commas separate words.
_WORD = re.compile(r"[^\s,;:()\[\]{}\"“”«»!?]+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CLAUSE = re.compile(r"[,;:()\[\]\"“”]")


@dataclass
class _Token:
    start: int
    end: int
    text: str  # without a possessive or a trailing full stop (kept after an initial: "J.")
    kind: str = ""  # mention | blocked | title | official | modifier | none | "" (a content word)
    gap: str = " "  # what separates it from the next token


def _tokens(phrase: str) -> list[_Token]:
    tokens = []
    for m in _WORD.finditer(phrase):
        word = _POSSESSIVE.sub("", m.group(0))
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,3}\.", word):
            word = word.rstrip(".")
        if any(c.isalnum() for c in word):
            tokens.append(_Token(m.start(), m.start() + len(word), word))
    for a, b in zip(tokens, tokens[1:]):
        a.gap = phrase[a.end:b.start]
    if tokens:
        tokens[-1].gap = ""
    return tokens


def _classify(tokens: list[_Token], found: list[tuple[int, int, Entity | None]]) -> None:
    """Mark each token: part of a known alias or of a not-entity phrase ("South American"), or a
    title, job or other listed word (longest phrase of the word lists first), or left as a
    content word."""
    idx = _index()
    k = 0
    for t in tokens:  # both in order: one pass
        while k < len(found) and found[k][1] <= t.start:
            k += 1
        if k < len(found) and found[k][0] <= t.start:
            t.kind = "mention" if found[k][2] is not None else "blocked"
    i = 0
    while i < len(tokens):
        if tokens[i].kind:
            i += 1
            continue
        for n in range(min(idx.words_max, len(tokens) - i), 0, -1):
            run = tokens[i:i + n]
            if any(t.kind for t in run) or any(_CLAUSE.search(t.gap) for t in run[:-1]):
                continue
            kind = idx.words.get(" ".join(t.text.lower() for t in run))
            if kind:
                for t in run:
                    t.kind = kind
                i += n
                break
        else:
            i += 1


def _is_name_word(t: _Token) -> bool:
    idx = _index()
    w = t.text
    if t.kind or w.lower() in idx.body_words:
        return False
    if re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]\.?", w):  # an initial: "J.", "J.D."
        return True
    if w.isupper() and len(w) > 1 or w[-1:].isupper():  # an acronym names a body: "AFAD", "MoD"
        return False
    if re.fullmatch(r"(?:al|el|ad|as|an|ash|at|az)-[A-Z][\w'’-]*", w):  # "al-Sisi"
        return True
    return w[:1].isupper() and any(c.islower() for c in w) and not any(c.isdigit() for c in w)


def _unknown_word(word: str) -> bool:
    parts = [p for p in re.split(r"[-'’.]", word.lower()) if p]
    return any(not lemmas(p) for p in parts if len(p) > 1)


def _name_runs(tokens: list[_Token], mentions_at: dict[int, Entity]) -> list[list[_Token]]:
    """Runs of adjacent words that make a personal name: capitalised words with lower-case
    particles between them ("Ursula von der Leyen"), at least one of them no English word."""
    idx = _index()
    runs, run = [], []
    for i, t in enumerate(tokens):
        given = (t.kind == "mention" and t.text in idx.given_names and t.start in mentions_at
                 and i + 1 < len(tokens) and tokens[i + 1].kind == "" and _is_name_word(tokens[i + 1])
                 and _unknown_word(tokens[i + 1].text) and not _CLAUSE.search(t.gap))
        particle = (run and t.text in idx.particles and i + 1 < len(tokens) and _is_name_word(tokens[i + 1]))
        if given or _is_name_word(t) or particle:
            run.append(t)
        elif run:
            runs.append(run)
            run = []
        if run and _CLAUSE.search(t.gap):
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if r[-1].text not in idx.particles
            and any(_unknown_word(t.text) or t.text in idx.given_names for t in r)]


def _lower(text: str) -> str:
    idx = _index()
    text = _space(text).strip(" .,'’\"-").lower()
    text = idx.spelling_re.sub(lambda m: idx.spellings[_space(m.group(0))], text)  # British spellings
    return idx.spelling_re.sub(lambda m: idx.spellings[_space(m.group(0))], text)  # then name forms


def _words(tokens: list[_Token]) -> str:
    """A name made of words of the phrase: lower case, one space, no possessive, no brackets."""
    return _lower(" ".join(t.text for t in tokens))


_INITIALS_END = re.compile(r"(?<![\w.])(?:[A-Z]\.)+[A-Z]$")


def resolve_source(text: str) -> Entity | None:
    """The one entity a source phrase names, as written in an article ("US President Joe
    Biden", "Britain's Ministry of Defence", "the UN refugee agency (UNHCR)"), or None. The
    rules are in the module's docstring."""
    if not isinstance(text, str):
        return None
    phrase = _space(text).strip(" \t.,;:'’\"“”-")
    if not phrase:
        return None
    if _INITIALS_END.search(phrase):
        phrase += "."  # "the U.S.", "the U.N.": the full stop is the abbreviation's
    entity = _resolve(phrase)
    if entity is None or phrase.islower() or not any(c.isupper() for c in phrase):
        return entity
    # The name must read back as itself in lower case (so the same speaker keeps one name);
    # where it does not ("fT" is no alias, "ft" is), the lower-case reading is the answer.
    again = _resolve(entity.name)
    return entity if again is not None and again.name == entity.name else again


def _names_a_body(phrase: str, tokens: list[_Token], run: list[_Token]) -> bool:
    """Whether a run of unknown capitalised words names a place or an organisation, not a
    person: one word followed in its clause by a body word ("Freedonia's defence ministry") or
    an unnamed speaker ("Arab diplomats"); up to three followed at once by a body word, no
    possessive between ("The Maghreb Arabe Press")."""
    idx = _index()
    last = run[-1]
    after = []
    for t in tokens[tokens.index(last):]:
        after.append(t)
        if _CLAUSE.search(t.gap):
            break  # "Smith, a ministry spokesman": an apposition says who he is
    words = [t.text.lower() for t in after[1:]]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]
    if len(run) == 1:
        return any(w in idx.place_bodies or w in idx.unnamed_speakers for w in words + pairs)
    possessive = phrase[last.end:last.end + 1] in ("'", "’")
    return len(run) <= 3 and not possessive and any(w in idx.place_bodies for w in words[:1] + pairs[:1])


def _resolve(phrase: str) -> Entity | None:
    idx = _index()
    whole = re.sub(r"^(?:(?:the|a|an)\s+)+", "", phrase, flags=re.I)
    whole_l = _lower(whole)
    if whole_l in idx.by_name:
        return idx.by_name[whole_l]
    if idx.words.get(whole_l) in ("none", "official", "modifier") and not idx.forms.get(whole):
        return None
    cased = any(c.isupper() for c in phrase)
    found = _scan(phrase, cased)
    mentions = [m for m in found if m[2] is not None]
    people = [m for m in mentions if m[2].kind == "person"]
    if people:
        return max(people, key=lambda m: m[1] - m[0])[2]
    tokens = _tokens(phrase)
    _classify(tokens, found)
    mentions_at = {s: e for s, _, e in mentions}
    runs = _name_runs(tokens, mentions_at) if cased else []
    if runs and not _names_a_body(phrase, tokens, runs[0]):
        run = runs[0]
        used = {t.start for t in run}
        others = [e for s, _, e in mentions if s not in used]
        country = next((e.country for e in others if e.country), None)
        return Entity(_words(run), "person", country, None)
    content = [t for t in tokens if t.kind in ("", "blocked", "none")]
    if mentions:
        # The longest body, person or outlet named; else the first country ("Ukrainian
        # officials in Moscow" are Ukraine's).
        named = [m for m in mentions if m[2].kind != "country"]
        best = max(named, key=lambda m: (m[1] - m[0], -m[0]))[2] if named else mentions[0][2]
        if not content or best.kind != "country":
            return best
        rest = _words(tokens[tokens.index(content[0]):tokens.index(content[-1]) + 1])
        if not rest or rest in idx.words:
            return best
        return Entity(f"{best.name} {rest}", "body", best.name, best.side)
    while tokens and tokens[0].kind == "modifier":
        tokens = tokens[1:]  # "a", "the", "senior"
    if all(t.kind not in ("", "blocked") for t in tokens):
        return None  # only titles, job words and the like: "the president", "senior officials"
    if len(tokens) > 1 and "(" in tokens[-2].gap and tokens[-1].text.isupper():
        tokens = tokens[:-1]  # the name's initials after it: "the Maghreb Arabe Press (MAP)"
    name = _words(tokens)
    if not name:
        return None
    return Entity(name, "body", None, None)

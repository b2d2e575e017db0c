"""Who states each figure of a document: a source's account, carried across sentences.

News names a source once and goes on in its voice: "Britain's Ministry of Defence said Russia
had lost about 1,200 tanks. Of these, 310 were destroyed by drones. It also estimates that
40,000 soldiers have died." All three figures are the ministry's. The pass below reads the
sentences of one document in order and keeps the account in progress:

- a sentence that names a source gives it to its figures (the nearest source in the figure's
  clause, else the sentence's) and makes it the account in progress;
- a pronoun or an anaphor ("he added", "the report says", "According to the document", "the
  ministry said") is the account in progress;
- a sentence that names none continues the account (a paragraph break alone does not stop it);
- it stops at the outlet's own background or arithmetic ("Thus, ...", "By comparison, ...")
  until a sentence continues the account again ("Of these", a pronoun, a quotation);
- it ends at a sentence whose subject is a party the account has not named giving money or
  aid ("..., Ukraine's defence ministry said. Britain will send £300 million ..."): a donor's
  pledge is news in the outlet's voice, not a detail of the source's report;
- page chrome (headlines, captions, one-line links) neither takes nor gives the account: its
  figures have a source only when it names one ("... - MoD", "Ukraine says ...");
- a source named after its figures that claims them ("Zelensky stated this") gives itself to
  the figures before it that had none.

The words are data: lexicons/accounts.toml. Everything here is a pure function of the text.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.attribution import PRONOUNS, Attribution, find_actor_mentions, find_sources, sentence_subject
from tracker.extract.entities import find_entities, lookup, resolve_source
from tracker.extract.lexicon import Lexicon, alternation, read_toml


@dataclass(frozen=True)
class Source:
    """A figure's source: canonical name, the words as written, and (from the entity lexicon)
    what kind of source it is and the country it belongs to."""

    name: str
    written: str
    kind: str | None = None  # person | body | country | media
    country: str | None = None


@lru_cache(maxsize=8192)  # articles name the same few sources again and again
def named_source(written: str) -> Source:
    """A source as the entity lexicon knows it ("British intelligence" -> uk ministry of
    defence, a body of the uk), else by the one rule for unknown names."""
    words = _words()
    written = " ".join(words.abbreviations.get(w.lower(), w) for w in written.split())
    entity = resolve_source(written)
    if entity is None:
        return Source(_canonical(written, words), written)
    name = entity.name
    if entity.kind == "country":
        # "Egyptian officials", "the Syrian government": the country, saying who in it speaks
        noun = words.speaker_re.search(written)
        if noun:  # one name for "a US official" and "US officials"
            noun = noun.group(0).lower()
            name = f"{name} {words.speaker_plurals.get(noun, noun)}"
    return Source(name, written, entity.kind, entity.country)


@dataclass(frozen=True)
class _Words:
    report_nouns: frozenset
    body_nouns: frozenset
    determiners: frozenset
    its_not_after: frozenset  # words before a country that "its" does not point back to
    own_voice_re: re.Pattern
    back_re: re.Pattern
    headline_re: re.Pattern
    abbreviations: dict
    spokesperson_re: re.Pattern
    media_re: re.Pattern
    speaker_re: re.Pattern
    speaker_plurals: dict
    pledge_re: re.Pattern


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = read_toml("accounts.toml")
    opener = r"^[\s\"“‘'(\[-]*(?:and\s+|but\s+)?(?:" + "{}" + r")\b"
    most = data["headline_source_max_words"]
    return _Words(
        report_nouns=frozenset(data["report_nouns"]),
        body_nouns=frozenset(data["body_nouns"]),
        determiners=frozenset(data["anaphor_determiners"]),
        its_not_after=frozenset(data["its_not_after"]),
        own_voice_re=re.compile(opener.format(alternation(data["own_voice_openers"])), re.I),
        back_re=re.compile(r"^\s+(?:" + alternation(data["back_claims"]) + r")\b", re.I),
        headline_re=re.compile(r"(?:\s[-–—|]+\s*|[-–—:]\s+|[-–—](?=[A-Za-z]))((?:[\w.'’]+\s*){1,%d})$" % most),
        abbreviations=dict(data["abbreviations"]),
        spokesperson_re=re.compile(r"\b(?:" + alternation(data["spokesperson_words"]) + r")\b", re.I),
        media_re=re.compile(r"\b(?:" + alternation(data["media_words"]) + r")\b", re.I),
        speaker_re=re.compile(r"\b(?:" + alternation(data["country_speakers"]) + r")\b", re.I),
        speaker_plurals=dict(data["speaker_plurals"]),
        pledge_re=re.compile(r"(?:,[^,;:.]{1,60},)?(?:['’]s)?(?:\s+(?!(?:" + alternation(data["pledge_auxiliaries"]) + r")\b)[a-z][\w-]*){0,2}?"
                             r"\s+(?:(?:" + alternation(data["pledge_auxiliaries"]) + r")\s+)*(?:"
                             + alternation(read_toml("actor_roles.toml")["giving_verbs"]) + r")\b"),
    )


@dataclass
class _Account:
    source: Source | None = None
    speakers: frozenset = frozenset()  # words of spokespeople who speak for it


def assign_sources(sentences: list[tuple[int, str, list]], text: str, lex: Lexicon,
                   mentions: list[list] | None = None) -> list[Attribution | None]:
    """Set ``attributed_to`` and ``attribution_text`` on the figures of each sentence.

    ``sentences`` are (start, sentence, figures) for every sentence of the document, figures
    or not, in order; ``text`` is the document (to tell page chrome from prose); ``mentions``
    each sentence's actor words (:func:`tracker.extract.attribution.find_actor_mentions`),
    if read already. Returns the source each sentence names itself, if any (an "according to"
    phrase first, as :func:`tracker.extract.attribution.find_attribution` gives it).
    """
    words = _words()
    account = _Account()
    parties: set = set()  # the sides the account in progress has named
    unsourced: list = []  # figures since the last source, for a source that claims them
    previous = None
    people: dict[str, Source] = {}  # the people named so far, by surname (their name's last word)
    own: list[Attribution | None] = []
    if mentions is None:
        mentions = [find_actor_mentions(sentence, lex) for _, sentence, _ in sentences]
    for (start, sentence, figures), names in zip(sentences, mentions):
        sources = find_sources(sentence, lex)
        own.append(next((a for a in sources if a.how == "prefix"), sources[0] if sources else None))
        if _is_chrome(text, start, sentence):
            named = _chrome_source(sentence, sources, words)
            for fig in figures:
                _give(fig, named)
            continue
        resolved = [(a, _by_surname(_resolve(a, account, previous, words, sentence), people)) for a in sources]
        people.update((s.name.rsplit(" ", 1)[1], s) for _, s in resolved
                      if s is not None and s.kind == "person" and " " in s.name)
        named = _producers([(a, s) for a, s in resolved if s is not None], account, words, sentence)
        if named:
            for a, source in named:
                if _claims_back(sentence, a, words) and unsourced:
                    for fig in unsourced:
                        _give(fig, source)
            layout = _Layout([m.end() for m in _SEGMENT.finditer(sentence)], [a.start for a, _ in named])
            for fig in figures:
                _give(fig, _nearest(sentence, fig, named, layout))
            same = named[0][1] == account.source
            account = _Account(named[0][1], account.speakers if same else frozenset())
            parties = (parties if same else _sides_of(account.source)) | {actor for _, _, actor in names}
            unsourced = []
        else:
            if account.source is not None and _new_donor(sentence, names, parties, words):
                account, parties = _Account(), set()  # "Britain will send ...": the outlet's news
            carried = None if words.own_voice_re.match(sentence) else account.source
            if carried is not None:
                parties |= {actor for _, _, actor in names}
            for fig in figures:
                _give(fig, carried)
            if carried is None:
                unsourced.extend(figures)
        previous = sentence
    return own


def _by_surname(source: Source | None, people: dict[str, Source]) -> Source | None:
    """A one-word source, neither a country nor an outlet, as a person's surname, where the
    article has named that person in full before ("Defence Minister John Smith said ... Smith said"):
    that person, as written here."""
    if source is None or source.kind in ("country", "media") or " " in source.name:
        return source
    person = people.get(source.name)
    return source if person is None else Source(person.name, source.written, person.kind, person.country)


def _sides_of(source: Source) -> set:
    """The sides a source speaks for: its country, and the side its entity stands for."""
    entity = lookup(source.name)
    return {side for side in (source.country, entity.side if entity else None) if side}


_OPENING = re.compile(r"^[\s\"“‘'(]*(?:(?:and|but|meanwhile|separately|elsewhere|in addition|also)\b,?\s*)*"
                      r"(?:the\s+)?$", re.I)


def _new_donor(sentence: str, mentions: list, parties: set, words: _Words) -> bool:
    """Whether a sentence opens with a side the account has not named that gives money or aid
    itself: "Britain will send Ukraine £100 million", "Japan has pledged $5.5 billion"
    (``mentions``: the sentence's actor words; ``parties``: the sides the account named)."""
    if not mentions or mentions[0][0] >= 80:
        return False
    start, end, actor = mentions[0]
    return actor not in parties and bool(_OPENING.match(sentence, 0, start)) \
        and bool(words.pledge_re.match(sentence, end))


def _producers(named: list[tuple[Attribution, Source]], account: _Account, words: _Words, sentence: str) -> list:
    """The sources that produced a sentence's figures: a spokesperson gives way to the
    organisation named with them or already speaking, media to whoever they relay."""
    if not named:
        return named
    segment = _segments(sentence)
    spokes = [(a, s) for a, s in named if words.spokesperson_re.search(s.written)]
    if spokes and len(spokes) == len(named):
        if account.source is not None and account.source.kind != "media" \
                and not words.spokesperson_re.search(account.source.written) \
                and _shares_a_word(named[0][1], account.source):
            account.speakers = account.speakers | _name_words(named[0][1].written)
            return [(a, account.source) for a, _ in named]  # "the ministry's spokesman said"
    elif spokes:  # "the UN rights office has verified ..., spokeswoman X told AFP": the office
        body_segments = {segment(b.start) for b, t in named if (b, t) not in spokes}
        named = [(a, s) for a, s in named if (a, s) not in spokes or segment(a.start) not in body_segments]
    producers = [(a, s) for a, s in named if not (s.kind == "media" or words.media_re.search(s.written))]
    return producers or named


def _name_words(written: str) -> frozenset:
    """The capitalised words of a name as written ("Ashraf al-Qudra" -> ashraf, al-qudra)."""
    return frozenset(w.lower() for w in re.findall(r"[\w’'-]+", written) if w[:1].isupper() or "-" in w)


def _shares_a_word(a: Source, b: Source) -> bool:
    """"ministry spokesman Ashraf al-Qudra" speaks for "Gaza's health ministry"."""
    stop = {"the", "a", "an", "of", "for", "in", "and", "s"}
    left = set(re.findall(r"[a-z]+", a.written.lower())) - stop
    right = set(re.findall(r"[a-z]+", (b.written + " " + b.name).lower())) - stop
    return bool(left & right)


def _give(fig, source: Source | None) -> None:
    fig.attributed_to = source.name if source else None
    fig.attribution_text = source.written if source else None
    fig.attributed_kind = source.kind if source else None
    fig.attributed_country = source.country if source else None


def _resolve(a: Attribution, account: _Account, previous: str | None, words: _Words,
             sentence: str = "") -> Source | None:
    """A source as named, or the account it points back to ("he", "the report", "the ministry")."""
    written = _producer(a.written or a.text, words)
    tokens = written.lower().split()
    if not tokens:
        return None
    if a.pronoun or len(tokens) == 1 and tokens[0] in PRONOUNS:
        if account.source is not None:
            return account.source
        subject = sentence_subject(previous) if previous else None
        return named_source(subject) if subject else None
    if account.speakers and _name_words(written) and _name_words(written) <= account.speakers:
        return account.source  # the spokesperson again, by surname: still the organisation
    kind = _anaphor(tokens, {w for w in written.split() if w.islower()}, account, words)
    if kind == "body" and tokens[0] in ("its", "their"):
        country = _country_before(sentence, a.start)
        if country is not None:  # "killed in Lebanon, its health ministry said"
            source = named_source(f"{country} {' '.join(written.split()[1:])}")
            return Source(source.name, a.written or written, source.kind, source.country)
    if kind == "report":
        return account.source
    if kind == "body" and account.source is not None:
        return account.source
    source = named_source(written)
    return Source(source.name, a.written or written, source.kind, source.country)




def _country_before(sentence: str, end: int) -> str | None:
    """The last country a sentence names before ``end``, as written ("Lebanon"), but one that
    is given to ("$50m to Georgia": accounts.toml its_not_after)."""
    skip = _words().its_not_after
    countries = [sentence[s:e] for s, e, entity in find_entities(sentence[:end]) if entity.kind == "country"
                 and (sentence[:s].split()[-1:] or [""])[0].lower() not in skip]
    return countries[-1] if countries else None


def _anaphor(tokens: list[str], adjectives: set[str], account: _Account, words: _Words) -> str | None:
    """"report" when the words only name something published ("the report", "his data"),
    "body" when they name a speaker already named ("the ministry", "the UN official")."""
    if tokens[0] in words.determiners:
        tokens = tokens[1:]
        pointing = True
    else:
        pointing = False
    if not tokens:
        return "report"
    lower = [t for t in tokens[:2] if t in adjectives]
    if pointing and lower == tokens[:len(lower)] and any(t in words.report_nouns for t in lower):
        return "report"  # "his data collected from national governments", "its latest update"
    head = " ".join(tokens[-2:]) if " ".join(tokens[-2:]) in words.body_nouns else tokens[-1]
    rest = tokens[:-len(head.split())]
    if head.split()[-1] not in adjectives:
        return None  # "the US Geological Survey": a name
    if head in words.report_nouns and all(w in adjectives for w in rest):
        return "report"
    if head in words.body_nouns and pointing and len(rest) <= 1:
        if not rest or rest[0] in adjectives:
            return "body"  # "the ministry", "the top general"
        known = (account.source.written.lower() + " " + account.source.name) if account.source else ""
        return "body" if rest[0] in known else None
    return None


_PRODUCER = re.compile(r"\b(?:by|from|of)\s+(?=(?:the\s+)?[A-Z])")
_POSSESSIVE = re.compile(r"^(.*?)['’]s?\s+(?:[\w-]+\s+){0,3}?([\w-]+)$")


def _producer(written: str, words: _Words) -> str:
    """Who made what a source's words name: "an analysis by the Oryx project" -> "the Oryx
    project", "A document from the Russian Finance Ministry" -> "the Russian Finance Ministry",
    "the ministry's latest assessment" -> "the ministry"."""
    written = written.strip()
    m = _PRODUCER.search(written)
    if m and any(w.lower().strip(",") in words.report_nouns for w in written[:m.start()].split()):
        return written[m.end():]
    m = _POSSESSIVE.match(written)
    if m and m.group(2).lower() in words.report_nouns:
        return m.group(1)
    *rest, last = written.split() or [""]
    if rest and last.islower() and last in words.report_nouns and all(w[:1].isupper() or w in ("of", "do", "for", "the")
                                                             for w in rest[1:]) and rest[-1][:1].isupper():
        return " ".join(rest)  # "Israeli tallies", "the Civil Defense bulletin"
    return written


def _canonical(written: str, words: _Words) -> str:
    """One name for a source: lower case, no leading article, abbreviations written out."""
    text = re.sub(r"^(?:the|a|an)\s+", "", " ".join(written.split()), flags=re.I).strip(" .,'\"’“”")
    out = [words.abbreviations.get(w.lower(), w.lower()) for w in text.split()]
    return " ".join(out)


def _claims_back(sentence: str, a: Attribution, words: _Words) -> bool:
    """"Zelensky stated this", "the Mission has also documented ...": the source claims the
    figures before it."""
    if a.verb_end < 0:
        return False
    return bool(words.back_re.match(sentence[a.verb_end:a.verb_end + 40])
                or a.how == "subject" and _ALSO_VERB.search(sentence[max(0, a.verb_end - 40):a.verb_end]))


_ALSO_VERB = re.compile(r"\balso\s+\S+$")


_SEGMENT = re.compile(r";|,?\s+(?:while|whereas|but|although)\s+|\s[-–—]\s", re.I)


def _segments(sentence: str):
    """A function from an offset to the number of the clause it is in ("..., while ...")."""
    cuts = [m.end() for m in _SEGMENT.finditer(sentence)]
    return lambda at: bisect_right(cuts, at)


@dataclass(frozen=True)
class _Layout:
    """Where a sentence's clauses start (cuts) and where its named sources start."""

    cuts: list
    starts: list


def _nearest(sentence: str, fig, named: list[tuple[Attribution, Source]], segments: _Layout) -> Source:
    """The source of one figure among those its sentence names: in the figure's own clause, the
    first one after it ("..., 2,897 killed in Lebanon, its health ministry said") or else the
    nearest before it; outside it, the nearest before it, else the first after it."""
    if len(named) == 1:
        return named[0][1]
    cuts = segments.cuts
    k = bisect_right(cuts, fig.start)  # the figure's clause runs from cuts[k - 1] to cuts[k]
    lo, hi = (cuts[k - 1] if k else 0), (cuts[k] if k < len(cuts) else len(sentence) + 1)
    starts = segments.starts
    i = bisect_left(starts, fig.end)  # named[i:] start after the figure
    if i < len(named) and named[i][0].start < hi:
        return named[i][1]
    j = bisect_right(starts, fig.start) - 1  # named[:j + 1] start before it
    while j >= 0 and named[j][0].end > fig.start:
        j -= 1
    if j >= 0:
        return named[j][1]  # the nearest before it, in its clause or not
    return named[0][1]


_CHROME_END = re.compile(r"[.!?…:;\"”’)]\s*$")


def _is_chrome(text: str, start: int, sentence: str) -> bool:
    """A headline, caption or link line: a line of its own that does not end as prose does."""
    end = start + len(sentence)
    own_line = (start == 0 or text[start - 1] in "\n\r") and (end == len(text) or text[end] in "\n\r")
    if not own_line or _CHROME_END.search(sentence) or len(sentence) >= 250:
        return False
    if _LIST_ITEM.match(sentence):
        return False  # "• 18 howitzers": an item of the list the sentence before announced
    before = text[max(0, start - 300):start].rstrip()
    return not before.endswith(":")


_LIST_ITEM = re.compile(r"[•·▪●◦‣*+-]\s|\d{1,2}[.)]\s")


def _chrome_source(sentence: str, sources: list[Attribution], words: _Words) -> Source | None:
    """The source a headline names: "... - MoD", "..., Kremlin says"."""
    m = words.headline_re.search(sentence)
    if m:
        return named_source(m.group(1).strip())
    sources = [a for a in sources if not a.pronoun]
    if sources:
        return named_source(_producer(sources[0].written or sources[0].text, words))
    return None

"""Who states a figure (attribution) and whose troops or money it counts (actor).

Pure functions over a sentence; the words come from lexicons/attribution.toml and
lexicons/entities.csv. Across sentences, see tracker.extract.accounts (who) and
tracker.extract.actors (whose).

>>> a = find_attribution("British officials estimate that 14 battalions are heading west.")
>>> (a.text, a.start, a.end, a.written, a.how)
('british officials', 0, 18, 'British officials', 'subject')
>>> find_attribution("About 800 troops were seen, according to the Pentagon.").text
'pentagon'
>>> find_attribution("Russia has massed an estimated 145,000 troops.") is None
True
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.entities import lookup
from tracker.extract.lexicon import Lexicon, alternation, load_lexicon, read_toml
from tracker.extract.words import STOP, is_verb_only

_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014\"“”‘]|\s[-–—]\s|'(?=\s)|(?<=\s)'|"
                           r"\s(?:but|while|whereas|although|though|because|yet)\s")
_LEADING = re.compile(
    r"^(?:(?:and|but|so|yet|while|as|then|earlier|later|meanwhile|however|now)\b\s*|"
    r"(?:on|by|at)\s+(?:the\s+same\s+day|that\s+day|\w+day(?:\s+(?:morning|night|evening))?)\s*,?\s*)+", re.I)
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING = re.compile(
    r"\s+(?:(?:on|last|this|late|early)\s+\w+(?:\s+night|\s+morning)?|also|have|has|had|now|previously|"
    r"recently|already|publicly|privately|repeatedly|separately|earlier|later|yesterday|today|"
    r"again|still|now|reportedly)\s*$",
    re.I,
)
# How far before and after a reporting verb its source is looked for (see _subject_before).
_BEHIND = 200
_AHEAD = 200
#: Words that stand for a source named before ("he said", "according to him").
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us"})
# A name as news writes an organisation's: "the World Bank", "the Ministry of Finance and Trade".
_NAME = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’.-]*)*"
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})  # "its health ministry said"
# An aside between commas, not a name: "visiting Warsaw", "in a statement", "on Monday".
_ASIDE = re.compile(r"\s*(?:[a-z]+ing|in|on|at|during|after|before|speaking|writing|however|meanwhile|who|which|"
                    r"better known|also known|known|formerly|widely)\b")
# A job title between commas after a name: "Mullah Janan Sayeeq, spokesman for the ministry, told".
_TITLE_ASIDE = re.compile(r"\s*(?:the\s+|a\s+)?(?:[a-z]+\s+){0,2}(?:spokes(?:man|woman|person)|head|chief|director|"
                          r"minister|secretary|commander|official|adviser|advisor|envoy|ambassador|representative|"
                          r"president|chairman|chairwoman|leader|deputy)\b")
_PAREN_END = re.compile(r"\s*\(([A-Z][\w.&-]{1,15})\)\s*$")
# What may stand between a subject and its verb: "the office “has verified", "it has also said".
_VERB_LEAD = re.compile(r"[\s\"“]*(?:(?:has|have|had|also)\s+)*$")
# Reporting verbs that also have a plain meaning ("added 7,000 troops", "shows 30 tanks"): they
# report only when a clause, a colon or the end of the sentence follows them.
_CLAUSE_FINAL = frozenset({"added", "adds", "show", "shows", "showed", "noted", "notes", "states"})
_AUX_BEFORE = re.compile(r"\b(?:an|the|is|are|was|were|be|been|being)\s+$", re.I)
# A participle used as an adjective or passive: "believed capable", "estimated at", "said to be".
_PASSIVE_AFTER = re.compile(r"^\s+(?:to\s+(?:be|have|number|total|include)\b|at\s+(?:about|around|some|up|over|more|\d)|by\b|capable|likely|ready)", re.I)


@dataclass(frozen=True)
class Attribution:
    text: str  # lower case, without a leading article
    start: int  # span of the source's words in the sentence
    end: int
    pronoun: bool
    written: str = ""  # the source's words as written
    how: str = "subject"  # prefix ("according to X"), subject ("X said"), inverted ("said X")
    verb_end: int = -1  # where its reporting verb or prefix ends (-1: none)


def _clean(words: str) -> str:
    """A source as stored: lower case, one space between words, no leading article."""
    return _lowered_source(_clean_keep_case(words))


def _lowered_source(kept: str) -> str:
    """What :func:`_clean` makes of the words :func:`_clean_keep_case` kept."""
    return _SPACES.sub(" ", kept).strip(" .,'\"’").lower()


_SPACES = re.compile(r"\s+")


def _clean_keep_case(words: str) -> str:
    """The words of a source without leading links ("and", "on Monday"), trailing time words
    ("last week", "on Tuesday") and a leading article, as written."""
    return _DETERMINER.sub("", _as_written(words))


def _as_written(words: str) -> str:
    """A source's words as written, without leading links and trailing time words."""
    words = _LEADING.sub("", words.strip())
    previous = None
    while previous != words:
        previous = words
        words = _TRAILING.sub("", words).strip()
    return words


# Function words a subject may not hold after its first word, nor start with; those that end the
# noun phrase a sentence opens with.
_NOT_IN_SUBJECT = STOP - {"of", "and", "the", "for", "in", "on", "at"}
_NOT_SUBJECT_START = STOP - PRONOUNS - _POSSESSIVES
_ENDS_OPENING_PHRASE = STOP - {"of", "the", "a", "an"}


def _subject_before(sentence: str, verb_start: int, lex: Lexicon) -> tuple[int, str, int] | None:
    """The noun phrase that ends right before a reporting verb, back to a clause break."""
    # Only the last _BEHIND characters: a subject is a few words, and a window keeps many
    # reporting verbs in one long sentence linear. A phrase that would start before the
    # window is longer than any subject.
    cut = max(0, verb_start - _BEHIND)
    left = sentence[cut:verb_start]
    if _AUX_BEFORE.search(left):
        return None  # "an estimated 145,000", "is believed", "has claimed"
    paren = _PAREN_END.search(left)
    if paren:  # "the Office of the UN High Commissioner for Refugees (UNHCR) said": name and acronym
        left = left[:paren.start()] + left[paren.start():].replace("(", " ").replace(")", " ")
    lead = _VERB_LEAD.search(left)
    if lead.start() < len(left) and (left[:lead.start()][-1:] or "-").isalnum():
        left = left[:lead.start()] + " "  # "the UN rights office “has verified": the office
    breaks = list(_CLAUSE_BREAK.finditer(left))
    starts = [0] + [b.end() for b in breaks]
    ends = [b.start() for b in breaks] + [len(left)]
    k = len(breaks)
    start, phrase = starts[k], left[starts[k]:ends[k]]
    while not phrase.strip() or _ASIDE.match(phrase):
        # "..., the US envoy, Michael Carpenter, told": the name between the last two commas;
        # "Lloyd Austin, visiting Warsaw, warned": skip the aside.
        if k < 1 or left[breaks[k - 1].start()] != ",":
            return None
        k -= 1
        start, phrase = starts[k], left[starts[k]:ends[k]]
    if k == 0 and cut > 0:
        return None
    if k >= 1 and left[breaks[k - 1].start()] == "," and _TITLE_ASIDE.match(phrase):
        name = left[starts[k - 1]:ends[k - 1]]
        if _NAME_BEFORE_TITLE.fullmatch(name) and _is_name(name.split(), lex):
            start, phrase = starts[k - 1], name  # "NAME, spokesman for X, told", "Smith, a spokesman, said"
    kept = _clean_keep_case(phrase)  # read once: _clean(phrase) is this, spaced and lower-cased
    words = kept.split()
    if not words or len(words) > 12 or words[0][:1].isdigit():
        return None
    cleaned = _lowered_source(kept)
    if not cleaned:
        return None
    # A subject has no verb of its own ("Russia has massed an ..."); its first word may be one
    # ("Ukraine's defence ministry"), the words after it may not.
    written = words
    if any(w.lower() in _NOT_IN_SUBJECT and not w.isupper() or is_verb_only(w)
           for w in written[1:]):
        return None
    if written and written[0].lower() in _NOT_SUBJECT_START and not written[0].isupper():
        return None
    offset = cut + start + (len(phrase) - len(phrase.lstrip()))
    end = cut + start + len(phrase.rstrip())
    return offset, cleaned, end + 1 if paren and sentence[end:end + 1] == ")" else end


_NAME_BEFORE_TITLE = re.compile(r"\s*(?:[A-Z][\w.'’-]*\s*){1,5}")


def _is_name(words: list[str], lex: Lexicon) -> bool:
    """Whether the capitalised words before a job title between commas name a person: "Mullah
    Janan Sayeeq, spokesman for the ministry", "Smith, a ministry spokesman". None of them is
    a function word, a sentence adverb or time word ("However", "On Monday": attribution.toml
    not_surnames, the dates lexicon's months and weekdays); one word alone is neither an
    acronym nor a place, side or organisation the lexicons know."""
    lows = [w.lower() for w in words]
    not_names = _not_surnames()
    if any(w in STOP or w in not_names or w in lex.months or w in lex.weekdays for w in lows):
        return False
    if len(words) > 1:
        return True
    return not words[0].isupper() and lows[0] not in lex.actors and lookup(lows[0]) is None


@lru_cache(maxsize=1)
def _not_surnames() -> frozenset[str]:
    return frozenset(read_toml("attribution.toml")["not_surnames"])


def find_attribution(sentence: str, lex: Lexicon | None = None) -> Attribution | None:
    """The source a sentence gives for what it says, or None if the outlet says it itself:
    an "according to" phrase first, else the first reporting clause."""
    sources = find_sources(sentence, lex)
    prefixed = [a for a in sources if a.how == "prefix"]
    return (prefixed or sources or [None])[0]


def find_sources(sentence: str, lex: Lexicon | None = None) -> list[Attribution]:
    """Every source a sentence names for what it says, in order, without overlaps:
    "according to X", "X said", "..., said X"."""
    lex = lex or load_lexicon()
    found = [a for a in (_prefixed(sentence, m, lex) for m in lex.source_prefix_re.finditer(sentence)) if a]
    prefixed, starts = list(found), [a.start for a in found]
    for verb in lex.reporting_re.finditer(sentence):
        i = bisect_right(starts, verb.start()) - 1
        if i >= 0 and verb.start() < prefixed[i].end:
            continue  # a verb inside a source's words: "a report by X showed" is read once
        a = _reporting_clause(sentence, verb, lex)
        if a is not None:
            found.append(a)
    found.sort(key=lambda a: a.start)
    kept: list[Attribution] = []
    for a in found:
        if not kept or a.start >= kept[-1].end:
            kept.append(a)
    return kept


def _prefixed(sentence: str, match: re.Match, lex: Lexicon) -> Attribution | None:
    """"according to the Pentagon", "citing Ukrainian officials": the words after the prefix."""
    rest = sentence[match.end():match.end() + _AHEAD]
    cut = _prefix_end().search(rest)
    phrase = rest[: cut.start()] if cut else rest
    words = phrase.split()
    if not 0 < len(words) <= 10:
        return None
    if cut and cut.group(0).strip() in _AUXILIARY_CUTS:
        return None  # "Figures from Syria are hampered ...": a subject, not a source
    by = _BY_NAME.search(rest, len(phrase)) if cut and cut.group(0).strip() in _PARTICIPLES else None
    if by and not _CUT.search(rest, len(phrase), by.start()):
        phrase = rest[:by.end()]  # "according to estimates published Wednesday by the World Bank"
        words = phrase.split()
    text = _clean(" ".join(words))
    if not text or text in lex.not_sources:
        return None
    end = match.end() + len(phrase.rstrip())
    return Attribution(text, match.end(), end, False, _as_written(phrase), "prefix", match.end())


@lru_cache(maxsize=1)
def _prefix_end() -> re.Pattern:
    """Where the source after "according to" ends: punctuation, but not the full stop of an
    abbreviation ("U.S. officials", "Gen. Mark Milley"), or a word that starts a clause."""
    titles = read_toml("attribution.toml")["abbreviations_with_full_stop"]
    stop = r"(?<!\b[A-Z])" + "".join(rf"(?<!\b{re.escape(t)})" for t in titles) + r"\."
    return re.compile(r"[,;:()\u2013\u2014\"“”]|" + stop + "|" + _PREFIX_END_WORDS)


_PREFIX_END_WORDS = (r"\s(?:that|which|who|as|and said|said|released|published|issued|"
                     r"posted|dated|seen|obtained|collected|shared|cited|quoted|is|are|was|were|has|have|had|will|would|"
                     r"on\s+[A-Z]\w*day)\b")
_AUXILIARY_CUTS = frozenset("is are was were has have had will would".split())
_PARTICIPLES = frozenset("released published issued posted dated seen obtained collected shared cited quoted".split())
_BY_NAME = re.compile(r"\bby\s+" + _NAME)
_CUT = re.compile(r"[,;:.()\"“”]")
@lru_cache(maxsize=1)
def _audience() -> frozenset[str]:
    """Verbs whose object is the audience, never the source: "he told the BBC"."""
    return frozenset(read_toml("accounts.toml")["audience_verbs"])



def _reporting_clause(sentence: str, verb: re.Match, lex: Lexicon) -> Attribution | None:
    """The source of one reporting verb: "..., said Zelenskiy." or "the ministry said ..."."""
    after = sentence[verb.end():verb.end() + _AHEAD]
    if _PASSIVE_AFTER.match(after):
        return None
    if verb.group(0).lower() in _CLAUSE_FINAL and not _CLAUSE_FOLLOWS.match(after):
        return _report_by(sentence, verb)  # "Russia has added 7,000 troops" is no reporting clause;
        # "..., he added." is, and so is "a document from X shows ..."
    inverted = None if verb.group(0) in _audience() else _INVERTED.match(after)
    before_verb = sentence[max(0, verb.start() - _BEHIND):verb.start()].rstrip()
    if inverted and before_verb.endswith((",", "”", '"', "’")) \
            and not any(is_verb_only(w) or w[:1].isdigit() for w in inverted.group(1).split()):
        text = _clean(inverted.group(1))
        if text and text not in lex.not_sources:
            start = verb.end() + inverted.start(1)
            return Attribution(text, start, start + len(inverted.group(1)), False,
                               _as_written(inverted.group(1)), "inverted", verb.end())
    subject = _subject_before(sentence, verb.start(), lex)
    if subject is None:
        return _report_by(sentence, verb)
    start, text, end = subject
    pronoun = text in PRONOUNS
    if text in lex.not_sources and not pronoun:
        return None
    return Attribution(text, start, verb.start(), pronoun, _as_written(sentence[start:end]), "subject", verb.end())


def _report_by(sentence: str, verb: re.Match) -> Attribution | None:
    """"A document from the Russian Finance Ministry published on Thursday indicates ...":
    whoever made the report that the verb's subject names."""
    left = sentence[max(0, verb.start() - _BEHIND):verb.start()]
    m = None
    for m in _report_by_re().finditer(left):
        pass
    if m is None or _CUT.search(left, m.end()):
        return None
    start = verb.start() - len(left) + m.start(1)
    name = m.group(1)
    return Attribution(_clean(name), start, start + len(name), False, name, "subject", verb.end())


@lru_cache(maxsize=1)
def _report_by_re() -> re.Pattern:
    nouns = read_toml("accounts.toml")["report_nouns"]
    return re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+){0,2}?(?:" + alternation(nouns) + r")\s+(?:by|from|of)\s+"
                      r"(" + _NAME + r")")


_CLAUSE_FOLLOWS = re.compile(r"\s*(?:[.,:;!?\"“”]|that\b|this\b|$)")
_INVERTED = re.compile(r"\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[\w’'-]+){0,5}?)\s*(?=[.;:!?]|,\s|$)")


def find_actor_mentions(sentence: str, lex: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """(start, end, actor) for each actor word in a sentence, in order."""
    lex = lex or load_lexicon()
    return [(m.start(), m.end(), lex.actors[m.group(0)]) for m in lex.actor_re.finditer(sentence)
            if m.group(0) in lex.actors and not _TITLE_BEFORE.search(sentence, max(0, m.start() - 6), m.start())]


# A capitalised word after a title is a name: "Dr Danish", "Mr French".
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame)\.?\s+$")


def sentence_subject(sentence: str) -> str | None:
    """The noun phrase a sentence starts with, up to its first verb ("Ukraine's general staff")."""
    words = []
    for word in sentence.split()[:8]:
        bare = word.strip(",.;:\"“”")
        if is_verb_only(bare) or bare.lower() in _ENDS_OPENING_PHRASE:
            break
        words.append(bare)
        if word != bare:
            break
    text = _clean(" ".join(words))
    return text or None

"""Who states a figure (attribution) and whose troops or money it counts (actor).

Pure functions over a sentence; the words come from lexicons/attribution.toml and
lexicons/actors.csv.

>>> find_attribution("British officials estimate that 14 battalions are heading west.")
Attribution(text='british officials', start=0, end=18, pronoun=False)
>>> find_attribution("About 800 troops were seen, according to the Pentagon.").text
'pentagon'
>>> find_attribution("Russia has massed an estimated 145,000 troops.") is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.lexicon import Lexicon, load_lexicon
from tracker.extract.words import STOP, is_verb_only

_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014\"“”‘]|\s[-–—]\s|'(?=\s)|(?<=\s)'")
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
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# An aside between commas, not a name: "visiting Warsaw", "in a statement", "on Monday".
_ASIDE = re.compile(r"\s*(?:[a-z]+ing|in|on|at|during|after|before|speaking|writing|however|meanwhile)\b")
# Reporting verbs that also have a plain meaning ("added 7,000 troops", "shows 30 tanks"): they
# report only when a clause, a colon or the end of the sentence follows them.
_CLAUSE_FINAL = frozenset({"added", "adds", "show", "shows", "showed", "noted", "notes", "report",
                           "reports", "reported", "states", "stated", "declared", "revealed"})
_AUX_BEFORE = re.compile(r"\b(?:an|the|is|are|was|were|be|been|being)\s+$", re.I)
# A participle used as an adjective or passive: "believed capable", "estimated at", "said to be".
_PASSIVE_AFTER = re.compile(r"^\s+(?:to\s+(?:be|have|number|total|include)\b|at\s+(?:about|around|some|up|over|more|\d)|by\b|capable|likely|ready)", re.I)


@dataclass(frozen=True)
class Attribution:
    text: str  # lower case, without a leading article
    start: int  # span of the source's words in the sentence
    end: int
    pronoun: bool


def _clean(words: str) -> str:
    """A source as stored: lower case, one space between words, no leading article."""
    return re.sub(r"\s+", " ", _clean_keep_case(words)).strip(" .,'\"’").lower()


def _clean_keep_case(words: str) -> str:
    """The words of a source without leading links ("and", "on Monday"), trailing time words
    ("last week", "on Tuesday") and a leading article, as written."""
    words = _LEADING.sub("", words.strip())
    previous = None
    while previous != words:
        previous = words
        words = _TRAILING.sub("", words).strip()
    return _DETERMINER.sub("", words)


def _subject_before(sentence: str, verb_start: int, lex: Lexicon) -> tuple[int, str] | None:
    """The noun phrase that ends right before a reporting verb, back to a clause break."""
    # Only the last _BEHIND characters: a subject is a few words, and a window keeps many
    # reporting verbs in one long sentence linear. A phrase that would start before the
    # window is longer than any subject.
    cut = max(0, verb_start - _BEHIND)
    left = sentence[cut:verb_start]
    if _AUX_BEFORE.search(left):
        return None  # "an estimated 145,000", "is believed", "has claimed"
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
    words = _clean_keep_case(phrase).split()
    if not words or len(words) > 8:
        return None
    cleaned = _clean(phrase)
    if not cleaned:
        return None
    # A subject has no verb of its own ("Russia has massed an ..."); its first word may be one
    # ("Ukraine's defence ministry"), the words after it may not.
    written = _clean_keep_case(phrase).split()
    if any(w.lower() in STOP - {"of", "and", "the", "for", "in", "on"} and not w.isupper() or is_verb_only(w)
           for w in written[1:]):
        return None
    if written and written[0].lower() in STOP - _PRONOUNS and not written[0].isupper():
        return None
    offset = cut + start + (len(phrase) - len(phrase.lstrip()))
    return offset, cleaned


def find_attribution(sentence: str, lex: Lexicon | None = None) -> Attribution | None:
    """The source a sentence gives for what it says, or None if the outlet says it itself."""
    lex = lex or load_lexicon()
    match = lex.source_prefix_re.search(sentence)
    if match:
        rest = sentence[match.end():]
        cut = re.search(r"[,;:.()\u2013\u2014\"“”]|\s(?:that|which|who|as|and said|said)\s", rest)
        phrase = rest[: cut.start()] if cut else rest
        words = phrase.split()
        if 0 < len(words) <= 10:
            text = _clean(" ".join(words))
            if text and text not in lex.not_sources:
                return Attribution(text, match.end(), match.end() + len(phrase.rstrip()), False)
    for verb in lex.reporting_re.finditer(sentence):
        # "..., said Zelenskiy." / "..., said the ministry."
        after = sentence[verb.end():verb.end() + _AHEAD]
        if _PASSIVE_AFTER.match(after):
            continue
        if verb.group(0).lower() in _CLAUSE_FINAL and not re.match(r"\s*(?:[.,:;!?\"“”]|that\b|$)", after):
            continue  # "Russia has added 7,000 troops" is no reporting clause; "..., he added." is
        inverted = re.match(r"\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[\w’'-]+){0,5}?)\s*(?=[.;:!?]|,\s|$)", after)
        before_verb = sentence[max(0, verb.start() - _BEHIND):verb.start()].rstrip()
        if inverted and before_verb.endswith((",", "”", '"', "’")) \
                and not any(is_verb_only(w) or w[:1].isdigit() for w in inverted.group(1).split()):
            text = _clean(inverted.group(1))
            if text and text not in lex.not_sources:
                start = verb.end() + inverted.start(1)
                return Attribution(text, start, start + len(inverted.group(1)), False)
        subject = _subject_before(sentence, verb.start(), lex)
        if subject is None:
            continue
        start, text = subject
        pronoun = text in _PRONOUNS
        if text in lex.not_sources and not pronoun:
            continue
        return Attribution(text, start, verb.start(), pronoun)
    return None


def find_actor_mentions(sentence: str, lex: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """(start, end, actor) for each actor word in a sentence, in order."""
    lex = lex or load_lexicon()
    return [(m.start(), m.end(), lex.actors[m.group(0)]) for m in lex.actor_re.finditer(sentence)
            if m.group(0) in lex.actors]


def sentence_subject(sentence: str) -> str | None:
    """The noun phrase a sentence starts with, up to its first verb ("Ukraine's general staff")."""
    words = []
    for word in sentence.split()[:8]:
        bare = word.strip(",.;:\"“”")
        if is_verb_only(bare) or bare.lower() in STOP - {"of", "the", "a", "an"}:
            break
        words.append(bare)
        if word != bare:
            break
    text = _clean(" ".join(words))
    return text or None

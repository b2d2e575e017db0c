"""Property tests for ``tracker.extract_figures`` (hypothesis).

Whatever the text (any unicode, or news-like fragments glued with numbers written every way
news writes them), the extractor must not raise and must return the figure table of
``tracker.schema.COLUMNS``: every column, in order, with its dtype; offsets that slice the
surface and the sentence; a stable, unique ``figure_id``. And one number written in
different ways ("1,200", "1200", "1.2k", "1.2 thousand") must parse to the same value.
The fragments are written for these tests; no text is copied from any article or benchmark.
"""
from __future__ import annotations

import math
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker import extract_corpus, extract_figures
from tracker.schema import CATEGORIES, COLUMNS

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

META = {"doc_id": "doc-1", "source": "Test Outlet", "published": "2022-02-14",
        "url": "https://example.org/a", "title": "A title"}


def null(x) -> bool:
    return x is None or bool(pd.isna(x))


def assert_figure_table(frame: pd.DataFrame, text: str, meta: dict | None = None) -> None:
    """The shape and internal consistency every result must have."""
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(COLUMNS)
    for name, dtype in COLUMNS.items():
        assert str(frame[name].dtype) == dtype, (name, str(frame[name].dtype), dtype)
    ids = [r for r in frame["figure_id"].tolist()]
    assert not any(null(i) for i in ids), "figure_id is null"
    assert len(ids) == len(set(ids)), f"figure_id not unique: {ids}"
    for row in frame.to_dict("records"):
        assert not null(row["value"]) and not math.isnan(row["value"]), row
        assert not null(row["approx"]) and not null(row["derived"]), row
        assert null(row["category"]) or row["category"] in CATEGORIES, row
        if not null(row["low"]):
            assert row["low"] <= row["value"], row
        if not null(row["high"]):
            assert row["value"] <= row["high"], row
        if meta:
            for key, val in meta.items():
                assert row[key] == val, (key, row[key], val)
        if bool(row["derived"]) and null(row["start"]):
            continue  # a derived row may have no span of its own
        start, end = row["start"], row["end"]
        assert not null(start) and not null(end), row
        assert 0 <= start < end <= len(text), row
        assert text[start:end] == row["surface"], (text[start:end], row["surface"])
        sentence, s0 = row["sentence"], row["sentence_start"]
        assert not null(sentence) and not null(s0), row
        assert 0 <= s0 and text[s0:s0 + len(sentence)] == sentence, (sentence, s0)
        assert s0 <= start and end <= s0 + len(sentence), (start, end, s0, sentence)


# ---------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------
WORDS = [
    "Russia", "Russian", "Ukraine's", "Nato", "the EU", "US", "British officials", "Kyiv",
    "has massed", "an estimated", "about", "around", "up to", "more than", "at least",
    "nearly", "between", "and", "to", "some", "over", "under", "fewer than", "as many as",
    "troops", "soldiers", "battalions", "BTGs", "battalion tactical groups", "brigades",
    "tanks", "armoured vehicles", "drones", "missiles", "shells", "helicopters", "jets",
    "killed", "dead", "wounded", "civilians", "people", "refugees", "fled", "evacuated",
    "prisoners", "casualties", "percent", "per cent", "%", "km", "miles", "tonnes",
    "minutes", "-minute", "hours", "days", "weeks", "villages", "each", "each numbering",
    "a further", "said", "says", "according to", "estimate that", "told reporters",
    "claimed", "he added", "dozens of", "hundreds of", "thousands of", "tens of thousands of",
    "millions of", "several dozen", "two dozen", "a dozen", "forty", "twenty-five",
    "three hundred", "hundred", "thousand", "million", "billion", "trillion", "bn", "m", "k",
    "tn", "$", "US$", "£", "€", "₴", "USD", "EUR", "hryvnia", "roubles", "rubles", "dollars",
    "euros", "pounds", "in", "on", "February", "March 3", "3 March 2022", "2014", "10am",
    "14:00", "6.30pm", "3rd", "G7", "G20", "F-16", "T-72", "Covid-19", "S-400", "Article 5",
    "MH17", "an easing", "a day", "the two leaders", "both sides", "+44 20 7946 0000",
    ".", ",", ";", ":", "\u2013", "-", "\u2014", "(", ")", "\u201c", "\u201d", "\"", "'",
    "\n", "\n\n", "\u00a0", "\u2009", "\u2026", "...", "Mr.", "U.S.", "e.g.", "No. 5",
    "１２", "٣٤٥", "²", "½", "¾", "Ⅻ", "⁴", "𝟕", "1,2", "1.200", "1 200", ".5", "0.5",
    "1e6", "-5", "+7", "10,00", "1,,000", "1..2", "$-", "£.", "€,", "--", "––", "bnbn",
    "🇺🇦", "\u200b", "\ufeff", "\r\n", "\t",
]

NUMBER = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False,
                allow_infinity=False).map(str),
    st.integers(min_value=1, max_value=999).map(lambda n: f"{n}k"),
    st.integers(min_value=1, max_value=999).map(lambda n: f"{n / 10}bn"),
)

FRAGMENTS = st.lists(st.one_of(st.sampled_from(WORDS), NUMBER), max_size=40)
SEPARATORS = st.sampled_from([" ", "", "  ", "\n", " \u2013 "])


@st.composite
def news_like(draw):
    parts = draw(FRAGMENTS)
    sep = draw(SEPARATORS)
    return sep.join(parts)


ANY_TEXT = st.one_of(st.text(), st.text(alphabet=st.characters(codec="utf-8")), news_like())


# ---------------------------------------------------------------------------------------
# Never raises; always the table
# ---------------------------------------------------------------------------------------
@SETTINGS
@given(text=st.text())
@example(text="")
@example(text="\x00\ud7ff\U0010ffff")
@example(text="²³ ½ troops")
def test_any_unicode_text_gives_a_well_formed_table(text):
    assert_figure_table(extract_figures(text), text)


@SETTINGS
@given(text=news_like())
@example(text="Russia has massed an estimated 30,000 troops, British officials said.")
@example(text="A further 9 Russian battalions, each numbering about 700 troops, arrived.")
@example(text="Between 3,000 and 5,000 troops \u2013 10\u201315 tanks; up to $1.5bn; \u20ac500m.")
def test_news_like_text_gives_a_well_formed_table(text):
    assert_figure_table(extract_figures(text), text)


@SETTINGS
@given(text=ANY_TEXT, meta=st.fixed_dictionaries({
    "doc_id": st.text(min_size=1, max_size=20), "source": st.text(min_size=1, max_size=20),
    "published": st.just("2022-02-14"), "url": st.text(min_size=1, max_size=20),
    "title": st.text(min_size=1, max_size=20)}))
def test_metadata_is_copied_to_every_row(text, meta):
    assert_figure_table(extract_figures(text, **meta), text, meta)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u00a0\t"])
def test_empty_or_blank_text_gives_an_empty_table(text):
    frame = extract_figures(text)
    assert frame.empty
    assert list(frame.columns) == list(COLUMNS)
    assert {n: str(t) for n, t in frame.dtypes.items()} == COLUMNS


# ---------------------------------------------------------------------------------------
# figure_id: stable across runs, unique per row, tied to doc_id
# ---------------------------------------------------------------------------------------
@SETTINGS
@given(text=news_like(), doc_id=st.text(min_size=1, max_size=12))
def test_figure_id_is_stable_and_unique(text, doc_id):
    first = extract_figures(text, doc_id=doc_id)["figure_id"].tolist()
    second = extract_figures(text, doc_id=doc_id)["figure_id"].tolist()
    assert first == second
    assert len(first) == len(set(first))


def test_figure_id_depends_on_doc_id_and_span():
    text = ("Russia has moved about 8,000 troops and 40 tanks to the border. "
            "The EU approved \u20ac500m in aid.")
    a = extract_figures(text, doc_id="a")
    b = extract_figures(text, doc_id="b")
    assert len(a) >= 3, "the extractor found no figures in an obvious sentence"
    assert a["figure_id"].tolist() == extract_figures(text, doc_id="a")["figure_id"].tolist()
    assert set(a["figure_id"]).isdisjoint(set(b["figure_id"]))


# ---------------------------------------------------------------------------------------
# One number, many spellings, one value
# ---------------------------------------------------------------------------------------
def plain_decimal(x: Decimal) -> str:
    """Shortest plain decimal string: Decimal("1.200") -> "1.2", Decimal("12E+1") -> "120"."""
    s = format(x.normalize(), "f")
    return s


def one_figure(text: str):
    frame = extract_figures(text)
    assert_figure_table(frame, text)
    rows = frame[~frame["derived"].astype(bool)]
    assert len(rows) == 1, f"{text!r}: expected one figure, got {rows['surface'].tolist()}"
    row = rows.iloc[0]
    return float(row["value"]), row["unit"], row["category"]


def thousands_forms(n: int) -> list[str]:
    forms = [f"{n:,}", str(n)]
    if n % 100 == 0:  # at most one decimal, as news writes it
        k = plain_decimal(Decimal(n) / 1000)
        forms += [f"{k}k", f"{k} thousand"]
    return forms


@SETTINGS
@given(n=st.integers(min_value=1_000, max_value=999_999))
@example(n=1_200)
@example(n=1_000)
@example(n=2_014)
@example(n=45_500)
def test_thousands_written_any_way_parse_the_same(n):
    results = {form: one_figure(f"The army sent {form} troops.") for form in thousands_forms(n)}
    for form, (value, unit, category) in results.items():
        assert value == n, (form, value)
        assert (unit, category) == ("troop", "personnel"), (form, unit, category)


@SETTINGS
@given(m=st.integers(min_value=10, max_value=9_999))
@example(m=12)
@example(m=15)
def test_millions_written_any_way_parse_the_same(m):
    n = m * 100_000
    mm = plain_decimal(Decimal(n) / 1_000_000)
    forms = [f"{n:,}", f"{mm}m", f"{mm} million"]
    for form in forms:
        value, unit, category = one_figure(f"Aid groups counted {form} refugees.")
        assert value == n, (form, value)
        assert (unit, category) == ("refugee", "displaced"), (form, unit, category)


@SETTINGS
@given(m=st.integers(min_value=1, max_value=9_999))
@example(m=10)
@example(m=12)
def test_money_written_any_way_parse_the_same(m):
    n = m * 100_000_000  # 0.1bn steps
    bn = plain_decimal(Decimal(n) / 1_000_000_000)
    forms = [f"${n:,}", f"${bn}bn", f"${bn} billion", f"US${bn}bn", f"{bn} billion dollars",
             f"USD {bn}bn"]
    for form in forms:
        value, unit, category = one_figure(f"The package is worth {form}.")
        assert value == n, (form, value)
        assert (unit, category) == ("USD", "money"), (form, unit, category)


@SETTINGS
@given(n=st.integers(min_value=2, max_value=99))
def test_spelled_and_digit_counts_agree(n):
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"]
    if n < 10:
        word = ones[n]
    elif n < 20:
        word = teens[n - 10]
    else:
        word = tens[n // 10] + ("-" + ones[n % 10] if n % 10 else "")
    digits = one_figure(f"Officials counted {n} tanks near the town.")
    spelled = one_figure(f"Officials counted {word} tanks near the town.")
    assert digits == spelled == (float(n), "tank", "equipment")


# ---------------------------------------------------------------------------------------
# The corpus function gives the same table
# ---------------------------------------------------------------------------------------
@settings(max_examples=50, deadline=None)
@given(texts=st.lists(news_like(), max_size=4))
def test_corpus_is_the_concatenation_of_documents(texts):
    docs = [{"text": t, "doc_id": f"d{i}", "source": "Outlet"} for i, t in enumerate(texts)]
    corpus = extract_corpus(docs)
    assert list(corpus.columns) == list(COLUMNS)
    for name, dtype in COLUMNS.items():
        assert str(corpus[name].dtype) == dtype
    singles = [extract_figures(d["text"], doc_id=d["doc_id"], source="Outlet") for d in docs]
    assert len(corpus) == sum(len(f) for f in singles)
    for d, single in zip(docs, singles):
        part = corpus[corpus["doc_id"] == d["doc_id"]]
        assert part["figure_id"].tolist() == single["figure_id"].tolist()


_IN_WORKERS = """
import multiprocessing, sys, threading, warnings
from concurrent.futures import ProcessPoolExecutor
import pandas as pd
import tracker.extract.figures as figures
import tracker.extract.parallel as parallel
from tracker.extract.figures import extract_corpus
warnings.simplefilter("error", RuntimeWarning)  # a fall back to one process fails the run
docs = [{"text": f"Officials said {i + 1},000 troops and {i % 9 + 2} tanks arrived.", "doc_id": f"d{i}"}
        for i in range(150)]
two = extract_corpus(docs, workers=2)
print("warm", figures.load_lexicon.cache_info().currsize)  # loaded here before the workers were forked
one = extract_corpus(docs, workers=1)
pd.testing.assert_frame_equal(two, one)
pools, real = [], figures._rows_in_workers
figures._rows_in_workers = lambda chunks, workers: pools.append(workers) or real(chunks, workers)
parallel.usable_cpus = lambda: 2
pd.testing.assert_frame_equal(extract_corpus(docs), one)  # by default, a worker per CPU
print("pools", pools)

def in_child(queue=None):
    found = (len(extract_corpus(docs)) == len(one), pools)  # a pool made there would add to its pools
    return queue.put(found) if queue else found

context = multiprocessing.get_context("fork")
queue = context.Queue()
child = context.Process(target=in_child, args=(queue,), daemon=True)  # may have no children
child.start()
print("daemon", queue.get(timeout=60))
child.join()
with ProcessPoolExecutor(1, mp_context=context) as outer:  # its own pool shares the CPUs already
    print("pool worker", outer.submit(in_child).result(timeout=60))
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
pd.testing.assert_frame_equal(extract_corpus(docs), one)  # by default no warning: not asked for
stop.set()
other.join()
print("thread", pools)
"""


def test_corpus_in_worker_processes_in_a_fresh_process():
    """In an interpreter with no other thread running (here a test before may have left one,
    and extract_corpus would then stay in one process): the workers really run, two asked for
    or one per CPU by default, forked once this process has loaded the lexicons; the frame is
    one process's. By default a daemon process, a worker of a process pool, and a process
    where another thread runs stay in this process and say nothing."""
    done = subprocess.run([sys.executable, "-c", _IN_WORKERS], capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[1])
    assert (done.returncode, done.stdout.split("\n")) == (0, [
        "warm 1", "pools [2]", "daemon (True, [2])", "pool worker (True, [2])", "thread [2]", ""]), \
        done.stderr[-2000:]


def test_corpus_in_worker_processes_is_the_same_frame():
    """extract_corpus(workers=2) over several chunks of documents: the frame of one process."""
    texts = ["Officials said {n},000 troops and {m} tanks arrived; {k} people fled.",
             "The EU pledged \u20ac{n}m in aid, up from {m}m, ministers said.", "No figures here.", ""]
    docs = [{"text": texts[i % 4].format(n=i + 1, m=i % 9 + 2, k=i * 3), "doc_id": f"d{i}",
             "source": "Outlet", "published": "2022-03-01"} for i in range(150)]
    one = extract_corpus(docs, workers=1)
    assert len(one) > 150
    pd.testing.assert_frame_equal(extract_corpus(docs, workers=2), one)
    for bad in (0, 1.5, "2", True):
        with pytest.raises(ValueError, match="at least 1"):
            extract_corpus(docs, workers=bad)


def test_corpus_while_a_thread_runs_stays_in_this_process():
    """With another thread running, forking is not safe: the corpus is done in this process,
    with a warning that says so, and the frame is the same."""
    import threading

    docs = [{"text": f"Officials said {i + 1},000 troops arrived.", "doc_id": f"d{i}"} for i in range(130)]
    one = extract_corpus(docs, workers=1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        with pytest.warns(RuntimeWarning, match="in this process"):
            pd.testing.assert_frame_equal(extract_corpus(docs, workers=2), one)
    finally:
        stop.set()
        other.join()


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch):
    """The extractor failing on one document (made to, here: forked workers inherit the patch)."""
    import threading

    import tracker.extract.figures as figures

    if threading.active_count() > 1:
        pytest.skip("other threads run: workers would be spawned and not see the patch")
    real = figures.figure_rows

    def fragile(text, **metadata):
        if metadata["doc_id"] == "bad":
            raise RuntimeError("cannot read this one")
        return real(text, **metadata)

    monkeypatch.setattr(figures, "figure_rows", fragile)
    docs = [{"text": f"{i} tanks", "doc_id": f"d{i}"} for i in range(130)] + [{"text": "5 tanks", "doc_id": "bad"}]
    for workers in (1, 2):
        with pytest.raises(RuntimeError, match="cannot read this one"):
            extract_corpus(docs, workers=workers)


# ---------------------------------------------------------------------------------------
# The early return: a text with no digit and no number word has no figure
# ---------------------------------------------------------------------------------------
@SETTINGS
@given(text=ANY_TEXT)
@example(text="Dozens of troops and a third of the tanks; half the jets.")
@example(text="Several hundred civilians fled, officials said.")
def test_a_text_the_early_return_skips_has_no_figure(text):
    """What the sentence stages find, run on every sentence without the early return of
    figure_rows: a sentence with a figure always holds what that return looks for."""
    from tracker.extract.figures import figures_in_sentence
    from tracker.extract.numbers import number_hint_pattern
    from tracker.extract.sentences import split_sentences

    for _, sentence in split_sentences(text):
        if figures_in_sentence(sentence):
            assert number_hint_pattern().search(sentence), sentence


_NUMBERISH = st.lists(st.sampled_from(
    list("0123456789 .,-−$£€₴%/⁄xX×^aAbBmMkKnNsStT\u2009\u00a0½") + [
        "US$", "USD ", "minus ", "million", "bn", "dozens of ", "a third", "half a ", "one in five",
        "twenty-five", "several hundred", "G7", "troops", "Hz"]), max_size=30).map("".join)


@SETTINGS
@given(text=_NUMBERISH | st.text(max_size=40), pos=st.integers(0, 40))
def test_the_number_start_guard_changes_no_match(text, pos):
    """number_pattern begins with NUMBER_START, which only skips places no branch can match at:
    without it, every search finds the same number."""
    from tracker.extract.numbers import NUMBER_START, number_pattern

    for spaced in (True, False):
        guarded = number_pattern(spaced=spaced)
        assert guarded.pattern.startswith(NUMBER_START)
        bare = re.compile(guarded.pattern[len(NUMBER_START):], guarded.flags)
        a, b = guarded.search(text, pos), bare.search(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


@SETTINGS
@given(text=_NUMBERISH | st.text(max_size=40) | st.text(alphabet="0123456789 ,.-aAnNsS$İıſK", max_size=30),
       pos=st.integers(0, 40))
@example(text="1,2345 and 12 345 678", pos=3)
@example(text="A320s, a few, U.S.$5, minus 3, $US7, ZŁ5 and .5", pos=0)
def test_the_number_search_finds_what_the_pattern_finds(text, pos):
    """NumberSearch tries number_pattern only where number_start_pattern says a number may
    start: every search finds the match that searching with the pattern itself finds."""
    from tracker.extract.numbers import NumberSearch, number_pattern

    for spaced in (True, False):
        pattern = number_pattern(spaced=spaced)
        a, b = NumberSearch(text).search(pattern, pos), pattern.search(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


@SETTINGS
@given(text=st.text(alphabet="ab5_ -,.\n\t\u00a0é²İ", max_size=40) | st.text(max_size=40), i=st.integers(0, 40),
       spaced=st.booleans())
@example(text="in 2014\n", i=8, spaced=True)
@example(text="x" * 300 + " to ", i=304, spaced=True)
def test_the_word_behind_is_what_a_regex_anchored_at_the_end_finds(text, i, spaced):
    """window.word_behind reads the text backwards: it finds the word that searching the
    window with the end-anchored regex finds."""
    from tracker.extract import window

    i = min(i, len(text))
    m = re.search(r"([^\W\d_]+)\s+$" if spaced else r"([^\W\d_]+)\W*$", window.behind(text, i))
    assert window.word_behind(text, i, spaced=spaced) == (m.group(1) if m else None)


def test_the_lowered_text_the_number_search_scans_keeps_every_class_of_character():
    """number_start_pattern reads the text as lowered gives it: for every code point, one
    character for one, a letter, a word character, a digit or a space as before, and what a
    case-insensitive regex takes for an ASCII letter lowered to that letter."""
    import string

    from tracker.extract.numbers import lowered

    letter, word = re.compile(r"[^\W\d_]"), re.compile(r"\w")
    ascii_letters = {c: re.compile(c, re.I) for c in string.ascii_lowercase}
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        low = lowered(c)
        assert len(low) == 1, hex(code)
        assert (bool(letter.match(c)), bool(word.match(c)), c.isdecimal(), c.isspace()) == \
            (bool(letter.match(low)), bool(word.match(low)), low.isdecimal(), low.isspace()), hex(code)
        if not c.isascii() and low.isascii() and low in ascii_letters:
            assert ascii_letters[low].fullmatch(c), hex(code)
    for a, pattern in ascii_letters.items():
        assert all(lowered(c) == a for c in "İıſK" + a.upper() if pattern.fullmatch(c))


_CHANGE_WORDS = st.lists(st.sampled_from(
    ["rose", "ROSE", "fell", "up", "up to", "by", "more than", "about", "another", "further", "cut",
     "arose", "-rose", "_rose", "2rose", "ri\u017fe", "R\u0130SE", "rose\n", "drop", " ", "  ", ",", "the",
     "Kyiv", "5"]), max_size=8).map(" ".join)


@SETTINGS
@given(left=_CHANGE_WORDS | st.text(max_size=40))
@example(left="prices rose by about ")
@example(left="it went up to ")
@example(left="ri\u017fe ")
def test_the_change_word_before_a_figure_is_what_the_pattern_finds(left):
    """change_before searches CHANGE_BEFORE only where the text ends with a word a match can
    end with: it finds what searching with the pattern itself finds."""
    from tracker.extract.change import CHANGE_BEFORE, change_before

    a, b = change_before(left), CHANGE_BEFORE.search(left)
    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


@SETTINGS
@given(sentence=st.lists(st.sampled_from(
    ["Of", "the", "including", "INCLUDING", "Per", "DAY", "a", "day", "each", "so far", "in total",
     "since", "another", "K", "\u0130", "\u017f", "-", "troops", "5,000", ",", "."]), max_size=10).map(" ".join)
    | st.text(max_size=40))
def test_the_role_gate_finds_what_a_case_insensitive_search_finds(sentence):
    """roles._GATE is searched in the lowered sentence, case-sensitive: it finds a role word
    where the same pattern ignoring case finds one in the sentence as written."""
    from tracker.extract.numbers import lowered
    from tracker.extract.roles import _GATE

    insensitive = re.compile(_GATE.pattern, re.I)
    a, b = _GATE.search(lowered(sentence)), insensitive.search(sentence)
    assert (a and a.span()) == (b and b.span())


_PHONE_OR_DATE = st.lists(st.tuples(
    st.sampled_from([" ", "-", ".", "/", "", "(", ") ", "\n", "a"]),
    st.sampled_from(["+44", "020", "7946", "0958", "555", "12", "2022", "16", "02", "1", "\u0663\u0663\u0663", "_"])),
    min_size=1, max_size=5).map(lambda parts: "".join(a + b for a, b in parts))


@SETTINGS
@given(text=_PHONE_OR_DATE | st.text(max_size=30))
@example(text="Call +44 (0)20 7946 0958 now")
@example(text="(020) 7946 0958")
@example(text="a2022-02-16, 2022-02-16 and 16/02/22")
def test_phone_numbers_and_dates_with_digits_are_found_as_their_patterns_find_them(text):
    """The phone pattern is searched only where its hint is found: the hint is in every phone
    number. The pattern of dates written with digits finds what its plain form finds."""
    from tracker.extract.lexicon import load_lexicon
    from tracker.extract.non_figures import _DATE

    lex = load_lexicon()
    if lex.phone_re.search(text):
        assert lex.phone_hint_re.search(text)
    plain = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
    assert [m.span() for m in _DATE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("documents, error, message", [
    (["5 tanks were seen."], TypeError, r"document 0 is a str, not a dict .*\{'text': t\}"),
    ("5 tanks were seen.", TypeError, "a list of documents, not one str"),
    ({"text": "5 tanks were seen."}, TypeError, "a list of documents, not one dict"),
    ([{"text": "5 tanks"}, {"body": "5 tanks"}], ValueError, r"document 1 has no 'text' \(its keys: body\)"),
    (pd.DataFrame({"body": ["5 tanks"]}), ValueError, r"no 'text' column \(its columns: body\)"),
])
def test_corpus_documents_that_are_not_documents_get_a_clear_message(documents, error, message):
    with pytest.raises(error, match=message):
        extract_corpus(documents)


def test_corpus_of_a_frame_reads_its_columns():
    frame = pd.DataFrame({"text": ["Officials said 300 troops arrived.", None, "No figure here."],
                          "doc_id": [7, 8, 9], "source": ["Reuters", float("nan"), None]})
    found = extract_corpus(frame)
    assert found[["doc_id", "value", "unit", "source"]].to_dict("records") == [
        {"doc_id": "7", "value": 300.0, "unit": "troop", "source": "Reuters"}]


@pytest.mark.parametrize("text", [b"5 tanks", bytearray(b"5 tanks"), memoryview(b"5 tanks")])
def test_bytes_are_refused_with_a_clear_message(text):
    with pytest.raises(TypeError, match="decode it first"):
        extract_figures(text)
    with pytest.raises(TypeError, match="decode it first"):
        extract_corpus([{"text": text}])

"""Re-extraction: corrections follow their figure to its new span (or stay, orphaned), the store
knows which extractor found its figures, and ``python -m tracker reextract`` says what changed.

The figures "before" and "after" are written out by hand for each case (as an older and a newer
extractor might give them), so each case says which span a correction must end on; the texts
restate troop and casualty reports of the kind the tracker reads.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import tracker.load as load_module
from test_store import store, url  # noqa: F401 - fixtures: SQLite file, in memory, Postgres
from tracker.cli import main
from tracker.extract.figures import figure_rows
from tracker.load import add_document, reextract_store
from tracker.schema import EXTRACTOR_VERSION, figure_id
from tracker.sources.document import Document
from tracker.store.rekey import best_span, figure_changes, overlap, plan_moves
from tracker.store.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]


def fig(text: str, surface: str, derived: bool = False, **fields) -> dict:
    """A figure row at the first place ``surface`` is written in ``text``."""
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "surface": surface, "derived": derived,
            "value": 1.0, "role": "total", "sentence": text, "sentence_start": 0, **fields}


# -- where a correction goes ---------------------------------------------------------------------

GROWS = "Officials said more than 150,000 troops were massed near the border."
BTG = "Russia has deployed 14 battalion tactical groups of about 800 troops each, Kyiv said."
RANGE = "Analysts put the force at between 10,000 and 15,000 troops."
LOSSES = "The ministry said 1,200 soldiers had been killed and 3,000 wounded."

#: (case, text, figures before, figures after, the surface corrected (and derived?), where the
#: correction must end: a surface (and derived?) of the figures after, or None for orphaned)
MOVES = [
    ("grows", GROWS, [fig(GROWS, "150,000")], [fig(GROWS, "more than 150,000 troops")],
     ("150,000", False), ("more than 150,000 troops", False)),
    ("shrinks", GROWS, [fig(GROWS, "more than 150,000 troops")], [fig(GROWS, "150,000 troops")],
     ("more than 150,000 troops", False), ("150,000 troops", False)),
    ("shifts", BTG, [fig(BTG, "about 800")], [fig(BTG, "800 troops")],
     ("about 800", False), ("800 troops", False)),
    ("same span: stays", LOSSES, [fig(LOSSES, "1,200 soldiers")], [fig(LOSSES, "1,200 soldiers", value=9.0)],
     ("1,200 soldiers", False), ("1,200 soldiers", False)),
    ("splits: the larger overlap", RANGE, [fig(RANGE, "between 10,000 and 15,000 troops")],
     [fig(RANGE, "10,000"), fig(RANGE, "15,000 troops")],
     ("between 10,000 and 15,000 troops", False), ("15,000 troops", False)),
    ("splits evenly: the nearest start", RANGE, [fig(RANGE, "10,000 and 15,000")],
     [fig(RANGE, "10,000"), fig(RANGE, "15,000")], ("10,000 and 15,000", False), ("10,000", False)),
    ("disappears: orphaned", LOSSES, [fig(LOSSES, "1,200 soldiers"), fig(LOSSES, "3,000")],
     [fig(LOSSES, "1,200 soldiers")], ("3,000", False), None),
    ("derived goes to derived, not the plain figure it overlaps more", BTG,
     [fig(BTG, "14 battalion tactical groups"),
      fig(BTG, "14 battalion tactical groups of about 800 troops each", derived=True)],
     [fig(BTG, "14 battalion tactical groups of about 800 troops"),
      fig(BTG, "14 battalion tactical groups of about 800", derived=True)],
     ("14 battalion tactical groups of about 800 troops each", True),
     ("14 battalion tactical groups of about 800", True)),
    ("plain goes to plain, not the derived figure", BTG,
     [fig(BTG, "14 battalion tactical groups"),
      fig(BTG, "14 battalion tactical groups of about 800 troops each", derived=True)],
     [fig(BTG, "14 battalion"), fig(BTG, "14 battalion tactical groups of about 800", derived=True)],
     ("14 battalion tactical groups", False), ("14 battalion", False)),
    ("a derived figure gone: orphaned, though a plain one overlaps", BTG,
     [fig(BTG, "14 battalion tactical groups"),
      fig(BTG, "14 battalion tactical groups of about 800 troops each", derived=True)],
     [fig(BTG, "14 battalion tactical groups")],
     ("14 battalion tactical groups of about 800 troops each", True), None),
]


def _at(figures: list[dict], surface: str, derived: bool) -> dict:
    [found] = [f for f in figures if f["surface"] == surface and f["derived"] == derived]
    return found


@pytest.mark.parametrize("case, text, before, after, corrected, to", MOVES, ids=[m[0] for m in MOVES])
def test_a_correction_follows_its_figure(store, case, text, before, after, corrected, to):  # noqa: F811
    result = store.add_document(Document("brief", text), before)
    old = _at(before, *corrected)
    fix = store.add_correction(result.content_hash, old["start"], old["end"], "value", 42, author="ed")
    update = store.update_figures("brief", after)
    log = store.corrections().set_index("id").loc[fix]
    shown = store.figures()
    if to is None:
        assert update.orphaned == (fix,) and update.moved == {}
        assert (log["start"], log["end"]) == (old["start"], old["end"])  # kept where it was
        assert pd.notna(log["orphaned_at"])
        assert not shown["corrected"].any() and 42.0 not in shown["value"].tolist()
        return
    new = _at(after, *to)
    assert (log["start"], log["end"], log["original_start"], log["original_end"]) == (
        new["start"], new["end"], old["start"], old["end"])
    assert pd.isna(log["orphaned_at"])
    assert update.moved == ({} if new["start"] == old["start"] and new["end"] == old["end"]
                            else {fix: (new["start"], new["end"])})
    hit = shown[shown["corrected"]]
    assert hit[["surface", "derived", "value"]].values.tolist() == [[new["surface"], new["derived"], 42.0]]


def test_every_field_of_a_figure_moves_together_and_reverted_ones_stay(store):  # noqa: F811
    old = fig(GROWS, "150,000")
    result = store.add_document(Document("brief", GROWS), [old])
    span = (old["start"], old["end"])
    ids = store.add_corrections([(result.content_hash, *span, "value", 160000),
                                 (result.content_hash, *span, "role", "cumulative")])
    reverted = store.add_correction(result.content_hash, *span, "unit", "soldier")
    store.revert_correction(reverted)
    update = store.update_figures("brief", [fig(GROWS, "more than 150,000 troops")])
    assert sorted(update.moved) == ids
    log = store.corrections().set_index("id")
    assert (log.loc[reverted, "start"], log.loc[reverted, "end"]) == span  # history: where it was made
    row = store.figures().iloc[0]
    assert (row["surface"], row["value"], row["role"]) == ("more than 150,000 troops", 160000.0, "cumulative")
    assert pd.isna(row["unit"])  # the reverted correction applies to no span


def test_an_orphaned_correction_applies_again_when_a_figure_comes_back(store):  # noqa: F811
    result = store.add_document(Document("brief", LOSSES), [fig(LOSSES, "3,000")])
    three = fig(LOSSES, "3,000")
    fix = store.add_correction(result.content_hash, three["start"], three["end"], "subtype", "wounded")
    assert store.update_figures("brief", []).orphaned == (fix,)
    assert store.update_figures("brief", []).orphaned == (fix,)  # still kept, still reported
    first = store.corrections().set_index("id").loc[fix, "orphaned_at"]
    assert pd.notna(first)
    again = store.update_figures("brief", [fig(LOSSES, "3,000 wounded")])
    assert again.orphaned == () and again.moved == {fix: (three["start"], three["start"] + 13)}
    assert pd.isna(store.corrections().set_index("id").loc[fix, "orphaned_at"])
    assert store.figures()[["surface", "subtype", "corrected"]].values.tolist() == [["3,000 wounded", "wounded", True]]


def test_the_figures_changed_are_counted_by_span_and_column(store):  # noqa: F811
    before = [fig(LOSSES, "1,200 soldiers"), fig(LOSSES, "3,000")]
    after = [fig(LOSSES, "1,200 soldiers", subtype="killed", value=1200.0), fig(LOSSES, "3,000 wounded")]
    store.add_document(Document("brief", LOSSES), before)
    update = store.update_figures("brief", after, dry_run=True)
    assert (update.before, update.after) == (2, 2)
    assert (update.changes.added, update.changes.removed, update.changes.changed) == (1, 1, 1)
    assert update.changes.columns == {"subtype": 1, "value": 1}
    assert store.figures()["surface"].tolist() == ["1,200 soldiers", "3,000"]  # a dry run writes nothing


# -- the pure parts, as properties ---------------------------------------------------------------

spans = st.tuples(st.integers(0, 200), st.integers(1, 60)).map(lambda p: (p[0], p[0] + p[1]))


@given(spans, st.lists(spans, max_size=6))
def test_the_best_span_overlaps_most_and_is_a_candidate(span, candidates):
    best = best_span(span, candidates)
    shared = [overlap(span, c) for c in candidates]
    if not any(shared):
        assert best is None
    else:
        assert best in candidates and overlap(span, best) == max(shared)


@given(st.lists(spans, max_size=6))
def test_figures_compared_with_themselves_have_no_changes(found):
    rows = [{"start": s, "end": e, "derived": False, "value": float(s)} for s, e in found]
    changes = figure_changes(rows, list(reversed(rows)))
    assert (changes.added, changes.removed) == (0, 0)
    assert plan_moves([(i, s, e) for i, (s, e) in enumerate(found)], rows, rows).moved == {}


# -- the extractor version -----------------------------------------------------------------------

def test_documents_are_stamped_with_the_extractor_version(store):  # noqa: F811
    add_document(store, Document("now", GROWS))
    store.add_document(Document("old", LOSSES), [], extractor_version=EXTRACTOR_VERSION - 1)
    store.add_document(Document("unknown", BTG), [], extractor_version=None)
    assert store.stale_documents() == 2
    reextract_store(store, dry_run=True)
    assert store.stale_documents() == 2  # a dry run stamps nothing
    reextract_store(store)
    assert store.stale_documents() == 0
    assert store.stale_documents(EXTRACTOR_VERSION + 1) == 3


def test_an_upgraded_store_counts_as_older_and_keeps_the_corrections_span(tmp_path):
    """A store at revision 0003 (before the stamp and the corrections' original spans)."""
    from test_migrations import fill_as_revision_0001, migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"  # noqa: F811
    migrate(url, "upgrade", "0003")
    fill_as_revision_0001(url)
    with Store(url) as store:
        assert store.stale_documents() == store.document_count() == 3
        log = store.corrections()
        assert log[["start", "end", "original_start", "original_end"]].values.tolist() == [[18, 32, 18, 32]]
        assert log["orphaned_at"].isna().all()


# -- python -m tracker reextract -----------------------------------------------------------------

TROOPS = Document("troops", "Russia has massed more than 100,000 troops near the border, the Pentagon said.",
                  published="2022-01-20")
MONEY = Document("money", "Germany pledged €5m in humanitarian aid to Ukraine.", published="2022-02-26")


@pytest.fixture
def filled(tmp_path):
    """A SQLite store with two documents and a correction of the troops figure."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"  # noqa: F811
    with Store(url) as store:
        result = add_document(store, TROOPS)
        add_document(store, MONEY)
        troops = store.figures().query("doc_id == 'troops'").iloc[0]
        store.add_correction(result.content_hash, int(troops["start"]), int(troops["end"]), "value", 110000)
    return url


def cli(capsys, *args) -> tuple[int, str, str]:
    status = main(["reextract", *args])
    out, err = capsys.readouterr()
    return status, out, err


def shifted(text, **meta):
    """A "newer extractor": every figure's span one character shorter at its end."""
    return [{**row, "end": row["end"] - 1, "surface": text[row["start"]:row["end"] - 1]}
            for row in figure_rows(text, **meta)]


def test_reextract_with_the_same_extractor_changes_nothing(filled, capsys):
    with Store(filled) as store:
        before = store.figures()
    status, out, err = cli(capsys, "--db", filled)
    assert (status, err) == (0, "")
    assert out.splitlines()[0].startswith("reextract: 2 documents read in ")
    n = len(before)
    assert out.splitlines()[1:] == [
        f"figures: {n} before, {n} after; 0 added, 0 removed, 0 changed",
        "corrections: 0 were moved to a changed span, 0 were left without a figure (kept)"]
    with Store(filled) as store:
        pd.testing.assert_frame_equal(store.figures(), before)


def test_reextract_moves_corrections_and_reports_the_changes(filled, capsys, monkeypatch):
    monkeypatch.setattr(load_module, "figure_rows", shifted)
    with Store(filled) as store:
        n, version = len(store.figures()), store.version()
    status, out, err = cli(capsys, "--db", filled, "--dry-run")
    assert (status, err) == (0, "")
    assert "(dry run: nothing written)" in out
    assert f"figures: {n} before, {n} after; {n} added, {n} removed, 0 changed" in out
    assert "corrections: 1 would be moved to a changed span, 0 would be left without a figure" in out
    with Store(filled) as store:
        assert store.version() == version
    status, out, err = cli(capsys, "--db", filled)
    assert (status, err) == (0, "")
    assert "corrections: 1 were moved to a changed span, 0 were left without a figure (kept)" in out
    with Store(filled) as store:
        fixed = store.figures().query("corrected")
        assert fixed[["doc_id", "value"]].values.tolist() == [["troops", 110000.0]]
        assert fixed["surface"].iloc[0] == "100,000 troop"


def test_reextract_reports_corrections_left_without_a_figure(filled, capsys, monkeypatch):
    monkeypatch.setattr(load_module, "figure_rows", lambda text, **meta: [])
    status, out, err = cli(capsys, "--db", filled)
    assert status == 0
    assert "0 after" in out and "1 were left without a figure (kept)" in out
    assert "left without a figure: correction #1 (value → 110000.0)" in out and "of troops" in out
    with Store(filled) as store:
        assert len(store.corrections()) == 1


def test_a_document_the_extractor_fails_on_keeps_its_figures_and_the_rest_go_on(filled, capsys, monkeypatch):
    def fragile(text, **meta):
        if "Germany" in text:
            raise RuntimeError("stage failed")
        return shifted(text, **meta)

    monkeypatch.setattr(load_module, "figure_rows", fragile)
    with Store(filled) as store:
        money = store.figures().query("doc_id == 'money'")
    status, out, err = cli(capsys, "--db", filled)
    assert status == 2
    assert err.startswith("error: money: the extractor failed (RuntimeError: stage failed)")
    assert "failed: 1 documents, their figures kept" in out
    with Store(filled) as store:
        pd.testing.assert_frame_equal(store.figures().query("doc_id == 'money'").reset_index(drop=True),
                                      money.reset_index(drop=True))
        assert store.stale_documents() == 0  # both were stamped when stored; troops again now


def test_a_run_stopped_midway_has_lost_nothing(filled, monkeypatch):
    """Interrupted on the second document: the first is done, the second as it was."""
    def interrupted(text, **meta):
        if "Germany" in text:
            raise KeyboardInterrupt
        return shifted(text, **meta)

    with Store(filled) as store:
        money = store.figures().query("doc_id == 'money'")
        store.add_document(Document("old", LOSSES), [], extractor_version=None)
    monkeypatch.setattr(load_module, "figure_rows", interrupted)
    with Store(filled) as store, pytest.raises(KeyboardInterrupt):
        reextract_store(store)
    with Store(filled) as store:
        shown = store.figures()
        assert shown.query("corrected")["surface"].tolist() == ["100,000 troop"]
        pd.testing.assert_frame_equal(shown.query("doc_id == 'money'").reset_index(drop=True),
                                      money.reset_index(drop=True))
        assert store.stale_documents() == 1  # "old" was not reached


@pytest.mark.parametrize("db, words", [
    ("sqlite:///{tmp}/missing.db", "there is no such file"),
    ("nosuchdb://x/y", "unknown database type"),
    ("postgresql+psycopg://tracker:s3cret@127.0.0.1:1/tracker", "cannot open database"),
])
def test_a_store_that_cannot_be_opened_is_one_line_and_exit_1(tmp_path, capsys, db, words):
    status, out, err = cli(capsys, "--db", db.format(tmp=tmp_path))
    assert status == 1 and out == ""
    assert err.startswith("error: cannot open database") and words in err and len(err.splitlines()) == 1
    assert "s3cret" not in err
    assert not (tmp_path / "missing.db").exists()  # nothing made


def test_the_module_entry_point_reextracts_without_traceback(filled, tmp_path):
    done = subprocess.run([sys.executable, "-m", "tracker", "reextract", "--db", filled, "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("reextract: 2 documents read")
    missing = subprocess.run([sys.executable, "-m", "tracker", "reextract", "--db",
                              f"sqlite:///{tmp_path / 'nothing.db'}"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_the_progress_bar_goes_to_stderr_when_asked(filled, capsys):
    status, out, err = cli(capsys, "--db", filled, "--progress")
    assert status == 0 and "2/2" in err and "documents" in err
    assert "2/2" not in out


def test_figure_ids_follow_the_stored_doc_id_after_reextraction(filled):
    with Store(filled) as store:
        reextract_store(store)
        row = store.figures().query("doc_id == 'troops'").iloc[0]
    assert row["figure_id"] == figure_id("troops", int(row["start"]), int(row["end"]), bool(row["derived"]))


def test_the_store_refuses_a_figure_of_the_wrong_type_and_keeps_the_old(store):  # noqa: F811
    store.add_document(Document("brief", GROWS), [fig(GROWS, "150,000")])
    with pytest.raises(StoreError, match="wrong type"):
        store.update_figures("brief", [fig(GROWS, "150,000", value="many")])
    with pytest.raises(KeyError):
        store.update_figures("nope", [])
    assert store.figures()["surface"].tolist() == ["150,000"]



# -- the new columns in the downloads ------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json"])
def test_downloads_carry_what_exactly_the_role_and_the_date(store, fmt):  # noqa: F811
    from tracker.analysis import export

    text = "The ministry said 1,200 soldiers had been killed as of 3 March."
    row = fig(text, "1,200 soldiers", category="casualties", subtype="killed", role="cumulative",
              as_of="2022-03-03", as_of_precision="day", as_of_text="as of 3 March")
    store.add_document(Document("brief", text), [row])
    frame = store.figures()
    back = export.read_export(getattr(export, f"to_{fmt}")(frame), fmt)
    assert back[["subtype", "role", "as_of", "as_of_precision", "as_of_text"]].astype(str).values.tolist() == [
        ["killed", "cumulative", "2022-03-03", "day", "as of 3 March"]]


#: (id, old figures' spans, corrections (id, start, end, field), new figures' spans,
#:  expected moved, expected orphaned): old figures that re-extraction joins into one.
JOINED_CASES = [
    # "45" and "100 refugees" become "45 100 refugees": the value corrected on the larger part
    # moves, the "not a figure" on the fragment is no verdict on the whole figure.
    ("not-a-figure-of-a-fragment-stays-behind", [(9, 11), (12, 24)],
     [(1, 9, 11, "not_a_figure"), (2, 12, 24, "value")], [(9, 24)], {2: (9, 24)}, (1,)),
    # Two value corrections land on one figure: the one on the span it overlaps most moves.
    ("one-correction-per-field", [(0, 3), (4, 20)],
     [(1, 0, 3, "value"), (2, 4, 20, "value")], [(0, 20)], {2: (0, 20)}, (1,)),
    # Corrections of different fields both move.
    ("different-fields-both-move", [(0, 3), (4, 20)],
     [(1, 0, 3, "unit"), (2, 4, 20, "value")], [(0, 20)], {1: (0, 20), 2: (0, 20)}, ()),
    # A "not a figure" on a span that only shrinks or shifts still moves.
    ("not-a-figure-of-a-figure-that-shrinks-moves", [(0, 20)],
     [(1, 0, 20, "not_a_figure")], [(4, 20)], {1: (4, 20)}, ()),
]


@pytest.mark.parametrize("old, corrections, new, moved, orphaned",
                         [pytest.param(*case[1:], id=case[0]) for case in JOINED_CASES])
def test_joined_figures_take_one_correction_per_field(old, corrections, new, moved, orphaned):
    as_rows = lambda spans: [{"start": a, "end": b, "derived": False} for a, b in spans]  # noqa: E731
    result = plan_moves(corrections, as_rows(old), as_rows(new))
    assert (result.moved, result.orphaned) == (moved, orphaned)

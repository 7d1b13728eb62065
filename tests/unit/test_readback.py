"""What a session writes, the journal reads back: any clock gap, any count, any load.

The engine measures; the journal's reader has bounds of reason (no rest longer than ten years, no
load over 10,000). A figure beyond them is written at the bound with the real one kept beside it
(``actual_<key>``), and a session that would not read back whole is never appended: it stays in
its checkpoint. The journal is read back only through its public reader (``read_journal``).
"""

from __future__ import annotations

import contextlib
import math
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calftui import journal as journal_module, paths
from calftui.common.config import Settings
from calftui.common.units import HEAVIEST, LONGEST_S, MOST_REPS
from calftui.journal import read_journal
from calftui.live import checkpoint as cp, record
from calftui.live.engine import EVENTS, Engine
from calftui.live.session import Session

from conftest import examples
from helpers import workout

WEEK = 7 * 24 * 3600.0
BEYOND = LONGEST_S + 691311.038
"""A figure beyond the reader's bounds: written at the bound, the real one kept beside it."""
GYM = workout('[[exercise]]\nname = "Ramp"\nsets = 2\nreps = 5\nrest = 60\nwarmup = true\n'
              '[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\nrest = 90\nweight = 20\ntempo = "1-1-1-0"\n'
              '[[exercise]]\nname = "Death"\ntarget = 30\nrest_pause = 10\n'
              '[[exercise]]\nname = "Hold"\nduration = 30\nsets = 2\nper_side = true\nrest = 10\n'
              '[[exercise]]\nname = "Max"\nduration = "max"\n', "Gym")


def written(journal: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    """The journal's sessions as plain TOML tables, by id (what a person reading the file sees)."""
    tables = tomllib.loads(journal.read_text(encoding="utf-8"))["session"] if journal.exists() else []
    return {t["id"]: t for t in tables}


def test_a_week_between_two_sets_is_saved_and_read_back(isolated_home: Path) -> None:
    """A gym PC left on: 22 reps, then the next set started 8 days later. The summary opens, and the
    session is in the journal with every rep and the rest as it was taken."""
    journal = isolated_home / "journal.toml"
    w = workout('[[exercise]]\nname = "Raise"\nsets = 2\nreps = "amrap"\nrest = 60\n')
    session = Session.begin(w, journal=journal, settings=Settings(), now=0.0)
    session.send("start", 1.0)
    for i in range(12):
        session.send("rep", 2.0 + i)
    session.send("finish", 20.0)
    later = 20.0 + 691311.038
    session.send("start", later)
    for i in range(10):
        session.send("rep", later + 1 + i)
    session.send("finish", later + 15)
    assert session.ended
    review = session.review()  # the summary
    assert review.session.total_reps == 22
    outcome = session.save()
    assert outcome.written, outcome.problem
    reading = read_journal(journal)
    assert reading.damage == []
    [back] = reading.sessions
    assert back.total_reps == 22 and back.sets[1].rest_before_s == 691311.038
    assert "actual_rest_before_s" not in written(journal)[session.id]["sets"][1]
    assert list(paths.sessions_dir().glob("*.json")) == []  # in the journal: the checkpoint has gone


def test_a_set_left_running_beyond_reason_keeps_its_taps(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    w = workout('[[exercise]]\nname = "Raise"\nreps = "amrap"\n')
    session = Session.begin(w, journal=journal, settings=Settings(), now=0.0)
    session.send("start", 0.0)
    session.send("rep", 1.0)
    session.send("rep", BEYOND)  # a tap eleven years into the set (a clock that jumped)
    session.send("finish", BEYOND + 1)
    assert session.save().written
    [back] = read_journal(journal).sessions
    assert back.total_reps == 2 and back.sets[0].duration_s == LONGEST_S
    table = written(journal)[session.id]["sets"][0]
    assert table["rep_at_s"] == [1.0, LONGEST_S] and table["actual_rep_at_s"] == [1.0, BEYOND]
    assert table["actual_duration_s"] == BEYOND + 1
    assert list(table)[-5:] == ["duration_s", "rest_before_s", "failure", "warmup", "rep_at_s"]  # still last


def test_a_load_beyond_reason_from_the_last_session_is_written_within_bounds(isolated_home: Path) -> None:
    """The last session's 10,000 kg, read in pounds, is 22,046 lb: beyond what the reader takes."""
    journal = isolated_home / "journal.toml"
    w = workout('[[exercise]]\nname = "Raise"\nreps = 5\n')
    first = Session.begin(w, journal=journal, settings=Settings(unit="kg"), now=0.0)
    first.engine.core.weights[0] = HEAVIEST
    first.send("start", 1.0)
    first.send("rep", 2.0)
    first.send("finish", 3.0)
    assert first.save().written
    second = Session.begin(w, journal=journal, settings=Settings(unit="lb"), now=10.0)
    second.take_plan(second.read_plan())  # (the journal changed: its loads come once it is read)
    assert second.view(10.0).weight is not None and second.view(10.0).weight > HEAVIEST  # type: ignore[operator]
    second.send("start", 11.0)
    second.send("rep", 12.0)
    second.send("finish", 13.0)
    assert second.save().written
    reading = read_journal(journal)
    assert reading.damage == [] and [s.total_reps for s in reading.sessions] == [1, 1]
    table = written(journal)[second.id]["sets"][0]
    assert table["weight"] == HEAVIEST and table["actual_weight"] > HEAVIEST


def test_the_load_keys_stop_at_the_heaviest_load() -> None:
    e = Engine(workout('[[exercise]]\nname = "Raise"\nreps = 5\nweight = 990\n'), 0.0, load_step=100.0)
    for i in range(200):
        e.load(1.0 + i, 1)
    assert e.view(300.0).weight == HEAVIEST


def test_a_key_stuck_down_counts_no_more_than_a_set_can_hold(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    session = Session.begin(workout('[[exercise]]\nname = "Raise"\nreps = "amrap"\n'), journal=journal,
                            settings=Settings(), now=0.0)
    session.send("start", 0.0)
    for i in range(MOST_REPS + 3):
        session.engine.rep(1.0 + i / 30)  # key repeat, 30 a second
    session.send("finish", 1.0 + (MOST_REPS + 3) / 30)
    assert session.save().written
    [back] = read_journal(journal).sessions
    assert back.total_reps == MOST_REPS


def test_a_session_the_reader_would_refuse_is_kept_in_its_checkpoint(isolated_home: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the reason the reader would refuse what is written (here: a writer that no longer
    keeps a rest within the reader's ten years), the session is not appended and its
    checkpoint is not deleted: it is offered at the next start, every rep in it."""
    journal = isolated_home / "journal.toml"
    session = Session.begin(workout('[[exercise]]\nname = "Raise"\nsets = 2\nreps = 5\nrest = 60\n'),
                            journal=journal, settings=Settings(), now=0.0)
    session.send("start", 1.0)
    for i in range(5):
        session.send("rep", 2.0 + i)
    session.send("finish", 10.0)
    session.send("start", 10.0 + BEYOND)
    session.send("rep", 11.0 + BEYOND)
    session.end("completed")
    with monkeypatch.context() as patched:
        patched.setitem(record.BOUNDS, "rest_before_s", math.inf)
        outcome = session.save()
        assert not outcome.written and outcome.problem is not None
        assert "not saved" in outcome.problem and str(paths.sessions_dir()) in outcome.problem
        assert not journal.exists()
        session.leave()
        [pending] = cp.Store().offers().offers  # offered at the next start, with every rep
        assert pending.checkpoint.counted_reps == 6
        with pytest.raises(journal_module.JournalError, match="not saved"):
            pending.save()  # saving it from the offer is refused the same way, and it is kept
        pending.release()
    # a calftui that writes it within bounds saves it
    [pending] = cp.Store().offers().offers
    pending.save()
    assert [s.total_reps for s in read_journal(journal).sessions] == [6]  # (its rest written at ten years)


# --- any clock jump, any order of keys, every session read back -----------------------------------

GAPS = st.one_of(
    st.floats(0, 3),  # taps and keys
    st.floats(3, 200),  # rests
    st.floats(200, 1e7),  # a lunch break, a night, a terminal left open for weeks
    st.sampled_from([LONGEST_S - 0.0004, LONGEST_S + 0.0004, LONGEST_S + 0.001, 691311.038, 1e9]),  # the bound
    st.floats(-5, 0),  # the clock read out of order
)
KEYS = st.sampled_from([*EVENTS, "rep", "rep", "rep", "toggle_pause", "edit", "crash", "save", "end"])
STEPS = st.lists(st.tuples(KEYS, GAPS, st.sampled_from([-1, 0, 1, 3, 7])), max_size=60)


def _real(engine: Engine) -> list[tuple[float, float]]:
    """Each set's time working and rest before, as measured (to the journal's millisecond)."""
    return [(round(r.duration_s, 3), round(r.rest_before_s, 3)) for r in engine.records_so_far()]


def _run(steps: list[tuple[str, float, int]], start: float, journal: Path) -> dict[str, tuple[int, list]]:  # type: ignore[type-arg]
    """The steps through sessions one after another, each saved once it ends. Returns, for each
    session written, by id: the reps it counted and each set's measured times."""
    counted: dict[str, tuple[int, list]] = {}  # type: ignore[type-arg]
    now = start

    def begin() -> Session:
        return Session.begin(GYM, journal=journal, settings=Settings(load_step=100.0), now=now)

    def save(current: Session) -> None:
        measured = (sum(r.reps or 0 for r in current.engine.records_so_far()), _real(current.engine))
        if current.status is not None:
            current.review()  # the summary opens whatever was measured
        outcome = current.save()
        if outcome.record is not None:
            assert outcome.written, outcome.problem
            counted[current.id] = measured

    session = begin()
    for kind, gap, arg in steps:
        now += gap
        if kind == "edit":
            if session.engine.records:
                with contextlib.suppress(ValueError):
                    session.edit_set(len(session.engine.records) - 1, reps=arg, rpe=8.5)
        elif kind == "crash":  # kill -9, then the next start offers it (maybe after a reboot: any clock)
            assert session.lock is not None
            session.lock.release()
            offers = cp.Store().offers().offers
            if not offers:  # nothing was done: nothing is offered
                session = begin()
                continue
            [pending] = offers
            if not pending.can_resume:  # it had ended: saved from the offer
                held = pending.checkpoint.restore()
                pending.save()
                counted[pending.checkpoint.session_id] = (pending.checkpoint.counted_reps, _real(held))
                session = begin()
                continue
            now = arg * 1000.0  # another boot: the monotonic clock starts again anywhere
            session = Session.resume(pending, now)
        elif kind == "end":
            session.end("partial")
        elif kind == "save":
            save(session)
        else:
            session.send(kind, now, arg)  # type: ignore[arg-type]
        if session.ended:  # the last set ended, or the lifter ended it: the summary, then the journal
            save(session)
            session = begin()
    save(session)
    session.leave()
    return counted


@settings(max_examples=examples(150, 40, hunt="CALFTUI_EXAMPLES"), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(steps=STEPS, start=st.floats(0, 1e9))
def test_every_session_written_after_any_clock_jump_reads_back_whole(isolated_home: Path, steps, start) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(isolated_home / "data", ignore_errors=True)
    journal = isolated_home / "data" / "journal.toml"
    counted = _run(steps, start, journal)
    reading = read_journal(journal)
    assert reading.damage == [], reading.damage
    back = {s.id: s.total_reps for s in reading.sessions}
    assert back == {session_id: reps for session_id, (reps, _) in counted.items()}, \
        "a session written was not read back with every counted rep"
    assert list(paths.sessions_dir().glob("*.json")) == []  # each is in the journal, no checkpoint left
    tables = written(journal)
    for session_id, (_, measured) in counted.items():
        for entry, (duration, rest) in zip(tables[session_id]["sets"], measured, strict=True):
            # the figure as measured: written as it is, or at the bound with the real one beside it
            assert entry.get("actual_duration_s", entry["duration_s"]) == duration
            assert entry.get("actual_rest_before_s", entry["rest_before_s"]) == rest
            assert ("actual_duration_s" in entry) == (duration > LONGEST_S)
            assert ("actual_rest_before_s" in entry) == (rest > LONGEST_S)


def test_a_clock_jump_in_a_set_with_a_tempo_costs_one_cycle_of_cues() -> None:
    """Stopped (ctrl+z, a machine frozen) in a set with a tempo and woken a month later: the next
    tick gives the phase changes of the last cycle, not every one of the month (millions)."""
    e = Engine(workout('[[exercise]]\nname = "Raise"\nreps = "amrap"\ntempo = "1-1-1-0"\n'), 0.0)
    e.start(0.0)
    assert [c.words for c in e.tick(2.5) if c.kind == "phase"] == ["Lower slowly", "Pause at the bottom"]
    month = 30 * 24 * 3600.0
    cues = [c for c in e.tick(month + 0.5) if c.kind == "phase"]
    assert 1 <= len(cues) <= 3 and all(month - 3 < c.at <= month + 0.5 for c in cues)
    assert e.view(month + 0.5).tempo is not None

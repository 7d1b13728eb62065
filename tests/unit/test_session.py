"""The session service: one owner per session, nothing counted lost, nothing written twice.

Each "process" here is a Session on the shared data folder; a crash is its lock let go with
no clean-up, which is what the OS does to a process killed with kill -9.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import Bundle, MultipleResults, RuleBasedStateMachine, consumes, invariant, multiple, rule

from calftui import paths
from calftui.common.config import Settings
from calftui.journal import AlreadyInJournal, append_sessions, read_journal
from calftui.live import checkpoint as cp
from calftui.live.session import Session

from conftest import examples
from helpers import workout

SHORT = workout('[[exercise]]\nname = "Raise"\nreps = 3\n', "Short")
LONG = workout('[[exercise]]\nname = "Raise"\nsets = 3\nreps = "amrap"\nrest = 30\n'
               '[[exercise]]\nname = "Death"\ntarget = 40\nrest_pause = 5\n', "Long")


def begin(w, journal: Path, now: float = 100.0) -> Session:  # type: ignore[no-untyped-def]
    return Session.begin(w, journal=journal, settings=Settings(), now=now)


def crash(session: Session) -> None:
    """kill -9: the OS lets go of the lock; nothing else happens."""
    assert session.lock is not None
    session.lock.release()
    session.lock = None


def tap(session: Session, n: int, now: float = 200.0) -> None:
    for i in range(n):
        session.send("rep", now + i)


def test_a_finishing_window_never_takes_another_windows_session(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    a = begin(LONG, journal)
    a.send("start", 101.0)
    tap(a, 20)
    b = begin(SHORT, journal)
    b.send("start", 101.0)
    tap(b, 3)
    b.send("finish", 300.0)  # B's last set: B has ended; leaving its summary writes it
    assert b.ended and b.save().written
    crash(a)  # A's terminal is closed
    [pending] = cp.Store().offers().offers
    assert pending.checkpoint.session_id == a.id and pending.checkpoint.counted_reps == 20


def test_a_live_session_is_never_offered_and_never_written_twice(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    a = begin(LONG, journal)
    tap(a, 7)
    assert cp.Store().offers().offers == []  # window B starting now offers nothing
    record = a.engine  # and the journal itself refuses a second copy of one id
    a.end("completed")
    a.save()
    assert a.outcome is not None and a.outcome.record is not None
    with pytest.raises(AlreadyInJournal):
        append_sessions(journal, [a.outcome.record])
    sessions = read_journal(journal).sessions
    assert [s.id for s in sessions] == [a.id] and sessions[0].total_reps == 7
    assert record.done is False  # it was saved by the lifter's choice, not by running out


def test_finishing_twice_writes_once(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    s = begin(SHORT, journal)
    tap(s, 3)
    s.send("finish", 300.0)  # the last set: the session has ended, the summary shows it
    assert s.ended and s.outcome is None and s.send("rep", 999.0) == []
    first = s.save()  # leaving the summary
    assert s.save() is first and s.outcome is first
    assert len(read_journal(journal).sessions) == 1


def test_nothing_done_is_never_written_and_leaves_nothing(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    s = begin(LONG, journal)
    s.send("start", 101.0)  # a set started, no rep
    s.end("partial")
    assert s.outcome is not None and s.outcome.record is None
    t = begin(LONG, journal)
    t.leave()  # the terminal closed on the ready screen
    assert not journal.exists()
    assert list(paths.sessions_dir().iterdir()) == []


def test_leaving_keeps_what_was_done_for_the_next_start(isolated_home: Path) -> None:
    s = begin(LONG, isolated_home / "journal.toml")
    tap(s, 4)
    s.leave()
    [pending] = cp.Store().offers().offers
    resumed = Session.resume(pending, now=5000.0)
    assert resumed.engine.paused and resumed.view(5000.0).reps == 4
    assert cp.Store().offers().offers == []  # resumed: it is live again


def test_recovered_into_the_journal_it_was_started_with(isolated_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = isolated_home / "here"
    first.mkdir()
    monkeypatch.chdir(first)
    s = begin(LONG, paths.journal_path("j.toml"))  # calftui --journal j.toml
    tap(s, 5)
    crash(s)
    monkeypatch.chdir(isolated_home)  # started again from another folder
    [pending] = cp.Store().offers().offers
    assert pending.save() == first / "j.toml"
    assert read_journal(first / "j.toml").sessions[0].total_reps == 5
    assert not (isolated_home / "j.toml").exists()


def test_an_unwritable_journal_keeps_the_ended_session_to_save_later(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    journal.mkdir()  # a folder where the journal should be: it cannot be written
    s = begin(SHORT, journal)
    tap(s, 3)
    s.send("finish", 300.0)
    outcome = s.save()
    assert outcome.problem is not None and "offered again" in outcome.problem
    s.leave()
    journal.rmdir()
    [pending] = cp.Store().offers().offers
    assert not pending.can_resume and "finished, not yet in the journal" in pending.describe()
    pending.save()
    [session] = read_journal(journal).sessions
    assert session.status == "completed" and session.total_reps == 3


def test_without_a_writable_data_folder_the_session_still_runs(isolated_home: Path) -> None:
    data = isolated_home / "data"
    data.mkdir()
    (data / "sessions").write_text("not a folder")  # checkpoints cannot be written
    s = begin(SHORT, isolated_home / "journal.toml")
    message = s.warning()
    assert message is not None and "Keep going" in message and s.warning() is None  # said once
    tap(s, 3)
    s.send("finish", 300.0)
    assert s.save().written


def test_an_ended_session_killed_on_its_summary_is_offered_to_save(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    s = begin(SHORT, journal)
    tap(s, 3)
    s.send("finish", 300.0)
    s.edit_set(0, reps=5, note="two were half reps")  # corrected on the summary, then kill -9
    crash(s)
    assert not journal.exists()
    [pending] = cp.Store().offers().offers
    assert not pending.can_resume and "finished, not yet in the journal" in pending.describe()
    pending.save()
    [session] = read_journal(journal).sessions
    [logged] = session.sets
    assert (session.status, logged.reps, logged.reps_edited, logged.reps_typed, logged.note) == (
        "completed", 5, True, False, "two were half reps")  # corrected after the set: not a typed count


def test_skipping_every_set_is_nothing_done(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    s = begin(LONG, journal)
    for _ in range(4):
        s.send("skip_set", 101.0)
    assert s.engine.records_so_far() and not s.engine.something_done
    s.send("skip_exercise", 102.0)  # the last exercise: the session is over, with nothing done
    assert s.ended and s.outcome is not None and s.outcome.record is None
    assert not journal.exists() and list(paths.sessions_dir().iterdir()) == []


# --- any order of events, any number of windows ---------------------------------------------

ACTIONS = st.sampled_from(["rep", "rep", "rep", "finish", "failure", "skip", "start", "tick", "undo", "load",
                           "type", "untype", "skip_set", "skip_exercise"])


class Windows(RuleBasedStateMachine):
    """Two or three calftui processes on one data folder, doing anything in any order."""

    live = Bundle("live")

    def __init__(self) -> None:
        super().__init__()
        self.journal = paths.data_dir() / "journal.toml"
        self.now = 1000.0
        self.expected: dict[str, int] = {}
        """Session id -> reps counted, for every session not thrown away by the lifter."""
        self.running: dict[str, Session] = {}

    def tick(self, seconds: float = 1.0) -> float:
        self.now += seconds
        return self.now

    def note(self, session: Session) -> None:
        if session.saved:
            self.running.pop(session.id, None)
            outcome = session.outcome
            if outcome is None or outcome.record is None:
                self.expected.pop(session.id, None)
            else:
                self.expected[session.id] = outcome.record.total_reps
            return
        self.running[session.id] = session  # running, or ended and on its summary: it holds its lock
        if session.engine.something_done:
            self.expected[session.id] = sum(r.reps or 0 for r in session.engine.records_so_far())
        else:  # every rep taken back: nothing to keep
            self.expected.pop(session.id, None)

    @rule(target=live, long=st.booleans())
    def start(self, long: bool) -> Session:
        session = begin(LONG if long else SHORT, self.journal, self.tick())
        self.note(session)
        return session

    @rule(session=live, action=ACTIONS, seconds=st.sampled_from([0.2, 1.0, 6.0, 40.0]))
    def press(self, session: Session, action: str, seconds: float) -> None:
        session.send(action, self.tick(seconds), 1)
        self.note(session)

    @rule(session=live, index=st.integers(0, 5), reps=st.integers(0, 30))
    def correct(self, session: Session, index: int, reps: int) -> None:
        """``e`` on a finished set (or on the summary): the edited count is what is kept."""
        if session.saved or index >= len(session.engine.core.records):
            return
        if session.engine.core.records[index].kind == "timed":
            with pytest.raises(ValueError):
                session.edit_set(index, reps=reps)
            return
        session.edit_set(index, reps=reps)
        self.note(session)

    @rule(session=live)
    def end_here(self, session: Session) -> None:
        """``q`` then "save": the session ends as partial and its summary shows."""
        session.end("partial")
        self.note(session)

    @rule(session=consumes(live))
    def leave_summary(self, session: Session) -> None:
        session.save()
        self.note(session)

    @rule(session=consumes(live))
    def discard(self, session: Session) -> None:
        if not session.saved:  # a saved session is in the journal: discard has nothing to throw away
            self.expected.pop(session.id, None)
        session.discard()
        self.running.pop(session.id, None)

    @rule(session=consumes(live))
    def kill_9(self, session: Session) -> None:
        if session.lock is not None:
            crash(session)
        self.running.pop(session.id, None)
        if not session.saved and not session.engine.something_done:
            self.expected.pop(session.id, None)

    @rule(session=consumes(live))
    def close_window(self, session: Session) -> None:
        session.leave()
        self.note(session)
        self.running.pop(session.id, None)
        if not session.saved and not session.engine.something_done:
            self.expected.pop(session.id, None)

    @rule(target=live, choice=st.sampled_from(["resume", "save", "discard", "later"]))
    def recover(self, choice: str) -> MultipleResults[Session]:
        found = cp.Store().offers()
        assert found.problems == []
        offered = [p.checkpoint.session_id for p in found.offers]
        assert not set(offered) & set(self.running), "a live session was offered for recovery"
        resumed = None
        for pending in found.offers:
            if choice == "resume" and resumed is None and pending.can_resume:
                resumed = Session.resume(pending, self.tick())
                assert resumed.view(self.now).paused
                self.note(resumed)
            elif choice == "save":
                pending.save()
            elif choice == "discard":
                pending.discard()
                self.expected.pop(pending.checkpoint.session_id, None)
            else:
                pending.release()
        return multiple(resumed) if resumed is not None else multiple()

    @invariant()
    def every_counted_rep_is_in_exactly_one_place(self) -> None:
        reading = read_journal(self.journal)
        assert reading.damage == []
        ids = [s.id for s in reading.sessions]
        assert len(ids) == len(set(ids)), "a session was written twice"
        in_journal = {s.id: s.total_reps for s in reading.sessions}
        on_disk = {}
        for path in paths.sessions_dir().glob("*.json") if paths.sessions_dir().is_dir() else []:
            checkpoint = cp.Store().read(path)
            on_disk[checkpoint.session_id] = checkpoint
        for session_id, reps in self.expected.items():
            written = session_id in in_journal
            kept = session_id in on_disk  # running, or ended and not yet saved
            assert written != kept, f"session {session_id}: in the journal {written}, in a checkpoint {kept}"
            found = in_journal[session_id] if written else on_disk[session_id].counted_reps
            assert found == reps, f"session {session_id}: {found} reps kept of {reps} counted"
        assert set(in_journal) <= set(self.expected), "a session the lifter threw away was written"

    def teardown(self) -> None:
        for session in self.running.values():
            if session.lock is not None:
                session.lock.release()


@pytest.mark.parametrize("seed", [0])
def test_windows_in_any_order(isolated_home: Path, seed: int) -> None:
    from hypothesis.stateful import run_state_machine_as_test

    os.environ["CALFTUI_DATA_DIR"] = str(isolated_home / "data")

    def fresh() -> Windows:  # every example starts from an empty data folder
        import shutil

        shutil.rmtree(isolated_home / "data", ignore_errors=True)
        return Windows()

    count = examples(60, 15, hunt="CALFTUI_EXAMPLES")  # more for a long hunt: CALFTUI_EXAMPLES=1500
    run_state_machine_as_test(fresh, settings=settings(max_examples=count, stateful_step_count=40, deadline=None,
                                                       suppress_health_check=list(HealthCheck)))


def test_a_session_starts_at_once_while_the_journal_is_read_and_takes_its_loads_after(isolated_home: Path) -> None:
    """No store yet (a first start, or it was deleted): the session begins without reading the
    journal; the loads and last time arrive when it is read, for what has not begun."""
    from journal_helpers import reps_set, session, write_journal

    journal = write_journal(isolated_home / "j.toml", session(0, [reps_set("Raise", 12, weight=20.0, n=n)
                                                                   for n in (1, 2, 3)], workout="Long"))
    s = begin(LONG, journal)
    assert not s.planned and s.plan.last == {} and s.engine.view(100.0).weight is None
    s.take_plan(s.read_plan())
    assert s.planned and s.engine.view(100.0).weight == 20.0 and s.plan.last["Raise"].text == "12 · 12 · 12 @ 20 kg"
    again = begin(LONG, journal)  # the store is made now: the next session has it at once
    assert again.planned and again.engine.view(100.0).weight == 20.0
    again.discard()
    s.discard()


def test_loads_that_come_late_never_undo_what_the_lifter_did(isolated_home: Path) -> None:
    from journal_helpers import reps_set, session, write_journal

    journal = write_journal(isolated_home / "j.toml", session(0, [reps_set("Raise", 12, weight=20.0, n=n)
                                                                   for n in (1, 2, 3)], workout="Long"))
    s = begin(LONG, journal)
    s.send("load", 101.0, 1)  # ] before the journal was read: 2.5 kg on the set in hand
    ahead = s.read_plan()
    s.take_plan(ahead)
    assert s.engine.view(102.0).weight == 2.5  # the lifter's own load stays
    s.discard()

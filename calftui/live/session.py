"""One session's whole life, in plain Python: start, every key, checkpoints, the end, recovery.

A :class:`Session` owns its engine, its checkpoint file and the OS lock on it, and it alone
writes the session to the journal. The Textual screens send it keys stamped with the clock and
draw what it returns; they never touch a file. Whatever order keys, windows and crashes come
in, a counted rep ends up in exactly one place: this session's checkpoint while it runs (or
after its process is gone), or exactly one journal session once it has ended.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

from calftui.common import Settings, Wall, local_now, unlink
from calftui.insights import Comparison, Plan, compare_with_journal, plan_workout
from calftui.journal import (
    AlreadyInJournal,
    Best,
    Journal,
    JournalError,
    LoggedSession,
    WouldNotReadBack,
    as_written,
    session_block,
)
from calftui.live.checkpoint import CheckpointError, Lock, Pending, Store, make
from calftui.live.engine import Cue, Engine, Event, EventKind, View
from calftui.live.record import actual_figures, session_record, unreadable
from calftui.workouts import Workout

TOGGLE_PAUSE: Final = "toggle_pause"
"""The ``p`` key: pause when running, resume when paused."""
Key = EventKind | Literal["toggle_pause"]


@dataclass(frozen=True)
class Review:
    """A session that has ended, as the summary shows it (and lets it be corrected) before it is saved."""

    session: LoggedSession
    """The session as the journal will read it: typed sets, status, notes."""
    comparisons: list[Comparison]
    """Every exercise against last time and the best."""
    new_records: tuple[Best, ...]


@dataclass(frozen=True)
class Outcome:
    """What saving (or discarding) did."""

    journal: Path
    record: LoggedSession | None = None
    """The journal's session, or None when nothing was done (then nothing is written)."""
    problem: str | None = None
    """The journal could not be written; says where the session is kept instead."""

    @property
    def written(self) -> bool:
        return self.record is not None and self.problem is None


class Session:
    """A session in progress, from its first key to the journal."""

    def __init__(self, workout: Workout, engine: Engine, *, journal: Journal, store: Store, lock: Lock | None,
                 session_id: str, started_at: datetime, plan: Plan | None = None, notes: str = "",
                 warning: str | None = None, wall: Wall = local_now):
        self.workout = workout
        self.engine = engine
        self.journal = journal
        self.store = store
        self.lock = lock
        self.id = session_id
        self.started_at = started_at
        self.wall = wall
        """The calendar clock the session's start and end are read from."""
        self.plan = plan or Plan()
        self.planned = plan is not None
        """False while the journal is still being read for last time, the loads and the suggestions
        (a first start, or a large change to the journal): :meth:`take_plan` brings them."""
        self.notes = notes
        self.status: str | None = None
        """``completed`` or ``partial`` once it has ended."""
        self.ended_at: datetime | None = None
        self.outcome: Outcome | None = None
        """Set once it is saved (or kept safe when it could not be), or thrown away."""
        self._warning = warning
        self._warned = False
        self._saved_state: tuple[int, str, str | None] | None = None
        self.checkpoint()

    # --- starting ------------------------------------------------------------------------

    @classmethod
    def begin(cls, workout: Workout, *, journal: Journal | Path, settings: Settings, now: float,
              store: Store | None = None, started_at: datetime | None = None, wall: Wall = local_now) -> Session:
        """A new session: last loads and suggestions from the journal, a lock, a first checkpoint."""
        store = store or Store()
        journal = journal if isinstance(journal, Journal) else Journal(journal)
        ahead = plan_workout(journal, workout, settings.unit, settings.step) if journal.fresh() else None
        engine = Engine(workout, now, unit=settings.unit, load_step=settings.step, rest_step=settings.rest_step,
                        weights=dict(ahead.loads) if ahead else None, ramps=ahead.ramps if ahead else None,
                        suggested=suggested_loads(workout, ahead) if ahead else None)
        session_id = str(uuid.uuid4())
        lock, warning = _claim_lock(store, session_id)
        return cls(workout, engine, journal=journal, store=store, lock=lock, session_id=session_id,
                   started_at=started_at or wall(), plan=ahead, warning=warning, wall=wall)

    @classmethod
    def resume(cls, pending: Pending, now: float, wall: Wall = local_now) -> Session:
        """A recovered session, paused exactly where it stopped; the lock passes to it."""
        checkpoint = pending.checkpoint
        workout = checkpoint.workout()
        journal = Journal(Path(checkpoint.journal))
        engine = checkpoint.restore(now)
        session = cls(workout, engine, journal=journal, store=pending.store, lock=pending.lock,
                      session_id=checkpoint.session_id, started_at=checkpoint.started,
                      plan=plan_workout(journal, workout, engine.unit, engine.load_step) if journal.fresh() else None,
                      notes=checkpoint.notes, wall=wall)
        if pending.path != pending.store.path(session.id) and session.checkpoint():
            unlink(pending.path)  # a copy that was offered: the session's own checkpoint holds it now
        return session

    def read_plan(self) -> Plan:
        """Last time, the loads and the suggestions, from the journal (it may have to be read first:
        call from a worker, then :meth:`take_plan` on the screen's thread)."""
        return plan_workout(self.journal, self.workout, self.engine.unit, self.engine.load_step)

    def take_plan(self, ahead: Plan) -> None:
        """The plan, once the journal is read: loads for what has not begun yet."""
        if self.planned or self.ended:
            return
        self.plan, self.planned = ahead, True
        self.engine.take_loads(dict(ahead.loads), ahead.ramps, suggested_loads(self.workout, ahead))
        self.checkpoint()

    # --- while it runs -------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        """Nothing more is counted: the last set is done, or the lifter ended it (or threw it away)."""
        return self.status is not None or self.outcome is not None

    @property
    def saved(self) -> bool:
        """In the journal (or kept safe when it could not be), or thrown away: nothing left to do."""
        return self.outcome is not None

    def view(self, now: float) -> View:
        return self.engine.view(now)

    def send(self, kind: Key, now: float, arg: int = 0, *, keep: bool = True) -> list[Cue]:
        """One key (or a tick) into the engine; then the checkpoint; and the end, when that was the last set.

        With ``keep`` false the checkpoint waits for :meth:`checkpoint`: a screen draws the key first
        and keeps it right after the frame is out (a rep shown is a rep kept within one frame)."""
        if self.ended:
            return []
        event: EventKind = ("resume" if self.engine.paused else "pause") if kind == TOGGLE_PAUSE else kind
        cues = self.engine.apply(Event(event, now, arg))
        if keep:
            self.checkpoint()
        if self.engine.done:
            self.end(self.engine.finished_status)
        return cues

    def checkpoint(self, *, again: bool = False) -> bool:
        """The session as it is now, atomically, whenever something worth keeping changed (or
        ``again``); whether the checkpoint holds it as it is now."""
        state = (self.engine.revision, self.notes, self.status)
        if self.saved:
            return False
        if state == self._saved_state and not again:
            return True
        finished = None if self.ended_at is None else {"status": self.status or "partial",
                                                       "ended_at": self.ended_at.isoformat()}
        try:
            self.store.save(make(self.engine, session_id=self.id, started_at=self.started_at, journal=self.journal.path,
                                 notes=self.notes, finished=finished))
        except CheckpointError as exc:
            self._warning = self._warning or f"{exc}. Keep going: the session is written to the journal at the end."
            self._saved_state = None
            return False
        self._saved_state = state
        return True

    def warning(self) -> str | None:
        """A checkpoint problem to tell the lifter, the first time only."""
        if self._warning is None or self._warned:
            return None
        self._warned = True
        return self._warning

    # --- putting the record right ----------------------------------------------------------

    def edit_set(self, index: int, **changes: Any) -> None:
        """Correct a finished set (reps, weight, rpe, note); checkpointed at once. Raises ValueError."""
        if self.saved:
            raise ValueError("the session is saved already")
        self.engine.edit(index, **changes)
        self.checkpoint()

    def set_notes(self, notes: str) -> None:
        """The session's note (the summary asks for it)."""
        if not self.saved:
            self.notes = notes.strip()
            self.checkpoint()

    # --- ending --------------------------------------------------------------------------

    def end(self, status: str = "completed") -> None:
        """Nothing more is counted. With something done, the checkpoint says at once that it ended
        (a crash from here on still offers it, to be saved); the journal gets it at :meth:`save`,
        when the lifter leaves the summary. With nothing done it is simply gone."""
        if self.ended:
            return
        if not self.engine.something_done:
            self.discard()
            return
        self.status, self.ended_at = status, self.wall()
        self.checkpoint()

    def record(self) -> LoggedSession:
        """The journal's session as it stands (ended now, when it has not ended yet), exactly as the
        journal will read it back: the summary shows what history will."""
        record = session_record(self.engine, session_id=self.id, started_at=self.started_at,
                                ended_at=self.ended_at or self.wall(), status=self.status or "partial",
                                notes=self.notes)
        try:
            return as_written(record, actual_figures(self.engine))
        except WouldNotReadBack:
            return record  # (saving it says why, and keeps it safe)

    def review(self) -> Review:
        """The ended session against the journal: every exercise against last time and the best."""
        logged = self.record()
        comparisons, records = compare_with_journal(self.journal, logged, self.engine.unit)
        return Review(logged, comparisons, records)

    def save(self) -> Outcome:
        """Write the ended session to its journal (once, however often this is called); ends it as
        partial first if it is still running. Kept safe, and said where, when the journal cannot be written."""
        if self.outcome is not None:
            return self.outcome
        if self.status is None and not self.engine.something_done:
            return self.discard()  # nothing was done: nothing to write
        self.end(self.status or "partial")
        record, actual = self.record(), actual_figures(self.engine)
        problem = unreadable(record, actual)
        if problem is not None:  # never appended to be lost: it stays where it is read from whole
            self.outcome = Outcome(self.journal.path, record,
                                   problem=self._keep_safe(record, f"the session was not saved: {problem}"))
            return self.outcome
        try:
            self.journal.append(record, actual)
        except AlreadyInJournal:
            pass  # already there: never twice
        except JournalError as exc:
            self.outcome = Outcome(self.journal.path, record, problem=self._keep_safe(record, str(exc)))
            return self.outcome
        self._drop_checkpoint()
        self.outcome = Outcome(self.journal.path, record)
        return self.outcome

    def discard(self) -> Outcome:
        """Throw the session away: no journal entry, no checkpoint."""
        if self.outcome is None:
            self._drop_checkpoint()
            self.outcome = Outcome(self.journal.path)
        return self.outcome

    def leave(self) -> None:
        """The process is going (ctrl+q, a closed terminal, SIGTERM). An ended session is saved (the
        lifter is done with it); one in progress stays in its checkpoint, offered at the next start;
        one with nothing done leaves nothing behind."""
        if self.outcome is None:
            if self.status is not None:
                self.save()
            elif not self.engine.something_done:
                self.discard()
            else:
                self.checkpoint()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _drop_checkpoint(self) -> None:
        if self.lock is not None:
            self.store.remove(self.id, self.lock)
            self.lock = None
        else:
            with contextlib.suppress(OSError):
                self.store.path(self.id).unlink()

    def _keep_safe(self, record: LoggedSession, reason: str) -> str:
        """The journal cannot be written: keep the ended session in its checkpoint (offered again at the
        next start), or as a last resort in a file of its own that the message names."""
        if self.checkpoint(again=True):
            return (f"{reason}. Nothing is lost: the session is kept in {self.store.path(self.id)} and offered "
                    "again at the next start, to be saved into the journal.")
        try:
            path = rescue(record)
        except JournalError as exc:
            return f"{reason}. {exc}"
        return f"{reason}. The session was written to {path} instead; copy it into your journal when you can."


def suggested_loads(workout: Workout, ahead: Plan) -> dict[int, float]:
    """Per exercise index, the load the plan suggests (what ``u`` takes)."""
    return {index: s.load for index, ex in enumerate(workout.exercises)
            if (s := ahead.suggestions.get(ex.name)) is not None and s.load is not None}


def _claim_lock(store: Store, session_id: str) -> tuple[Lock | None, str | None]:
    try:
        return store.claim(session_id), None
    except CheckpointError as exc:
        return None, f"{exc}. Keep going: the session is written to the journal at the end."


def rescue(session: LoggedSession) -> Path:
    """Last resort when neither the journal nor the checkpoint can be written: the session as
    TOML in the temporary folder, so the message can name where it is."""
    try:
        fd, name = tempfile.mkstemp(prefix=f"calftui-unsaved-{session.id}-", suffix=".toml")
    except OSError as exc:
        raise JournalError(f"cannot write the session anywhere (last try: {tempfile.gettempdir()}: "
                           f"{exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(session_block(session))
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise JournalError(f"cannot write the session anywhere (last try: {name}: {exc.strerror or exc})") from None
    return Path(name)

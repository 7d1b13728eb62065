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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

from calftui import history
from calftui.checkpoint import CheckpointError, Lock, Pending, Store, make
from calftui.config import Settings
from calftui.engine import Cue, Engine, Event, EventKind, View
from calftui.journal import AlreadyInJournal, JournalError, LoggedSession, append_session, as_logged, session_block
from calftui.model import Workout
from calftui.record import session_record

TOGGLE_PAUSE: Final = "toggle_pause"
"""The ``p`` key: pause when running, resume when paused."""
Key = EventKind | Literal["toggle_pause"]


@dataclass(frozen=True)
class Outcome:
    """How a session ended: what went into the journal, and what to tell the lifter."""

    record: dict[str, Any] | None
    """The journal's session, or None when nothing was done (then nothing is written)."""
    journal: Path
    problem: str | None = None
    """The journal could not be written; says where the session is kept instead."""
    last_and_best: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    """Per target exercise: the last and the best finished score of earlier sessions."""
    new_records: tuple[history.Record, ...] = ()

    @property
    def written(self) -> bool:
        return self.record is not None and self.problem is None

    @property
    def session(self) -> LoggedSession | None:
        """The record as the journal reads it (typed sets), or None when nothing was done."""
        return as_logged(self.record) if self.record is not None else None


@dataclass(frozen=True)
class Plan:
    """What the journal says about this workout before it starts."""

    suggestions: dict[str, history.Suggestion] = field(default_factory=dict)
    """Per exercise name: the next step from the last time."""
    loads: dict[int, float] = field(default_factory=dict)
    """Per exercise index: the last load, the default for the next set."""


def plan(journal: Path, workout: Workout, step: float | None) -> Plan:
    """Last loads and suggestions from the last sessions of this workout; nothing when the journal cannot be read."""
    from calftui.journal_index import recent_sessions

    try:
        recent = recent_sessions(journal, workout.name)
    except (JournalError, OSError):
        return Plan()
    return Plan({s.exercise: s for s in history.suggest(recent, workout, step)}, history.last_loads(recent, workout))


class Session:
    """A session in progress, from its first key to the journal."""

    def __init__(self, workout: Workout, engine: Engine, *, journal: Path, store: Store, lock: Lock | None,
                 session_id: str, started_at: datetime, plan: Plan | None = None, notes: str = "",
                 warning: str | None = None):
        self.workout = workout
        self.engine = engine
        self.journal = journal
        self.store = store
        self.lock = lock
        self.id = session_id
        self.started_at = started_at
        self.plan = plan or Plan()
        self.notes = notes
        self.outcome: Outcome | None = None
        """Set once the session has ended (written, kept safe, or with nothing done)."""
        self._warning = warning
        self._warned = False
        self._saved_revision: int | None = None
        self.checkpoint()

    # --- starting ------------------------------------------------------------------------

    @classmethod
    def begin(cls, workout: Workout, *, journal: Path, settings: Settings, now: float,
              store: Store | None = None, started_at: datetime | None = None) -> Session:
        """A new session: last loads and suggestions from the journal, a lock, a first checkpoint."""
        store = store or Store()
        ahead = plan(journal, workout, settings.step)
        engine = Engine(workout, now, unit=settings.unit, load_step=settings.step, rest_step=settings.rest_step,
                        weights=dict(ahead.loads))
        session_id = str(uuid.uuid4())
        lock, warning = _claim(store, session_id)
        return cls(workout, engine, journal=journal, store=store, lock=lock, session_id=session_id,
                   started_at=started_at or datetime.now().astimezone(), plan=ahead, warning=warning)

    @classmethod
    def resume(cls, pending: Pending, now: float, step: float | None = None) -> Session:
        """A recovered session, paused exactly where it stopped; the lock passes to it."""
        checkpoint = pending.checkpoint
        workout = checkpoint.workout()
        journal = Path(checkpoint.journal)
        return cls(workout, checkpoint.restore(now), journal=journal, store=pending.store, lock=pending.lock,
                   session_id=checkpoint.session_id, started_at=checkpoint.started,
                   plan=plan(journal, workout, step), notes=checkpoint.notes)

    # --- while it runs -------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    def view(self, now: float) -> View:
        return self.engine.view(now)

    def send(self, kind: Key, now: float, arg: int = 0) -> list[Cue]:
        """One key (or a tick) into the engine; then the checkpoint; and the end, when that was the last set."""
        if self.ended:
            return []
        event: EventKind = ("resume" if self.engine.paused else "pause") if kind == TOGGLE_PAUSE else kind
        cues = self.engine.apply(Event(event, now, arg))
        self.checkpoint()
        if self.engine.done:
            self.finish("completed")
        return cues

    def checkpoint(self) -> None:
        """The session as it is now, atomically, whenever something worth keeping changed."""
        if self.ended or self.engine.revision == self._saved_revision:
            return
        try:
            self.store.save(make(self.engine, session_id=self.id, started_at=self.started_at, journal=self.journal,
                                 notes=self.notes))
        except CheckpointError as exc:
            self._warning = self._warning or f"{exc}. Keep going: the session is written to the journal at the end."
            return
        self._saved_revision = self.engine.revision

    def warning(self) -> str | None:
        """A checkpoint problem to tell the lifter, the first time only."""
        if self._warning is None or self._warned:
            return None
        self._warned = True
        return self._warning

    # --- ending --------------------------------------------------------------------------

    def finish(self, status: str = "completed") -> Outcome:
        """Write the session to its journal (once, whatever calls this how often) and say how it went."""
        if self.outcome is not None:
            return self.outcome
        if not self.engine.something_done:
            return self._end(None)
        ended_at = datetime.now().astimezone()
        record = session_record(self.engine, session_id=self.id, started_at=self.started_at, ended_at=ended_at,
                                status=status, notes=self.notes)
        try:
            append_session(self.journal, record)
        except AlreadyInJournal:
            pass  # already there: never twice
        except JournalError as exc:
            self.outcome = Outcome(record, self.journal, problem=self._keep_safe(record, str(exc), status, ended_at))
            return self.outcome
        last_and_best, records = history.compare_with_journal(self.journal, record)
        return self._end(record, last_and_best=last_and_best, new_records=records)

    def discard(self) -> None:
        """Throw the session away: no journal entry, no checkpoint."""
        if self.outcome is None:
            self._end(None)

    def _end(self, record: dict[str, Any] | None,
             last_and_best: dict[str, tuple[float | None, float | None]] | None = None,
             new_records: tuple[history.Record, ...] = ()) -> Outcome:
        """Safe in the journal, or nothing to keep: the checkpoint and the lock go."""
        self._drop()
        self.outcome = Outcome(record, self.journal, last_and_best=last_and_best or {}, new_records=new_records)
        return self.outcome

    def leave(self) -> None:
        """The process is going (ctrl+q, a closed terminal, SIGTERM). Something done stays in the
        checkpoint, offered at the next start; a session with nothing done leaves nothing behind."""
        if self.outcome is None and not self.engine.something_done:
            self.discard()
            return
        if self.outcome is None:
            self.checkpoint()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _drop(self) -> None:
        if self.lock is not None:
            self.store.remove(self.id, self.lock)
            self.lock = None
        else:
            with contextlib.suppress(OSError):
                self.store.path(self.id).unlink()

    def _keep_safe(self, record: dict[str, Any], reason: str, status: str, ended_at: datetime) -> str:
        """The journal cannot be written: keep the ended session in its checkpoint (offered again at the
        next start), or as a last resort in a file of its own that the message names."""
        finished = {"status": status, "ended_at": ended_at.isoformat()}
        try:
            self.store.save(make(self.engine, session_id=self.id, started_at=self.started_at, journal=self.journal,
                                 notes=self.notes, finished=finished))
        except CheckpointError:
            pass
        else:
            return (f"{reason}. Nothing is lost: the session is kept in {self.store.path(self.id)} and offered "
                    "again at the next start, to be saved into the journal.")
        try:
            path = rescue(record)
        except JournalError as exc:
            return f"{reason}. {exc}"
        return f"{reason}. The session was written to {path} instead; copy it into your journal when you can."


def _claim(store: Store, session_id: str) -> tuple[Lock | None, str | None]:
    try:
        return store.claim(session_id), None
    except CheckpointError as exc:
        return None, f"{exc}. Keep going: the session is written to the journal at the end."


def rescue(session: dict[str, Any]) -> Path:
    """Last resort when neither the journal nor the checkpoint can be written: the session as
    TOML in the temporary folder, so the message can name where it is."""
    try:
        fd, name = tempfile.mkstemp(prefix=f"calftui-unsaved-{session['id']}-", suffix=".toml")
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

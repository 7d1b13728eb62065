"""Sessions in progress: one checkpoint file per session, each with an OS lock held by its owner.

``sessions/<id>.json`` in the data folder holds one session as it is now (the workout's text,
the engine's state, absolute paths), replaced atomically after every rep and every set change,
so a ``kill -9`` or a flat battery leaves either the previous state or the new one.

``sessions/<id>.lock`` is held with ``flock`` by the process running that session for as long
as it runs it (and by a process offering it for recovery, while the offer is open). A lock
that can be taken means its process is gone: only such sessions are offered on the next start,
so a session running in another window is never offered, saved or discarded from this one.
The lock file is separate from the checkpoint because every atomic save replaces the
checkpoint's inode, and a lock on a replaced inode would guard nothing.

The single ``checkpoint.json`` of earlier releases is moved into ``sessions/`` on first start.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from calftui import paths
from calftui.common import atomic_write, fields_of, read_regular, unlink
from calftui.journal import AlreadyInJournal, JournalError, LoggedSession, append_blocks, session_block
from calftui.live.engine import Engine
from calftui.live.record import actual_figures, session_record, unreadable
from calftui.workouts import Workout, parse_workout

if sys.platform != "win32":
    import fcntl

VERSION = 2
"""1: the single checkpoint.json (relative paths allowed); 2: one file per session, ``finished``."""
MAX_BYTES = 8_000_000
"""A checkpoint is a workout file (at most 1 MB) and an engine state; anything far larger is not one."""


class CheckpointError(Exception):
    """A checkpoint cannot be read or written; the message says which file and why."""


@dataclass
class Checkpoint:
    session_id: str
    workout_name: str
    workout_path: str
    """Absolute, or empty for a workout that came from no file."""
    workout_text: str
    journal: str
    """Absolute: the session is saved into this journal whatever folder calftui is started from."""
    started_at: str
    saved_at: str
    engine: dict[str, Any]
    finished: dict[str, str] | None = None
    """``{"status", "ended_at"}`` once the session ended but its journal could not be written."""
    notes: str = ""

    def workout(self) -> Workout:
        """The workout exactly as it was when the session began, even if the file changed since."""
        path = Path(self.workout_path) if self.workout_path else None
        return parse_workout(self.workout_text, self.workout_path or self.workout_name, path)

    def restore(self, now: float | None = None) -> Engine:
        return Engine.from_dict(self.engine, self.workout(), now)

    @cached_property
    def _restored(self) -> Engine:
        """The engine as it stands, to read what it holds (the session it writes counts the same way)."""
        return self.restore()

    @property
    def sets_done(self) -> int:
        return self._restored.tally()[0]

    @property
    def counted_reps(self) -> int:
        """Every rep the journal would get from it now, the set in progress included."""
        return sum(r.reps or 0 for r in self._restored.records_so_far())

    @property
    def something_done(self) -> bool:
        """A set finished or a rep counted: worth offering. Anything less is never written."""
        return self._restored.something_done

    @property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.started_at)

    def describe(self) -> str:
        state = "finished, not yet in the journal" if self.finished else "unfinished"
        return (f"{self.workout_name}, started {self.started:%a %d %b %H:%M} ({state})\n"
                f"{self.sets_done} set(s) done, {self.counted_reps} rep(s) counted")

    def record(self) -> LoggedSession:
        """The journal's session for this checkpoint: partial, unless it had already ended."""
        finished = self.finished or {}
        return session_record(
            self.restore(),
            session_id=self.session_id,
            started_at=self.started,
            ended_at=datetime.fromisoformat(finished.get("ended_at") or self.saved_at),
            status=finished.get("status", "partial"),
            notes=self.notes,
        )

    def to_bytes(self) -> bytes:
        return json.dumps({"version": VERSION, **asdict(self)}, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes, where: Path) -> Checkpoint:
        """Parse and check that it rebuilds; any defect raises :class:`CheckpointError` naming ``where``."""
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a checkpoint")
            version = data.pop("version", None)
            if version not in (1, VERSION):
                raise ValueError(f"unknown version {version!r}")
            checkpoint = cls(**fields_of(cls, data))
            if version == 1:  # earlier releases could record a relative journal path
                checkpoint.journal = os.path.abspath(checkpoint.journal)
            checkpoint.describe()  # it must rebuild and say what it holds, or it is no use
        except Exception as exc:
            raise CheckpointError(f"the unfinished session in {where} cannot be read ({_first_line(exc)}); "
                                  "it is left there untouched") from None
        return checkpoint


def _first_line(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def make(engine: Engine, *, session_id: str, started_at: datetime, journal: Path, notes: str = "",
         finished: dict[str, str] | None = None) -> Checkpoint:
    workout = engine.workout
    return Checkpoint(
        session_id=session_id,
        workout_name=workout.name,
        workout_path=os.path.abspath(workout.path) if workout.path else "",
        workout_text=workout.text,
        journal=os.path.abspath(journal),
        started_at=started_at.isoformat(),
        saved_at=datetime.now().astimezone().isoformat(),
        engine=engine.to_dict(),
        finished=finished,
        notes=notes,
    )


# --- locks -------------------------------------------------------------------------------


class Lock:
    """An exclusive ``flock`` on a session's lock file, held until released or the process ends."""

    def __init__(self, path: Path, fd: int | None):
        self.path = path
        self._fd = fd

    @classmethod
    def take(cls, path: Path) -> Lock | None:
        """The lock, or None when another process holds it. Never waits (and, without OS locks, always given)."""
        if sys.platform == "win32":
            return cls(path, None)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # The owner may have removed the file between our open and our lock: then we hold
            # a lock on a file nobody else will ever look at, which is no lock at all.
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                raise BlockingIOError
        except (BlockingIOError, FileNotFoundError):
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd)

    def release(self, *, remove: bool = False) -> None:
        """Let go; with ``remove``, the lock file goes first (while still held, so no one takes it meanwhile)."""
        if remove:
            unlink(self.path)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


# --- the store ---------------------------------------------------------------------------


@dataclass
class Unfinished:
    """A checkpoint found on disk, as ``calftui log`` lists it."""

    checkpoint: Checkpoint
    live: bool
    """Its process is still running it (another window)."""


@dataclass
class Found:
    """What a start finds: sessions to offer (locked by us meanwhile), and checkpoints that cannot be read."""

    offers: list[Pending] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Store:
    """The ``sessions/`` folder: every checkpoint and lock, one pair per session."""

    def __init__(self, folder: Path | None = None, legacy: Path | None = None):
        self.folder = folder or paths.sessions_dir()
        self.legacy = legacy if legacy is not None else (paths.legacy_checkpoint_file() if folder is None else None)

    def path(self, session_id: str) -> Path:
        return self.folder / f"{_file_stem(session_id)}.json"

    def lock_path(self, session_id: str) -> Path:
        return self.folder / f"{_file_stem(session_id)}.lock"

    def claim(self, session_id: str) -> Lock:
        """The lock for a new session (its id is new, so nobody else can hold it)."""
        try:
            lock = Lock.take(self.lock_path(session_id))
        except OSError as exc:
            reason = exc.strerror or exc
            raise CheckpointError(f"cannot keep the session in progress in {self.folder}: {reason}") from None
        if lock is None:
            raise CheckpointError(f"the session {session_id} is already running in another calftui")
        return lock

    def save(self, checkpoint: Checkpoint) -> None:
        path = self.path(checkpoint.session_id)
        try:
            atomic_write(path, checkpoint.to_bytes(), mode=0o600)
        except OSError as exc:
            raise CheckpointError(f"cannot save the session in progress to {path}: {exc.strerror or exc}") from None

    def remove(self, session_id: str, lock: Lock, path: Path | None = None) -> None:
        """The session is safe in the journal, or thrown away: its checkpoint goes (or ``path``, a
        copy of it that was offered), then its lock, unless the session's own checkpoint is still there."""
        unlink(path or self.path(session_id))
        lock.release(remove=not self.path(session_id).exists())

    def read(self, path: Path) -> Checkpoint:
        try:
            raw = read_regular(path, MAX_BYTES)
        except OSError as exc:
            raise CheckpointError(f"cannot read the unfinished session {path}: {exc.strerror or exc}") from None
        if len(raw) > MAX_BYTES:
            raise CheckpointError(f"the unfinished session in {path} is far too large to be one; it is left there "
                                  "untouched")
        return Checkpoint.from_bytes(raw, path)

    def _files(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.glob("*.json") if p.is_file())
        except OSError:
            return []

    def migrate(self) -> str | None:
        """Move the single ``checkpoint.json`` of earlier releases into ``sessions/``; a problem to report, or None."""
        if self.legacy is None or not self.legacy.is_file():
            return None
        try:
            checkpoint = self.read(self.legacy)
        except CheckpointError as exc:
            return str(exc)
        target = self.path(checkpoint.session_id)
        if not target.exists():
            try:
                self.save(checkpoint)
            except CheckpointError as exc:
                return str(exc)
        unlink(self.legacy)
        return None

    def offers(self) -> Found:
        """Every session whose process is gone and that has something done, newest first, each
        locked by this process until it is resumed, saved, discarded or released. Checkpoints
        with nothing done are removed on the way (a session with nothing done is never written).

        A session is known by the id inside its file, not by the file's name: a copy of a
        checkpoint (``X (copy).json``, made by a file manager) is locked by its session's lock, so a
        copy of a session running elsewhere is never offered, and what is done to an offer is done
        to the file offered. Of a session's own checkpoint and its copies, one is offered at a time,
        its own first."""
        found = Found()
        problem = self.migrate()
        if problem:
            found.problems.append(problem)
        seen: list[tuple[Path, str]] = []
        for path in self._files():
            try:
                seen.append((path, self.read(path).session_id))
            except CheckpointError as exc:
                if path.exists():  # (not: finished by its owner since the listing)
                    found.problems.append(str(exc))
        seen.sort(key=lambda item: item[0] != self.path(item[1]))  # (stable) each session's own file first
        for path, session_id in seen:
            try:
                lock = Lock.take(self.lock_path(session_id))
            except OSError as exc:
                found.problems.append(f"cannot look at the unfinished session {path}: {exc.strerror or exc}")
                continue
            if lock is None:
                continue  # running in another window, or offered already from another file
            try:  # read again under the lock: its owner may have saved once more before it ended
                checkpoint = self.read(path)
            except CheckpointError as exc:
                if path.exists():
                    found.problems.append(str(exc))
                lock.release(remove=not self.path(session_id).exists())  # gone: finished by its owner meanwhile
                continue
            if checkpoint.session_id != session_id:  # replaced by another session meanwhile: next time
                lock.release()
                continue
            if not checkpoint.something_done and not checkpoint.finished:
                self.remove(session_id, lock, path)
                continue
            found.offers.append(Pending(checkpoint, lock, self, path))
        self._sweep_locks()
        found.offers.sort(key=lambda p: p.checkpoint.started.timestamp(), reverse=True)
        return found

    def _sweep_locks(self) -> None:
        """Lock files whose checkpoint is gone and whose process is gone too."""
        try:
            orphans = [p for p in self.folder.glob("*.lock") if not p.with_suffix(".json").exists()]
        except OSError:
            return
        for path in orphans:
            try:
                lock = Lock.take(path)
            except OSError:
                continue
            if lock is not None:
                if path.with_suffix(".json").exists():
                    lock.release()
                else:
                    lock.release(remove=True)

    def running(self) -> list[Checkpoint]:
        """Sessions another calftui process is running now (their lock is held), whatever they have
        done so far, oldest first. Reads only; a checkpoint that cannot be read is left out."""
        out: list[Checkpoint] = []
        for path in self._files():
            try:
                lock = Lock.take(self.lock_path(path.stem))
            except OSError:
                continue
            if lock is not None:  # nobody runs it
                lock.release()
                continue
            try:
                out.append(self.read(path))
            except CheckpointError:
                continue
        return sorted(out, key=lambda c: c.started.timestamp())

    def unfinished(self) -> tuple[list[Unfinished], list[str]]:
        """Every session with something done in a checkpoint (once, whatever copies of its file there
        are), live or not, for ``calftui log`` (reads only)."""
        out: list[Unfinished] = []
        problems: list[str] = []
        candidates = self._files()
        if self.legacy is not None and self.legacy.is_file():
            candidates.append(self.legacy)
        read: list[tuple[Path, Checkpoint]] = []
        for path in candidates:
            try:
                read.append((path, self.read(path)))
            except CheckpointError as exc:
                problems.append(str(exc))
        read.sort(key=lambda item: item[0] != self.path(item[1].session_id))  # (stable) its own file before copies
        listed: set[str] = set()
        for path, checkpoint in read:
            if not (checkpoint.something_done or checkpoint.finished) or checkpoint.session_id in listed:
                continue
            listed.add(checkpoint.session_id)
            live = False
            if path != self.legacy:
                try:
                    lock = Lock.take(self.lock_path(checkpoint.session_id))
                except OSError:
                    lock = None
                live = lock is None
                if lock is not None:
                    lock.release()
            out.append(Unfinished(checkpoint, live))
        out.sort(key=lambda u: u.checkpoint.started.timestamp(), reverse=True)
        return out, problems


def _file_stem(session_id: str) -> str:
    """A file name for any id: ids calftui makes are UUIDs; anything else is reduced to safe characters."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in session_id)[:80]
    return cleaned or "session"


@dataclass
class Pending:
    """A session whose process is gone, offered for recovery; this process holds its lock."""

    checkpoint: Checkpoint
    lock: Lock
    store: Store
    path: Path
    """The file offered (the session's own checkpoint, or a copy of it): what save and discard remove."""

    def describe(self) -> str:
        return self.checkpoint.describe()

    @property
    def can_resume(self) -> bool:
        return self.checkpoint.finished is None

    def save(self) -> Path:
        """Into its journal (partial, or as it had ended), then the checkpoint goes. Raises
        :class:`~calftui.journal.JournalError` and keeps everything when the journal cannot be written."""
        journal = Path(self.checkpoint.journal)
        record, actual = self.checkpoint.record(), actual_figures(self.checkpoint.restore())
        problem = unreadable(record, actual)
        if problem is not None:
            raise JournalError(f"the session was not saved: {problem}; it is kept in {self.path}")
        with contextlib.suppress(AlreadyInJournal):  # it got there before the checkpoint could go: nothing to add
            append_blocks(journal, [(record.id, session_block(record, set_extras=actual))])
        self.store.remove(self.checkpoint.session_id, self.lock, self.path)
        return journal

    def discard(self) -> None:
        self.store.remove(self.checkpoint.session_id, self.lock, self.path)

    def release(self) -> None:
        """Not now: leave it for the next start (or another window)."""
        self.lock.release()

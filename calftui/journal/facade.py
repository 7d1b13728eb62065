"""One way to read and write the journal: screens and commands ask :class:`Journal`, and only it
knows that a derived store answers (see :mod:`calftui.journal.store`)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from calftui import paths
from calftui.common import Load
from calftui.journal.entries import LoggedSession, LoggedSet, point_in_time
from calftui.journal.facts import Balance, ExerciseFacts, Score
from calftui.journal.store import VERSION, Progress, Store
from calftui.journal.tomlfile import Damage, JournalError, append_blocks, session_block
from calftui.journal.whole import WALKED, WALKED_SCORES, in_time, walk

_decode = msgspec.json.Decoder(LoggedSession).decode


class Row(NamedTuple):
    """One session as lists show it."""

    key: int
    """Its block's place in the journal: its own identity, even where two sessions share an id."""
    id: str
    workout: str
    workout_file: str
    started_at: datetime
    """As written: the clock where it was done (a start without an offset is local time)."""
    status: str
    duration_s: float | None
    """None when its end was never written."""
    total_reps: int
    scores: tuple[Score, ...]


class Done(NamedTuple):
    """One exercise in one session, with when and where it was done."""

    key: int
    session_id: str
    workout: str
    started_at: datetime
    facts: ExerciseFacts


class Best(NamedTuple):
    """A record: the best value of one measure of one exercise, and the session that first reached it."""

    exercise: str
    what: str
    """``reps`` (most in a set), ``load`` (heaviest, kg), ``hold`` (longest, s) or ``score`` (fastest, s)."""
    value: float
    load: Load | None
    """The load as written: the heaviest (``load``), or the one a score was done at (None: body
    weight; scores are compared at one load)."""
    session_id: str
    started_at: datetime

    @property
    def kg(self) -> float | None:
        return None if self.load is None else self.load.kg


class ExerciseStats(NamedTuple):
    """One exercise over every session of one workout."""

    name: str
    kind: str
    group: str | None
    working_sets: int
    best_reps: int | None
    top: Load | None
    """The heaviest load, as written."""
    hold_s: float | None
    balance: Balance | None
    """The newest session's, of those where both sides were done."""
    last_score: tuple[datetime, Score] | None
    best_scores: list[tuple[datetime, Score]]
    """The fastest finished score at each load it was done at, heaviest first."""


class WorkoutStats(NamedTuple):
    workout: str
    sessions: int
    completed: int
    last_started: datetime
    exercises: list[ExerciseStats]


@dataclass(frozen=True)
class Problems:
    """What is wrong in the journal, each said once: damaged blocks, and ids more than one session has."""

    damage: list[Damage]
    shared_ids: list[tuple[str, list[int]]]
    """(id, the lines of the sessions that have it)."""

    def __bool__(self) -> bool:
        return bool(self.damage or self.shared_ids)

    def lines(self, journal: Path) -> list[str]:
        said = [item.describe(journal) for item in self.damage]
        for session_id, lines in self.shared_ids:
            where = ", ".join(map(str, lines))
            said.append(f"{journal}:{lines[0]}: {len(lines)} sessions have the id {session_id} (lines {where}); "
                        "each is read as its own session")
        return said


def database_for(journal: Path) -> Path:
    """The journal's store in the data folder's ``cache/`` (one per journal, named from its real path)."""
    return paths.cache_dir() / f"journal-{_key(str(journal))}.sqlite3"


@functools.lru_cache(maxsize=64)
def _key(journal: str) -> str:
    return hashlib.blake2b(os.path.realpath(journal).encode(), digest_size=10).hexdigest()


class Journal:
    """The journal at ``path``: appended to, and read through its store, refreshed before every
    answer (so an answer is never older than the journal). With ``writes=False`` nothing at all is
    written, not even the store (a dry run)."""

    def __init__(self, path: Path, *, writes: bool = True) -> None:
        self.path = Path(os.path.abspath(path))
        self.real = Path(os.path.realpath(self.path))
        """What the store is made from (the journal a link points to)."""
        self.writes = writes
        self._store: Store | None = None
        self._lock = threading.RLock()
        """One question at a time: screens ask from worker threads, and share one connection."""
        self.notice: str | None = None
        """Said once when the store cannot be kept on disk (then it is kept in memory for the run)."""

    # --- writing ---------------------------------------------------------------------------

    def append(self, session: LoggedSession, set_extras: Sequence[Mapping[str, Any]] = ()) -> None:
        """Append one session (see :func:`~calftui.journal.tomlfile.append_blocks`); ``set_extras``:
        keys beside its sets' own (the figures as measured, where they had to be moved to a bound)."""
        append_blocks(self.path, [(session.id, session_block(session, set_extras=set_extras))])

    def append_many(self, sessions: Sequence[tuple[str, str]]) -> list[str]:
        """Append (id, TOML block) pairs, leaving out ids already there; the ids written."""
        return append_blocks(self.path, sessions, skip_present=True)

    # --- the store ---------------------------------------------------------------------------

    def store(self) -> Store:
        if self._store is None:
            self._store = self._open()
        return self._store

    def _open(self) -> Store:
        database = database_for(self.path)
        if not self.writes:
            return _copy_in_memory(self.real, database)
        try:
            return Store.open(self.real, database)
        except (sqlite3.Error, OSError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.notice = (f"cannot keep the journal's cache in {database.parent} ({reason}); the journal is read "
                           "whole on every start instead")
            return Store.open(self.real, None)

    def close(self) -> None:
        """Let go of the store (a window closing); the next question opens it again."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def fresh(self) -> bool:
        """Whether answers come without reading the journal (else the next one reads it first)."""
        with contextlib.suppress(sqlite3.Error, JournalError):  # (the next answer says why it cannot read)
            return self.store().fresh()
        return False

    def refresh(self, progress: Progress | None = None) -> None:
        """Bring the store up to date with the journal; :class:`JournalError` when it cannot be read.
        A store that turns out to be spoilt is made anew (in memory when it cannot be on disk)."""
        with self._lock:
            try:
                self.store().refresh(progress)
            except sqlite3.Error:
                self._start_again()
                self.store().refresh(progress)

    def _start_again(self) -> None:
        database = database_for(self.path)
        if self._store is not None:
            self._store.close()
        self._store = None
        if self.writes:
            for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
                with contextlib.suppress(OSError):
                    path.unlink()

    def _query(self, sql: str, args: Sequence[Any] = (), *, whole: bool = False) -> list[Any]:
        """Rows from the store, brought up to date first (with ``whole``, what the whole journal says too)."""
        with self._lock:
            for again in (False, True):
                try:
                    self.refresh()
                    if whole:
                        self.store().whole()
                    return self.store().con.execute(sql, args).fetchall()
                except sqlite3.DatabaseError:
                    if again:
                        raise
                    self._start_again()
        raise AssertionError("unreachable")

    def whole_fresh(self) -> bool:
        """Whether records, marks and stats come at once (else the next such question works them out)."""
        with contextlib.suppress(sqlite3.Error):
            meta = dict(self.store().con.execute("SELECT key, value FROM meta WHERE key IN ('identity', 'whole_of')"))
            return self.fresh() and meta.get("whole_of") == meta.get("identity")
        return False

    def marks(self, keys: Iterable[int]) -> set[int]:
        """Which of these rows (:attr:`Row.key`) set a record when they were done."""
        chosen = list(keys)
        if not chosen:
            return set()
        return {pos for (pos,) in self._query(
            f"SELECT pos FROM sessions WHERE record AND pos IN ({', '.join('?' * len(chosen))})", chosen, whole=True)}

    # --- lists -------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._query("SELECT count(*) FROM sessions")[0][0])

    def newest(self, count: int, skip: int = 0) -> list[Row]:
        """The ``count`` newest sessions after the ``skip`` newest, newest first (by when they started)."""
        return self._rows("1", (), "started_ts DESC, pos DESC LIMIT ? OFFSET ?", (count, skip))

    def of_workout(self, names: Iterable[str], since: float | None = None) -> list[Row]:
        """Every session whose workout or workout file is one of ``names`` (casefolded), oldest first;
        those that started at ``since`` or later when given."""
        folded = sorted({name.casefold() for name in names})
        marks = ", ".join("?" * len(folded))
        return self._rows(f"(lower(workout) IN ({marks}) OR lower(workout_file) IN ({marks})) AND started_ts >= ?",
                          (*folded, *folded, -1e18 if since is None else since), "started_ts, pos", ())

    def latest(self, workout: str, count: int) -> list[Row]:
        """The ``count`` newest sessions of one workout (by its name as written), oldest first."""
        return self._rows("workout = ?", (workout,), "started_ts DESC, pos DESC LIMIT ?", (count,))[::-1]

    def since(self, moment: float) -> list[Row]:
        """Every session that started at ``moment`` or later, oldest first."""
        return self._rows("started_ts >= ?", (moment,), "started_ts, pos", ())

    def _rows(self, where: str, args: Sequence[Any], order: str, tail: Sequence[Any]) -> list[Row]:
        with self._lock:
            found = self._query(f"SELECT {_ROW} FROM sessions WHERE {where} ORDER BY {order}", (*args, *tail))
            scores: dict[int, list[Score]] = {}
            if found:
                chosen = f"SELECT rowid FROM sessions WHERE {where} ORDER BY {order}"
                for row in self._query(
                        f"SELECT session, {_SCORE} FROM scores c WHERE session IN ({chosen}) ORDER BY rowid",
                        (*args, *tail)):
                    scores.setdefault(row[0], []).append(_score(row[1:])[1])
        return [Row(pos, session_id, workout, workout_file, datetime.fromisoformat(started), status, duration,
                    total, tuple(scores.get(rowid, ())))
                for rowid, pos, session_id, workout, workout_file, started, status, duration, total in found]

    def last_done(self) -> dict[str, datetime]:
        """When each workout was last done, by its name and by its file's name, casefolded."""
        out: dict[str, datetime] = {}
        for column in ("workout", "workout_file"):  # (with max(), SQLite takes `started` from the newest row)
            for name, started, _ in self._query(f"SELECT {column}, started, max(started_ts) FROM sessions "
                                                f"WHERE {column} != '' GROUP BY {column}"):
                newest, key = datetime.fromisoformat(started), name.casefold()
                if key not in out or point_in_time(newest) > point_in_time(out[key]):
                    out[key] = newest
        return out

    # --- whole sessions ----------------------------------------------------------------------

    def session(self, key: int) -> LoggedSession | None:
        """The whole session of a row (:attr:`Row.key`)."""
        found = self._query(f"SELECT body FROM {_WHOLE} WHERE pos = ?", (key,))
        return _decode(found[0][0]) if found else None

    def recent(self, workout: str, count: int = 8) -> list[LoggedSession]:
        """The ``count`` newest whole sessions of one workout, oldest first."""
        found = self._query(f"SELECT body FROM {_WHOLE} WHERE workout = ? ORDER BY started_ts DESC, pos DESC LIMIT ?",
                            (workout, count))
        return [_decode(body) for (body,) in reversed(found)]

    def last_time(self, exercises: Iterable[str], before: float | None = None) -> dict[str, LoggedSession]:
        """Per exercise, the newest session in which it was done (not skipped), in any workout;
        started before ``before`` when given."""
        out: dict[str, LoggedSession] = {}
        bodies: dict[int, LoggedSession] = {}
        for name in dict.fromkeys(exercises):
            found = self._query(
                "SELECT session, body FROM bodies WHERE session = (SELECT session FROM exercises "
                "WHERE name = ? AND done AND started_ts < ? ORDER BY started_ts DESC, pos DESC LIMIT 1)",
                (name, 1e18 if before is None else before))
            if found:
                rowid, body = found[0]
                out[name] = bodies.setdefault(rowid, _decode(body))
        return out

    def every_session(self) -> Iterator[LoggedSession]:
        """Every session, in the order they happened (an export's rows)."""
        found = self._query(f"SELECT body FROM {_WHOLE} ORDER BY started_ts, pos")
        return (_decode(body) for (body,) in found)

    # --- what is wrong -----------------------------------------------------------------------

    def problems(self) -> Problems:
        damage = [Damage(line, message)
                  for line, message in self._query("SELECT line, message FROM damage ORDER BY pos")]
        twice = [i for (i,) in self._query("SELECT id FROM sessions GROUP BY id HAVING count(*) > 1")]  # (its index)
        lines: dict[str, list[int]] = {}
        marks = ", ".join("?" * len(twice))
        for session_id, line in self._query(f"SELECT id, line FROM sessions WHERE id IN ({marks}) ORDER BY pos",
                                            twice) if twice else []:
            lines.setdefault(session_id, []).append(line)
        shared = [(session_id, sorted(found)) for session_id, found in lines.items()]
        return Problems(damage, shared)

    # --- what was done of each exercise ------------------------------------------------------

    def done(self, exercise: str | None = None, workout: str | None = None, since: float | None = None) -> list[Done]:
        """Every session's facts of one exercise (or of every exercise), of one workout when given,
        oldest first; those that started at ``since`` or later when given."""
        where, args = ["e.started_ts >= ?"], [-1e18 if since is None else since]  # type: list[str], list[Any]
        if exercise is not None:
            where.append("e.name = ?")
            args.append(exercise)
        if workout is not None:
            where.append("e.workout = ?")
            args.append(workout)
        return [Done(pos, session_id, name, datetime.fromisoformat(started), _facts(rest))
                for pos, session_id, name, started, *rest in self._query(
                    f"SELECT e.pos, s.id, e.workout, s.started, {_EXERCISE} FROM exercises e "
                    f"JOIN sessions s ON s.rowid = e.session WHERE {' AND '.join(where)} "
                    "ORDER BY e.started_ts, e.pos, e.rowid", args)]

    def scores(self, exercise: str, workout: str | None = None, since: float | None = None
               ) -> list[tuple[datetime, Score]]:
        """Every score of one target exercise (of one workout, since ``since`` when given), oldest first."""
        return [_score(row) for row in
                self._query(f"SELECT {_SCORE}, s.started FROM scores c JOIN sessions s ON s.rowid = c.session "
                            "WHERE c.exercise = ? AND (?2 IS NULL OR c.workout = ?2) AND c.started_ts >= ?3 "
                            "ORDER BY c.started_ts, c.pos", (exercise, workout, -1e18 if since is None else since))]

    def bests(self, exercises: Iterable[str] | None = None, before: float | None = None) -> list[Best]:
        """The records standing (see :mod:`calftui.journal.whole`) of these exercises (of every
        exercise when None), over the sessions that started before ``before`` when given."""
        names = None if exercises is None else set(exercises)
        with self._lock:
            (newest,) = self._query("SELECT max(started_ts) FROM sessions")[0]
            if before is not None and newest is not None and before <= newest:  # (a session amid the others)
                return self._bests_before(names, before)
            found = self._query("SELECT b.name, b.what, b.value, b.weight, b.unit, s.id, s.started FROM bests b "
                                "JOIN sessions s ON s.rowid = b.session ORDER BY b.rowid", whole=True)
        return [Best(name, what, value, None if weight is None else Load(weight, unit), session_id,
                     datetime.fromisoformat(started))
                for name, what, value, weight, unit, session_id, started in found if names is None or name in names]

    def _bests_before(self, names: set[str] | None, before: float) -> list[Best]:
        con = self.store().con
        found = walk(in_time(con.execute(f"SELECT {WALKED} FROM exercises WHERE started_ts < ?", (before,))),
                     in_time(con.execute(f"SELECT {WALKED_SCORES} FROM scores WHERE started_ts < ?", (before,))))
        sessions = dict(self._query("SELECT rowid, id || ' ' || started FROM sessions"))
        out = []
        for (name, what, _), best in found.standing.items():
            if names is None or name in names:
                session_id, started = sessions[best.session].split(" ", 1)
                load = None if best.weight is None else Load(best.weight, best.unit)
                out.append(Best(name, what, best.value, load, session_id, datetime.fromisoformat(started)))
        return out

    def sets_of(self, exercise: str, workout: str | None = None) -> list[tuple[datetime, LoggedSet]]:
        """Every set of one exercise (of one workout when given), with when its session started, in
        the order they happened: what a chart of each attempt needs (read from whole sessions)."""
        out = []
        for started, body in self._query(
                "SELECT s.started, b.body FROM exercises e JOIN sessions s ON s.rowid = e.session "
                "JOIN bodies b ON b.session = e.session WHERE e.name = ? AND (?2 IS NULL OR e.workout = ?2) "
                "ORDER BY e.started_ts, e.pos", (exercise, workout)):
            moment = datetime.fromisoformat(started)
            out += [(moment, s) for s in _decode(body).sets if s.exercise == exercise]
        return out

    # --- stats ------------------------------------------------------------------------------

    def stats(self, names: Iterable[str] | None = None) -> list[WorkoutStats]:
        """Per workout (those whose name or file is one of ``names``, casefolded; every one when None),
        in the order first done: its sessions and every exercise's bests, balance and scores."""
        if names is None:
            match, args = "1", []
        else:
            folded = sorted({name.casefold() for name in names})
            marks = ", ".join("?" * len(folded))
            match, args = f"(lower(workout) IN ({marks}) OR lower(workout_file) IN ({marks}))", [*folded, *folded]
        out = []
        with self._lock:
            for workout, count, completed, _ in self._query(
                    f"SELECT workout, count(*), sum(status = 'completed'), min(started_ts) FROM sessions "
                    f"WHERE {match} GROUP BY workout ORDER BY 4", args, whole=True):
                (started,) = self._query("SELECT started FROM sessions WHERE workout = ? "
                                         "ORDER BY started_ts DESC, pos DESC LIMIT 1", (workout,))[0]
                out.append(WorkoutStats(workout, count, completed, datetime.fromisoformat(started),
                                        self._exercise_stats(workout)))
        return out

    def _exercise_stats(self, workout: str) -> list[ExerciseStats]:
        scores: dict[str, list[tuple[bool, tuple[datetime, Score]]]] = {}
        for last, *row in self._query(
                "SELECT c.last, c.exercise, c.side, c.seconds, c.mini_sets, c.reps, c.target, c.weight, c.unit, "
                "c.short_rests, s.started FROM workout_scores c JOIN sessions s ON s.rowid = c.session "
                "WHERE c.workout = ? ORDER BY c.weight IS NULL, c.weight DESC", (workout,)):
            scores.setdefault(row[0], []).append((bool(last), _score(row)))
        out = []
        for name, kind, group, working, reps, weight, unit, hold, left, right in self._query(
                "SELECT name, kind, grp, working_sets, best_reps, top_weight, top_unit, hold_s, left, right "
                "FROM workout_exercises WHERE workout = ? ORDER BY first_ts, rowid", (workout,)):
            mine = scores.get(name, [])
            out.append(ExerciseStats(
                name, kind, group, working, reps, None if weight is None else Load(weight, unit), hold,
                None if left is None or right is None else Balance(left, right, kind == "timed"),
                next((found for last, found in mine if last), None),
                sorted((found for last, found in mine if not last), key=lambda f: -(f[1].kg or -1.0))))
        return out

    # --- for an import -----------------------------------------------------------------------

    def ids(self) -> set[str]:
        return {session_id for (session_id,) in self._query("SELECT id FROM sessions")}

    def moments(self) -> set[tuple[str, int]]:
        """(workout, minute) of every session: a tracker's session already imported is one of these."""
        return {(workout, int(ts // 60)) for workout, ts in self._query("SELECT workout, started_ts FROM sessions")}


_WHOLE = "sessions JOIN bodies ON bodies.session = sessions.rowid"
"""Where a session's whole body is."""
_ROW = "rowid, pos, id, workout, workout_file, started, status, duration_s, total_reps"
_EXERCISE = ("e.name, e.kind, e.grp, e.done, e.working_sets, e.best_reps, e.top_weight, e.top_unit, e.best_e1rm_kg, "
             "e.hold_s, e.reps, e.left, e.right, e.per_rep_s")


_SCORE = "c.exercise, c.side, c.seconds, c.mini_sets, c.reps, c.target, c.weight, c.unit, c.short_rests"


def _score(row: Sequence[Any]) -> tuple[datetime, Score]:
    """(when, score) from a row of :data:`_SCORE` and the session's start (its start unused when absent)."""
    exercise, side, seconds, minis, reps, target, weight, unit, short = row[:9]
    started = datetime.fromisoformat(row[9]) if len(row) > 9 else datetime.min
    load = None if weight is None else Load(weight, unit)
    return started, Score(exercise, side, seconds, minis, reps, target, load, bool(short))


def _facts(row: Sequence[Any]) -> ExerciseFacts:
    name, kind, group, done, working, reps, weight, unit, e1rm, hold, total, left, right, per_rep = row
    balance = None if left is None or right is None else Balance(left, right, kind == "timed")
    top = None if weight is None else Load(weight, unit)
    return ExerciseFacts(name, kind, group, bool(done), working, reps, top, e1rm, hold, total, balance, per_rep)


def _copy_in_memory(journal: Path, database: Path) -> Store:
    """The store as it is on disk, copied into memory (or an empty one), to refresh without writing."""
    memory = Store.open(journal, None)
    if database.is_file() and not database.is_symlink():
        with contextlib.suppress(sqlite3.Error):
            # Read only; and with no -wal beside it, immutable too, so that not even a -shm is made.
            wal = database.with_name(database.name + "-wal")
            flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
            disk = sqlite3.connect(f"file:{urllib.parse.quote(str(database))}?{flags}", uri=True)
            try:
                disk.backup(memory.con)
            finally:
                disk.close()
            ours = memory.con.execute("SELECT 1 FROM meta WHERE key = 'journal' AND value = ?", (str(journal),))
            if not ours.fetchone() or memory.con.execute("PRAGMA user_version").fetchone()[0] != VERSION:
                memory.close()
                memory = Store.open(journal, None)
    return memory


def point(moment: datetime) -> float:
    """``moment`` as the store orders sessions (one without an offset is local time)."""
    return point_in_time(moment)

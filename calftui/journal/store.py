"""The journal's derived store: what screens and commands ask of the journal, in one SQLite file.

It is never the truth. It lives in the data folder's ``cache/``, one database per journal, in WAL
mode so several windows read while one refreshes it, and it is refreshed before it is read:

- the journal's identity (device, inode, size, modification and change time) unchanged: nothing
  to do (no editor or ``touch`` can set a change time back);
- the journal grew and the bytes it had are unchanged (their hash says so): only its last block
  and what follows are parsed;
- anything else: the journal is split into blocks again and only blocks whose hash the store has
  not seen are parsed; the rows of the others are kept and moved to where their blocks are now.

While a refresh runs, the store says it is stale (its identity is cleared in its first
transaction), so no reader ever answers from a half-made store: it waits for the refresh, which
one process at a time does (a lock file beside the database), and which commits every few
thousand sessions, so a refresh cut short by ``kill -9`` is continued, not begun again. A
database that is missing, foreign, corrupt, of another version or a link is made anew; one that
cannot be written is kept in memory for the run instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec

from calftui.common import Load, identity
from calftui.journal.entries import LoggedSession, point_in_time
from calftui.journal.facts import session_facts
from calftui.journal.tomlfile import Block, Damage, JournalError, blocks, parse_block
from calftui.journal.whole import WALKED, WALKED_SCORES, in_time, walk

if os.name != "nt":
    import fcntl

VERSION = 2
"""The store's layout (``PRAGMA user_version``); a database of another version is made anew."""
BATCH = 2000
"""Sessions parsed between two commits of a long refresh: the progress a ``kill -9`` cannot undo."""

SAME_AGAIN = 50
"""Up to this many changed blocks are looked at for a session that is the same as before."""
TAIL_BLOCKS = 3
"""How many of the journal's last blocks are read again when it grows (see :meth:`Store._update`)."""

Progress = Callable[[int, int], None]
"""Told (sessions read, sessions to read) while a long refresh runs, here or in another process."""

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE sessions(
    row INTEGER PRIMARY KEY,        -- (its rowid: what the other tables name it by)
    pos INTEGER NOT NULL,           -- the block's place in the journal: a row's own identity
    offset INTEGER NOT NULL,
    line INTEGER NOT NULL,
    digest BLOB NOT NULL,           -- sha256 of the block's bytes
    id TEXT NOT NULL,
    workout TEXT NOT NULL,
    workout_file TEXT NOT NULL,
    started TEXT NOT NULL,          -- as written (ISO 8601, with its offset when it has one)
    started_ts REAL NOT NULL,       -- the start as a point in time (a start without offset: local time)
    naive INTEGER NOT NULL,         -- its start or end was written without an offset: placed by the zone
    duration_s REAL,                -- NULL: the end was never written
    status TEXT NOT NULL,
    total_reps INTEGER NOT NULL,
    sets_done INTEGER NOT NULL,
    sets_skipped INTEGER NOT NULL,
    record INTEGER NOT NULL DEFAULT 0  -- it set a record when it was done
);
CREATE TABLE bodies(session INTEGER PRIMARY KEY, body BLOB NOT NULL);  -- each whole session (msgspec JSON)
CREATE INDEX sessions_time ON sessions(started_ts, pos);
CREATE INDEX sessions_workout ON sessions(workout, started_ts);
CREATE INDEX sessions_file ON sessions(workout_file, started_ts);
CREATE INDEX sessions_id ON sessions(id);
CREATE INDEX sessions_pos ON sessions(pos);  -- a row by its key (a session's detail, history's record stars)
CREATE TABLE exercises(
    session INTEGER NOT NULL,       -- sessions.rowid
    started_ts REAL NOT NULL, pos INTEGER NOT NULL, workout TEXT NOT NULL,  -- the session's, without a join
    name TEXT NOT NULL, kind TEXT NOT NULL, grp TEXT, done INTEGER NOT NULL, working_sets INTEGER NOT NULL,
    best_reps INTEGER, top_weight REAL, top_unit TEXT, top_kg REAL, best_e1rm_kg REAL, hold_s REAL,
    reps INTEGER NOT NULL,
    left REAL, right REAL, per_rep_s REAL
);
CREATE INDEX exercises_session ON exercises(session);
CREATE INDEX exercises_name ON exercises(name, started_ts, pos);
CREATE INDEX exercises_workout ON exercises(workout, started_ts, pos);
CREATE TABLE scores(
    session INTEGER NOT NULL, started_ts REAL NOT NULL, pos INTEGER NOT NULL, workout TEXT NOT NULL,
    exercise TEXT NOT NULL, side TEXT NOT NULL, seconds REAL NOT NULL,
    mini_sets INTEGER NOT NULL, reps INTEGER NOT NULL, target INTEGER, weight REAL, unit TEXT, kg REAL,
    short_rests INTEGER NOT NULL
);
CREATE INDEX scores_session ON scores(session);
CREATE INDEX scores_exercise ON scores(exercise, started_ts, pos);
CREATE TABLE damage(pos INTEGER NOT NULL, offset INTEGER NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL);
-- What the whole journal says (calftui.journal.whole), worked out again whenever a session changed:
CREATE TABLE bests(name TEXT NOT NULL, what TEXT NOT NULL, class REAL, value REAL NOT NULL, weight REAL,
                   unit TEXT, session INTEGER NOT NULL);
CREATE TABLE workout_exercises(workout TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, grp TEXT,
                               first_ts REAL NOT NULL, working_sets INTEGER NOT NULL, best_reps INTEGER,
                               top_weight REAL, top_unit TEXT, hold_s REAL, left REAL, right REAL);
CREATE TABLE workout_scores(workout TEXT NOT NULL, exercise TEXT NOT NULL, last INTEGER NOT NULL,
                            session INTEGER NOT NULL, side TEXT NOT NULL, seconds REAL NOT NULL,
                            mini_sets INTEGER NOT NULL, reps INTEGER NOT NULL, target INTEGER, weight REAL,
                            unit TEXT, short_rests INTEGER NOT NULL);
"""

def zone() -> str:
    """What local time is read from (``TZ``, else ``/etc/localtime``): a start written without an
    offset is placed in time again when this changes, so a time zone change never leaves a stale order."""
    try:
        info = os.stat("/etc/localtime")
        system = f"{os.path.realpath('/etc/localtime')}:{info.st_size}:{info.st_mtime_ns}"
    except OSError:
        system = ""
    return f"{os.environ.get('TZ', '')}|{system}|{time.tzname}"


class Store:
    """One journal's database (see the module's text); :meth:`refresh` before reading it."""

    def __init__(self, journal: Path, con: sqlite3.Connection, lock: Path | None) -> None:
        self.journal = journal
        self.con = con
        self._reordered = False
        self.lock = lock
        """The lock file one refresh at a time holds (None: a database in memory, this process's alone)."""

    @classmethod
    def open(cls, journal: Path, database: Path | None) -> Store:
        """The store of ``journal`` at ``database``, made anew when it is not one; in memory when
        ``database`` is None. Raises :class:`sqlite3.Error` or :class:`OSError` when it cannot be
        opened (the caller keeps one in memory instead)."""
        if database is None:
            memory = _connect(":memory:")
            _create(memory, journal)
            return cls(journal, memory, None)
        database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for path in (database, *_companions(database)):
            if path.is_symlink() or (path.exists() and not path.is_file()):
                _remove(path)  # a derived file never writes through a link, nor into a folder put in its place
        try:
            _private(database)
            con = _connect(str(database))
            if not _ours(con, journal):
                con.close()
                raise sqlite3.DatabaseError("not this journal's store")
        except sqlite3.DatabaseError:
            for path in (database, *_companions(database)):
                _remove(path)
            _private(database)
            con = _connect(str(database))
            _create(con, journal)
        return cls(journal, con, database.with_name(database.name + ".lock"))

    @classmethod
    def copy_of(cls, other: Store) -> Store:
        """A copy in memory, to refresh without writing anything (a dry run)."""
        con = _connect(":memory:")
        other.con.backup(con)
        return cls(other.journal, con, None)

    def close(self) -> None:
        self.con.close()

    # --- freshness -------------------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        return dict(self.con.execute("SELECT key, value FROM meta"))

    def fresh(self) -> bool:
        """Whether it answers for the journal as it is now, without reading the journal."""
        meta = self._meta()
        return meta.get("identity") == _identity(self.journal) and meta.get("zone") == zone()

    def refresh(self, progress: Progress | None = None) -> None:
        """Bring it up to date with the journal (see the module's text); raises :class:`JournalError`
        when the journal cannot be read."""
        if self.fresh():
            return
        with self._refreshing(progress):
            for _ in range(3):  # (the journal changing while it is read: read again)
                if self.fresh():
                    return
                data, stamp = _read(self.journal)
                self._update(data, stamp, progress)

    @contextlib.contextmanager
    def _refreshing(self, progress: Progress | None) -> Iterator[None]:
        """One refresh at a time across processes; while another runs, its progress is told."""
        if self.lock is None or os.name == "nt":
            yield
            return
        fd = os.open(self.lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if progress is not None:
                        meta = self._meta()
                        progress(int(meta.get("read", 0)), int(meta.get("to_read", 0)))
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    # --- bringing it up to date ------------------------------------------------------------

    def _update(self, data: bytes, stamp: str, progress: Progress | None) -> None:
        meta = self._meta()
        whole = hashlib.sha256()
        known_size = meta.get("size")
        grown = False
        if isinstance(known_size, int) and len(data) >= known_size and meta.get("digest"):
            whole.update(memoryview(data)[:known_size])
            grown = whole.copy().hexdigest() == meta["digest"]
            whole.update(memoryview(data)[known_size:])
        else:
            whole.update(data)
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        con.execute("DELETE FROM meta WHERE key = 'identity'")  # stale until the last commit
        self._reordered = False
        if grown:
            start, line, first = meta["tail_offset"], meta["tail_line"], meta["tail_pos"]
            units = blocks(data, start, line)
            gone = [row for (row,) in con.execute("SELECT rowid FROM sessions WHERE offset >= ?", (start,))]
            con.execute("DELETE FROM damage WHERE offset >= ?", (start,))
            todo = [(first + i, unit, unit.digest()) for i, unit in enumerate(units)]
        else:
            known = {digest for (digest,) in con.execute("SELECT digest FROM sessions")}
            first, units = 0, blocks(data, alone=lambda block: block.digest() in known)
            todo, gone = self._match(units)
            con.execute("DELETE FROM damage")
        # What is read again when the journal grows: its last blocks, from the third last. Only they
        # can change with what is appended: the last (it may go on), a header torn part-way at the
        # very end (no longer the end), and the one a multi-line string may join to the last.
        back = max(0, len(units) - TAIL_BLOCKS)
        tail = units[back] if units else Block(data, start if grown else 0, len(data), line if grown else 1)
        todo, gone = self._same_again(todo, gone)
        self._forget(gone)
        self._add(todo, progress)
        moved_in_time = meta.get("zone") != zone()
        if moved_in_time:
            self._place_naive_starts_again()
        # What the whole journal says is worked out when it is next asked for (see :meth:`whole`):
        # still true when no session changed, else out of date.
        whole_of = stamp if meta.get("whole_of") == meta.get("was") and not (
            todo or gone or moved_in_time or self._reordered) else ""
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
            ("identity", stamp), ("was", stamp), ("whole_of", whole_of), ("size", len(data)),
            ("digest", whole.hexdigest()), ("tail_offset", tail.offset),
            ("tail_line", tail.line), ("tail_pos", first + back), ("zone", zone()), ("read", 0), ("to_read", 0),
            ("parsed", int(meta.get("parsed", 0)) + len(todo))])
        con.execute("COMMIT")

    def _match(self, units: list[Block]) -> tuple[list[tuple[int, Block, bytes]], list[int]]:
        """Every block against the rows there are: rows whose block is still there (the same bytes)
        are moved to where it is now; the rest of the blocks are to be read, the rest of the rows
        to be forgotten."""
        known: dict[bytes, list[tuple[int, int, int, int]]] = {}
        for row in self.con.execute("SELECT digest, rowid, pos, offset, line FROM sessions"):
            known.setdefault(row[0], []).append(row[1:])
        todo, moves, reordered = [], [], []
        for pos, unit in enumerate(units):
            digest = unit.digest()
            rows = known.get(digest)
            if not rows:
                todo.append((pos, unit, digest))
                continue
            rowid, was_pos, was_offset, was_line = rows.pop()
            if (was_pos, was_offset, was_line) != (pos, unit.offset, unit.line):
                moves.append((pos, unit.offset, unit.line, rowid))
            if was_pos != pos:
                reordered.append(rowid)
        self.con.executemany("UPDATE sessions SET pos = ?, offset = ?, line = ? WHERE rowid = ?", moves)
        self._copy_to_children(reordered)
        self._reordered = bool(reordered)
        return todo, [row[0] for rows in known.values() for row in rows]

    def _forget(self, rowids: list[int]) -> None:
        pairs = [(rowid,) for rowid in rowids]
        for table, key in (("sessions", "rowid"), ("bodies", "session"), ("exercises", "session"),
                           ("scores", "session")):
            self.con.executemany(f"DELETE FROM {table} WHERE {key} = ?", pairs)

    def _same_again(self, todo: list[tuple[int, Block, bytes]], gone: list[int]
                    ) -> tuple[list[tuple[int, Block, bytes]], list[int]]:
        """Blocks whose bytes changed but whose session did not (a comment or a blank line added by
        hand, another layout): their rows are kept and moved, so nothing the whole journal says has
        to be worked out again. (Looked for among a hand edit's few blocks only.)"""
        if not todo or not gone or len(todo) > SAME_AGAIN:
            return todo, gone
        bodies = {body: rowid for rowid, body in self.con.execute(
            f"SELECT session, body FROM bodies WHERE session IN ({', '.join('?' * len(gone))})", gone)}
        left, moved = [], []
        for pos, unit, digest in todo:
            found = parse_block(unit.data, unit.line)
            rowid = bodies.pop(msgspec.json.encode(found), None) if isinstance(found, LoggedSession) else None
            if rowid is None:
                left.append((pos, unit, digest))
            else:
                moved.append((digest, pos, unit.offset, unit.line, rowid))
        self.con.executemany("UPDATE sessions SET digest = ?, pos = ?, offset = ?, line = ? WHERE rowid = ?", moved)
        self._copy_to_children([rowid for *_, rowid in moved])
        return left, [rowid for rowid in gone if rowid not in {row[-1] for row in moved}]

    def _add(self, todo: list[tuple[int, Block, bytes]], progress: Progress | None) -> None:
        """Read the blocks not seen before, written a batch at a time and committed every :data:`BATCH`
        (the store stays stale meanwhile)."""
        con = self.con
        (rowid,) = con.execute("SELECT coalesce(max(rowid), 0) FROM sessions").fetchone()
        rows: dict[str, list[tuple[Any, ...]]] = {"sessions": [], "bodies": [], "exercises": [], "scores": [],
                                                  "damage": []}
        for done, (pos, unit, digest) in enumerate(todo, 1):
            result = parse_block(unit.data, unit.line)
            if isinstance(result, LoggedSession):
                rowid += 1
                _rows(rows, rowid, pos, unit, digest, result)
            elif isinstance(result, Damage):
                rows["damage"].append((pos, unit.offset, result.line, result.message))
            if done % BATCH == 0 or done == len(todo):
                for table, found in rows.items():
                    if found:
                        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(found[0]))})", found)
                        found.clear()
                if done < len(todo):
                    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                    [("read", done), ("to_read", len(todo))])
                    con.execute("COMMIT")
                    if progress is not None:
                        progress(done, len(todo))
                    con.execute("BEGIN IMMEDIATE")

    def _place_naive_starts_again(self) -> None:
        """Sessions whose start or end has no offset, placed in time again in the local time zone now."""
        rows = self.con.execute("SELECT sessions.rowid, body FROM sessions JOIN bodies "
                                "ON bodies.session = sessions.rowid WHERE naive").fetchall()
        decode = msgspec.json.Decoder(LoggedSession).decode
        sessions = [(rowid, decode(body)) for rowid, body in rows]
        self.con.executemany("UPDATE sessions SET started_ts = ?, duration_s = ? WHERE rowid = ?",
                             [(point_in_time(s.started_at), s.duration_s, rowid) for rowid, s in sessions])
        self._copy_to_children([rowid for rowid, _ in sessions])

    def whole(self) -> None:
        """Bring what the whole journal says (records, marks, each workout's exercises) up to date
        with the sessions (:meth:`refresh` first); one process at a time works it out."""
        if self._meta().get("whole_of") == self._meta().get("identity"):
            return
        with self._refreshing(None):
            meta = self._meta()
            if meta.get("whole_of") == meta.get("identity") or not meta.get("identity"):
                return
            self.con.execute("BEGIN IMMEDIATE")
            self._work_out_the_whole()
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'whole_of'", (meta["identity"],))
            self.con.execute("COMMIT")

    def _work_out_the_whole(self) -> None:
        """Records, marks and each workout's exercises, from every session's facts in time order."""
        con = self.con
        found = walk(in_time(con.execute(f"SELECT {WALKED} FROM exercises")),
                     in_time(con.execute(f"SELECT {WALKED_SCORES} FROM scores")))
        marked = {rowid for (rowid,) in con.execute("SELECT rowid FROM sessions WHERE record")}
        con.executemany("UPDATE sessions SET record = ? WHERE rowid = ?",
                        [(rowid in found.marks, rowid) for rowid in marked ^ found.marks])
        for table in ("bests", "workout_exercises", "workout_scores"):
            con.execute(f"DELETE FROM {table}")
        con.executemany("INSERT INTO bests VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(*key, *best) for key, best in found.standing.items()])
        con.executemany("INSERT INTO workout_exercises VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (w.workout, w.name, w.kind, w.group, w.first_ts, w.working_sets, w.best_reps,
             *(w.top[1:] if w.top else (None, None)), w.hold_s, *(w.balance or (None, None)))
            for w in found.workouts.values()])
        con.executemany("INSERT INTO workout_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (w.workout, w.name, last, sc.session, sc.side, sc.seconds, sc.mini_sets, sc.reps, sc.target, sc.weight,
             sc.unit, sc.short_rests)
            for w in found.workouts.values()
            for last, sc in ([(True, w.last_score)] if w.last_score else []) + [(False, b) for b in
                                                                              w.best_scores.values()]])

    def _copy_to_children(self, rowids: list[int]) -> None:
        """Each session's start and place, copied to its exercises and scores (so they are ordered
        without a join)."""
        for table in ("exercises", "scores"):
            self.con.executemany(f"UPDATE {table} SET (started_ts, pos) = (SELECT started_ts, pos FROM sessions "
                                 "WHERE rowid = ?1) WHERE session = ?1", [(rowid,) for rowid in rowids])


def _rows(rows: dict[str, list[tuple[Any, ...]]], rowid: int, pos: int, unit: Block, digest: bytes,
          session: LoggedSession) -> None:
    """One session's rows of each table (its ``rowid`` given: they are written a batch at a time)."""
    facts = session_facts(session)
    when, workout = point_in_time(session.started_at), session.workout
    rows["sessions"].append(
        (rowid, pos, unit.offset, unit.line, digest, session.id, workout, session.workout_file,
         session.started_at.isoformat(), when, _naive(session), session.duration_s, session.status,
         session.total_reps, facts.sets_done, facts.sets_skipped, 0))
    rows["bodies"].append((rowid, msgspec.json.encode(session)))
    rows["exercises"].extend(
        (rowid, when, pos, workout, e.name, e.kind, e.group, e.done, e.working_sets, e.best_reps, *_load(e.top),
         e.best_e1rm_kg, e.hold_s, e.reps, e.balance.left if e.balance else None,
         e.balance.right if e.balance else None, e.per_rep_s)
        for e in facts.exercises)
    rows["scores"].extend(
        (rowid, when, pos, workout, c.exercise, c.side, c.seconds, c.mini_sets, c.reps, c.target, *_load(c.load),
         c.short_rests)
        for c in facts.scores)


def _load(load: Load | None) -> tuple[float | None, str | None, float | None]:
    """A load's columns: as written (weight, unit) and in kilograms, to compare."""
    return (None, None, None) if load is None else (load.weight, load.unit, load.kg)


def _naive(session: LoggedSession) -> bool:
    return session.started_at.tzinfo is None or (session.ended_at is not None and session.ended_at.tzinfo is None)


# --- the database file -------------------------------------------------------------------


def _connect(where: str) -> sqlite3.Connection:
    con = sqlite3.connect(where, timeout=30, isolation_level=None, check_same_thread=False)
    if where != ":memory:":
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")  # a lost commit only costs a refresh: the journal is the truth
    return con


def _ours(con: sqlite3.Connection, journal: Path) -> bool:
    """Whether the database is a store of this version for this journal (an empty one is made so)."""
    (version,) = con.execute("PRAGMA user_version").fetchone()
    if version == 0 and not con.execute("SELECT 1 FROM sqlite_master").fetchone():
        _create(con, journal)
        return True
    if version != VERSION:
        return False
    row = con.execute("SELECT value FROM meta WHERE key = 'journal'").fetchone()
    return row is not None and row[0] == str(journal)


def _create(con: sqlite3.Connection, journal: Path) -> None:
    con.execute("BEGIN IMMEDIATE")
    try:
        if not con.execute("SELECT 1 FROM sqlite_master").fetchone():  # (another process may have made it meanwhile)
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {VERSION}")
            con.execute("INSERT INTO meta VALUES ('journal', ?)", (str(journal),))
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def _private(database: Path) -> None:
    """The database file made the lifter's alone before SQLite opens it: SQLite gives its -wal and
    -shm files (which hold sessions too) the database file's mode."""
    fd = os.open(database, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    for path in _companions(database):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, 0o600, follow_symlinks=False)


def _companions(database: Path) -> tuple[Path, ...]:
    return tuple(database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", ".lock"))


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            import shutil

            shutil.rmtree(path)
        else:
            path.unlink()


def _identity(journal: Path) -> str:
    try:
        return ",".join(map(str, identity(os.stat(journal))))
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise JournalError(f"cannot read the journal {journal}: {exc.strerror or exc}") from None


def _read(journal: Path) -> tuple[bytes, str]:
    """The journal's bytes and the identity they are the bytes of."""
    from calftui.journal.tomlfile import read_bytes

    before = _identity(journal)
    data = read_bytes(journal)
    after = _identity(journal)
    return data, before if before == after else "changed while read"

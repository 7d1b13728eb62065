"""The journal: append-only TOML, one ``[[session]]`` block per session (*The journal* in the README).

Writing appends one whole block with a single ``write`` under an advisory lock, then fsyncs;
earlier bytes are never touched. Reading goes block by block, so a torn last write or a hand
edit gone wrong costs only that block, which is reported with its line and skipped.

Every session calftui writes carries ``set_count`` among its own keys (before its sets), and
every set ends with a key it always writes (``rep_at_s`` for reps and target sets, ``warmup``
for timed ones). So a write cut short is recognised even where the cut leaves valid TOML. A
session written by hand without ``set_count`` is read as it stands.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import math
import os
import re
import stat
import sys
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w

from calftui.fsutil import NotAFile, fsync_dir, read_regular
from calftui.limits import HEAVIEST, LONGEST_S, MOST_REPS
from calftui.scoring import Score, target_seconds
from calftui.tomlfast import plain_session
from calftui.tomltext import parse_toml, toml_error

if sys.platform != "win32":
    import fcntl

SESSION_HEADER = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*\[\[[ \t]*session[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.M)
"""A ``[[session]]`` line; the first may follow a byte order mark some editors write."""
_HEADER_WORD = re.compile(rb"\[\[[ \t]*session[ \t]*\]\]")
"""What every ``[[session]]`` line holds: found by a fast literal search, then checked whole."""
SET_KEYS = ("exercise", "kind", "set", "side", "duration_s", "rest_before_s", "failure", "warmup")
COUNTED_KEYS = ("reps", "rep_at_s")


class JournalError(Exception):
    """The journal cannot be read or written at all (not: one damaged block)."""


class AlreadyInJournal(JournalError):
    """The session's id is in the journal already: it was not appended again."""


@dataclass(frozen=True)
class Damage:
    line: int
    message: str

    def describe(self, path: Path) -> str:
        return f"{path}:{self.line}: {self.message}; the rest of the journal is read, and the file is left as it is"


@dataclass(frozen=True)
class LoggedSet:
    exercise: str
    kind: str
    set: int
    side: str = "both"
    reps: int | None = None
    target_reps: int | None = None
    duration_s: float = 0.0
    rest_before_s: float = 0.0
    failure: bool = False
    warmup: bool = False
    weight: float | None = None
    unit: str | None = None
    rep_at_s: tuple[float, ...] = ()
    skipped: bool = False
    reps_typed: bool = False
    rpe: float | None = None
    note: str | None = None
    planned_s: float | None = None
    rest_planned_s: float | None = None
    group: str | None = None
    round: int | None = None
    count: str | None = None
    """``"tempo"``: the reps were counted by the tempo's cycles, not tapped (``rep_at_s`` holds the cycle ends)."""

    @property
    def counts(self) -> bool:
        """A working set that was done: what records, baselines and suggestions are made of."""
        return not self.warmup and not self.skipped

    @property
    def short_rest(self) -> bool:
        """The rest before it was cut short of its countdown (Enter through a rest-pause, say)."""
        return self.rest_planned_s is not None and self.rest_before_s < self.rest_planned_s - SHORT_REST_SLACK_S


def set_table(s: LoggedSet, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A set as the journal writes it: its keys in the journal's order, optional ones only when
    they apply and before the keys every set ends with; ``extra`` keys (ones this version does not
    know, kept from another journal) go with the optional ones."""
    out: dict[str, Any] = {"exercise": s.exercise, "kind": s.kind, "set": s.set, "side": s.side}
    if s.reps is not None:
        out["reps"] = s.reps
    if s.target_reps is not None:
        out["target_reps"] = s.target_reps
    if s.weight is not None:
        out["weight"] = s.weight
        out["unit"] = s.unit or "kg"
    optional: dict[str, Any] = {
        "skipped": s.skipped or None, "reps_typed": s.reps_typed or None, "rpe": s.rpe, "note": s.note or None,
        "group": s.group, "round": s.round, "count": s.count,
        "planned_s": None if s.planned_s is None else round(s.planned_s, 3),
        "rest_planned_s": None if s.rest_planned_s is None else round(s.rest_planned_s, 3),
    }
    out.update((key, value) for key, value in optional.items() if value is not None)
    out.update((key, value) for key, value in (extra or {}).items() if key not in out and key not in _LAST_KEYS)
    out["duration_s"] = round(s.duration_s, 3)
    out["rest_before_s"] = round(s.rest_before_s, 3)
    out["failure"] = s.failure
    out["warmup"] = s.warmup
    if s.kind in ("reps", "target"):
        out["rep_at_s"] = [round(t, 3) for t in s.rep_at_s]
    return out


_LAST_KEYS = ("duration_s", "rest_before_s", "failure", "warmup", "rep_at_s")
_SESSION_KEYS = ("id", "workout", "workout_file", "started_at", "ended_at", "status", "notes", "set_count", "sets")


def session_table(session: LoggedSession, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """A session read from a journal, as one to write again (into another journal): every key it
    had, those this version does not know included (from ``raw``, its TOML table)."""
    raw = raw or {}
    out: dict[str, Any] = {"id": session.id, "workout": session.workout, "workout_file": session.workout_file,
                           "started_at": session.started_at}
    if session.ended_at is not None:
        out["ended_at"] = session.ended_at
    out.update(status=session.status, notes=session.notes)
    out.update((k, v) for k, v in raw.items() if k not in _SESSION_KEYS)
    given = raw.get("sets")
    raw_sets: list[Any] = given if isinstance(given, list) else []
    known = {f.name for f in fields(LoggedSet)}
    extras = [{k: v for k, v in entry.items() if k not in known} if isinstance(entry, dict) else {}
              for entry in raw_sets]
    out["sets"] = [set_table(s, extras[i] if i < len(extras) else None) for i, s in enumerate(session.sets)]
    return out
SHORT_REST_SLACK_S = 0.5
"""A rest this much shorter than its countdown is still a full rest (a key pressed as it ran out)."""


@dataclass(frozen=True)
class LoggedSession:
    id: str
    workout: str
    workout_file: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    notes: str
    sets: tuple[LoggedSet, ...]
    line: int = 0

    @property
    def duration_s(self) -> float:
        if self.ended_at is None:
            return sum(s.duration_s + s.rest_before_s for s in self.sets)
        return max(0.0, (self.ended_at - self.started_at).total_seconds())

    @property
    def total_reps(self) -> int:
        return sum(s.reps or 0 for s in self.sets)


@dataclass
class Reading:
    sessions: list[LoggedSession] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)


# --- writing -----------------------------------------------------------------------------


def _toml_float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError("a journal time must be a finite number")
    return repr(float(value))


def session_block(session: dict[str, Any]) -> str:
    """One session as TOML: its keys (with ``set_count``), then its sets, each ending in a known key."""
    head = {k: v for k, v in session.items() if k != "sets"}
    sets = session.get("sets", [])
    head["set_count"] = len(sets)
    out = ["[[session]]\n", tomli_w.dumps(head)]
    for entry in sets:
        entry = dict(entry)
        taps = entry.pop("rep_at_s", None)
        out.append("\n[[session.sets]]\n")
        out.append(tomli_w.dumps(entry))
        if taps is not None:  # one line, as people read it: rep_at_s = [1.2, 3.1, 5.0]
            out.append("rep_at_s = [" + ", ".join(_toml_float(t) for t in taps) + "]\n")
    return "".join(out)


def append_session(path: Path, session: dict[str, Any]) -> None:
    """Append one session as a single write, under an exclusive lock, then fsync.

    Raises :class:`JournalError` with a sentence for the user when it cannot be written, and
    :class:`AlreadyInJournal` when a session with the same id is there already (checked under
    the lock, so no two writers can both add it). If a write fails half-way (a full disk), the
    bytes of this append are taken back so the file is exactly as it was before; nothing that
    was there before is ever touched.
    """
    append_sessions(path, [session])


def append_sessions(path: Path, sessions: list[dict[str, Any]], *, skip_present: bool = False) -> list[str]:
    """Append sessions in one write under the lock; returns the ids written.

    With ``skip_present``, sessions whose id is already in the journal are left out (an import);
    without it, one such session refuses the whole append with :class:`AlreadyInJournal`.
    """
    if not sessions:
        return []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        created = not path.exists()
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as exc:
        raise JournalError(f"cannot open the journal {path}: {exc.strerror or exc}") from None
    try:
        if sys.platform != "win32":
            fcntl.flock(fd, fcntl.LOCK_EX)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise JournalError(f"cannot write to the journal {path}: it is not a regular file")
        size = info.st_size
        present = ids_present(fd, size, [str(s["id"]) for s in sessions])
        if present and not skip_present:
            raise AlreadyInJournal(f"the session {sorted(present)[0]} is in the journal {path} already; it was "
                                   "not added again")
        unique: dict[str, dict[str, Any]] = {}
        for session in sessions:
            unique.setdefault(str(session["id"]), session)
        for session_id in present:
            del unique[session_id]
        if not unique:
            return []
        block = "\n".join(session_block(s) for s in unique.values()).encode("utf-8")
        prefix = b""
        if size:
            last = os.pread(fd, 1, size - 1)
            prefix = b"\n" if last == b"\n" else b"\n\n"  # start on a fresh line whatever came before
        data = prefix + block
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        except OSError as exc:
            _take_back(fd, size)
            reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else exc.strerror
            raise JournalError(f"cannot write to the journal {path}: {reason or exc}") from None
    finally:
        os.close(fd)  # closing releases the lock
    if created:
        fsync_dir(path.parent)
    return list(unique)


_ID_LINE = rb"^[ \t]*id[ \t]*=[ \t]*([\"'])%s\1[ \t]*(?:#[^\n]*)?\r?$"


def ids_present(fd: int, size: int, ids: list[str]) -> set[str]:
    """Which of ``ids`` are already the ``id`` of a session in the journal open at ``fd``.

    A byte search through a memory map (a random id occurs nowhere else), each hit confirmed
    as an ``id = "..."`` line: fast on a journal of any size, and it needs no parse.
    """
    if size == 0 or not ids:
        return set()
    import mmap

    found: set[str] = set()
    with mmap.mmap(fd, size, access=mmap.ACCESS_READ) as data:
        for session_id in set(ids):
            needle = session_id.encode("utf-8")
            if not needle:
                continue
            line = re.compile(_ID_LINE % re.escape(needle), re.M)
            at = data.find(needle)
            while at != -1:
                start = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at)
                if line.match(data[start : end if end != -1 else size]):
                    found.add(session_id)
                    break
                at = data.find(needle, at + 1)
    return found


def _take_back(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass


# --- reading -----------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The journal's bytes; a journal that does not exist yet is empty. Only a regular file is
    read: a named pipe or a device is refused at once, never waited on."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        return b""
    except NotAFile as exc:
        raise JournalError(f"cannot read the journal {path}: it is {exc.what}, expected a TOML file") from None
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror or exc}") from None


def header_starts(data: bytes) -> list[int]:
    """Where each ``[[session]]`` line starts: ``SESSION_HEADER.finditer``, several times faster on
    megabytes (a ``^`` pattern is tried at every byte; the header's brackets are found at C speed)."""
    starts: list[int] = []
    for word in _HEADER_WORD.finditer(data):
        line = data.rfind(b"\n", 0, word.start()) + 1
        if (not starts or starts[-1] != line) and SESSION_HEADER.match(data, line):
            starts.append(line)
    return starts


def block_starts(data: bytes) -> list[int]:
    """Where each block starts: 0, then each ``[[session]]`` line (and a header torn part-way)."""
    starts = header_starts(data)
    torn = _torn_header(data)
    if torn is not None:
        starts.append(torn)  # a write torn inside the next header: its own (damaged) block
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def _torn_header(data: bytes) -> int | None:
    """Where the last line starts, when it is the start of a ``[[session]]`` header and no more."""
    last_line = data.rfind(b"\n") + 1
    fragment = data[last_line:].strip()
    return last_line if fragment and b"[[session]]".startswith(fragment) and fragment != b"[[session]]" else None


def block_end(data: bytes, offset: int) -> int:
    """Where the block that starts at ``offset`` ends, as :func:`block_starts` splits the journal
    (``data`` may end early, at the end of the file)."""
    following = SESSION_HEADER.search(data, offset + 1)
    if following is not None:
        return following.start()
    torn = _torn_header(data)
    return torn if torn is not None and torn > offset else len(data)


def blocks(data: bytes, base_offset: int = 0, base_line: int = 1) -> Iterator[tuple[int, int, bytes]]:
    """Split journal bytes at each ``[[session]]`` header: (offset, line, bytes) per block.

    Text before the first header (comments, say) comes out as a block of its own.
    """
    starts = block_starts(data)
    line = base_line
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[start:end]
        yield base_offset + start, line, chunk
        line += chunk.count(b"\n")


def parse_block(chunk: bytes, line: int) -> LoggedSession | Damage | None:
    """One block -> a session, the damage that stopped it, or None for a block with no session."""
    try:
        text = chunk.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = line + chunk[: exc.start].count(b"\n")
        return Damage(bad, "damaged session (bytes that are not UTF-8 text) skipped")
    try:
        data = plain_session(text) or parse_toml(text)  # calftui's own plain form quickly; anything else as TOML
    except tomllib.TOMLDecodeError as exc:
        where = toml_error(exc)
        bad = line + where.line - 1 if where.line is not None else line
        torn = not text.endswith("\n")
        what = "a session cut short (a torn write)" if torn else f"a session that is not valid TOML ({where.message})"
        return Damage(bad, f"{what}, skipped")
    raw = data.get("session")
    if raw is None:
        if data:
            return Damage(line, f"text outside any [[session]] ({', '.join(sorted(data))}) ignored")
        return None
    if not isinstance(raw, list) or len(raw) != 1 or not isinstance(raw[0], dict):
        return Damage(line, "a [[session]] block that is not one session, skipped")
    try:
        return _session(raw[0], line)
    except _Bad as exc:
        return Damage(line, f"session skipped: {exc}")


class _Bad(Exception):
    pass


def _when(value: Any, key: str) -> datetime:
    """Every moment the journal holds, with its offset: one written without one (by hand, say)
    is local time, so moments from any source compare and sort."""
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(value)
    if moment is None:
        raise _Bad(f"{key} is not a date and time")
    try:
        return moment if moment.tzinfo is not None else moment.astimezone()
    except (OverflowError, OSError, ValueError):  # a year the platform's local time cannot place
        return moment.replace(tzinfo=UTC)




def _number(value: Any, key: str, default: float | None = None, *, top: float = LONGEST_S) -> float | None:
    """A finite number from 0 to ``top``; anything else costs only its own session."""
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"{key} is not a number")
    number = float(value)
    if not 0 <= number <= top:  # NaN fails this too
        raise _Bad(f"{key} = {value} is not a number from 0 to {top:g}")
    return number


def _session(raw: dict[str, Any], line: int) -> LoggedSession:
    sets = raw.get("sets", [])
    if not isinstance(sets, list) or not all(isinstance(s, dict) for s in sets):
        raise _Bad("its sets are not [[session.sets]] tables")
    written = raw.get("set_count")
    if written is not None:  # written by calftui: every set must be whole
        if len(sets) != written:
            raise _Bad(f"it was cut short: {len(sets)} of its {written} sets are there (a torn write)")
        for entry in sets:
            counted = COUNTED_KEYS if not entry.get("skipped") else COUNTED_KEYS[1:]  # passed over: no reps
            needed = SET_KEYS + (counted if entry.get("kind") in ("reps", "target") else ())
            missing = [k for k in needed if k not in entry]
            if missing:
                raise _Bad(f"it was cut short: a set lacks {', '.join(missing)} (a torn write)")
    elif not sets:
        raise _Bad("it has no [[session.sets]]")
    if not isinstance(raw.get("workout"), str):
        raise _Bad("workout is missing")
    started = _when(raw.get("started_at"), "started_at")
    ended = _when(raw["ended_at"], "ended_at") if "ended_at" in raw else None
    return LoggedSession(
        id=str(raw.get("id", f"line-{line}")),
        workout=raw["workout"],
        workout_file=str(raw.get("workout_file", "")),
        started_at=started,
        ended_at=ended,
        status=str(raw.get("status", "completed")),
        notes=str(raw.get("notes", "")),
        sets=tuple(_set(entry, i) for i, entry in enumerate(sets, 1)),
        line=line,
    )


def _seconds(values: list[Any]) -> bool:
    """Every item a number of seconds from 0 to the longest session (checked at C speed: a journal
    holds hundreds of thousands of taps)."""
    if not {type(v) for v in values} <= {int, float}:  # bool is not a number here
        return False
    total = sum(values)
    return bool(total == total and min(values) >= 0 and max(values) <= LONGEST_S)  # a NaN anywhere makes the sum NaN


def _set(raw: dict[str, Any], number: int) -> LoggedSet:
    if not isinstance(raw.get("exercise"), str):
        raise _Bad(f"set {number} has no exercise name")
    reps = raw.get("reps")
    if reps is not None and (isinstance(reps, bool) or not isinstance(reps, int) or not 0 <= reps <= MOST_REPS):
        raise _Bad(f"set {number}: reps is not a whole number")
    taps = raw.get("rep_at_s", [])
    if not isinstance(taps, list) or (taps and not _seconds(taps)):
        raise _Bad(f"set {number}: rep_at_s is not a list of seconds")
    target = raw.get("target_reps")
    return LoggedSet(
        exercise=raw["exercise"],
        kind=str(raw.get("kind", "reps")),
        set=int(raw.get("set", number)) if isinstance(raw.get("set", number), int) else number,
        side=str(raw.get("side", "both")),
        reps=reps,
        target_reps=target if isinstance(target, int) and not isinstance(target, bool) else None,
        duration_s=_number(raw.get("duration_s"), "duration_s", 0.0) or 0.0,
        rest_before_s=_number(raw.get("rest_before_s"), "rest_before_s", 0.0) or 0.0,
        failure=bool(raw.get("failure", False)),
        warmup=bool(raw.get("warmup", False)),
        weight=_number(raw.get("weight"), "weight", top=HEAVIEST),
        unit=str(raw["unit"]) if "unit" in raw else None,
        rep_at_s=tuple(map(float, taps)),
        skipped=raw.get("skipped") is True,
        reps_typed=raw.get("reps_typed") is True,
        rpe=_number(raw.get("rpe"), "rpe", top=10),
        note=raw["note"] if isinstance(raw.get("note"), str) else None,
        planned_s=_number(raw.get("planned_s"), "planned_s"),
        rest_planned_s=_number(raw.get("rest_planned_s"), "rest_planned_s"),
        group=raw["group"] if isinstance(raw.get("group"), str) else None,
        round=raw["round"] if isinstance(raw.get("round"), int) and not isinstance(raw.get("round"), bool) else None,
        count=raw["count"] if isinstance(raw.get("count"), str) else None,
    )


def as_logged(session: dict[str, Any]) -> LoggedSession:
    """A session record calftui is about to write, as the journal will read it back."""
    return _session(session, 0)


def read_journal(path: Path) -> Reading:
    """Every readable session in file order, and every damaged block with its line."""
    return parse_bytes(read_bytes(path))


def parse_bytes(data: bytes, base_offset: int = 0, base_line: int = 1) -> Reading:
    reading = Reading()
    with no_cycles_meanwhile():
        for _, line, chunk in blocks(data, base_offset, base_line):
            result = parse_block(chunk, line)
            if isinstance(result, LoggedSession):
                reading.sessions.append(result)
            elif isinstance(result, Damage):
                reading.damage.append(result)
    return reading


@contextlib.contextmanager
def no_cycles_meanwhile() -> Iterator[None]:
    """The cyclic garbage collector paused while many sessions are read at once: they hold no
    cycles, and its passes over them as they pile up cost a tenth of the reading."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# --- scores ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetScore:
    exercise: str
    side: str
    seconds: float
    mini_sets: int
    reps: int
    target: int | None
    short_rests: bool = False

    @property
    def reached(self) -> bool:
        return self.target is not None and self.reps >= self.target

    def score(self) -> Score:
        return Score(self.exercise, self.side, self.seconds, self.mini_sets, self.reached, self.short_rests)


def superset_labels(exercises: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """``A1``, ``A2``… for exercises done in a group, from (name, group) in the order done: each
    member numbered by when it first came in its group."""
    labels: dict[str, str] = {}
    members: dict[str, int] = {}
    for name, group in exercises:
        if group is not None and name not in labels:
            members[group] = members.get(group, 0) + 1
            labels[name] = f"{group}{members[group]}"
    return labels


def target_scores(sets: Sequence[LoggedSet]) -> list[TargetScore]:
    """Per target exercise (and side) of a session, its score."""
    groups: dict[tuple[str, str], list[LoggedSet]] = {}
    for s in sets:
        if s.kind == "target" and not s.skipped:
            groups.setdefault((s.exercise, s.side), []).append(s)
    return [
        TargetScore(
            exercise=name,
            side=side,
            seconds=target_seconds(minis),
            mini_sets=len(minis),
            reps=sum(s.reps or 0 for s in minis),
            target=max((s.target_reps or 0 for s in minis), default=None) or None,
            short_rests=any(m.short_rest for m in minis[1:]),
        )
        for (name, side), minis in groups.items()
    ]

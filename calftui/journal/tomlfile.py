"""The journal file: append-only TOML, one ``[[session]]`` block per session (SPEC §4).

Writing appends whole blocks with a single ``write`` under an advisory lock, then fsyncs; earlier
bytes are never touched. Reading goes block by block, so a torn last write or a hand edit gone
wrong costs only that block, which is reported with its line and skipped.

Every session calftui writes carries ``set_count`` among its own keys (before its sets), and every
set ends with a key it always writes (``rep_at_s`` for reps and target sets, ``warmup`` for timed
ones). So a write cut short is recognised even where the cut leaves valid TOML. A session written
by hand without ``set_count`` is read as it stands; one without an ``id`` gets one made from its
content, so the same session has the same id in any journal.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import sys
import tomllib
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any, NamedTuple

import msgspec
import rtoml
import tomli_w

from calftui.common import NotAFile, fsync_dir, parse_toml, read_regular, toml_error
from calftui.journal.entries import LoggedSession, LoggedSet

if sys.platform != "win32":
    import fcntl

SESSION_HEADER = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*\[\[[ \t]*session[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.M)
"""A ``[[session]]`` line; the first may follow a byte order mark some editors write."""
_HEADER_LIKE = re.compile(
    rb"^(?:\xef\xbb\xbf)?[ \t]*(\[\[?[ \t]*(?i:sessions?)[ \t]*\]\]?)[ \t]*(?:#[^\n]*)?\r?$", re.M)
"""A line meant as a session's header, typed right or otherwise (``[session]``, ``[[sessions]]``,
``[[Session]``): each starts a block, so a mistyped one is said to be no session rather than joined
to the session above and costing it too."""
_HEADER_WORD = re.compile(rb"essions?[ \t]*\]")  # (a literal first: found at C speed; the line is checked whole)
SET_KEYS = ("exercise", "kind", "set", "side", "duration_s", "rest_before_s", "failure", "warmup")
COUNTED_KEYS = ("reps", "rep_at_s")
_CONTENT_IDS = uuid.UUID("5b0e1f7a-3c2d-4e8f-9a61-7d4c2b9e0f13")
"""For the id of a session written without one: the same content gives the same id anywhere."""


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


# --- writing -----------------------------------------------------------------------------


def set_table(s: LoggedSet, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
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
        "skipped": s.skipped or None, "reps_typed": s.reps_typed or None, "reps_edited": s.reps_edited or None,
        "count": s.count if s.count == "tempo" else None, "rpe": s.rpe, "note": s.note or None,
        "group": s.group, "round": s.round,
        "planned_s": None if s.planned_s is None else round(s.planned_s, 3),
        "rest_planned_s": None if s.rest_planned_s is None else round(s.rest_planned_s, 3),
    }
    out.update((key, value) for key, value in optional.items() if value is not None)
    out.update((key, value) for key, value in (extra or {}).items() if key not in LoggedSet.__struct_fields__)
    out["duration_s"] = round(s.duration_s, 3)
    out["rest_before_s"] = round(s.rest_before_s, 3)
    out["failure"] = s.failure
    out["warmup"] = s.warmup
    if s.kind in ("reps", "target"):
        out["rep_at_s"] = [round(t, 3) for t in s.rep_at_s]
    return out


_SESSION_KEYS = ("id", "workout", "workout_file", "started_at", "ended_at", "status", "notes", "set_count", "sets")


def session_block(session: LoggedSession, extra: Mapping[str, Any] | None = None,
                  set_extras: Sequence[Mapping[str, Any]] = ()) -> str:
    """One session as TOML: its keys (with ``set_count``), then its sets, each ending in a key it
    always has. ``extra`` and ``set_extras`` are keys this version does not know, kept from
    another journal so an import loses nothing."""
    head: dict[str, Any] = {"id": session.id, "workout": session.workout, "workout_file": session.workout_file,
                            "started_at": session.started_at}
    if session.ended_at is not None:
        head["ended_at"] = session.ended_at
    head.update(status=session.status, notes=session.notes)
    head.update((k, v) for k, v in (extra or {}).items() if k not in _SESSION_KEYS)
    head["set_count"] = len(session.sets)
    out = ["[[session]]\n", tomli_w.dumps(head)]
    for i, entry in enumerate(session.sets):
        table = set_table(entry, set_extras[i] if i < len(set_extras) else None)
        taps = table.pop("rep_at_s", None)
        out.append("\n[[session.sets]]\n")
        out.append(tomli_w.dumps(table))
        if taps is not None:  # one line, as people read it: rep_at_s = [1.2, 3.1, 5.0]
            out.append("rep_at_s = [" + ", ".join(repr(float(t)) for t in taps) + "]\n")
    return "".join(out)


def append_sessions(path: Path, sessions: Sequence[LoggedSession], *, skip_present: bool = False) -> list[str]:
    """Append sessions in one write under the lock; returns the ids written (see :func:`append_blocks`)."""
    return append_blocks(path, [(s.id, session_block(s)) for s in sessions], skip_present=skip_present)


def append_blocks(path: Path, blocks: Sequence[tuple[str, str]], *, skip_present: bool = False) -> list[str]:
    """Append (id, TOML block) pairs in one write, under an exclusive lock, then fsync; returns the
    ids written.

    Raises :class:`JournalError` with a sentence for the user when it cannot be written, and
    :class:`AlreadyInJournal` when a session with the same id is there already (checked under
    the lock, so no two writers can both add it); with ``skip_present`` such sessions are left
    out instead (an import). If a write fails half-way (a full disk), the bytes of this append
    are taken back so the file is exactly as it was before; nothing there before is touched.
    """
    if not blocks:
        return []
    for session_id, block in blocks:  # what is written must read back: never a session only the writer sees
        try:
            _read_back(block)
        except WouldNotReadBack as exc:
            raise JournalError(f"the session {session_id} was not written to {path}: it would not read back "
                               f"({exc})") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
        present = ids_present(fd, size, [session_id for session_id, _ in blocks])
        if present and not skip_present:
            raise AlreadyInJournal(f"the session {sorted(present)[0]} is in the journal {path} already; it was "
                                   "not added again")
        unique: dict[str, str] = {}
        for session_id, block in blocks:
            if session_id not in present:
                unique.setdefault(session_id, block)
        if not unique:
            return []
        prefix = b""
        if size:
            prefix = b"\n" if os.pread(fd, 1, size - 1) == b"\n" else b"\n\n"  # a fresh line whatever came before
        data = prefix + "\n".join(unique.values()).encode("utf-8")
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        except OSError as exc:
            _take_back(fd, size)
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
            raise JournalError(f"cannot write to the journal {path}: "
                               f"{'the disk is full' if full else exc.strerror or exc}") from None
    finally:
        os.close(fd)  # closing releases the lock
    if created:
        fsync_dir(path.parent)
    return list(unique)


class WouldNotReadBack(ValueError):
    """A session written as it is would not be read back (the message says why)."""


def as_written(session: LoggedSession, set_extras: Sequence[Mapping[str, Any]] = ()) -> LoggedSession:
    """The session as the journal will read it back once appended (every time to the millisecond,
    as it is written); :class:`WouldNotReadBack` when it would not read back at all."""
    return _read_back(session_block(session, set_extras=set_extras))


def _read_back(block: str) -> LoggedSession:
    found = parse_block(block.encode("utf-8"), 1)
    if not isinstance(found, LoggedSession):
        raise WouldNotReadBack(found.message if isinstance(found, Damage) else "it holds no session")
    return found


_ID_LINE = rb"^[ \t]*id[ \t]*=[ \t]*([\"'])%s\1[ \t]*(?:#[^\n]*)?\r?$"


def ids_present(fd: int, size: int, ids: list[str]) -> set[str]:
    """Which of ``ids`` are already the ``id`` of a session in the journal open at ``fd``: a byte
    search through a memory map (a random id occurs nowhere else), each hit confirmed as an
    ``id = "..."`` line. Fast on a journal of any size, and it needs no parse."""
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
    with contextlib.suppress(OSError):
        os.ftruncate(fd, size)
        os.fsync(fd)


# --- splitting into blocks ---------------------------------------------------------------


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


class Block:
    """A stretch of the journal that holds one session (or the damage where one was meant to be)."""

    __slots__ = ("_digest", "end", "journal", "line", "offset")

    def __init__(self, journal: bytes, offset: int, end: int, line: int) -> None:
        self.journal, self.offset, self.end, self.line = journal, offset, end, line
        self._digest: bytes | None = None

    @property
    def data(self) -> bytes:
        return self.journal[self.offset:self.end]

    def digest(self) -> bytes:
        """The hash of its bytes (read in place: a lifetime of journal is not copied to be hashed)."""
        if self._digest is None:
            self._digest = hashlib.sha256(memoryview(self.journal)[self.offset:self.end]).digest()
        return self._digest


def blocks(data: bytes, start: int = 0, line: int = 1, alone: Callable[[Block], bool] | None = None) -> list[Block]:
    """The journal split at each ``[[session]]`` line (text before the first, comments say, is a
    block of its own); from ``start`` (a block's start, on ``line``) when given. A header line
    inside a multi-line string (a note that quotes a journal) is no header: where a block ends inside
    an open ``\"\"\"`` or ``'''`` string and only parses joined with the next, the two are one block.
    (``alone``: whether a block is known to be a session as it stands, so never joined: what a store
    has read before need not be looked at again.)"""
    starts = _header_starts(data, start)
    torn = _torn_header(data)
    if torn is not None and torn >= start:
        starts.append(torn)  # a write torn inside the next header: its own (damaged) block
    if not starts or starts[0] != start:
        starts.insert(0, start)
    found: list[Block] = []
    for begin, end in zip(starts, [*starts[1:], len(data)], strict=True):
        last = found[-1] if found else None
        if last is not None and not (alone and alone(last)) and _joined(last, data[begin:end]):
            last.end = end
            last._digest = None
        elif end > begin:
            found.append(Block(data, begin, end, line))
        line += data.count(b"\n", begin, end)
    return found


def _header_starts(data: bytes, start: int) -> list[int]:
    starts: list[int] = []
    for word in _HEADER_WORD.finditer(data, start):  # the brackets found at C speed, then the line checked whole
        line = data.rfind(b"\n", 0, word.start()) + 1
        if (not starts or starts[-1] != line) and _HEADER_LIKE.match(data, line):
            starts.append(line)
    return starts


def _torn_header(data: bytes) -> int | None:
    """Where the last line starts, when it is the start of a ``[[session]]`` header and no more."""
    last_line = data.rfind(b"\n") + 1
    fragment = data[last_line:].strip()
    return last_line if fragment and b"[[session]]".startswith(fragment) and fragment != b"[[session]]" else None


def _joined(block: Block, following: bytes) -> bool:
    """Whether ``following`` belongs to ``block``: its header line was inside a multi-line string."""
    data = block.data
    if not (data.count(b'"""') % 2 or (b"'" in data and data.count(b"'''") % 2)):
        return False
    return not isinstance(parse_block(block.data, block.line), LoggedSession) and isinstance(
        parse_block(block.data + following, block.line), LoggedSession)


# --- reading a block ---------------------------------------------------------------------


def parse_block(chunk: bytes, line: int, loads: Callable[[str], dict[str, Any]] | None = None
                ) -> LoggedSession | Damage | None:
    """One block -> a session, the damage that stopped it, or None for a block with no session.
    (``loads`` reads its TOML: rtoml, else tomllib, unless another reader is given.)"""
    try:
        text = chunk.decode("utf-8").removeprefix("\ufeff")  # (a byte order mark some editors write)
    except UnicodeDecodeError as exc:
        return Damage(line + chunk[: exc.start].count(b"\n"), "damaged session (bytes that are not UTF-8 text) skipped")
    if not SESSION_HEADER.match(chunk) and (mistyped := _HEADER_LIKE.match(chunk)):
        header = mistyped.group(1).decode()
        return Damage(line, f"{header} is no journal header (a session starts with [[session]]), skipped")
    try:
        data = (loads or _toml)(text)
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
        return _session(raw[0])
    except _Bad as exc:
        return Damage(line + _line_of_set(text, exc.set_index), f"session skipped: {exc}")


def _toml(text: str) -> dict[str, Any]:
    """The block's TOML: rtoml reads it several times faster than tomllib; anything rtoml refuses is
    left to tomllib, which decides what is valid and says where it is not."""
    try:
        return rtoml.loads(text)
    except rtoml.TomlParsingError:
        return parse_toml(text)


class _Bad(Exception):
    def __init__(self, message: str, set_index: int | None = None) -> None:
        super().__init__(message)
        self.set_index = set_index


def _line_of_set(text: str, index: int | None) -> int:
    """How many lines into the block the ``index``-th ``[[session.sets]]`` starts (0: its first line)."""
    if index is None:
        return 0
    headers = [m.start() for m in re.finditer(r"^[ \t]*\[\[[ \t]*session\.sets[ \t]*\]\]", text, re.M)]
    return text.count("\n", 0, headers[index]) if index < len(headers) else 0


def _moment(value: Any) -> Any:
    """A date and time as TOML may give it: a local date is its midnight; text in ISO form is read;
    an offset is the standard library's (whatever TOML reader gave it)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time())
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        offset = value.utcoffset()
        return value if offset is None else value.replace(tzinfo=timezone(offset))
    return value


_SET_PATH = re.compile(r"^\$\.sets\[(\d+)\]\.?")


def _session(raw: dict[str, Any]) -> LoggedSession:
    sets = raw.get("sets", [])
    if not isinstance(sets, list) or not all(isinstance(s, dict) for s in sets):
        raise _Bad("its sets are not [[session.sets]] tables")
    written = raw.get("set_count")
    if written is not None:  # written by calftui: every set must be whole
        if len(sets) != written:
            raise _Bad(f"it was cut short: {len(sets)} of its {written} sets are there (a torn write)")
        for index, entry in enumerate(sets):
            counted = COUNTED_KEYS if not entry.get("skipped") else COUNTED_KEYS[1:]  # passed over: no reps
            needed = SET_KEYS + (counted if entry.get("kind") in ("reps", "target") else ())
            missing = [k for k in needed if k not in entry]
            if missing:
                raise _Bad(f"it was cut short: a set lacks {', '.join(missing)} (a torn write)", index)
    elif not sets:
        raise _Bad("it has no [[session.sets]]")
    fields = {k: v for k, v in raw.items() if k in _SESSION_KEYS}
    for key in ("started_at", "ended_at"):
        if key in fields:
            fields[key] = _moment(fields[key])
    fields["sets"] = [{"set": number, **entry} for number, entry in enumerate(sets, 1)]
    if "id" not in fields:
        fields["id"] = content_id(raw)
    try:
        return msgspec.convert(fields, LoggedSession)
    except msgspec.ValidationError as exc:
        raise _bad(str(exc)) from None


def _bad(message: str) -> _Bad:
    """msgspec's ``Expected `int` >= 0 - at `$.sets[1].reps``` as ``set 2: reps: expected int >= 0``."""
    what, _, where = message.partition(" - at ")
    what = what.replace("`", "")
    what = what[:1].lower() + what[1:]
    path = where.strip("`")
    found = _SET_PATH.match(path)
    if found is not None:
        key = path[found.end():]
        index = int(found[1])
        return _Bad(f"set {index + 1}: {key + ': ' if key else ''}{what}", index)
    key = path.removeprefix("$").removeprefix(".")
    return _Bad(f"{key}: {what}" if key else what)


def content_id(raw: Mapping[str, Any]) -> str:
    """The id of a session written without one, made from what it holds (its keys and values,
    whatever the layout, spacing or comments): the same session has the same id in any journal."""
    canonical = msgspec.json.encode(raw, order="sorted", enc_hook=_text_of)
    return str(uuid.uuid5(_CONTENT_IDS, canonical.decode("utf-8", "surrogatepass")))


def _text_of(value: Any) -> str:
    if isinstance(value, (date, time)):
        return value.isoformat()
    raise NotImplementedError(type(value).__name__)


class Reading(NamedTuple):
    sessions: list[LoggedSession]
    """In file order."""
    damage: list[Damage]


def read_journal(path: Path) -> Reading:
    """Every readable session in file order, and every damaged block with its line: the journal read
    whole, without its store (a test's reference, an import from another journal)."""
    return parse_bytes(read_bytes(path))


def parse_bytes(data: bytes) -> Reading:
    reading = Reading([], [])
    for block in blocks(data):
        result = parse_block(block.data, block.line)
        if isinstance(result, LoggedSession):
            reading.sessions.append(result)
        elif isinstance(result, Damage):
            reading.damage.append(result)
    return reading

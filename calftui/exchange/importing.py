"""``calftui import``: sessions from Strong, Hevy or another calftui journal, appended to this one.

The journal is never rewritten: what is new is appended in one write, under the journal's lock,
oldest first. A session already there (the same id, or for a tracker's CSV the same workout at the
same minute) is left out, so importing a file twice, or both machines' journals into each other,
adds every session once. Every row that cannot be read is named with its line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from calftui.common import RUNAWAY_S, NotAFile, echo, length, parse_toml, read_regular, visible
from calftui.exchange.trackers import Found, NotThatFormat, Progress, read_hevy, read_strong, strong_duration
from calftui.journal import (
    SESSION_HEADER,
    Damage,
    Journal,
    JournalError,
    LoggedSession,
    blocks,
    parse_block,
    session_block,
)

SOURCES = ("strong", "hevy", "calftui")
MAX_IMPORT_BYTES = 2_000_000_000
"""Far beyond any real export; a larger file is not one."""


class ImportRefused(Exception):
    """The file cannot be imported at all; the message names it and says what was expected."""


def detect(raw: bytes) -> str:
    """Which app wrote the file, from its first lines."""
    head = raw[:4096].decode("utf-8", "replace").lstrip("\ufeff").lower()
    first = head.split("\n", 1)[0]
    if "exercise_title" in first:
        return "hevy"
    if "exercise name" in first:
        return "strong"
    if SESSION_HEADER.search(raw[:1_000_000]):
        return "calftui"
    raise NotThatFormat("it is not a Strong or Hevy CSV export nor a calftui journal; name its app with --from")


def read_calftui(raw: bytes, progress: Progress | None = None) -> tuple[Found, dict[str, str]]:
    """Another calftui journal (another machine's): every readable session, and each one's block as
    it is to be appended, with every key it has (those this version does not know too); each damaged
    part named with its line."""
    found = Found()
    written: dict[str, str] = {}
    for block in blocks(raw):
        result = parse_block(block.data, block.line)
        if isinstance(result, Damage):
            found.problems.append((result.line, result.message))
            continue
        if not isinstance(result, LoggedSession):
            continue
        found.rows += 1
        if progress is not None and found.rows % 2000 == 0:
            progress(found.rows)
        table = parse_toml(block.data.decode("utf-8-sig"))["session"][0]
        sets = table.get("sets", [])
        written.setdefault(result.id, session_block(result, table, sets))
        found.sessions.append(result)
    found.sessions.sort(key=lambda s: s.when)
    return found, written


@dataclass
class Incoming:
    """An import worked out, before anything is written."""

    path: Path
    source: str
    found: Found
    new: list[LoggedSession]
    present: int
    """Sessions of the file the journal has already."""
    written: dict[str, str]
    """Per id, the block to append where it is not made from the session alone (another journal's,
    with keys this version does not know)."""


def prepare(journal: Journal, path: Path, source: str | None, unit: str, progress: Progress | None = None) -> Incoming:
    """Read ``path`` and find which of its sessions the journal does not have yet."""
    try:
        raw = read_regular(path, limit=MAX_IMPORT_BYTES)
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file") from None
    except NotAFile as exc:
        raise ImportRefused(f"{path}: it is {exc.what}; expected an exported file") from None
    except OSError as exc:
        raise ImportRefused(f"{path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"{path}: it is larger than {MAX_IMPORT_BYTES // 1_000_000_000} GB; no export is")
    written: dict[str, str] = {}
    try:
        source = source or detect(raw)
        if source == "strong":
            found = read_strong(raw, unit, progress)
        elif source == "hevy":
            found = read_hevy(raw, progress)
        else:
            if not SESSION_HEADER.search(raw):
                raise NotThatFormat("it has no [[session]] tables; expected a calftui journal")
            found, written = read_calftui(raw, progress)
    except NotThatFormat as exc:
        raise ImportRefused(f"{path}: {exc}") from None
    ids, moments = journal.ids(), journal.moments()
    new, present, seen = [], 0, set()
    for session in found.sessions:
        same = (session.workout, int(session.when // 60))
        if session.id in ids or session.id in seen or (source != "calftui" and same in moments):
            present += 1
            continue
        seen.add(session.id)
        new.append(session)
    return Incoming(path, source, found, new, present, written)


def run(journal_path: Path, path: Path, source: str | None, *, dry_run: bool, unit: str,
        unit_given: bool = False) -> int:
    """``calftui import``: read, say what is new, append it (unless ``dry_run``, which writes nothing at
    all); 0 when the file was read (rows it could not read are named, the rest imported), 1 when it
    could not be. ``unit`` is for a Strong file that names none; ``unit_given``: the lifter named it
    (``--unit``), so it is not a guess to warn about."""
    journal = Journal(journal_path, writes=not dry_run)
    progress = _progress_line(path) if sys.stderr.isatty() else None
    try:
        incoming = prepare(journal, path, source, unit, progress)
    finally:
        if progress is not None:
            sys.stderr.write("\r\x1b[K")
    found = incoming.found
    for line, message in found.problems:
        echo(f"calftui: {path}:{line}: {message}", err=True)
    if found.assumed_unit is not None and not unit_given:
        other = "lb" if found.assumed_unit == "kg" else "kg"
        echo(f"calftui: {path} names no unit: its loads were read as {found.assumed_unit} (--unit {other} if they "
             f"are {'pounds' if other == 'lb' else 'kilograms'})", err=True)
    _say_runaways(path, [s for s in found.runaways if s in incoming.new])
    sets = sum(len(s.sets) for s in incoming.new)
    if dry_run:
        for session in incoming.new:
            echo(f"  {session.started_at:%Y-%m-%d %H:%M}  {visible(session.workout)}  "
                 f"({len(session.sets)} sets{', partial' if session.status != 'completed' else ''})")
    if incoming.new and not dry_run:
        try:
            journal.append_many([(s.id, incoming.written.get(s.id) or session_block(s)) for s in incoming.new])
        except JournalError as exc:
            raise ImportRefused(str(exc)) from None
    verb = "Would add" if dry_run else "Added"
    passed = "".join(f"; {count} {what} skipped" for what, count in sorted(incoming.found.passed.items()))
    bad = f"; {len(found.problems)} row(s) could not be read (above)" if found.problems else ""
    echo(f"{verb} {len(incoming.new)} session(s) ({sets} sets) from {visible(str(path))} ({incoming.source}) "
         f"to {visible(str(journal.path))}; {incoming.present} already there{passed}{bad}.")
    return 0


RUNAWAYS_NAMED = 5
"""How many sessions with a timer left running are named; the rest are counted."""


def _say_runaways(path: Path, sessions: list[LoggedSession]) -> None:
    """Once per import: which sessions ran over 12 hours (a workout left running in the app) and
    what was kept of them."""
    if not sessions:
        return

    def seconds(session: LoggedSession) -> float:
        return session.duration_s or 0.0

    named = [f"{s.started_at:%Y-%m-%d %H:%M} {visible(s.workout)} ({strong_duration(seconds(s))})"
             for s in sessions[:RUNAWAYS_NAMED]]
    more = f" and {len(sessions) - RUNAWAYS_NAMED} more" if len(sessions) > RUNAWAYS_NAMED else ""
    echo(f"calftui: {visible(str(path))}: {len(sessions)} session(s) ran over {RUNAWAY_S / 3600:g} hours, a timer "
         f"left running: {', '.join(named)}{more}. Their sets and start are kept, and the length as the file "
         f"gives it, shown in whole hours with a ? (such as {length(seconds(sessions[0]))}) in log and history.",
         err=True)


def _progress_line(path: Path) -> Progress:
    def show(rows: int) -> None:
        sys.stderr.write(f"\rcalftui: reading {visible(path.name)}: {rows:,} rows…")
        sys.stderr.flush()

    return show

"""Work on the whole journal done ahead of time, in another process: its cache of session
summaries (:mod:`calftui.journal_index`) and history's record marks and trends
(:class:`calftui.history.HistoryMarks`).

A whole journal parsed in another process never holds this process's interpreter lock against
the screen. The marks are kept beside the cache (``journal-….marks.json``): line 1 says which
version of the journal they were worked out from (its identity, as the cache's header does) and
in which unit of load, line 2 is the marks (as :meth:`~calftui.history.HistoryMarks.to_json`
gives them). They are trusted only while both still match, so a change to the journal, by
calftui or by hand, is never drawn from old marks.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from calftui import history
from calftui.fsutil import atomic_write, identity, open_regular, read_regular
from calftui.journal_index import Listing, cache_path, header_matches, listing

MARKS_VERSION = 2


def marks_path(journal: Path) -> Path:
    cache = cache_path(journal)
    return cache.with_name(cache.stem + ".marks.json")


def _marks_header(stat: os.stat_result, unit: str) -> dict[str, object]:
    return {"version": MARKS_VERSION, "identity": identity(stat), "unit": unit}


def marks_match(journal: Path, stat: os.stat_result, unit: str) -> bool:
    """Whether history's marks were worked out from the journal as it is now, in ``unit`` (reads line 1 only)."""
    try:
        with open_regular(marks_path(journal)) as handle:
            return bool(json.loads(handle.readline()) == _marks_header(stat, unit))
    except (OSError, ValueError, RecursionError):
        return False


def read_marks(journal: Path, unit: str, most: int | None = None) -> history.HistoryMarks | None:
    """History's marks for the journal as it is now, in ``unit``; None when they must be worked out
    (or when the file is over ``most`` bytes)."""
    try:
        stat = journal.stat()
        path = marks_path(journal)
        if most is not None and path.stat().st_size > most:
            return None
        first, _, rest = read_regular(path).partition(b"\n")
        if json.loads(first) != _marks_header(stat, unit):
            return None
        return history.HistoryMarks.from_json(json.loads(rest))
    except (OSError, ValueError, RecursionError):  # none yet, or spoilt: worked out again
        return None


def work_out_marks(journal: Path, unit: str) -> tuple[Listing, history.HistoryMarks]:
    """Every session's summary, and history's marks from them, which are kept for the next time
    unless the journal changed while it was read."""
    try:
        before = journal.stat()
    except FileNotFoundError:
        return listing(journal), history.history_marks([], unit)
    found = listing(journal)
    marks = history.history_marks(found.summaries, unit)
    with contextlib.suppress(OSError):  # marks that cannot be kept only cost speed
        if identity(journal.stat()) == identity(before):
            head = json.dumps(_marks_header(before, unit)).encode()
            body = json.dumps(marks.to_json(), separators=(",", ":")).encode()
            atomic_write(marks_path(journal), head + b"\n" + body, mode=0o600, durable=False)
    return found, marks


def index_elsewhere(journal: Path, *, wait: bool = True, unit: str | None = None) -> None:
    """Bring the cache up to date in another process, waiting for it unless ``wait`` is False;
    with ``unit``, that process works out history's marks as well. It runs in a session of its
    own, so closing the terminal does not throw its work away. Nothing to do when the cache is
    fresh; whatever goes wrong only costs speed: :func:`listing` still works."""
    with contextlib.suppress(OSError):
        if header_matches(cache_path(journal), journal.stat()):
            return
        _start(journal, unit, wait)


def mark_elsewhere(journal: Path, unit: str) -> None:
    """Work out history's marks in another process, not waiting for it, unless they are fresh:
    history then opens with its marks and trends already drawn."""
    with contextlib.suppress(OSError):
        if not marks_match(journal, journal.stat(), unit):
            _start(journal, unit, wait=False)


def prepare_elsewhere(journal: Path, unit: str) -> None:
    """What the picker asks for after each change to the journal: the cache brought up to date,
    waited for, then history's marks in ``unit``, not waited for. One process does both when
    both are behind: it says when the cache is written and goes on with the marks at low priority
    (one interpreter started, not two)."""
    with contextlib.suppress(OSError):
        if header_matches(cache_path(journal), journal.stat()):
            mark_elsewhere(journal, unit)
        else:
            _start(journal, unit, wait=False, marks_after=True)


BACKGROUND_NICE = 10
"""How much a process nobody waits for lowers its priority: a rest countdown or a tap comes first."""


def _start(journal: Path, unit: str | None, wait: bool, *, marks_after: bool = False) -> None:
    """The indexer process, waited for to its end (``wait``), until it says the cache is written
    (``marks_after``: it goes on with the marks at low priority), or not at all."""
    how = ["--marks-after"] if marks_after else [] if wait else ["--background"]
    args = [sys.executable, "-m", "calftui.indexer", *(["--unit", unit] if unit else []), *how, "--", str(journal)]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        child = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE if marks_after else subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        if marks_after:
            assert child.stdout is not None
            with child.stdout:
                child.stdout.readline()  # the cache is written (or the process is gone)
        if wait:
            child.wait()
        else:
            _reaped(child)


def _reaped(child: subprocess.Popen[bytes]) -> None:
    """Waited for by a thread of its own, so a process nobody waits for leaves no zombie behind."""
    threading.Thread(target=child.wait, name="calftui-indexer-reaper", daemon=True).start()


def main(argv: list[str]) -> int:
    """``python -m calftui.indexer [--unit kg|lb] [--background | --marks-after] -- JOURNAL``: build
    its cache, and with a unit history's marks (what :func:`index_elsewhere`, :func:`mark_elsewhere`
    and :func:`prepare_elsewhere` run). ``--background`` when nobody waits for it, so it yields the
    processor to whoever does; ``--marks-after`` when someone waits for the cache only: a line on
    standard output says it is written, and the marks follow in the background."""
    journal, options = Path(argv[-1]), argv[:-1]
    unit = options[options.index("--unit") + 1] if "--unit" in options else None
    if "--background" in options:
        _yield_the_processor()
    try:
        listing(journal, 0, skim_from=sys.maxsize)  # the cache built, nothing more read from it
        if "--marks-after" in options:
            with contextlib.suppress(OSError, ValueError):  # (nobody listening any more: never mind)
                sys.stdout.write("indexed\n")
                sys.stdout.close()
            _yield_the_processor()
        if unit is not None and not marks_match(journal, journal.stat(), unit):
            work_out_marks(journal, unit)
    except Exception:  # the caller reads the journal itself and reports what is wrong
        return 1
    return 0


def _yield_the_processor() -> None:
    with contextlib.suppress(OSError, AttributeError):  # (no nice on Windows)
        os.nice(BACKGROUND_NICE)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

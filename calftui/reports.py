"""``calftui log``, ``stats`` and ``export``: the journal, read for people and for other trackers."""

from __future__ import annotations

import itertools
import json
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from calftui.checkpoint import Store, Unfinished
from calftui.durations import length, mmss
from calftui.fsutil import atomic_write, kind_of
from calftui.indexer import index_elsewhere
from calftui.journal import (
    SESSION_HEADER,
    Damage,
    JournalError,
    LoggedSession,
    LoggedSet,
    parse_bytes,
    read_bytes,
    superset_labels,
)
from calftui.journal_index import Listing, Summary, listing
from calftui.scoring import Score
from calftui.textsafe import echo, visible
from calftui.units import convert, to_kg


def report_damage(journal: Path, damage: Iterable[Damage]) -> None:
    for item in damage:
        echo(f"calftui: {item.describe(journal)}", err=True)


def score_text(scores: Iterable[Score], *, names: bool = False) -> str:
    parts = []
    for sc in scores:
        minis = sc.mini_sets
        text = f"{mmss(sc.seconds)} · {minis} mini-set{'s' if minis != 1 else ''}{_unfinished(sc)}"
        if sc.side != "both":
            text = f"{sc.side} {text}"
        parts.append(f"{sc.exercise}: {text}" if names else text)
    return "; ".join(parts)


def _unfinished(score: Score) -> str:
    return f" · {score.shortfall}" if score.shortfall else ""


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def unfinished() -> list[Unfinished]:
    """Sessions in progress with something done: in another window now, or left by a calftui that is gone."""
    found, problems = Store().unfinished()
    for problem in problems:
        echo(f"calftui: {problem}", err=True)
    return found


def log(journal: Path, last: int) -> int:
    from rich import box
    from rich.console import Console, JustifyMethod
    from rich.table import Table
    from rich.text import Text

    found = journal_listing(journal, last)
    report_damage(journal, found.damage)
    if not found.complete:  # a large journal changed since it was indexed: its newest were read on their own
        index_elsewhere(journal, wait=False)
        echo(f"calftui: only the newest sessions of {journal} were read; the rest is being indexed in the "
             "background (the next command lists any damage there)", err=True)
    title = Text(visible(f"{journal}  ({found.count} session{'s' if found.count != 1 else ''})"))
    table = Table(title=title, title_justify="left", expand=True, box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    # Every column stays at 80 columns: the date and numbers never wrap, names and scores do.
    columns: tuple[tuple[str, JustifyMethod, int | None, int], ...] = (
        ("Date", "left", None, 16), ("Workout", "left", 1, 10), ("Status", "left", None, 9),
        ("Time", "right", None, 6), ("Reps", "right", None, 4), ("Score", "left", 1, 12))
    for column, justify, share, least in columns:
        table.add_column(column, justify=justify, no_wrap=share is None, min_width=least, ratio=share)
    pending = unfinished()
    for item in pending:
        checkpoint = item.checkpoint
        what = "running in another calftui" if item.live else "open calftui to resume or save it"
        table.add_row(when(checkpoint.started), Text(visible(checkpoint.workout_name)),
                      Text("in progress" if item.live else "unfinished", style="bold yellow"), "",
                      str(checkpoint.counted_reps), f"{checkpoint.sets_done} set(s) so far; {what}")
    for summary in reversed(found.summaries):
        status = Text(visible(summary.status), style="" if summary.status == "completed" else "yellow")
        table.add_row(when(summary.started_at), Text(visible(summary.workout)), status, length(summary.duration_s),
                      str(summary.total_reps), Text(visible(score_text(summary.scores))))
    console = Console()
    if found.count == 0 and not pending:
        console.print(Text(visible(f"No sessions in {journal} yet.")))
    else:
        console.print(table)
    return 0


def journal_listing(journal: Path, last: int | None = None) -> Listing:
    """The journal's listing, or :class:`JournalError` when the file is not a journal at all (text
    with no ``[[session]]`` in it: a README given as ``--journal``, say). A damaged journal is one."""
    found = listing(journal, last)
    _refuse_what_is_no_journal(journal, found.count, found.damage)
    return found


def _refuse_what_is_no_journal(journal: Path, sessions: int, damage: list[Damage]) -> None:
    if sessions or not damage:
        return
    try:
        data = read_bytes(journal)
    except JournalError:
        return
    if not SESSION_HEADER.search(data):
        first = damage[0]
        raise JournalError(f"{journal} is not a calftui journal ({first.message.split(';')[0]} at line "
                           f"{first.line}); expected [[session]] tables")


def _matches(summary: Summary, query: str | None) -> bool:
    if not query:
        return True
    folded = query.casefold()
    names = (summary.workout, Path(summary.workout_file).stem, summary.workout_file)
    return folded in (name.casefold() for name in names)


def stats(journal: Path, query: str | None, now: datetime | None = None, workouts: tuple[str, ...] = (),
          unit: str = "kg", step: float | None = None) -> int:
    """Per workout: sessions, rhythm, every exercise's last and best (each side against the other),
    records and what to do next time, every load in ``unit``."""
    from calftui import history
    from calftui.catalog import workout_named
    from calftui.journal_index import recent_sessions

    found = journal_listing(journal)
    report_damage(journal, found.damage)
    chosen = [s for s in found.summaries if _matches(s, query)]
    if not chosen:
        echo(f"No sessions{' of ' + repr(query) if query else ''} in {journal} yet.")
        return 0
    now = now or datetime.now().astimezone()
    groups: dict[str, list[Summary]] = {}
    for summary in chosen:
        groups.setdefault(summary.workout, []).append(summary)
    blocks = []
    for name, sessions in groups.items():
        lines = [workout_stats(name, sessions, now, unit)]
        standing = history.records(sessions)
        if standing:
            by_exercise: dict[str, list[str]] = {}
            for r in standing.values():
                by_exercise.setdefault(r.exercise, []).append(r.text(unit))
            lines.append("Records: " + "; ".join(f"{name}: {', '.join(texts)}" for name, texts in by_exercise.items()))
        lines.append(f"Last 8 weeks: {history.strip_text(history.week_strip(sessions, now.date()))}"
                     "  (· none  ▂ 1 day  ▅ 2-3 days  █ 4+)")
        workout = workout_named(name, workouts)
        for suggestion in history.suggest(recent_sessions(journal, name, found=found), workout, step, unit):
            lines.append(suggestion.text)
        blocks.append("\n".join(lines))
    notice = history.rest_notice(found.summaries, now.date())
    if notice:
        blocks.append(notice)
    echo("\n\n".join(blocks))
    return 0


def workout_stats(name: str, sessions: list[Summary], now: datetime, unit: str = "kg") -> str:
    """``sessions`` in time order (as :func:`journal_listing` gives them)."""
    done = [s for s in sessions if s.status == "completed"]
    lines = [name, "=" * len(name)]
    last = sessions[-1]
    lines.append(f"Sessions: {len(sessions)} ({len(done)} completed, {len(sessions) - len(done)} partial); "
                 f"last on {when(last.started_at)}")
    week = [s for s in sessions if now - s.started_at <= timedelta(days=7)]
    days = len({s.started_at.astimezone(now.tzinfo).date() for s in week})
    verdict = "on track" if 2 <= days <= 3 else ("below" if days < 2 else "above") + " the 2-3 a week rhythm"
    lines.append(f"Last 7 days: {days} training day{'s' if days != 1 else ''} against 2-3 a week ({verdict})")
    from calftui.history import exercise_kinds

    labels = superset_labels((b.name, b.group) for s in sessions[-1:] for b in s.bests)
    for exercise, kind in exercise_kinds(sessions).items():
        if kind == "target":
            scored = [(s, sc) for s in sessions for sc in s.scores if sc.exercise == exercise]
            if not scored:
                continue
            _last_s, last_sc = scored[-1]
            side = "" if last_sc.side == "both" else f" ({last_sc.side})"
            line = (f"  {exercise}: last {mmss(last_sc.seconds)}{side} "
                    f"({last_sc.mini_sets} mini-sets{_unfinished(last_sc)})")
            finished = [(s, sc) for s, sc in scored if sc.finished]
            if finished:
                best_s, best_sc = min(finished, key=lambda p: p[1].seconds)
                line += (f", best {mmss(best_sc.seconds)} ({best_sc.mini_sets} mini-sets) "
                         f"on {best_s.started_at:%Y-%m-%d}")
            lines.append(line)
            continue
        bests = [b for s in sessions for b in s.bests if b.name == exercise and b.working_sets]
        if not bests:
            lines.append(f"  {exercise}: warm-up only")
            continue
        if kind == "timed":
            parts = [f"longest hold {max(b.hold or 0 for b in bests):.0f} s"]
        else:
            parts = [f"best {max(b.reps or 0 for b in bests)} reps"]
            loads = [(b.weight, b.unit) for b in bests if b.weight is not None]
            if loads:
                weight, written = max(loads, key=lambda w: to_kg(w[0], w[1]))
                parts.append(f"heaviest {round(convert(weight, written, unit), 1):g} {unit}")
        sided = next((b.balance for b in reversed(bests) if b.balance is not None), None)
        if sided is not None:
            parts.append(f"sides last time {sided.text()}")
        name = f"{labels[exercise]} {exercise}" if exercise in labels else exercise
        lines.append(f"  {name}: {', '.join(parts)}")
    return "\n".join(lines)


def export(journal: Path, fmt: str, unit: str = "kg") -> str:
    """The journal as Strong's CSV (one row per set, loads in ``unit``; what other trackers import)
    or JSON (everything), sessions in time order."""
    from calftui.trackers import STRONG_HEADER

    parts = _read_in_parts(read_bytes(journal), fmt, unit)
    damage = [item for part in parts for item in part.damage]
    times = [time for part in parts for time in part.times]
    texts = [text for part in parts for text in part.texts]
    _refuse_what_is_no_journal(journal, len(texts), damage)
    report_damage(journal, damage)
    in_time = [texts[i] for i in sorted(range(len(times)), key=times.__getitem__)]  # (stable: a tie keeps file order)
    if fmt == "csv":
        return STRONG_HEADER + "".join(in_time)
    lines = ",\n".join(in_time)
    sessions = f"[\n{lines}\n  ]" if lines else "[]"
    return f'{{\n  "journal": {json.dumps(str(journal))},\n  "sessions": {sessions}\n}}\n'


class _Part(NamedTuple):
    """One part of the journal exported: each session's start and text, in file order, and the damage."""

    times: list[float]
    texts: list[str]
    damage: list[Damage]


PART_FROM = 4 << 20
"""A journal this large (about eight years of sessions) is exported in parts, one process per core:
parsing a hundred thousand sessions takes seconds, and the parts do not depend on each other."""

_SHARED = b""
"""The journal's bytes while it is exported: what the forked processes read their parts from."""


def _read_in_parts(data: bytes, fmt: str, unit: str) -> list[_Part]:
    global _SHARED
    cores = min(os.cpu_count() or 1, 4) if sys.platform.startswith("linux") and len(data) >= PART_FROM else 1
    cuts = [0]
    for k in range(1, cores):  # each part begins at a block, so each is read as the whole journal would be
        header = SESSION_HEADER.search(data, max(cuts[-1] + 1, len(data) * k // cores))
        if header is not None:
            cuts.append(header.start())
    lines = [1]
    for before, start in itertools.pairwise(cuts):
        lines.append(lines[-1] + data.count(b"\n", before, start))
    jobs = [(start, end, line, fmt, unit) for start, end, line in zip(cuts, [*cuts[1:], len(data)], lines, strict=True)]
    _SHARED = data
    try:
        if len(jobs) == 1:
            return [_export_part(*jobs[0])]
        import multiprocessing

        try:
            with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:  # (fork: they inherit the bytes)
                return pool.starmap(_export_part, jobs)
        except OSError:  # no processes to be had (a limit on them, say): one after the other, here
            return [_export_part(*job) for job in jobs]
    finally:
        _SHARED = b""


def _export_part(start: int, end: int, line: int, fmt: str, unit: str) -> _Part:
    from calftui.trackers import strong_rows

    reading = parse_bytes(_SHARED[start:end], start, line)
    if fmt == "csv":
        texts = [strong_rows(session, unit) for session in reading.sessions]
    else:  # one session a line: readable, and written by the JSON encoder's C half (indenting is pure Python)
        encode = json.JSONEncoder(allow_nan=False, default=_moment).encode
        texts = [f"    {encode(_fields(session))}" for session in reading.sessions]
    return _Part([session.started_at.timestamp() for session in reading.sessions], texts, reading.damage)


def _moment(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


_SESSION_FIELDS = tuple(f.name for f in fields(LoggedSession))
_SET_FIELDS = tuple(f.name for f in fields(LoggedSet))


def _fields(session: LoggedSession) -> dict[str, Any]:
    """Every field of a session and of each of its sets (what ``asdict`` gives, without its deep copies)."""
    found = {name: getattr(session, name) for name in _SESSION_FIELDS}
    found["sets"] = [{name: getattr(s, name) for name in _SET_FIELDS} for s in session.sets]
    return found


class ExportRefused(Exception):
    """``--out`` names something an export must not write to; the message says what and why."""


def write_out(text: str, out: str | None, journal: Path | None, *, force: bool = False) -> None:
    """The export to standard output, or to ``out``: a new file, or with ``force`` an existing
    regular file. Never the journal, never through a link, never over a folder or a device; the
    file appears whole or not at all, and no temporary file is left behind."""
    if out is None or out == "-":
        sys.stdout.write(visible(text, one_line=False) if sys.stdout.isatty() else text)
        return
    target = Path(out).expanduser()
    if target.is_symlink():
        raise ExportRefused(f"--out {out} is a symbolic link; give the file itself")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise ExportRefused(f"--out {out} is {kind_of(info.st_mode)}; give a file to write")
        if journal is not None and journal.exists() and os.path.samefile(target, journal):
            raise ExportRefused(f"--out {out} is the journal itself; choose another file")
        if not force:
            raise ExportRefused(f"--out {out} exists; add --force to replace it")
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise ExportRefused(f"cannot write {target}: {exc.strerror or exc}") from None
    echo(f"wrote {target}", err=True)

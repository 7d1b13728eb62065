"""``calftui log``, ``stats`` and ``export``: the journal, read for people and for other trackers.

Every time shown is the clock where the session was done, as the journal has it (a start written
without an offset is local time): ``log``, ``stats``, the exports and the screens agree.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from calftui.common import atomic_write, echo, kind_of, length, mmss, visible
from calftui.journal import (
    SESSION_HEADER,
    ExerciseStats,
    Journal,
    JournalError,
    LoggedSession,
    Score,
    WorkoutStats,
    point,
    read_bytes,
    superset_labels,
)
from calftui.live import Store, Unfinished


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


def took(seconds: float | None) -> str:
    """How long a session took, ``?`` when its end was never written."""
    return "?" if seconds is None else length(seconds)


def unfinished() -> list[Unfinished]:
    """Sessions in progress with something done: in another window now, or left by a calftui that is gone."""
    found, problems = Store().unfinished()
    for problem in problems:
        echo(f"calftui: {problem}", err=True)
    return found


def read(journal: Journal) -> None:
    """Bring the journal's store up to date, with a progress line on a terminal when that takes a
    while; then say once what is wrong in the journal. :class:`JournalError` for a file that is not
    a journal at all (text with no ``[[session]]`` in it: a README given as ``--journal``, say)."""
    progress = _progress_line() if sys.stderr.isatty() and not journal.fresh() else None
    try:
        journal.refresh(progress)
    finally:
        if progress is not None:
            sys.stderr.write("\r\x1b[K")
    if journal.notice:
        echo(f"calftui: {journal.notice}", err=True)
    problems = journal.problems()
    if problems.damage and not journal.count():
        with_headers = SESSION_HEADER.search(read_bytes(journal.path))
        if not with_headers:
            first = problems.damage[0]
            raise JournalError(f"{journal.path} is not a calftui journal ({first.message.split(';')[0]} at line "
                               f"{first.line}); expected [[session]] tables")
    for line in problems.lines(journal.path):
        echo(f"calftui: {line}", err=True)


def _progress_line() -> Any:
    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\rcalftui: reading the journal into its cache: {done:,} of {total:,} sessions…")
        sys.stderr.flush()

    return show


def log(journal: Journal, last: int) -> int:
    from rich import box
    from rich.console import Console, JustifyMethod
    from rich.table import Table
    from rich.text import Text

    read(journal)
    rows, count = journal.newest(last), journal.count()
    title = Text(visible(f"{journal.path}  ({count} session{'s' if count != 1 else ''})"))
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
    for row in rows:
        status = Text(visible(row.status), style="" if row.status == "completed" else "yellow")
        table.add_row(when(row.started_at), Text(visible(row.workout)), status, took(row.duration_s),
                      str(row.total_reps), Text(visible(score_text(row.scores))))
    console = Console()
    if count == 0 and not pending:
        console.print(Text(visible(f"No sessions in {journal.path} yet.")))
    else:
        console.print(table)
    return 0


def workout_names(query: str, workouts: tuple[str, ...] = ()) -> list[str]:
    """What sessions of the workout ``query`` names are written under: ``query`` resolved as ``run``
    resolves it (a path, a file stem or a name), and the query itself as a name, a file name or a
    stem (for a workout whose file is gone)."""
    from calftui.workouts import find_workout

    names = [query, f"{query}.toml", Path(query).name]
    entry = find_workout(query, workouts)
    if entry is not None:
        names += [entry.name, entry.path.name]
        if entry.workout is not None:
            names.append(entry.workout.name)
    return names


def stats(journal: Journal, query: str | None, now: datetime | None = None, workouts: tuple[str, ...] = (),
          unit: str = "kg", step: float | None = None) -> int:
    """Per workout: sessions, rhythm, every exercise's last and best (each side against the other),
    records and what to do next time, every load in ``unit``."""
    from calftui.insights import best_text, days_strip, heaviest_first, rest_notice, strip_text, suggest_load
    from calftui.workouts import workout_named

    read(journal)
    chosen = journal.stats(None if not query else workout_names(query, workouts))
    if not chosen:
        echo(f"No sessions{' of ' + repr(query) if query else ''} in {journal.path} yet.")
        return 0
    now = now or datetime.now().astimezone()
    recent = journal.since(point(now - timedelta(days=8 * 7)))
    blocks = []
    for found in chosen:
        lines = [workout_stats(found, [r.started_at for r in recent if r.workout == found.workout], now, unit)]
        standing = heaviest_first(journal.bests(e.name for e in found.exercises))
        if standing:
            by_exercise: dict[str, list[str]] = {}
            for best in standing:
                by_exercise.setdefault(best.exercise, []).append(best_text(best, unit))
            lines.append("Records: " + "; ".join(f"{name}: {', '.join(texts)}" for name, texts in by_exercise.items()))
        days = {r.started_at.date() for r in recent if r.workout == found.workout}
        lines.append(f"Last 8 weeks: {strip_text(days_strip(days, now.date()))}"
                     "  (· none  ▂ 1 day  ▅ 2-3 days  █ 4+)")
        workout = workout_named(found.workout, workouts)
        for suggestion in suggest_load(journal.recent(found.workout), workout, step, unit):
            lines.append(suggestion.text)
        blocks.append("\n".join(lines))
    notice = rest_notice({r.started_at.date() for r in recent}, now.date())
    if notice:
        blocks.append(notice)
    echo("\n\n".join(blocks))
    return 0


def workout_stats(found: WorkoutStats, recent: list[datetime], now: datetime, unit: str = "kg") -> str:
    """``recent``: when the workout's sessions of the last weeks started."""
    name = found.workout
    lines = [name, "=" * cell_len(visible(name))]
    lines.append(f"Sessions: {found.sessions} ({found.completed} completed, {found.sessions - found.completed} "
                 f"partial); last on {when(found.last_started)}")
    days = len({started.astimezone(now.tzinfo).date() for started in recent
                if timedelta(0) <= now - started <= timedelta(days=7)})
    verdict = "on track" if 2 <= days <= 3 else ("below" if days < 2 else "above") + " the 2-3 a week rhythm"
    lines.append(f"Last 7 days: {days} training day{'s' if days != 1 else ''} against 2-3 a week ({verdict})")
    labels = superset_labels((e.name, e.group) for e in found.exercises)
    for exercise in found.exercises:
        label = f"{labels[exercise.name]} {exercise.name}" if exercise.name in labels else exercise.name
        lines.append(f"  {label}: {_exercise_line(exercise, unit)}")
    return "\n".join(lines)


def _exercise_line(exercise: ExerciseStats, unit: str) -> str:
    from calftui.insights import at_load

    if exercise.kind == "target" and exercise.last_score is not None:
        _, last = exercise.last_score
        side = "" if last.side == "both" else f" ({last.side})"
        at = "" if last.load is None else f" @ {last.load.text(unit)}"
        line = f"last {mmss(last.seconds)}{side}{at} ({last.mini_sets} mini-sets{_unfinished(last)})"
        for started, best in exercise.best_scores:
            line += (f", best {mmss(best.seconds)} {at_load(best.load, unit)} ({best.mini_sets} mini-sets) "
                     f"on {started:%Y-%m-%d}")
        return line
    if not exercise.working_sets:
        return "warm-up only"
    if exercise.kind == "timed":
        parts = [f"longest hold {exercise.hold_s or 0:.0f} s"]
    else:
        parts = [f"best {exercise.best_reps or 0} reps"]
        if exercise.top is not None:
            parts.append(f"heaviest {exercise.top.text(unit)}")
    if exercise.balance is not None:
        parts.append(f"sides last time {exercise.balance.text()}")
    return ", ".join(parts)


# --- exports -------------------------------------------------------------------------------


def export(journal: Journal, fmt: str, unit: str = "kg") -> str:
    """The journal as Strong's CSV (one row per set, loads in ``unit``; what other trackers import)
    or JSON (everything), sessions in the order they happened."""
    from calftui.exchange.trackers import STRONG_HEADER, strong_rows

    read(journal)
    sessions = journal.every_session()
    if fmt == "csv":
        return STRONG_HEADER + "".join(strong_rows(session, unit) for session in sessions)
    encode = json.JSONEncoder(allow_nan=False, default=_moment).encode
    lines = ",\n".join(f"    {encode(fields(session))}" for session in sessions)
    listed = f"[\n{lines}\n  ]" if lines else "[]"
    return f'{{\n  "journal": {json.dumps(str(journal.path))},\n  "sessions": {listed}\n}}\n'


def _moment(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def fields(session: LoggedSession) -> dict[str, Any]:
    """Every field of a session and of each of its sets, defaults too (a reader need not know them)."""
    found = {name: getattr(session, name) for name in session.__struct_fields__}
    found["sets"] = [{name: getattr(s, name) for name in s.__struct_fields__} for s in session.sets]
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

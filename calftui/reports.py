"""``calftui log``, ``stats`` and ``export``: the journal, read for people and for other trackers."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from calftui.checkpoint import Store, Unfinished
from calftui.durations import length, mmss
from calftui.fsutil import atomic_write, kind_of
from calftui.journal import Damage, LoggedSession, read_journal
from calftui.journal_index import Summary, listing
from calftui.scoring import Score
from calftui.textsafe import echo, visible

CSV_COLUMNS = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
               "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]


def report_damage(journal: Path, damage: Iterable[Damage]) -> None:
    for item in damage:
        echo(f"calftui: {item.describe(journal)}", err=True)


def score_text(scores: Iterable[Score], *, names: bool = False) -> str:
    parts = []
    for sc in scores:
        minis = sc.mini_sets
        text = f"{mmss(sc.seconds)} ({minis} mini-set{'s' if minis != 1 else ''}{'' if sc.reached else ', unfinished'})"
        if sc.side != "both":
            text = f"{sc.side} {text}"
        parts.append(f"{sc.exercise}: {text}" if names else text)
    return "; ".join(parts)


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def unfinished() -> list[Unfinished]:
    """Sessions in progress with something done: in another window now, or left by a calftui that is gone."""
    found, problems = Store().unfinished()
    for problem in problems:
        echo(f"calftui: {problem}", err=True)
    return found


def log(journal: Path, last: int) -> int:
    from rich.console import Console, JustifyMethod
    from rich.table import Table
    from rich.text import Text

    found = listing(journal, last)
    report_damage(journal, found.damage)
    title = Text(visible(f"{journal}  ({found.count} session{'s' if found.count != 1 else ''})"))
    table = Table(title=title, title_justify="left")
    columns: tuple[tuple[str, JustifyMethod], ...] = (("Date", "left"), ("Workout", "left"), ("Status", "left"),
                                                     ("Duration", "right"), ("Reps", "right"), ("Score", "left"))
    for column, justify in columns:
        table.add_column(column, justify=justify, no_wrap=column != "Score")
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


def _matches(summary: Summary, query: str | None) -> bool:
    if not query:
        return True
    folded = query.casefold()
    names = (summary.workout, Path(summary.workout_file).stem, summary.workout_file)
    return folded in (name.casefold() for name in names)


def stats(journal: Path, query: str | None, now: datetime | None = None, workouts: tuple[str, ...] = (),
          step: float | None = None) -> int:
    from calftui import history
    from calftui.catalog import workout_named
    from calftui.journal_index import recent_sessions

    found = listing(journal)
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
        lines = [workout_stats(name, sessions, now)]
        standing = history.records(sessions)
        if standing:
            lines.append("Records: " + "; ".join(f"{r.exercise}: {r.text()}" for r in standing.values()))
        lines.append(f"Last 8 weeks: {history.strip_text(history.week_strip(sessions, now.date()))}"
                     "  (· none  ▂ 1 day  ▅ 2-3 days  █ 4+)")
        workout = workout_named(name, workouts)
        for suggestion in history.suggest(recent_sessions(journal, name, found=found), workout, step):
            lines.append(suggestion.text)
        blocks.append("\n".join(lines))
    notice = history.rest_notice(found.summaries, now.date())
    if notice:
        blocks.append(notice)
    echo("\n\n".join(blocks))
    return 0


def _aware(moment: datetime, now: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)


def workout_stats(name: str, sessions: list[Summary], now: datetime) -> str:
    done = [s for s in sessions if s.status == "completed"]
    lines = [name, "=" * len(name)]
    last = max(sessions, key=lambda s: _aware(s.started_at, now))
    lines.append(f"Sessions: {len(sessions)} ({len(done)} completed, {len(sessions) - len(done)} partial); "
                 f"last on {when(last.started_at)}")
    week = [s for s in sessions if now - _aware(s.started_at, now) <= timedelta(days=7)]
    days = len({_aware(s.started_at, now).date() for s in week})
    verdict = "on track" if 2 <= days <= 3 else ("below" if days < 2 else "above") + " the 2-3 a week rhythm"
    lines.append(f"Last 7 days: {days} training day{'s' if days != 1 else ''} against 2-3 a week ({verdict})")
    from calftui.history import exercise_kinds

    for exercise, kind in exercise_kinds(sessions).items():
        if kind == "target":
            scored = [(s, sc) for s in sessions for sc in s.scores if sc.exercise == exercise]
            if not scored:
                continue
            _last_s, last_sc = max(scored, key=lambda p: _aware(p[0].started_at, now))
            line = (f"  {exercise}: last {mmss(last_sc.seconds)} "
                    f"({last_sc.mini_sets} mini-sets{'' if last_sc.reached else ', unfinished'})")
            finished = [(s, sc) for s, sc in scored if sc.reached]
            if finished:
                best_s, best_sc = min(finished, key=lambda p: p[1].seconds)
                line += (f", best {mmss(best_sc.seconds)} ({best_sc.mini_sets} mini-sets) "
                         f"on {best_s.started_at:%Y-%m-%d}")
            lines.append(line)
            continue
        bests = [b for s in sessions for b in s.bests if b.name == exercise and b.working_sets]
        if not bests:
            lines.append(f"  {exercise}: warm-up only")
        elif kind == "timed":
            lines.append(f"  {exercise}: longest hold {max(b.hold or 0 for b in bests):.0f} s")
        else:
            parts = [f"best {max(b.reps or 0 for b in bests)} reps"]
            loads = [b for b in bests if b.weight is not None]
            if loads:
                heavy = max(loads, key=lambda b: b.weight or 0)
                parts.append(f"heaviest {heavy.weight:g} {heavy.unit or ''}".rstrip())
            lines.append(f"  {exercise}: {', '.join(parts)}")
    return "\n".join(lines)


def _csv_rows(sessions: list[LoggedSession]) -> Iterable[list[Any]]:
    for session in sessions:
        for s in session.sets:
            order: Any = "W" if s.warmup else "F" if s.failure else s.set
            yield [
                session.started_at.strftime("%Y-%m-%d %H:%M:%S"),
                spreadsheet_safe(session.workout),
                length(session.duration_s),
                spreadsheet_safe(s.exercise),
                order,
                "" if s.weight is None else f"{s.weight:g}",
                "" if s.reps is None else s.reps,
                0,
                round(s.duration_s) if s.kind == "timed" else 0,
                "" if s.side == "both" else spreadsheet_safe(s.side),
                spreadsheet_safe(session.notes),
                "",
            ]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet will not run: one that would start a formula gets a leading
    apostrophe (as OWASP recommends for CSV). Numbers are written as numbers, never through this."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _json_ready(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    return value


def export(journal: Path, fmt: str) -> str:
    """The journal as CSV (one row per set, the columns other trackers import) or JSON (everything)."""
    reading = read_journal(journal)
    report_damage(journal, reading.damage)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_rows(reading.sessions))
        text = buffer.getvalue()
    else:
        sessions = [{**_json_ready(asdict(s)), "sets": [_json_ready(asdict(x)) for x in s.sets]}
                    for s in reading.sessions]
        text = json.dumps({"journal": str(journal), "sessions": sessions}, indent=2, allow_nan=False) + "\n"
    return text


class ExportRefused(Exception):
    """``--out`` names something an export must not write to; the message says what and why."""


def write_out(text: str, out: str | None, journal: Path, *, force: bool = False) -> None:
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
        if journal.exists() and os.path.samefile(target, journal):
            raise ExportRefused(f"--out {out} is the journal itself; choose another file")
        if not force:
            raise ExportRefused(f"--out {out} exists; add --force to replace it")
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise ExportRefused(f"cannot write {target}: {exc.strerror or exc}") from None
    echo(f"wrote {target}", err=True)

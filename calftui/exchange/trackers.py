"""Other trackers' CSV files: Strong's export written as Strong writes it, and Strong's and Hevy's
exports read back as journal sessions.

What these formats look like was worked out from real exports and from the fixtures and parsers
of importers written by others (cited in ``tests/unit/test_trackers.py``):

- **Strong, today** (comma separated): ``Date,Workout Name,Duration,Exercise Name,Set Order,
  Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE`` (some exports leave out the two Notes
  columns); dates in 24-hour time with no zone (``2025-06-06 20:16:00``); durations in whole
  minutes, ``49m``, ``1h 5m``, ``1h``, and ``409h 31m`` for a workout whose timer was left running;
  Set Order a number, ``W`` (warm-up), ``F`` (failure), ``D`` (drop set); empty numbers as ``0``,
  newer exports write counts as ``10.0``; loads in the app's unit, which the file does not name.
  (A 12-hour form, ``2025-01-30 5:30:00\u202fpm``, is still read; no real export found writes it.)
- **Strong, earlier** (semicolons): ``Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;
  Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration`` with 24-hour
  dates; and ``Workout #;Date;…;Duration (sec);…;Weight (kg);…`` with the unit in the header.
  ``Rest Timer`` rows hold a rest, not a set.
- **Hevy**: ``title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,
  set_index,set_type,weight_kg|weight_lbs,reps,distance_km|distance_miles,duration_seconds,rpe``
  with dates such as ``30 Jan 2025, 12:34``; ``set_type`` normal, warmup, failure or dropset.

Nothing here touches the journal: reading gives session records (``calftui.journal``'s format)
and the problems found, row by row; :mod:`calftui.exchange.importing` appends them.
"""

from __future__ import annotations

import csv
import io
import math
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from calftui.common import HEAVIEST, LONGEST_S, MOST_REPS, convert, runaway
from calftui.journal import LoggedSession, LoggedSet

NNBSP = "\u202f"
"""The narrow no-break space Strong (like iOS) writes before am/pm."""
STRONG_COLUMNS = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance",
                  "Seconds", "Notes", "Workout Notes", "RPE"]
STRONG_HEADER = ",".join(STRONG_COLUMNS) + "\n"
"""The first line of Strong's CSV export."""
PARTIAL = "partial session"
"""How Workout Notes mark a session that ended before its last set (Strong has no status)."""
IMPORTED_FROM = {"strong": "strong.csv", "hevy": "hevy.csv"}
"""The ``workout_file`` an imported session gets: where it came from."""
_NAMESPACE = uuid.UUID("6f1d3c9e-2a4b-4c59-9a77-0c1f6b2e8d40")
"""For an imported session's id: the same file imported twice gives the same ids (skipped)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- writing: Strong's CSV -----------------------------------------------------------------


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet will not run: one that would start a formula gets a leading
    apostrophe (as OWASP recommends for CSV). Numbers are written as numbers, never through this."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def strong_date(moment: datetime) -> str:
    """``2025-06-06 20:16:00``: the date and 24-hour time, with no zone, as Strong writes them."""
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def strong_duration(seconds: float) -> str:
    """``49m``, ``1h 5m``, ``1h``: a workout's length as Strong writes it, in whole minutes, rounded to
    the nearest (half a minute up) and never below ``1m``: every exported session has work in it,
    and an importer reads ``0m`` as a session that ended as it began."""
    minutes = max(1, math.floor(max(0.0, seconds) / 60 + 0.5))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes}m"
    return f"{hours}h {rest}m" if rest else f"{hours}h"


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def set_notes(s: LoggedSet) -> str:
    """What the one Notes cell says about a set: its side, superset and round, a typed count, the note."""
    parts: list[str] = [] if s.side == "both" else [s.side]
    if s.group is not None:
        parts.append(f"superset {s.group}" + (f", round {s.round}" if s.round is not None else ""))
    if s.reps_typed:
        parts.append("count typed")
    if s.reps_edited:
        parts.append("count corrected")
    if s.note:
        parts.append(s.note)
    return "; ".join(parts)


def strong_csv(sessions: Iterable[LoggedSession], unit: str) -> str:
    """Sessions as Strong's CSV export, every load converted to ``unit`` (the file cannot name it).
    Skipped sets are left out: nothing was done, and another tracker would count a 0-rep set."""
    return STRONG_HEADER + "".join(strong_rows(session, unit) for session in sessions)


def strong_rows(session: LoggedSession, unit: str) -> str:
    """One session's rows of :func:`strong_csv`, each ending in a newline."""
    out = []
    start = session.started_at  # the clock where it was done, as every output shows it (the file has no zone)
    notes = session.notes
    if session.status != "completed":
        notes = f"{PARTIAL}; {notes}" if notes else PARTIAL
    for s in session.sets:
        if s.skipped:
            continue
        order = "W" if s.warmup else "F" if s.failure else str(s.set)
        weight = "0" if s.weight is None else _number(convert(s.weight, s.unit, unit))
        timed = s.kind == "timed"
        row = [strong_date(start), _quoted(session.workout), strong_duration(session.duration_s or 0.0),
               _quoted(s.exercise), order, weight, "0" if timed or s.reps is None else str(s.reps), "0",
               str(round(s.duration_s)) if timed else "0", _quoted(set_notes(s)), _quoted(notes),
               "" if s.rpe is None else f"{s.rpe:g}"]
        out.append(",".join(row) + "\n")
    return "".join(out)


def _quoted(text: str) -> str:
    """A text cell as Strong writes one: always in quotes, quotes doubled, never a formula."""
    return '"' + spreadsheet_safe(text).replace('"', '""') + '"'


# --- reading -------------------------------------------------------------------------------


@dataclass
class Found:
    """What reading another tracker's file gave: sessions (journal records, oldest first), the rows
    that could not be read (each with its line), and what was passed over on purpose."""

    sessions: list[LoggedSession] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(line, what is wrong) for each row left out."""
    passed: Counter[str] = field(default_factory=Counter)
    """``cardio rows``, ``rest-timer rows``…: rows that are not sets calftui keeps."""
    assumed_unit: str | None = None
    """Set when the file names no unit and its loads were read in this one."""
    rows: int = 0

    @property
    def runaways(self) -> list[LoggedSession]:
        """Sessions whose timer was left running (longer than :data:`RUNAWAY_S`), oldest first."""
        return [s for s in self.sessions if runaway(s.duration_s or 0.0)]


class NotThatFormat(ValueError):
    """The file is not the format it was read as; the message says what was expected."""


Progress = Callable[[int], None]
"""Told the number of rows read so far, now and then (a big import shows it)."""


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (a quoted note may run over several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1


Cell = Callable[[str], str]
"""A row's cell by field name (empty when the file has no such column)."""


def _records(rows: Iterator[tuple[int, list[str]]], col: dict[str, int], found: Found,
             progress: Progress | None) -> Iterator[tuple[int, Cell]]:
    """Each non-empty row with its line, counted (and told to ``progress`` now and then)."""
    for line, row in rows:
        found.rows += 1
        if progress is not None and found.rows % 5000 == 0:
            progress(found.rows)
        if not any(value.strip() for value in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            index = col.get(key)
            return row[index] if index is not None and index < len(row) else ""

        yield line, cell


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _text(raw: bytes | str) -> str:
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise NotThatFormat(f"line {line} is not UTF-8 text; expected a CSV file as the app exports it") from None
    return raw.removeprefix("\ufeff")


def _columns(header: list[str], names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Which column each field is in, by the names the formats give it (any case, any spacing)."""
    folded = [" ".join(h.strip().lower().split()) for h in header]
    found: dict[str, int] = {}
    for key, options in names.items():
        for option in options:
            if option in folded:
                found[key] = folded.index(option)
                break
    return found


def _float(cell: str, what: str, top: float, decimal_comma: bool) -> float:
    text = cell.strip()
    if decimal_comma:
        text = text.replace(",", ".")
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} {cell.strip()!r} is not a number") from None
    if not 0 <= value <= top:
        raise ValueError(f"{what} {value:g} is out of range (0 to {top:g})")
    return value


_STRONG_DATES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M %p", "%Y-%m-%d")
_HEVY_DATES = ("%d %b %Y, %H:%M", "%d %b %Y, %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
               "%d %b %Y, %I:%M %p", "%b %d, %Y, %I:%M %p")


def _when(cell: str, formats: tuple[str, ...]) -> datetime:
    """A moment as the app wrote it. Strong and Hevy name no zone: such a time is kept as the local
    time it is (a naive datetime, which the journal holds as a TOML local date-time), never moved
    into the zone of whichever ``TZ`` the import ran under."""
    text = " ".join(cell.replace(NNBSP, " ").replace("\u00a0", " ").split())
    text = re.sub(r"(?i)\b(am|pm)$", lambda m: m.group(1).upper(), text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    for form in formats if moment is None else ():
        try:
            moment = datetime.strptime(text, form)
            break
        except ValueError:
            continue
    if moment is None:
        raise ValueError(f"{cell.strip()!r} is not a date and time (expected such as 2025-06-06 20:16:00)")
    return moment


_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b", re.I)


def duration_seconds(cell: str, *, bare: float = 60.0) -> float:
    """``49m``, ``1h 5m``, ``1h 5min 3s``, ``58min`` -> seconds; a bare number counts ``bare`` seconds
    a unit (minutes, unless the column says seconds)."""
    text = cell.strip()
    if not text:
        return 0.0
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return _session_length(float(text.replace(",", ".")) * bare, text)
    parts = _PART.findall(text)
    if not parts:
        raise ValueError(f"{text!r} is not a duration (expected such as 49m or 1h 5m)")
    total = 0.0
    for number, unit in parts:
        scale = 3600.0 if unit[0].lower() == "h" else 60.0 if unit[0].lower() == "m" else 1.0
        total += float(number.replace(",", ".")) * scale
    return _session_length(total, text)


LONGEST_SESSION_S = 366 * 24 * 3600.0
"""A workout's length beyond which the figure is no length at all (a runaway timer runs for weeks)."""


def _session_length(seconds: float, text: str) -> float:
    if not seconds <= LONGEST_SESSION_S:
        raise ValueError(f"Duration {text!r} is longer than a year; expected a workout's length such as 49m")
    return seconds


def _notes(cell: str) -> dict[str, Any]:
    """Notes as calftui's export writes them, read back: the side, the superset and its round,
    a typed count; anything else is the set's note."""
    out: dict[str, Any] = {}
    rest = []
    for part in (p.strip() for p in cell.split(";")):
        if part in ("left", "right"):
            out["side"] = part
        elif match := re.fullmatch(r"superset (\S+)(?:, round (\d+))?", part):
            out["group"] = match[1]
            if match[2]:
                out["round"] = int(match[2])
        elif part == "count typed":
            continue  # every imported count is marked typed (the taps are not in the file)
        elif part:
            rest.append(part)
    if rest:
        out["note"] = "; ".join(rest)
    return out


def _unit(text: str) -> str | None:
    word = text.strip().lower()
    if word in ("kg", "kgs", "kilograms"):
        return "kg"
    if word in ("lb", "lbs", "pounds"):
        return "lb"
    return None


def _session_id(source: str, start: datetime, workout: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{source}|{start.isoformat()}|{workout}"))


@dataclass
class _Building:
    """One session while its rows are read."""

    start: datetime
    workout: str
    seconds: float = 0.0
    end: datetime | None = None
    notes: str = ""
    sets: list[LoggedSet] = field(default_factory=list)
    warmups: Counter[str] = field(default_factory=Counter)

    def record(self, source: str) -> LoggedSession:
        status = "completed"
        notes = self.notes
        if notes == PARTIAL or notes.startswith(PARTIAL + "; "):
            status, notes = "partial", notes.removeprefix(PARTIAL).removeprefix("; ")
        end = self.end or self.start + timedelta(seconds=self.seconds)
        return LoggedSession(id=_session_id(source, self.start, self.workout), workout=self.workout,
                             workout_file=IMPORTED_FROM[source], started_at=self.start.replace(microsecond=0),
                             ended_at=max(end, self.start).replace(microsecond=0), status=status, notes=notes,
                             sets=tuple(self.sets))


def _a_set(exercise: str, number: int, *, reps: int, weight: float, unit: str, seconds: float, warmup: bool,
           failure: bool, rpe: float | None, extra: dict[str, Any]) -> LoggedSet:
    timed = reps == 0 and seconds > 0
    return LoggedSet(
        exercise=exercise, kind="timed" if timed else "reps", set=number, side=extra.get("side", "both"),
        reps=None if timed else reps, duration_s=seconds if timed else 0.0, failure=failure, warmup=warmup,
        weight=weight if weight > 0 and not timed else None,
        unit=("lb" if unit == "lb" else "kg") if weight > 0 and not timed else None,
        rpe=rpe, note=extra.get("note"), group=extra.get("group"), round=extra.get("round"),
    )


def _count(cell: str, what: str, decimal_comma: bool) -> int:
    """A rep count: ``12``, or ``12.0`` as newer exports write it; ``12.9`` is no count (refused, never cut to 12)."""
    value = _float(cell, what, MOST_REPS, decimal_comma)
    if value != int(value):
        raise ValueError(f"{what} {cell.strip()} is not a whole number of reps")
    return int(value)


def _rpe(cell: str, decimal_comma: bool) -> float | None:
    value = _float(cell, "RPE", 10, decimal_comma)
    return None if value == 0 else round(value * 2) / 2 or None


STRONG_NAMES = {
    "date": ("date",), "workout": ("workout name",), "duration": ("duration", "workout duration"),
    "duration_s": ("duration (sec)", "duration (seconds)"), "exercise": ("exercise name",),
    "order": ("set order",), "weight": ("weight", "weight (kg)", "weight (lbs)", "weight (lb)"),
    "weight_unit": ("weight unit",), "reps": ("reps",),
    "distance": ("distance", "distance (meters)", "distance (m)", "distance (km)", "distance (mi)",
                 "distance (miles)"),
    "seconds": ("seconds",), "notes": ("notes",), "workout_notes": ("workout notes",), "rpe": ("rpe",),
}


def read_strong(raw: bytes | str, unit: str, progress: Progress | None = None) -> Found:
    """Strong's CSV export (any of its header generations) as sessions; loads in the unit the file
    names (a Weight Unit column, or the header), else in ``unit``."""
    text = _text(raw)
    header_line = text.split("\n", 1)[0]
    delimiter = _delimiter(header_line)
    rows = _rows(text, delimiter)
    first = next(rows, None)
    if first is None:
        raise NotThatFormat("it is empty; expected Strong's CSV export with its header line")
    col = _columns(first[1], STRONG_NAMES)
    missing = [name for name, key in (("Date", "date"), ("Exercise Name", "exercise"), ("Set Order", "order"),
                                      ("Reps", "reps")) if key not in col]
    if missing:
        raise NotThatFormat(f"its header has no {', '.join(missing)} column; expected Strong's CSV export "
                            "(Date, Workout Name, Exercise Name, Set Order, Weight, Reps…)")
    header_unit = _unit(re.sub(r".*\((.*)\).*", r"\1", first[1][col["weight"]])) if "weight" in col and "(" in \
        first[1][col["weight"]] else None
    found = Found()
    decimal_comma = delimiter == ";"
    building: dict[tuple[str, str], _Building] = {}
    numbers: dict[tuple[str, str], Counter[str]] = {}
    for line, cell in _records(rows, col, found, progress):
        try:
            order = cell("order").strip()
            if order.lower() in ("rest timer", "rest"):
                found.passed["rest-timer rows"] += 1
                continue
            if order.lower() == "note":
                found.passed["note rows"] += 1
                continue
            if not (order.isdigit() or order.upper() in ("W", "F", "D")):
                raise ValueError(f"Set Order {order!r} is not a set number, W (warm-up), F (failure) or D (drop set)")
            distance = _float(cell("distance"), "Distance", 1e9, decimal_comma)
            if distance > 0:
                found.passed["cardio rows"] += 1
                continue
            exercise = cell("exercise").strip()
            if not exercise:
                raise ValueError("it has no Exercise Name")
            when_text = cell("date")
            start = _when(when_text, _STRONG_DATES)
            workout = cell("workout").strip() or "Strong workout"
            reps = _count(cell("reps"), "Reps", decimal_comma)
            weight = _float(cell("weight"), "Weight", HEAVIEST, decimal_comma)
            seconds = _float(cell("seconds"), "Seconds", LONGEST_S, decimal_comma)
            rpe = _rpe(cell("rpe"), decimal_comma)
            row_unit = _unit(cell("weight_unit")) or header_unit
            if row_unit is None and weight > 0:
                found.assumed_unit = unit
            key = (when_text.strip(), workout)
            session = building.get(key)
            if session is None:
                if "duration_s" in col:
                    length = duration_seconds(cell("duration_s"), bare=1.0)
                else:
                    length = duration_seconds(cell("duration"))
                session = building[key] = _Building(start, workout, length, notes=cell("workout_notes").strip())
                numbers[key] = Counter()
            numbers[key][exercise] += order.upper() != "W"
            number = int(order) if order.isdigit() else max(1, numbers[key][exercise])
            extra = _notes(cell("notes"))
            if order.upper() == "D":
                extra["note"] = "; ".join(filter(None, ["drop set", extra.get("note")]))
            session.sets.append(_a_set(exercise, number, reps=reps, weight=weight, unit=row_unit or unit,
                                       seconds=seconds, warmup=order.upper() == "W", failure=order.upper() == "F",
                                       rpe=rpe, extra=extra))
        except ValueError as exc:
            found.problems.append((line, f"{exc}; row left out"))
    found.sessions = sorted((s.record("strong") for s in building.values()), key=lambda r: r.when)
    return found


HEVY_NAMES = {
    "title": ("title",), "start": ("start_time",), "end": ("end_time",), "description": ("description",),
    "exercise": ("exercise_title",), "superset": ("superset_id",), "notes": ("exercise_notes",),
    "index": ("set_index",), "type": ("set_type",), "weight_kg": ("weight_kg",),
    "weight_lb": ("weight_lbs", "weight_lb"), "reps": ("reps",),
    "distance": ("distance_km", "distance_miles", "distance_meters", "distance_m"),
    "seconds": ("duration_seconds",), "rpe": ("rpe",),
}
HEVY_TYPES = {"normal": "", "warmup": "W", "warm-up": "W", "warm_up": "W", "failure": "F", "dropset": "D",
              "drop_set": "D", "drop set": "D"}


def read_hevy(raw: bytes | str, progress: Progress | None = None) -> Found:
    """Hevy's CSV export as sessions (loads in kg or lb as its header says)."""
    text = _text(raw)
    rows = _rows(text, _delimiter(text.split("\n", 1)[0]))
    first = next(rows, None)
    if first is None:
        raise NotThatFormat("it is empty; expected Hevy's CSV export with its header line")
    col = _columns(first[1], HEVY_NAMES)
    missing = [name for name, key in (("start_time", "start"), ("exercise_title", "exercise"), ("reps", "reps"))
               if key not in col]
    if missing:
        raise NotThatFormat(f"its header has no {', '.join(missing)} column; expected Hevy's CSV export "
                            "(title, start_time, end_time, exercise_title, set_type, weight_kg, reps…)")
    unit = "lb" if "weight_lb" in col else "kg"
    found = Found()
    building: dict[tuple[str, str], _Building] = {}
    numbers: dict[tuple[str, str], Counter[str]] = {}
    groups: dict[tuple[str, str], dict[str, str]] = {}
    noted: set[tuple[str, str, str]] = set()
    for line, cell in _records(rows, col, found, progress):
        try:
            kind = HEVY_TYPES.get(cell("type").strip().lower())
            if kind is None:
                raise ValueError(f"set_type {cell('type').strip()!r} is not normal, warmup, failure or dropset")
            if _float(cell("distance"), "distance", 1e9, False) > 0:
                found.passed["cardio rows"] += 1
                continue
            exercise = cell("exercise").strip()
            if not exercise:
                raise ValueError("it has no exercise_title")
            start_text = cell("start")
            start = _when(start_text, _HEVY_DATES)
            workout = cell("title").strip() or "Hevy workout"
            key = (start_text.strip(), workout)
            session = building.get(key)
            if session is None:
                end = _when(cell("end"), _HEVY_DATES) if cell("end").strip() else None
                session = building[key] = _Building(start, workout, end=end, notes=cell("description").strip())
                numbers[key], groups[key] = Counter(), {}
            numbers[key][exercise] += kind != "W"
            extra: dict[str, Any] = {}
            superset = cell("superset").strip()
            if superset:
                labels = groups[key]
                extra["group"] = labels.setdefault(superset, chr(ord("A") + len(labels) % 26))
                extra["round"] = max(1, numbers[key][exercise])
            note = cell("notes").strip()
            if note and (key + (exercise,)) not in noted:
                noted.add(key + (exercise,))
                extra["note"] = note
            if kind == "D":
                extra["note"] = "; ".join(filter(None, ["drop set", extra.get("note")]))
            weight = _float(cell("weight_lb" if unit == "lb" else "weight_kg"), "weight", HEAVIEST, False)
            session.sets.append(_a_set(
                exercise, max(1, numbers[key][exercise]), reps=_count(cell("reps"), "reps", False),
                weight=weight, unit=unit, seconds=_float(cell("seconds"), "duration_seconds", LONGEST_S, False),
                warmup=kind == "W", failure=kind == "F", rpe=_rpe(cell("rpe"), False), extra=extra))
        except ValueError as exc:
            found.problems.append((line, f"{exc}; row left out"))
    found.sessions = sorted((s.record("hevy") for s in building.values()), key=lambda r: r.when)
    return found

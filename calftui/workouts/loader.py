"""Workout TOML -> :class:`~calftui.workouts.model.Workout`, with every problem and its line.

Every problem in a file is collected, not just the first, and each reads
``FILE:LINE: key.path: what is wrong; what is expected``. The file is only ever parsed
as data with :mod:`tomllib`; nothing in it is executed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calftui.common import (
    DURATION_FORMS,
    NotAFile,
    control_character,
    did_you_mean,
    key_lines,
    parse_duration,
    parse_toml,
    read_regular,
    toml_error,
)
from calftui.workouts.model import COUNTS, KINDS, Count, Exercise, Kind, RepGoal, Workout
from calftui.workouts.tempo import MAX_PHASE_S, PHASES, Tempo

Table = dict[str, Any]
"""A TOML table as tomllib gives it."""
KeyPath = tuple[str | int, ...]
"""Where a value is: ``("exercise", 2, "tempo")``."""

MULTI_LINE = frozenset({"description", "notes"})
"""Text keys where new lines are welcome."""
MAX_FILE_BYTES = 1_000_000
MAX_SECONDS = 3600.0
MAX_SETS = 50
MAX_REPS = 1000
MAX_TARGET = 10_000
MAX_WEIGHT = 1000
"""The bounds of a workout file's numbers (the JSON Schema says the same: calftui.workouts.schema)."""

TOP_KEYS = ("name", "description", "tags", "schedule", "source", "exercise")
ALL_KINDS = frozenset(KINDS)
REPS_TARGET = frozenset({"reps", "target"})
REPS_TIMED = frozenset({"reps", "timed"})
EXERCISE_KEYS: dict[str, frozenset[str]] = {
    "kind": ALL_KINDS,
    "name": ALL_KINDS,
    "sets": REPS_TIMED,
    "reps": frozenset({"reps"}),
    "target": frozenset({"target"}),
    "rest_pause": frozenset({"target"}),
    "duration": frozenset({"timed"}),
    "per_side": ALL_KINDS,
    "rest": ALL_KINDS,
    "rest_after": ALL_KINDS,
    "tempo": REPS_TARGET,
    "starts": REPS_TARGET,
    "count": REPS_TARGET,
    "say": REPS_TARGET,
    "load": ALL_KINDS,
    "weight": REPS_TARGET,
    "warmup": ALL_KINDS,
    "cues": ALL_KINDS,
    "notes": ALL_KINDS,
    "group": REPS_TIMED,
    "transition": REPS_TIMED,
}
DEFAULT_REST = {"reps": 60.0, "target": 60.0, "timed": 10.0}
KIND_HINT = {"reps": "reps", "target": "target", "timed": "duration"}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.path}: {self.message}"


class WorkoutError(Exception):
    """A workout file that cannot be used; ``problems`` holds every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_workout(path: Path) -> Workout:
    """Read and validate one workout file; raises :class:`WorkoutError` listing every problem."""
    label = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotAFile as exc:
        raise WorkoutError([Problem(label, None, "file", f"is {exc.what}; expected a .toml workout file")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Problem(label, None, "file", f"cannot be read ({reason}); expected a readable .toml file")
        raise WorkoutError([problem]) from None
    return parse_workout(raw, label, path)


def check_file(path: Path) -> list[Problem]:
    try:
        load_workout(path)
    except WorkoutError as exc:
        return exc.problems
    return []


def parse_workout(raw: bytes | str, label: str, path: Path | None = None) -> Workout:
    text = _decode(raw, label)
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise WorkoutError([_syntax_problem(label, exc)]) from None
    reader = _Reader(label, text)
    workout = reader.workout(data, path, text)
    if reader.problems:
        raise WorkoutError(sorted(reader.problems, key=lambda p: (p.line or 0)))
    assert workout is not None
    return workout


def _decode(raw: bytes | str, label: str) -> str:
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise WorkoutError([Problem(label, None, "file", "is larger than 1 MB; expected a hand-written "
                                                             "workout file")])
        if b"\x00" in raw:
            raise WorkoutError([Problem(label, None, "file", "is binary, not text; expected a TOML workout file")])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise WorkoutError([Problem(label, line, "file", "is not UTF-8 text; expected a TOML workout file "
                                                             "saved as UTF-8")]) from None
    else:
        text = raw
    if not text.strip():
        raise WorkoutError(
            [Problem(label, None, "file", 'is empty; expected at least name = "..." and one [[exercise]] table')]
        )
    return text


def _syntax_problem(label: str, exc: tomllib.TOMLDecodeError) -> Problem:
    where = toml_error(exc)
    return Problem(label, where.line, "TOML", f"{where.message}; expected valid TOML such as key = \"text\" or "
                                              "[[exercise]]",
                   where.column)


# --- validation --------------------------------------------------------------------------


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _show(value: object) -> str:
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return _type_name(value)


def format_path(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Reader:
    def __init__(self, label: str, text: str):
        self.label = label
        self.text_source = text
        self._lines: dict[tuple[Any, ...], int] | None = None
        self.problems: list[Problem] = []

    @property
    def lines(self) -> dict[tuple[Any, ...], int]:
        """Where each key is written: scanned only when a problem needs its line."""
        if self._lines is None:
            self._lines = key_lines(self.text_source)
        return self._lines

    def line_of(self, path: KeyPath) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def bad(self, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.label, self.line_of(path), format_path(path), message))

    # typed getters: each returns None (and records a problem) when the value is wrong

    def text(self, table: Table, path: KeyPath, key: str, *, required: bool = False,
             nonempty: bool = True) -> str | None:
        if key not in table:
            if required:
                self.bad(path + (key,), f'is missing; expected {key} = "..."')
            return None
        value = table[key]
        if not isinstance(value, str):
            self.bad(path + (key,), f'is {_type_name(value)}; expected text in quotes, such as {key} = "..."')
            return None
        if nonempty and not value.strip():
            self.bad(path + (key,), "is empty; expected some text")
            return None
        if not self.plain_text(path + (key,), value, lines=key in MULTI_LINE):
            return None
        return value

    def plain_text(self, path: KeyPath, value: str, *, lines: bool = False) -> bool:
        """Text is shown to the lifter and written to the journal: no control characters in it
        (``\u001b`` would reach the terminal as an escape sequence), no new lines in a name."""
        found = control_character(value, lines=lines)
        if found is not None:
            what = "a new line" if found in ("\\x0a", "\\x0d") else f"a control character ({found})"
            self.bad(path, f"contains {what}; expected plain text" + ("" if lines else " on one line"))
            return False
        return True

    def text_list(self, table: Table, path: KeyPath, key: str) -> tuple[str, ...]:
        if key not in table:
            return ()
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.bad(path + (key,), f'is {_type_name(value)} with other things in it; expected a list of text '
                                    'such as ["one", "two"]'
                     if isinstance(value, list) else f'is {_type_name(value)}; expected a list of text such as '
                                                     '["one", "two"]')
            return ()
        if not all(self.plain_text(path + (key, i), v) for i, v in enumerate(value)):
            return ()
        return tuple(value)

    def flag(self, table: Table, path: KeyPath, key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.bad(path + (key,), f"is {_show(value)}; expected true or false")
            return False
        return value

    def count(self, table: Table, path: KeyPath, key: str, *, high: int, default: int | None = None) -> int | None:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(path + (key,), f"is {_show(value)}; expected a whole number from 1 to {high}")
            return None
        if not 1 <= value <= high:
            self.bad(path + (key,), f"is {value}; expected a whole number from 1 to {high}")
            return None
        return value

    def seconds(self, table: Table, path: KeyPath, key: str, *, allow_zero: bool,
                default: float | None = None, max_hold: bool = False) -> float | None:
        """A duration; ``max_hold`` when ``"max"`` is also allowed (the caller reads that one)."""
        if key not in table:
            return default
        value = table[key]
        try:
            seconds = parse_duration(value)
        except ValueError as exc:
            also = ', or "max" to hold as long as you can' if max_hold else ""
            self.bad(path + (key,), f"{exc}; expected a duration such as {DURATION_FORMS}{also}")
            return None
        if seconds > MAX_SECONDS:
            self.bad(path + (key,), f"{_show(value)} is over an hour; expected at most 1 hour (3600 s)")
            return None
        if seconds == 0 and not allow_zero:
            self.bad(path + (key,), f"{_show(value)} is no time at all; expected more than 0 s, such as "
                                    f"{DURATION_FORMS}")
            return None
        return seconds

    def workout(self, data: Table, path: Path | None, text: str) -> Workout | None:
        for key in data:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS)
                if key in EXERCISE_KEYS:
                    hint = f"{key} belongs inside an [[exercise]] table"
                self.bad((key,), f"unknown key; {hint}")
        name = self.text(data, (), "name", required=True)
        description = self.text(data, (), "description", nonempty=False) or ""
        schedule = self.text(data, (), "schedule", nonempty=False)
        source = self.text(data, (), "source", nonempty=False)
        tags = self.text_list(data, (), "tags")
        exercises: list[Exercise] = []
        raw = data.get("exercise")
        if raw is None:
            self.problems.append(Problem(self.label, None, "exercise", 'no exercise; expected at least one '
                                                                       '[[exercise]] table with a name'))
        elif not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            self.bad(("exercise",), f"is {_type_name(raw)}; expected [[exercise]] tables (two brackets)")
        elif not raw:
            self.bad(("exercise",), "is an empty list; expected at least one [[exercise]] table")
        else:
            for index, table in enumerate(raw):
                exercise = self.exercise(table, ("exercise", index))
                if exercise is not None:
                    exercises.append(exercise)
            self.group_runs(raw)
        if self.problems or name is None:
            return None
        return Workout(
            name=name.strip(),
            exercises=tuple(exercises),
            description=description.strip(),
            tags=tags,
            schedule=schedule,
            source=source,
            path=path,
            text=text,
        )

    def group_runs(self, tables: list[Table]) -> None:
        """A group's exercises come one after another: a label that comes back after others is an error."""
        first: dict[str, int] = {}
        previous: str | None = None
        for index, table in enumerate(tables):
            value = table.get("group")
            label = value.strip() if isinstance(value, str) else None
            if label and label != previous and label in first:
                self.bad(("exercise", index, "group"),
                         f'"{label}" is already the group of exercise[{first[label]}] and the exercises between are '
                         "not in it; a superset's exercises come one after another: move this one up to them, or "
                         "give it another label")
            if label:
                first.setdefault(label, index)
            previous = label

    def exercise(self, table: Table, at: KeyPath) -> Exercise | None:
        before = len(self.problems)
        declared = table.get("kind")
        if declared is not None and declared not in KINDS:
            self.bad(at + ("kind",), f'is {_show(declared)}; expected "reps", "target" or "timed"')
        kind: Kind
        if declared in KINDS:
            kind = next(k for k in KINDS if k == declared)
            why = f'kind = "{kind}"'
        else:
            kind = "target" if "target" in table else "timed" if "duration" in table else "reps"
            why = {"target": "target makes it one", "timed": "duration makes it one",
                   "reps": "no target or duration"}[kind]
        for key in list(table):
            if key not in EXERCISE_KEYS:
                self.bad(at + (key,), f"unknown key; {did_you_mean(key, list(EXERCISE_KEYS))}")
            elif key == "group" and kind == "target":
                self.bad(at + (key,), f"a target exercise ({why}) cannot be in a superset or circuit: its mini-sets "
                                      "run until the total is reached; remove group, or do it before or after "
                                      "the group")
            elif kind not in EXERCISE_KEYS[key]:
                fits = " or ".join(sorted(EXERCISE_KEYS[key]))
                self.bad(at + (key,), f"does not belong to a {kind} exercise ({why}); remove it, or use it in a "
                                      f"{fits} exercise")
        table = {k: v for k, v in table.items() if k in EXERCISE_KEYS and kind in EXERCISE_KEYS[k]}
        name = self.text(table, at, "name", required=True)
        sets = self.count(table, at, "sets", high=MAX_SETS, default=1)
        reps = self.rep_goal(table, at) if kind == "reps" else None
        target = self.count(table, at, "target", high=MAX_TARGET) if kind == "target" else None
        if kind == "target" and "target" not in table:
            self.bad(at + ("target",), "is missing; expected a total such as target = 100")
        duration = None
        if kind == "timed":
            if isinstance(table.get("duration"), str) and table["duration"].strip().lower() == "max":
                pass  # held as long as the lifter can: duration stays None
            else:
                duration = self.seconds(table, at, "duration", allow_zero=False, max_hold=True)
            if "duration" not in table:
                self.bad(at + ("duration",), 'is missing; expected the length of each hold, such as duration = "30s", '
                                             'or "max" for as long as you can')
        rest = self.seconds(table, at, "rest", allow_zero=True, default=DEFAULT_REST[kind])
        rest_after = self.seconds(table, at, "rest_after", allow_zero=True, default=rest)
        rest_pause = self.seconds(table, at, "rest_pause", allow_zero=True, default=10.0)
        tempo = self.tempo(table, at)
        starts = table.get("starts", "up")
        if starts not in ("up", "down"):
            self.bad(at + ("starts",), f'is {_show(starts)}; expected "up" (rise first) or "down" (lower first)')
        say = self.say(table, at)
        count = self.count_by(table, at, tempo, bad_tempo="tempo" in table and tempo is None)
        weight = None
        if "weight" in table:
            value = table["weight"]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_WEIGHT:
                self.bad(at + ("weight",), f"is {_show(value)}; expected a load from 0 to {MAX_WEIGHT} in your "
                                           "unit, such as weight = 20")
            else:
                weight = float(value)
        load = self.text(table, at, "load")
        notes = self.text(table, at, "notes", nonempty=False)
        cues = self.text_list(table, at, "cues")
        per_side = self.flag(table, at, "per_side")
        warmup = self.flag(table, at, "warmup")
        group = self.text(table, at, "group")
        transition = self.seconds(table, at, "transition", allow_zero=True, default=0.0)
        if "transition" in table and group is None and "group" not in table:
            self.bad(at + ("transition",), 'is the pause before the next member of a superset, but this exercise is '
                                           'in no group; add group = "A" (the same label on the exercises done '
                                           'together), or remove transition')
        if len(self.problems) > before:
            return None
        return Exercise(
            name=name.strip() if name else "",
            kind=kind,
            sets=sets or 1,
            reps=reps,
            target=target,
            rest_pause=rest_pause if rest_pause is not None else 10.0,
            duration=duration,
            per_side=per_side,
            rest=rest if rest is not None else DEFAULT_REST[kind],
            rest_after=rest_after if rest_after is not None else DEFAULT_REST[kind],
            tempo=tempo,
            starts=starts,
            count=count,
            say=say,
            load=load,
            weight=weight,
            warmup=warmup,
            cues=cues,
            notes=notes,
            group=group.strip() if group else None,
            transition=transition or 0.0,
        )

    def rep_goal(self, table: Table, at: KeyPath) -> RepGoal | None:
        expected = 'expected a number such as 12, a range such as "12-15", or "amrap"'
        if "reps" not in table:
            self.bad(at + ("reps",), f"is missing; {expected} (or use target = N or duration = \"30s\" for other "
                                     "kinds)")
            return None
        value = table["reps"]
        if isinstance(value, str):
            text = value.strip().lower()
            if text == "amrap":
                return RepGoal(None, None)
            if match := re.fullmatch(r"(\d+)\s*-\s*(\d+)", text):
                low, high = int(match[1]), int(match[2])
                if low > high:
                    self.bad(at + ("reps",), f"{_show(value)} runs backwards; expected the low end first, such as "
                                             f"\"{high}-{low}\"")
                    return None
                if low < 1 or high > MAX_REPS:
                    self.bad(at + ("reps",), f"{_show(value)} is out of range; expected reps from 1 to {MAX_REPS}")
                    return None
                return RepGoal(low, high)
            if text.isdigit():
                value = int(text)
            else:
                self.bad(at + ("reps",), f"{_show(value)} is not a rep goal; {expected}")
                return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(at + ("reps",), f"is {_show(value)}; {expected}")
            return None
        if not 1 <= value <= MAX_REPS:
            self.bad(at + ("reps",), f"is {value}; expected at least 1 rep (at most {MAX_REPS}), a range such as "
                                     "\"12-15\", or \"amrap\"")
            return None
        return RepGoal(value, value)

    def tempo(self, table: Table, at: KeyPath) -> Tempo | None:
        if "tempo" not in table:
            return None
        value = table["tempo"]
        expected = ('write four parts down-bottom-up-top in seconds, such as "3-1-1-0" (X = explosive), or name '
                    'the phases: { down = 3, bottom = 1, up = 1, top = 0 }')
        if isinstance(value, dict):
            return self.tempo_phases(value, at + ("tempo",))
        if not isinstance(value, str):
            self.bad(at + ("tempo",), f"is {_show(value)}, not a tempo; {expected}")
            return None
        try:
            return Tempo.parse(value)
        except ValueError as exc:
            self.bad(at + ("tempo",), f"{_show(value)} is not a tempo ({exc}); {expected}")
            return None

    def tempo_phases(self, table: Table, at: KeyPath) -> Tempo | None:
        """``tempo = { down = 3, bottom = 0, up = 2, top = 1 }``: seconds per named phase ("X" =
        explosive), a phase left out is 0 s."""
        phases: dict[str, float | None] = {}
        fine = True
        for phase, value in table.items():
            if phase not in PHASES:
                self.bad(at + (phase,), f"is not a tempo phase; {did_you_mean(phase, PHASES)} (the phases are "
                                        "down, bottom, up and top)")
                fine = False
            elif isinstance(value, str) and value.strip().upper() == "X":
                phases[phase] = None
            elif isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not 0 <= value <= MAX_PHASE_S:
                self.bad(at + (phase,), f"is {_show(value)}; expected seconds from 0 to {MAX_PHASE_S:g}, such as "
                                        f'{phase} = 2, or "X" for explosive')
                fine = False
            else:
                phases[phase] = float(value)
        if not fine:
            return None
        try:
            return Tempo.of_phases(phases)
        except ValueError:
            self.bad(at, "has no phase longer than 0 s; expected seconds for at least one of down, bottom, up "
                         "and top, such as { down = 3, up = 1 }")
            return None

    def count_by(self, table: Table, at: KeyPath, tempo: Tempo | None, *, bad_tempo: bool) -> Count:
        """``count = "taps"`` (the default) or ``"tempo"``, which needs a tempo to count by."""
        value = table.get("count", "taps")
        chosen = next((c for c in COUNTS if c == value), None)
        if chosen is None:
            self.bad(at + ("count",), f'is {_show(value)}; expected "taps" (tap each rep) or "tempo" (every '
                                      "tempo cycle counts a rep by itself)")
            return "taps"
        if chosen == "tempo" and tempo is None and not bad_tempo:
            self.bad(at + ("count",), '"tempo" counts a rep at the end of every tempo cycle, but this exercise has '
                                      'no tempo; add one such as tempo = { down = 2, up = 1, top = 1 }, or remove '
                                      "count")
        return chosen

    def say(self, table: Table, at: KeyPath) -> dict[str, str]:
        if "say" not in table:
            return {}
        value = table["say"]
        if not isinstance(value, dict):
            self.bad(at + ("say",), f'is {_type_name(value)}; expected a table such as [exercise.say] with bottom '
                                    '= "Pause at the bottom"')
            return {}
        words: dict[str, str] = {}
        for phase, text in value.items():
            if phase not in PHASES:
                self.bad(at + ("say", phase), f"is not a tempo phase; {did_you_mean(phase, PHASES)}")
            elif not isinstance(text, str) or not text.strip():
                self.bad(at + ("say", phase), f'is {_show(text)}; expected the words to show, such as {phase} = "..."')
            elif self.plain_text(at + ("say", phase), text):
                words[phase] = text.strip()
        return words

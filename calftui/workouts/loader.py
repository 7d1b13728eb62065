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
from typing import Any, Literal, TypeVar

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
D = TypeVar("D")
"""What a typed read gives when the key is missing or its value is wrong."""

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
    problems = _Problems(label, text)
    workout = _WorkoutReader(problems, data).workout(path)
    if problems.found:
        raise WorkoutError(sorted(problems.found, key=lambda p: (p.line or 0)))
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


class _Problems:
    """The problems found in one file so far, each placed on the line its key is written on."""

    def __init__(self, label: str, text: str):
        self.label = label
        self.source = text
        self._lines: dict[tuple[Any, ...], int] | None = None
        self.found: list[Problem] = []

    @property
    def lines(self) -> dict[tuple[Any, ...], int]:
        """Where each key is written: scanned only when a problem needs its line."""
        if self._lines is None:
            self._lines = key_lines(self.source)
        return self._lines

    def line_of(self, path: KeyPath) -> int | None:
        """The line of the key at ``path``, or of the nearest table around it that is written down."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def report(self, path: KeyPath, message: str) -> None:
        self.found.append(Problem(self.label, self.line_of(path), format_path(path), message))

    def report_unplaced(self, path: str, message: str) -> None:
        """A problem with no line to point at: something the file leaves out altogether."""
        self.found.append(Problem(self.label, None, path, message))


class _TableReader:
    """Typed reads of one TOML table's keys. A missing key reads as its default; a wrong value is a
    problem on the key's line, and reads as None (or the default given)."""

    def __init__(self, problems: _Problems, table: Table, at: KeyPath):
        self.problems = problems
        self.table = table
        self.at = at

    def report(self, key: str, message: str) -> None:
        self.problems.report(self.at + (key,), message)

    def text(self, key: str, *, required: bool = False, nonempty: bool = True) -> str | None:
        if key not in self.table:
            if required:
                self.report(key, f'is missing; expected {key} = "..."')
            return None
        value = self.table[key]
        if not isinstance(value, str):
            self.report(key, f'is {_type_name(value)}; expected text in quotes, such as {key} = "..."')
            return None
        if nonempty and not value.strip():
            self.report(key, "is empty; expected some text")
            return None
        if not self.plain_text((key,), value, lines=key in MULTI_LINE):
            return None
        return value

    def plain_text(self, where: KeyPath, value: str, *, lines: bool = False) -> bool:
        """Text is shown to the lifter and written to the journal: no control characters in it
        (``\u001b`` would reach the terminal as an escape sequence), no new lines in a name.
        ``where`` is the text's place in this table."""
        found = control_character(value, lines=lines)
        if found is not None:
            what = "a new line" if found in ("\\x0a", "\\x0d") else f"a control character ({found})"
            self.problems.report(self.at + where, f"contains {what}; expected plain text"
                                 + ("" if lines else " on one line"))
            return False
        return True

    def text_list(self, key: str) -> tuple[str, ...]:
        if key not in self.table:
            return ()
        value = self.table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.report(key, f'is {_type_name(value)} with other things in it; expected a list of text such as '
                             '["one", "two"]'
                        if isinstance(value, list) else f'is {_type_name(value)}; expected a list of text such as '
                                                        '["one", "two"]')
            return ()
        if not all(self.plain_text((key, i), v) for i, v in enumerate(value)):
            return ()
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            self.report(key, f"is {_show(value)}; expected true or false")
            return False
        return value

    def whole_number(self, key: str, *, high: int, default: D) -> int | D:
        if key not in self.table:
            return default
        value = self.table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, f"is {_show(value)}; expected a whole number from 1 to {high}")
            return default
        if not 1 <= value <= high:
            self.report(key, f"is {value}; expected a whole number from 1 to {high}")
            return default
        return value

    def seconds(self, key: str, *, allow_zero: bool, default: D, max_hold: bool = False) -> float | D:
        """A duration; ``max_hold`` when ``"max"`` is also allowed (the caller reads that one)."""
        if key not in self.table:
            return default
        value = self.table[key]
        try:
            seconds = parse_duration(value)
        except ValueError as exc:
            also = ', or "max" to hold as long as you can' if max_hold else ""
            self.report(key, f"{exc}; expected a duration such as {DURATION_FORMS}{also}")
            return default
        if seconds > MAX_SECONDS:
            self.report(key, f"{_show(value)} is over an hour; expected at most 1 hour (3600 s)")
            return default
        if seconds == 0 and not allow_zero:
            self.report(key, f"{_show(value)} is no time at all; expected more than 0 s, such as {DURATION_FORMS}")
            return default
        return seconds


class _WorkoutReader(_TableReader):
    """The file's top-level table: the workout's own keys, then its ``[[exercise]]`` tables."""

    def __init__(self, problems: _Problems, data: Table):
        super().__init__(problems, data, ())

    def workout(self, path: Path | None) -> Workout | None:
        self.report_unknown_keys()
        name = self.text("name", required=True)
        description = self.text("description", nonempty=False) or ""
        schedule = self.text("schedule", nonempty=False)
        source = self.text("source", nonempty=False)
        tags = self.text_list("tags")
        exercises = self.exercises()
        if self.problems.found or name is None:
            return None
        return Workout(name=name.strip(), exercises=exercises, description=description.strip(), tags=tags,
                       schedule=schedule, source=source, path=path, text=self.problems.source)

    def report_unknown_keys(self) -> None:
        for key in self.table:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS)
                if key in EXERCISE_KEYS:
                    hint = f"{key} belongs inside an [[exercise]] table"
                self.report(key, f"unknown key; {hint}")

    def exercises(self) -> tuple[Exercise, ...]:
        """Every exercise read without a problem (the workout is refused if any has one)."""
        tables = self.table.get("exercise")
        if tables is None:
            self.problems.report_unplaced("exercise", "no exercise; expected at least one [[exercise]] table with "
                                                      "a name")
            return ()
        if not isinstance(tables, list) or not all(isinstance(e, dict) for e in tables):
            self.report("exercise", f"is {_type_name(tables)}; expected [[exercise]] tables (two brackets)")
            return ()
        if not tables:
            self.report("exercise", "is an empty list; expected at least one [[exercise]] table")
            return ()
        read = [_read_exercise(self.problems, table, ("exercise", index)) for index, table in enumerate(tables)]
        self.report_split_groups(tables)
        return tuple(exercise for exercise in read if exercise is not None)

    def report_split_groups(self, tables: list[Table]) -> None:
        """A group's exercises come one after another: a label that comes back after others is an error."""
        first: dict[str, int] = {}
        previous: str | None = None
        for index, table in enumerate(tables):
            value = table.get("group")
            label = value.strip() if isinstance(value, str) else None
            if label and label != previous and label in first:
                self.problems.report(
                    ("exercise", index, "group"),
                    f'"{label}" is already the group of exercise[{first[label]}] and the exercises between are not '
                    "in it; a superset's exercises come one after another: move this one up to them, or give it "
                    "another label")
            if label:
                first.setdefault(label, index)
            previous = label


def _read_exercise(problems: _Problems, table: Table, at: KeyPath) -> Exercise | None:
    """One ``[[exercise]]`` table: its kind, the keys that kind takes, then its fields; None when
    anything in it is wrong (every problem is reported)."""
    before = len(problems.found)
    kind, why = infer_kind(table)
    admitted = _admit_keys(problems, table, at, kind, why)
    exercise = _ExerciseReader(problems, admitted, at, kind).exercise()
    return exercise if len(problems.found) == before else None


def _admit_keys(problems: _Problems, table: Table, at: KeyPath, kind: Kind, why: str) -> Table:
    """The keys an exercise of this kind takes; a ``kind`` that names none, an unknown key and
    another kind's key are problems, and are left out."""
    declared = table.get("kind")
    if declared is not None and declared not in KINDS:
        problems.report(at + ("kind",), f'is {_show(declared)}; expected "reps", "target" or "timed"')
    admitted: Table = {}
    for key, value in table.items():
        problem = _key_problem(key, kind, why)
        if problem is None:
            admitted[key] = value
        else:
            problems.report(at + (key,), problem)
    return admitted


def infer_kind(table: Table) -> tuple[Kind, str]:
    """An exercise's kind, and why (for problems): ``kind`` when it names one, else target by
    ``target``, timed by ``duration``, otherwise reps (the JSON Schema says the same)."""
    declared = table.get("kind")
    for kind in KINDS:
        if kind == declared:
            return kind, f'kind = "{kind}"'
    if "target" in table:
        return "target", "target makes it one"
    if "duration" in table:
        return "timed", "duration makes it one"
    return "reps", "no target or duration"


def _key_problem(key: str, kind: Kind, why: str) -> str | None:
    """What is wrong with ``key`` in an exercise of this kind, or None when it belongs there."""
    if key not in EXERCISE_KEYS:
        return f"unknown key; {did_you_mean(key, list(EXERCISE_KEYS))}"
    if key == "group" and kind == "target":
        return (f"a target exercise ({why}) cannot be in a superset or circuit: its mini-sets run until the total "
                "is reached; remove group, or do it before or after the group")
    if kind not in EXERCISE_KEYS[key]:
        fits = " or ".join(sorted(EXERCISE_KEYS[key]))
        return f"does not belong to a {kind} exercise ({why}); remove it, or use it in a {fits} exercise"
    return None


class _ExerciseReader(_TableReader):
    """The fields of one ``[[exercise]]`` table whose kind is known, holding only the keys that kind takes."""

    def __init__(self, problems: _Problems, table: Table, at: KeyPath, kind: Kind):
        super().__init__(problems, table, at)
        self.kind = kind

    def exercise(self) -> Exercise:
        """Every field, read in the order its problems are reported; a wrong one reads as its
        default (the caller refuses the exercise)."""
        kind = self.kind
        name = self.text("name", required=True)
        sets = self.whole_number("sets", high=MAX_SETS, default=1)
        reps = self.rep_goal() if kind == "reps" else None
        target = self.target() if kind == "target" else None
        duration = self.hold() if kind == "timed" else None
        rest = self.seconds("rest", allow_zero=True, default=DEFAULT_REST[kind])
        rest_after = self.seconds("rest_after", allow_zero=True, default=rest)
        rest_pause = self.seconds("rest_pause", allow_zero=True, default=10.0)
        tempo = self.tempo()
        starts = self.starts()
        say = self.phase_words()
        count = self.rep_counting(tempo)
        weight = self.weight()
        load = self.text("load")
        notes = self.text("notes", nonempty=False)
        cues = self.text_list("cues")
        per_side = self.flag("per_side")
        warmup = self.flag("warmup")
        group = self.text("group")
        transition = self.transition()
        return Exercise(
            name=(name or "").strip(), kind=kind, sets=sets, reps=reps, target=target, rest_pause=rest_pause,
            duration=duration, per_side=per_side, rest=rest, rest_after=rest_after, tempo=tempo, starts=starts,
            count=count, say=say, load=load, weight=weight, warmup=warmup, cues=cues, notes=notes,
            group=group.strip() if group else None, transition=transition,
        )

    def rep_goal(self) -> RepGoal | None:
        expected = 'expected a number such as 12, a range such as "12-15", or "amrap"'
        if "reps" not in self.table:
            self.report("reps", f"is missing; {expected} (or use target = N or duration = \"30s\" for other kinds)")
            return None
        value = self.table["reps"]
        if isinstance(value, str):
            text = value.strip().lower()
            if text == "amrap":
                return RepGoal(None, None)
            if match := re.fullmatch(r"(\d+)\s*-\s*(\d+)", text):
                return self.rep_range(value, int(match[1]), int(match[2]))
            if not text.isdigit():
                self.report("reps", f"{_show(value)} is not a rep goal; {expected}")
                return None
            value = int(text)
        if isinstance(value, bool) or not isinstance(value, int):
            self.report("reps", f"is {_show(value)}; {expected}")
            return None
        if not 1 <= value <= MAX_REPS:
            self.report("reps", f"is {value}; expected at least 1 rep (at most {MAX_REPS}), a range such as "
                                "\"12-15\", or \"amrap\"")
            return None
        return RepGoal(value, value)

    def rep_range(self, written: str, low: int, high: int) -> RepGoal | None:
        """``reps = "12-15"``."""
        if low > high:
            self.report("reps", f"{_show(written)} runs backwards; expected the low end first, such as "
                                f"\"{high}-{low}\"")
            return None
        if low < 1 or high > MAX_REPS:
            self.report("reps", f"{_show(written)} is out of range; expected reps from 1 to {MAX_REPS}")
            return None
        return RepGoal(low, high)

    def target(self) -> int | None:
        if "target" not in self.table:
            self.report("target", "is missing; expected a total such as target = 100")
            return None
        return self.whole_number("target", high=MAX_TARGET, default=None)

    def hold(self) -> float | None:
        """A timed exercise's ``duration``; None for ``"max"``, held as long as the lifter can."""
        value = self.table.get("duration")
        if value is None:
            self.report("duration", 'is missing; expected the length of each hold, such as duration = "30s", or '
                                    '"max" for as long as you can')
            return None
        if isinstance(value, str) and value.strip().lower() == "max":
            return None
        return self.seconds("duration", allow_zero=False, default=None, max_hold=True)

    def tempo(self) -> Tempo | None:
        if "tempo" not in self.table:
            return None
        value = self.table["tempo"]
        expected = ('write four parts down-bottom-up-top in seconds, such as "3-1-1-0" (X = explosive), or name '
                    'the phases: { down = 3, bottom = 1, up = 1, top = 0 }')
        if isinstance(value, dict):
            return self.tempo_phases(value)
        if not isinstance(value, str):
            self.report("tempo", f"is {_show(value)}, not a tempo; {expected}")
            return None
        try:
            return Tempo.parse(value)
        except ValueError as exc:
            self.report("tempo", f"{_show(value)} is not a tempo ({exc}); {expected}")
            return None

    def tempo_phases(self, table: Table) -> Tempo | None:
        """``tempo = { down = 3, bottom = 0, up = 2, top = 1 }``: seconds per named phase ("X" =
        explosive), a phase left out is 0 s."""
        at = self.at + ("tempo",)
        phases: dict[str, float | None] = {}
        fine = True
        for phase, value in table.items():
            if phase not in PHASES:
                self.problems.report(at + (phase,), f"is not a tempo phase; {did_you_mean(phase, PHASES)} (the "
                                                    "phases are down, bottom, up and top)")
                fine = False
            elif isinstance(value, str) and value.strip().upper() == "X":
                phases[phase] = None
            elif isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not 0 <= value <= MAX_PHASE_S:
                self.problems.report(at + (phase,), f"is {_show(value)}; expected seconds from 0 to "
                                                    f'{MAX_PHASE_S:g}, such as {phase} = 2, or "X" for explosive')
                fine = False
            else:
                phases[phase] = float(value)
        if not fine:
            return None
        try:
            return Tempo.of_phases(phases)
        except ValueError:
            self.problems.report(at, "has no phase longer than 0 s; expected seconds for at least one of down, "
                                     "bottom, up and top, such as { down = 3, up = 1 }")
            return None

    def starts(self) -> Literal["up", "down"]:
        value = self.table.get("starts", "up")
        if value not in ("up", "down"):
            self.report("starts", f'is {_show(value)}; expected "up" (rise first) or "down" (lower first)')
            return "up"
        return "up" if value == "up" else "down"

    def phase_words(self) -> dict[str, str]:
        """``[exercise.say]``: the words shown in each tempo phase."""
        if "say" not in self.table:
            return {}
        value = self.table["say"]
        if not isinstance(value, dict):
            self.report("say", f'is {_type_name(value)}; expected a table such as [exercise.say] with bottom = '
                               '"Pause at the bottom"')
            return {}
        words: dict[str, str] = {}
        for phase, text in value.items():
            if phase not in PHASES:
                self.problems.report(self.at + ("say", phase), f"is not a tempo phase; {did_you_mean(phase, PHASES)}")
            elif not isinstance(text, str) or not text.strip():
                self.problems.report(self.at + ("say", phase), f'is {_show(text)}; expected the words to show, such '
                                                               f'as {phase} = "..."')
            elif self.plain_text(("say", phase), text):
                words[phase] = text.strip()
        return words

    def rep_counting(self, tempo: Tempo | None) -> Count:
        """``count = "taps"`` (the default) or ``"tempo"``, which needs a tempo to count by."""
        value = self.table.get("count", "taps")
        chosen = next((c for c in COUNTS if c == value), None)
        if chosen is None:
            self.report("count", f'is {_show(value)}; expected "taps" (tap each rep) or "tempo" (every tempo cycle '
                                 "counts a rep by itself)")
            return "taps"
        if chosen == "tempo" and tempo is None and "tempo" not in self.table:
            self.report("count", '"tempo" counts a rep at the end of every tempo cycle, but this exercise has no '
                                 'tempo; add one such as tempo = { down = 2, up = 1, top = 1 }, or remove count')
        return chosen

    def weight(self) -> float | None:
        if "weight" not in self.table:
            return None
        value = self.table["weight"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_WEIGHT:
            self.report("weight", f"is {_show(value)}; expected a load from 0 to {MAX_WEIGHT} in your unit, such as "
                                  "weight = 20")
            return None
        return float(value)

    def transition(self) -> float:
        """The pause before a superset's next member: only in a group."""
        transition = self.seconds("transition", allow_zero=True, default=0.0)
        if "transition" in self.table and "group" not in self.table:
            self.report("transition", 'is the pause before the next member of a superset, but this exercise is in '
                                      'no group; add group = "A" (the same label on the exercises done together), '
                                      "or remove transition")
        return transition

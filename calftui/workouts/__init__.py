"""Workouts: the typed model, the TOML loader with every problem and its line, the catalog of
built-in and user workouts, tempo, the JSON Schema for editors and the starter file.

Other packages import from here only; the modules behind it are this package's own."""

from calftui.workouts.catalog import (
    Entry,
    discover,
    find,
    folders,
    looks_like_path,
    workout_named,
)
from calftui.workouts.loader import (
    check_file,
    parse_workout,
)
from calftui.workouts.model import (
    Count,
    Exercise,
    Workout,
)
from calftui.workouts.schema import (
    FILE_NAME,
    SCHEMA_ID,
    schema_text,
)
from calftui.workouts.starter import (
    slug,
    starter,
)
from calftui.workouts.tempo import (
    PhaseAt,
    TempoClock,
)

__all__ = [
    "FILE_NAME",
    "SCHEMA_ID",
    "Count",
    "Entry",
    "Exercise",
    "PhaseAt",
    "TempoClock",
    "Workout",
    "check_file",
    "discover",
    "find",
    "folders",
    "looks_like_path",
    "parse_workout",
    "schema_text",
    "slug",
    "starter",
    "workout_named",
]

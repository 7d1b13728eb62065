"""Workouts: the typed model, the TOML loader with every problem and its line, the catalog of
built-in and user workouts, tempo, the JSON Schema for editors and the starter file.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common import lazy_face

if TYPE_CHECKING:
    from calftui.workouts.catalog import (
        Entry as Entry,
        discover as discover_workouts,
        find as find_workout,
        folders as workout_folders,
        looks_like_path as looks_like_path,
        workout_named as workout_named,
    )
    from calftui.workouts.loader import (
        check_file as check_file,
        parse_workout as parse_workout,
    )
    from calftui.workouts.model import (
        Count as Count,
        Exercise as Exercise,
        Workout as Workout,
    )
    from calftui.workouts.schema import (
        FILE_NAME as FILE_NAME,
        SCHEMA_ID as SCHEMA_ID,
        schema_text as schema_text,
    )
    from calftui.workouts.starter import (
        slug as slug,
        starter as starter_file,
    )
    from calftui.workouts.tempo import (
        PhaseAt as PhaseAt,
        TempoClock as TempoClock,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "Entry": "catalog",
    "discover_workouts": "catalog.discover",
    "find_workout": "catalog.find",
    "looks_like_path": "catalog",
    "workout_folders": "catalog.folders",
    "workout_named": "catalog",
    "check_file": "loader",
    "parse_workout": "loader",
    "Count": "model",
    "Exercise": "model",
    "Workout": "model",
    "FILE_NAME": "schema",
    "SCHEMA_ID": "schema",
    "schema_text": "schema",
    "slug": "starter",
    "starter_file": "starter.starter",
    "PhaseAt": "tempo",
    "TempoClock": "tempo",
})

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
    "discover_workouts",
    "find_workout",
    "looks_like_path",
    "parse_workout",
    "schema_text",
    "slug",
    "starter_file",
    "workout_folders",
    "workout_named",
]

"""Finding workouts: the built-in ones, the user folder and any ``--workouts`` folder.

A later folder wins over an earlier one for the same file stem, so a user's
``death-set.toml`` replaces the built-in one. Broken files are kept in the catalog
with their problems, so the lifter sees them rather than wondering where they went.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from calftui import paths
from calftui.model import Workout
from calftui.workout_file import Problem, WorkoutError, load_workout


@dataclass(frozen=True)
class Entry:
    path: Path
    origin: str
    """``built-in``, ``user`` or the ``--workouts`` folder it came from."""
    workout: Workout | None
    problems: tuple[Problem, ...] = ()

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def name(self) -> str:
        return self.workout.name if self.workout else self.path.stem

    @property
    def ok(self) -> bool:
        return self.workout is not None


def load_entry(path: Path, origin: str) -> Entry:
    try:
        return Entry(path, origin, load_workout(path))
    except WorkoutError as exc:
        return Entry(path, origin, None, tuple(exc.problems))


def folders(extra: list[str] | tuple[str, ...] = ()) -> list[tuple[Path, str]]:
    """The folders searched, lowest priority first."""
    found = [(paths.builtin_workouts_dir(), "built-in"), (paths.user_workouts_dir(), "user")]
    found += [(Path(d).expanduser(), str(Path(d).expanduser())) for d in extra]
    return found


def discover(extra: list[str] | tuple[str, ...] = ()) -> list[Entry]:
    """Every workout, sorted by name; a later folder replaces an earlier one stem for stem."""
    by_stem: dict[str, Entry] = {}
    for folder, origin in folders(extra):
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            if path.is_file() or path.is_symlink():  # a dangling link is listed, with why it cannot be read
                by_stem[path.stem] = load_entry(path, origin)
    return sorted(by_stem.values(), key=lambda e: (e.name.casefold(), e.stem))


def looks_like_path(query: str) -> bool:
    return query.endswith(".toml") or os.sep in query or "/" in query


def find(query: str, extra: list[str] | tuple[str, ...] = ()) -> Entry | None:
    """A workout by path, file stem, or name (case-insensitive), in that order."""
    candidate = Path(query).expanduser()
    if looks_like_path(query) and candidate.exists():
        return load_entry(candidate, "path")
    entries = discover(extra)
    for entry in entries:
        if entry.stem == query:
            return entry
    folded = query.casefold().strip()
    for entry in entries:
        if entry.name.casefold() == folded or entry.stem.casefold() == folded:
            return entry
    return None


def workout_named(name: str, extra: list[str] | tuple[str, ...] = ()) -> Workout | None:
    """The valid workout of that name, when its file is still around (for what it prescribes:
    rep ranges for a suggestion, the tempo for the tempo kept)."""
    return next((e.workout for e in discover(extra) if e.workout is not None and e.workout.name == name), None)

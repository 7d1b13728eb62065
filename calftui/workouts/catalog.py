"""Finding workouts: the built-in ones, the user folder and any ``--workouts`` folder.

A later folder wins over an earlier one for the same file stem, so a user's
``death-set.toml`` replaces the built-in one. Broken files are kept in the catalog
with their problems, so the lifter sees them rather than wondering where they went.

What a list shows of a workout (its :class:`Card`) is kept in a cache between runs, keyed by
each file's identity, so the picker's first frame reads no workout file and imports no parser.
The workout itself is read from its file when it is used (:attr:`Entry.workout`).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import astuple, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calftui import __version__, paths

if TYPE_CHECKING:
    from calftui.workouts.loader import Problem
    from calftui.workouts.model import Workout


@dataclass(frozen=True)
class Card:
    """What lists show of one workout file, from the file as it was read; no model needed."""

    name: str
    """The workout's name, or the file stem when the file is not valid."""
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str = ""
    lines: tuple[str, ...] = ()
    """One line per exercise: ``• A1 Raise: 3 x 10 (warm-up)``."""
    schedule: str = ""
    source: str = ""
    problems: tuple[str, ...] = ()
    """Why the file is not valid, one line each (empty when it is)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def card_of(path: Path, workout: Workout | None, problems: tuple[Problem, ...] = ()) -> Card:
    if workout is None:
        return Card(path.stem, problems=tuple(str(p) for p in problems) or ("it is not valid",))
    lines = []
    for index, ex in enumerate(workout.exercises):
        place = workout.group_place(index)
        member = f"{place[0]}{place[1]} " if place else ""
        lines.append(f"• {member}{ex.name}: {ex.summary()}{' (warm-up)' if ex.warmup else ''}")
    return Card(workout.name, tuple(workout.kinds), tuple(workout.tags), workout.description, tuple(lines),
                workout.schedule or "", workout.source or "")


@dataclass(frozen=True, eq=False)
class Entry:
    path: Path
    origin: str
    """``built-in``, ``user`` or the ``--workouts`` folder it came from."""
    card: Card
    loaded: tuple[Workout | None, tuple[Problem, ...]] | None = field(default=None, repr=False)
    """The workout as read with the card, when it was (otherwise it is read on first use)."""

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def name(self) -> str:
        return self.card.name

    @property
    def ok(self) -> bool:
        """Whether the file was valid when the card was made (:attr:`workout` reads it as it is now)."""
        return self.card.ok

    @cached_property
    def _read(self) -> tuple[Workout | None, tuple[Problem, ...]]:
        return self.loaded if self.loaded is not None else _load(self.path)

    @property
    def workout(self) -> Workout | None:
        """The workout, read from its file on first use; None when the file is not valid (then see
        :attr:`problems`)."""
        return self._read[0]

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._read[1]


def _load(path: Path) -> tuple[Workout | None, tuple[Problem, ...]]:
    from calftui.workouts.loader import WorkoutError, load_workout

    try:
        return load_workout(path), ()
    except WorkoutError as exc:
        return None, tuple(exc.problems)


def load_entry(path: Path, origin: str) -> Entry:
    """An entry read from its file now (no cache)."""
    workout, problems = _load(path)
    return Entry(path, origin, card_of(path, workout, problems), (workout, problems))


def folders(extra: list[str] | tuple[str, ...] = ()) -> list[tuple[Path, str]]:
    """The folders searched, lowest priority first."""
    found = [(paths.builtin_workouts_dir(), "built-in"), (paths.user_workouts_dir(), "user")]
    found += [(Path(d).expanduser(), str(Path(d).expanduser())) for d in extra]
    return found


def discover(extra: list[str] | tuple[str, ...] = (), *, cached: bool = True) -> list[Entry]:
    """Every workout, sorted by name; a later folder replaces an earlier one stem for stem.

    Cards come from the cache for files unchanged since they were read (``cached=False`` reads
    every file)."""
    found: dict[str, tuple[Path, str]] = {}
    for folder, origin in folders(extra):
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            if path.is_file() or path.is_symlink():  # a dangling link is listed, with why it cannot be read
                found[path.stem] = (path, origin)
    if not cached:
        entries = [load_entry(path, origin) for path, origin in found.values()]
    else:
        cache = _Cache.read()
        entries = [cache.entry(path, origin) for path, origin in found.values()]
        cache.write()
    return sorted(entries, key=lambda e: (e.name.casefold(), e.stem))


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
    return next((e.workout for e in discover(extra)
                 if e.name == name and e.workout is not None and e.workout.name == name), None)


# --- the card cache ------------------------------------------------------------------------

CACHE_FORMAT = 1
CACHE_LIMIT = 4 << 20


def cache_path() -> Path:
    return paths.cache_dir() / "catalog.json"


def _code_identity() -> list[Any]:
    """Cards are made by calftui's own modules: a card made by other code (another release, or an
    edited checkout) is not used."""
    package = Path(__file__).parent
    try:
        with os.scandir(package) as found:
            stamps = sorted((e.name, e.stat().st_mtime_ns) for e in found if e.name.endswith(".py"))
    except OSError:
        stamps = []
    return [CACHE_FORMAT, __version__, str(package), max((s[1] for s in stamps), default=0), len(stamps)]


def _file_identity(path: Path) -> list[int] | None:
    from calftui.common import identity

    try:
        return identity(path.stat())
    except OSError:
        return None


SETTLED_NS = 2_000_000_000


def _settled(identity: list[int]) -> bool:
    """Whether the file was last changed long enough ago that another change would show in its
    identity: a second save within the same clock tick, at the same size, would not (as with Git's
    "racily clean" files), so a card is kept only for a file not changed in the last two seconds."""
    return time.time_ns() - max(identity[3], identity[4]) > SETTLED_NS


class _Cache:
    """``catalog.json``: {"code": [...], "cards": {path: [identity, card fields]}}. Anything
    unreadable, foreign or malformed in it is a miss, never an error."""

    def __init__(self, cards: dict[str, Any], code: list[Any]) -> None:
        self.old = cards
        self.new: dict[str, Any] = {}
        self.code = code

    @classmethod
    def read(cls) -> _Cache:
        import json

        code = _code_identity()
        from calftui.common import read_regular

        try:
            data = json.loads(read_regular(cache_path(), CACHE_LIMIT))  # too large: not JSON, so a miss
        except (OSError, ValueError, RecursionError):
            return cls({}, code)
        if not isinstance(data, dict) or data.get("code") != code or not isinstance(data.get("cards"), dict):
            return cls({}, code)
        return cls(data["cards"], code)

    def entry(self, path: Path, origin: str) -> Entry:
        identity = _file_identity(path)
        key = str(path)
        card = self._card(self.old.get(key), identity)
        if card is not None:
            self.new[key] = self.old[key]
            return Entry(path, origin, card)
        entry = load_entry(path, origin)
        if identity is not None and identity == _file_identity(path) and _settled(identity):
            self.new[key] = [identity, list(astuple(entry.card))]
        return entry

    @staticmethod
    def _card(stored: Any, identity: list[int] | None) -> Card | None:
        if identity is None or not isinstance(stored, list) or len(stored) != 2 or stored[0] != identity:
            return None
        fields = stored[1]
        if not isinstance(fields, list) or len(fields) != 8:
            return None
        name, kinds, tags, description, lines, schedule, source, problems = fields
        texts = [name, description, schedule, source]
        lists = [kinds, tags, lines, problems]
        if not all(isinstance(t, str) for t in texts) or not all(
                isinstance(x, list) and all(isinstance(t, str) for t in x) for x in lists):
            return None
        return Card(name, tuple(kinds), tuple(tags), description, tuple(lines), schedule, source, tuple(problems))

    def write(self) -> None:
        """Only when a card changed: a start with nothing new writes nothing."""
        if self.new == self.old:
            return
        import json

        from calftui.common import atomic_write

        data = json.dumps({"code": self.code, "cards": self.new})  # ASCII: any file name survives the trip
        with contextlib.suppress(OSError):  # a cache not kept costs the next start a read of the files
            atomic_write(cache_path(), data.encode("ascii"), durable=False)

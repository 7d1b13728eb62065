"""What goes into the engine and what comes out of it: events (a key, or a tick of the clock) with
the monotonic time they happened at, and cues (something the UI may turn into a sound)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

State = Literal["ready", "working", "resting", "done"]
RestKind = Literal["rest", "rest_pause", "switch", "transition"]
"""``transition``: the pause between members of a superset in one round (the next is then ready)."""
EventKind = Literal["start", "rep", "undo", "finish", "failure", "skip", "extend", "load", "pause", "resume", "tick",
                    "type", "untype", "skip_set", "skip_exercise", "switch_count", "take_load"]
"""``skip`` ends a running rest; ``skip_set`` and ``skip_exercise`` pass over work (``s`` and ``n``);
``type`` adds a digit (``arg``) to the rep count typed for the set in progress, ``untype`` drops it;
``switch_count`` turns counting by the tempo on or off for the exercise in hand (the set in
progress, and its sets to come); ``take_load`` makes the suggested load this set's."""
EVENTS: tuple[EventKind, ...] = get_args(EventKind)


@dataclass(frozen=True)
class Event:
    kind: EventKind
    at: float
    """The monotonic time it happened at."""
    arg: int = 0
    """+1 / -1 for ``extend`` and ``load``; the digit for ``type``."""


@dataclass(frozen=True)
class Cue:
    """Something the UI may turn into a sound: ``count`` (3, 2, 1), ``zero``, ``phase``,
    ``go``, ``rest``, ``switch``, ``done``, and ``rep`` (a rep counted by the tempo; ``value`` is
    the number now shown). ``at`` is the exact active time it belongs to."""

    kind: str
    at: float
    value: Any = None
    words: str = ""

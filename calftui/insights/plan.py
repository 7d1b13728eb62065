"""What the journal says before a workout starts: last time, the loads to start from, the next step.

Everything here is in the lifter's unit now: a load written in kilograms is converted (to a tenth,
as every screen shows it) when the lifter has switched to pounds, never relabelled; a suggested
new load is on the lifter's own load steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from calftui.common import in_unit, mmss
from calftui.insights import history
from calftui.journal import Journal, JournalError, LoggedSession, LoggedSet, scores
from calftui.workouts import Workout

RAMP = {1: (0.7,), 2: (0.6, 0.8), 3: (0.5, 0.7, 0.85), 4: (0.4, 0.55, 0.7, 0.85)}
"""Fractions of the working load for ramp-up sets, by how many there are."""


@dataclass(frozen=True)
class LastTime:
    """One exercise as it went the last time it was done (not skipped), in any workout."""

    when: datetime
    text: str
    """Each set's reps (or seconds), side and load: ``13 · 13 · 14 @ 22.5 kg``."""


@dataclass(frozen=True)
class Plan:
    """What the journal says about this workout before it starts."""

    suggestions: dict[str, history.Suggestion] = field(default_factory=dict)
    """Per exercise name: the next step from the last time, in the lifter's unit."""
    loads: dict[int, float] = field(default_factory=dict)
    """Per exercise index: the last load, in the lifter's unit, the default for the next set."""
    ramps: dict[int, list[float]] = field(default_factory=dict)
    """Per warm-up exercise index: each set's load, worked up towards the working load that follows."""
    last: dict[str, LastTime] = field(default_factory=dict)
    """Per exercise name: how it went last time."""


def plan(journal: Journal, workout: Workout, unit: str, step: float) -> Plan:
    """The plan from the last sessions of this workout and the last time each exercise was done; an
    empty one when the journal cannot be read."""
    try:
        recent = journal.recent(workout.name)
        last = journal.last_time(ex.name for ex in workout.exercises)
    except (JournalError, OSError):
        recent, last = [], {}
    return plan_from(recent, workout, unit, step, last)


def plan_from(recent: list[LoggedSession], workout: Workout, unit: str, step: float,
              last: dict[str, LoggedSession] | None = None) -> Plan:
    """The plan from ``recent`` sessions of ``workout`` (oldest first) and, per exercise, the last
    session it was done in (``last``; else the newest of ``recent`` that did it). Loads are in the
    lifter's unit by the rule every screen uses (:func:`calftui.common.units.in_unit`)."""
    suggestions = {s.exercise: s for s in history.suggest(recent, workout, step, unit)}
    loads = {index: in_unit(load, from_unit, unit) for index, (load, from_unit) in _last_loads(recent, workout).items()}
    times = {}
    for ex in workout.exercises:
        sources = [last[ex.name]] if last and ex.name in last else list(reversed(recent))
        for session in sources:
            sets = [s for s in session.sets if s.exercise == ex.name and not s.skipped]
            if sets:
                times[ex.name] = LastTime(session.started_at, last_text(sets, unit))
                break
    return Plan(suggestions, loads, _ramps(workout, suggestions, loads, step), times)


def _last_loads(recent: list[LoggedSession], workout: Workout) -> dict[int, tuple[float, str | None]]:
    """The load of each exercise's last loaded set (warm-ups too: their own last load), with its unit."""
    out: dict[int, tuple[float, str | None]] = {}
    for index, ex in enumerate(workout.exercises):
        for session in reversed(recent):
            loaded = [s for s in session.sets if s.exercise == ex.name and not s.skipped and s.weight is not None]
            if loaded and loaded[-1].weight is not None:
                out[index] = (loaded[-1].weight, loaded[-1].unit)
                break
    return out


def _ramps(workout: Workout, suggestions: dict[str, history.Suggestion], loads: dict[int, float],
           step: float) -> dict[int, list[float]]:
    """Ramp-up sets worked up to the working load of the exercise that follows them (the suggested
    load, else the last one, else the file's): 50 %, 70 %, 85 % of it for three sets."""
    out: dict[int, list[float]] = {}
    exercises = workout.exercises
    for index, ex in enumerate(exercises):
        if not ex.warmup or ex.kind == "timed":
            continue
        working = next((j for j in range(index + 1, len(exercises)) if not exercises[j].warmup), None)
        if working is None:
            continue
        target = exercises[working]
        suggested = suggestions.get(target.name)
        load = suggested.load if suggested is not None and suggested.load is not None else loads.get(working,
                                                                                                     target.weight)
        if not load:
            continue
        fractions = RAMP.get(ex.sets) or tuple(0.5 + 0.35 * k / max(1, ex.sets - 1) for k in range(ex.sets))
        out[index] = [max(0.0, history.round_step(load * f, step)) for f in fractions]
    return out


def last_text(sets: list[LoggedSet], unit: str) -> str:
    """How an exercise went, as the ready screen shows it: ``13 · 13 · 14 @ 22.5 kg``; a death set
    ``2:35, 4 mini-sets (27 · 25 · 25 · 23) @ 20 kg``."""
    from calftui.insights.compare import sets_text

    each = sets_text(sets, unit)
    found = scores(sets)
    if not found:
        return each
    times = "; ".join(f"{mmss(score.seconds)}{'' if score.reached else ' (unfinished)'}" for score in found)
    minis = sum(score.mini_sets for score in found)
    return f"{times}, {minis} mini-set{'s' if minis != 1 else ''} ({each})"

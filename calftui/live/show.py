"""``calftui show WORKOUT``: a workout as calftui reads it, to check a file against what was meant.

Every exercise with its sets, reps, load (in the lifter's unit, a load written against a lift
worked out from the profile), rests, tempo in words and how its reps are counted; supersets as
their rounds. Plain text, a line per fact, so it reads in a terminal and greps well.
"""

from __future__ import annotations

from calftui.common import Settings, actual_load, human
from calftui.live.engine import SWITCH_S
from calftui.workouts import Exercise, Workout

INDENT = "   "


def describe(workout: Workout, settings: Settings, origin: str = "") -> list[str]:
    """The lines ``show`` prints."""
    lines = [workout.name + (f"  ({origin})" if origin else "")]
    if workout.description:
        lines.extend(workout.description.splitlines())
    for label, value in (("schedule", workout.schedule), ("source", workout.source)):
        if value:
            lines.append(f"{label}: {value}")
    seen_groups: set[str] = set()
    for index, ex in enumerate(workout.exercises):
        if ex.group is not None and ex.group not in seen_groups:
            seen_groups.add(ex.group)
            lines += ["", _group_line(workout, index)]
        lines += ["", _title(workout, index), *(INDENT + line for line in _details(workout, index, settings))]
    return lines


def _title(workout: Workout, index: int) -> str:
    ex = workout.exercises[index]
    place = workout.group_place(index)
    label = f"{place[0]}{place[1]}" if place is not None else str(index + 1)
    kind = {"reps": "", "target": ", target", "timed": ", timed"}[ex.kind]
    marks = [m for m, on in (("warm-up", ex.warmup), ("per side", ex.per_side), ("hold for max", ex.open_ended)) if on]
    return f"{label}. {ex.name}{kind}" + (f" ({', '.join(marks)})" if marks else "")


def _group_line(workout: Workout, index: int) -> str:
    members = workout.members(index)
    label, _, rounds = workout.group_place(index) or ("", 0, 0)
    kind = "superset" if len(members) == 2 else "circuit"
    names = ", then ".join(f"{label}{n + 1} {workout.exercises[m].name}" for n, m in enumerate(members))
    last = workout.exercises[members[-1]]
    return (f"{kind} {label}, {rounds} round{'s' if rounds != 1 else ''}: {names}; "
            f"rest {human(last.rest)} after each round")


def _details(workout: Workout, index: int, settings: Settings) -> list[str]:
    ex = workout.exercises[index]
    out = [_work(ex)]
    out += _load(ex, settings)
    rests = _rests(workout, index)
    if rests:
        out.append(rests)
    if ex.tempo is not None:
        start = "rise" if ex.starts == "up" else "lower"
        out.append(f"tempo {ex.tempo}: {ex.tempo.words()}; each rep starts with the {start}")
        said = [f'{phase} "{words}"' for phase, words in ex.say.items()]
        if said:
            out.append("says: " + ", ".join(said))
        if ex.count == "tempo":
            out.append(f"counted by the tempo: every {ex.tempo.cycle:g} s cycle is a rep, a key only ends the set")
    if ex.cues:
        out.append("cues: " + " · ".join(ex.cues))
    if ex.notes:
        out.extend(f"notes: {line}" if n == 0 else f"       {line}" for n, line in enumerate(ex.notes.splitlines()))
    return out


def _work(ex: Exercise) -> str:
    side = ", each side" if ex.per_side else ""
    if ex.kind == "target":
        return f"{ex.target} reps in total, in mini-sets to failure{side}; rest-pause {human(ex.rest_pause)}"
    sets = f"{ex.sets} set{'s' if ex.sets != 1 else ''}" if ex.kind == "reps" else \
        f"{ex.sets} round{'s' if ex.sets != 1 else ''}"
    if ex.kind == "timed":
        hold = "hold as long as you can" if ex.duration is None else f"hold {human(ex.duration)}"
        return f"{sets}: {hold}{side}"
    reps = "as many reps as you can" if ex.reps is None or ex.reps.amrap else f"{ex.reps} reps"
    return f"{sets} x {reps}{side}"


def _load(ex: Exercise, settings: Settings) -> list[str]:
    out = []
    if ex.weight is not None:
        out.append(f"load {ex.weight:g} {settings.unit}")
    if ex.load:
        actual = actual_load(ex.load, settings)
        out.append(f"load: {ex.load}" + (f" = {actual}" if actual else ""))
    return out


def _rests(workout: Workout, index: int) -> str:
    """The pauses after this exercise's work ("" when there are none: the last, a single set)."""
    ex = workout.exercises[index]
    if ex.group is not None:
        members = workout.members(index)
        if index != members[-1]:
            return f"then {human(ex.transition)} before the next member" if ex.transition else \
                "then straight on to the next member"
        return f"rest {human(ex.rest)} after each round" + (
            f", {human(ex.rest_after)} before the next exercise" if ex.rest_after != ex.rest else "")
    parts = []
    if ex.kind != "target" and ex.sets > 1:
        parts.append(f"rest {human(ex.rest)} between {'rounds' if ex.kind == 'timed' else 'sets'}")
    if index < len(workout.exercises) - 1:
        parts.append(f"{human(ex.rest_after)} before the next exercise")
    if ex.per_side:
        parts.append(f"{SWITCH_S:g} s to change sides")
    return "; ".join(parts)

"""What the screen shows of a session at one moment (:class:`View`, built by :func:`view_of`): the
set in hand and what follows it in words, the clocks, and the estimates (how long the rest takes,
when the screen next changes). Everything here reads the engine's state and changes nothing."""

from __future__ import annotations

import math
from dataclasses import dataclass

from calftui.journal import target_seconds
from calftui.live.engine.events import RestKind, State
from calftui.live.engine.records import SetRecord
from calftui.live.engine.transitions import Transitions
from calftui.workouts import Count, Exercise, PhaseAt


@dataclass(frozen=True)
class View:
    """What the screen shows at one moment; computed, never stored."""

    state: State
    paused: bool
    rest_kind: RestKind | None
    exercise: Exercise
    exercise_index: int
    exercise_count: int
    set_number: int
    set_count: int
    side: str
    reps: int
    total: int
    mini_set: int
    score: float | None
    elapsed: float
    remaining: float | None
    countdown: float | None
    weight: float | None
    unit: str
    tempo: PhaseAt | None
    next_up: str
    """The set in hand (during a rest: the one coming)."""
    then: str | None
    """What follows the set in hand: ``set 2 of 3, right`` or ``Bosu raise: 3 x 12-15``; None after the last."""
    slots_done: int
    slot_count: int
    typed: str | None
    """The rep count being typed for this set."""
    so_far: float
    """Active time since the session began (pauses left out)."""
    left: float
    """An estimate of the active time the rest of the session takes."""
    group: tuple[str, int, int] | None = None
    """In a superset: its label, this member's place (1 for the first) and the rounds: ``("A", 2, 3)``."""
    round_plan: str | None = None
    """During the rest before a round: the whole round, ``round 2 of 3: A1 Standing calf raise: 12-15 reps · …``."""
    counting: Count | None = None
    """How the exercise in hand counts its reps now; None when it has no tempo (then it is by taps, always)."""
    suggested: float | None = None
    """The load suggested for the exercise in hand (in the engine's unit), if any."""


def view_of(engine: Transitions, now: float) -> View:
    """The screen of ``engine`` at monotonic ``now``."""
    c = engine.core
    t = engine.active(now)
    slot = engine.slots[min(c.slot, len(engine.slots) - 1)]
    ex = engine.workout.exercises[slot.exercise]
    working = c.state == "working"
    counting_down = c.state == "resting" or (working and ex.counts_down)
    clock = engine.plan.clock(slot.exercise) if working else None
    place = engine.workout.group_place(slot.exercise)
    return View(
        state=c.state,
        paused=engine.paused,
        rest_kind=c.rest_kind,
        exercise=ex,
        exercise_index=slot.exercise,
        exercise_count=len(engine.workout.exercises),
        set_number=c.mini if ex.kind == "target" else slot.number,
        set_count=1 if ex.kind == "target" else ex.sets,
        side=slot.side,
        reps=len(c.taps) if working else 0,
        total=engine.reps_on_side() if ex.kind == "target" else 0,
        mini_set=c.mini,
        score=score(engine, slot.exercise, slot.side, t) if ex.kind == "target" else None,
        elapsed=t - c.work_start if working else 0.0,
        remaining=max(0.0, c.deadline - t) if counting_down else None,
        countdown=c.deadline - c.countdown_start if counting_down else None,
        weight=c.weights.get(slot.exercise) if ex.kind != "timed" else None,
        unit=engine.unit,
        tempo=clock.at(t - c.work_start) if clock else None,
        next_up=_next_up(engine),
        then=_then(engine),
        slots_done=c.slot + (1 if c.state == "done" else 0),
        slot_count=len(engine.slots),
        typed=c.typed if working else None,
        so_far=t,
        left=estimate_left(engine, t),
        group=place,
        round_plan=_round_plan(engine),
        counting=engine.counting_of(slot.exercise) if ex.tempo is not None else None,
        suggested=c.suggested.get(slot.exercise) if ex.kind != "timed" else None,
    )


def score(engine: Transitions, exercise_index: int, side: str, t: float | None = None) -> float | None:
    """A target exercise's score: from its first mini-set's start to its last mini-set's end (with
    active time ``t``, the mini-set or rest-pause running now counts up to ``t``)."""
    c = engine.core
    minis = [r for r in c.records if r.exercise_index == exercise_index and r.side == side]
    live = t is not None and c.state in ("working", "resting") and engine.slots[c.slot].exercise == exercise_index \
        and engine.slots[c.slot].side == side and c.rest_kind in (None, "rest_pause")
    if not minis and not live:
        return None
    total = target_seconds(minis)
    if live and t is not None:
        if c.state == "working":
            total += (t - c.work_start) + (c.rest_before if minis else 0.0)
        else:
            total += t - c.countdown_start
    return total


# --- the words ---------------------------------------------------------------------------

def _next_up(engine: Transitions) -> str:
    c = engine.core
    if c.state == "done":
        return "Done"
    slot = engine.slots[c.slot]
    ex = engine.workout.exercises[slot.exercise]
    side = f", {slot.side}" if slot.side != "both" else ""
    if c.rest_kind == "rest_pause":
        return f"{ex.name}: mini-set {c.mini}, {engine.reps_on_side()} of {ex.target}"
    if ex.kind == "target":
        return f"{ex.name}: {ex.target} total{side}"
    place = engine.workout.group_place(slot.exercise)
    if place is not None:
        return f"{place[0]}{place[1]} {ex.name}: round {slot.number} of {place[2]}{side}, {ex.goal_text()}"
    return f"{ex.name}: set {slot.number} of {ex.sets}{side}, {ex.goal_text()}"


def _then(engine: Transitions) -> str | None:
    c = engine.core
    if c.state == "done":
        return None
    following = engine.following(c.slot)
    if following is None:
        return None
    here, there = engine.slots[c.slot], engine.slots[following]
    ex = engine.workout.exercises[there.exercise]
    side = f", {there.side}" if there.side != "both" else ""
    if there.exercise == here.exercise and there.number == here.number:
        return f"{there.side} side"
    place = engine.workout.group_place(there.exercise)
    if place is not None and ex.group == engine.workout.exercises[here.exercise].group:
        return f"{place[0]}{place[1]} {ex.name}, round {there.number} of {place[2]}{side}"
    if there.exercise == here.exercise:
        return f"set {there.number} of {ex.sets}{side}"
    return f"{ex.name}: {ex.summary()}"


def _round_plan(engine: Transitions) -> str | None:
    """During the rest before a group's round: every member of that round, in order."""
    c = engine.core
    if c.state != "resting" or c.rest_kind != "rest":
        return None
    slots, workout = engine.slots, engine.workout
    slot = slots[c.slot]
    place = workout.group_place(slot.exercise)
    if place is None or (c.slot > 0 and slots[c.slot - 1].number == slot.number
                         and workout.exercises[slots[c.slot - 1].exercise].group == place[0]):
        return None  # not the first set of a round
    members = dict.fromkeys(s.exercise for i, s in enumerate(slots) if s.number == slot.number
                            and i not in c.passed and workout.exercises[s.exercise].group == place[0])
    parts = []
    for index in members:
        ex = workout.exercises[index]
        _, position, _ = workout.group_place(index) or place
        side = " per side" if ex.per_side else ""
        parts.append(f"{place[0]}{position} {ex.name}: {ex.goal_text()}{side}")
    return f"round {slot.number} of {place[2]}: " + "  ·  ".join(parts)


# --- the estimates -----------------------------------------------------------------------

FASTEST_REP_S = 1.0
"""No estimate counts a rep as quicker than this: a set tapped through in two seconds is no pace."""


def _seconds_per_rep(engine: Transitions, index: int) -> float:
    """How long a rep of exercise ``index`` takes this lifter today: from its own sets done, else by
    its tempo, else from today's other sets, else 2.5 s (a toe raise's pace is not a tempo's)."""
    done = [r for r in engine.core.records if r.kind != "timed" and (r.reps or 0) >= 2 and not r.skipped]
    own = [r for r in done if r.exercise_index == index]
    tempo = engine.workout.exercises[index].tempo
    if own:
        pace = _pace(own)
    elif tempo is not None:
        pace = tempo.cycle
    else:
        pace = _pace(done) if done else 2.5
    return max(pace, FASTEST_REP_S)


def _pace(sets: list[SetRecord]) -> float:
    return sum(r.duration_s for r in sets) / sum(r.reps or 0 for r in sets)


def _work_estimate(engine: Transitions, index: int) -> float:
    """How long the work of slot ``index`` takes."""
    exercise = engine.slots[index].exercise
    ex = engine.workout.exercises[exercise]
    per_rep = _seconds_per_rep(engine, exercise)
    if ex.kind == "timed":
        if ex.duration is None:  # held as long as the lifter can: as long as the longest so far, else a minute
            held = [r.duration_s for r in engine.core.records if r.exercise_index == exercise]
            return max(held, default=60.0)
        return ex.duration
    if ex.kind == "target":
        target = ex.target or 0
        return target * per_rep + max(0.0, target / 25 - 1) * ex.rest_pause
    return (ex.reps.high if ex.reps is not None and ex.reps.high is not None else 15) * per_rep


def estimate_left(engine: Transitions, t: float) -> float:
    """An estimate of what is left at active time ``t``: the set in hand, then every set and rest to come."""
    c = engine.core
    if c.state == "done":
        return 0.0
    left = 0.0
    if c.state == "resting":
        left += max(0.0, c.deadline - t)
    if c.state == "working":
        if engine.exercise_in_hand.counts_down:
            left += max(0.0, c.deadline - t)
        else:
            left += max(0.0, _work_estimate(engine, c.slot) - (t - c.work_start))
    else:
        left += _work_estimate(engine, c.slot)
    before = c.slot
    following = engine.following(before)
    while following is not None:
        left += engine.plan.rest_between(before, following)[1] + _work_estimate(engine, following)
        before, following = following, engine.following(following)
    return left


def next_wakeup(engine: Transitions, now: float, *, tempo_step: float = 0.1) -> float | None:
    """The monotonic time at which the screen next changes or a cue is due; ``None`` when
    nothing will change by itself (ready, done, paused). The UI sleeps until then."""
    c = engine.core
    if engine.paused or c.state in ("ready", "done"):
        return None
    t = engine.active(now)
    counting_down = c.state == "resting" or engine.exercise_in_hand.counts_down
    if counting_down:
        remaining = c.deadline - t
        whole = math.ceil(remaining - 1e-9)
        due = c.deadline - max(0, whole - 1)
    else:
        elapsed = t - c.work_start
        due = c.work_start + math.floor(elapsed + 1e-9) + 1
        clock = engine.plan.clock(engine.slots[c.slot].exercise)
        if clock:  # the tempo bar moves smoothly; phase changes land exactly
            phase = clock.at(elapsed)
            due = min(due, t + min(tempo_step, phase.remaining) if phase.remaining > 1e-9 else t + tempo_step)
    return due + c.paused_total

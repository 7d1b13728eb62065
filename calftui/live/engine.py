"""The session as a pure state machine.

The UI sends events (start, rep, undo, finish, failure, skip, extend, load, pause, resume,
tick) with the monotonic time they happened at; the engine returns cue events (countdown
beeps, tempo phase changes, "go", "rest") and answers :meth:`Engine.view` with everything
the screen needs. It never reads a clock and never sleeps.

Time inside the engine is *active time*: the monotonic clock minus every paused stretch.
Deadlines live in active time, so pausing freezes every countdown without moving anything,
and paused time never counts as work or rest. Countdowns end exactly at their deadline:
when a tick arrives late, the next set still starts at the deadline, not at the tick.

Per side: each set is done left, then right, with a :data:`SWITCH_S` countdown between
the sides, after which the right side starts by itself (hands are busy holding a stretch
or a dumbbell). Enter skips the switch; a rep tapped during it starts the side at once.

Counting by the tempo (``count = "tempo"``, or ``switch_count`` during a session): the end of
every tempo cycle is a rep, as if tapped at that moment, so a set needs a key only to end. The
cycle in progress when the set ends is not counted.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, get_args

from calftui.common import HEAVIEST, MOST_REPS, fields_of
from calftui.journal import LoggedSet, target_seconds
from calftui.workouts import Count, Exercise, PhaseAt, TempoClock, Workout


class Keep:
    """An edit that leaves a value as it is (``None`` means "none", so it cannot mean that)."""


KEEP = Keep()

SWITCH_S = 5.0
"""Seconds to change sides in a per-side set."""
UNWATCHED_S = 60.0
"""A set counted by the tempo that had no event for this long was not on a screen (the machine
asleep, the process stopped; a set redraws many times a second): its cycles then count no rep."""
COUNTDOWN_BEEPS = (3, 2, 1)

State = Literal["ready", "working", "resting", "done"]
RestKind = Literal["rest", "rest_pause", "switch", "transition"]
"""``transition``: the pause between members of a superset in one round (the next is then ready)."""
EventKind = Literal["start", "rep", "undo", "finish", "failure", "skip", "extend", "load", "pause", "resume", "tick",
                    "type", "untype", "skip_set", "skip_exercise", "switch_count", "take_load"]
"""``skip`` ends a running rest; ``skip_set`` and ``skip_exercise`` pass over work (``s`` and ``n``);
``type`` adds a digit (``arg``) to the rep count typed for the set in progress, ``untype`` drops it;
``switch_count`` turns counting by the tempo on or off for the exercise in hand (the set in
progress, and its sets to come); ``take_load`` makes the suggested load this set's."""
TYPED_DIGITS = 4
"""A typed rep count has at most this many digits."""
EVENTS: tuple[EventKind, ...] = get_args(EventKind)


@dataclass(frozen=True)
class Cue:
    """Something the UI may turn into a sound: ``count`` (3, 2, 1), ``zero``, ``phase``,
    ``go``, ``rest``, ``switch``, ``done``, and ``rep`` (a rep counted by the tempo; ``value`` is
    the number now shown). ``at`` is the exact active time it belongs to."""

    kind: str
    at: float
    value: Any = None
    words: str = ""


@dataclass(frozen=True)
class Event:
    kind: EventKind
    at: float
    """The monotonic time it happened at."""
    arg: int = 0
    """+1 / -1 for ``extend`` and ``load``."""


@dataclass
class SetRecord:
    """One set or mini-set, as the journal writes it."""

    exercise: str
    kind: str
    set: int
    side: str
    reps: int | None
    target_reps: int | None
    duration_s: float
    rest_before_s: float
    failure: bool
    warmup: bool
    weight: float | None
    unit: str | None
    rep_at_s: list[float] | None
    exercise_index: int = 0
    skipped: bool = False
    """Passed over (``s`` or ``n``): written, never counted for records, baselines or suggestions."""
    reps_typed: bool = False
    """The rep count was typed during the set; ``rep_at_s`` then holds only the taps there were."""
    reps_edited: bool = False
    """The rep count was corrected after the set (``e``)."""
    rpe: float | None = None
    note: str | None = None
    planned_s: float | None = None
    """A timed set's planned length."""
    rest_planned_s: float | None = None
    """The countdown that applied before this set (with any + or - the lifter gave it)."""
    group: str | None = None
    round: int | None = None
    count: str | None = None
    """``"tempo"``: reps were counted by the tempo's cycles (``rep_at_s`` holds the cycle ends)."""

    def journal(self) -> LoggedSet:
        """The set as the journal holds it."""
        fields = {k: v for k, v in asdict(self).items() if k != "exercise_index"}
        fields["rep_at_s"] = tuple(self.rep_at_s or ())
        return LoggedSet(**fields)


@dataclass(frozen=True)
class Slot:
    """One set of one exercise on one side; a target exercise has one slot per side."""

    exercise: int
    number: int
    side: str


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


def build_slots(workout: Workout) -> list[Slot]:
    """Every set in the order it is done: an exercise's sets one after another (each side in
    turn), and a group's in rounds: one set of each member, in file order, per round."""
    slots: list[Slot] = []
    exercises = workout.exercises
    index = 0
    while index < len(exercises):
        members = workout.members(index)  # a target exercise is never in a group, and has one set per side
        for number in range(1, max(exercises[i].sets for i in members) + 1):
            for member in members:
                if number <= exercises[member].sets:
                    slots.extend(Slot(member, number, side) for side in exercises[member].sides)
        index = members[-1] + 1
    return slots


@dataclass
class _Core:
    """The engine's whole state as plain data: this is what a checkpoint holds."""

    state: State = "ready"
    slot: int = 0
    rest_kind: RestKind | None = None
    countdown_start: float = 0.0
    deadline: float = 0.0
    work_start: float = 0.0
    last_set_end: float | None = None
    rest_before: float = 0.0
    mini: int = 1
    taps: list[float] = field(default_factory=list)
    records: list[SetRecord] = field(default_factory=list)
    weights: dict[int, float | None] = field(default_factory=dict)
    ramps: dict[int, list[float]] = field(default_factory=dict)
    """Per warm-up exercise, the planned load of each of its sets (from the working load)."""
    passed: list[int] = field(default_factory=list)
    """Slots passed over ahead of time (the rest of an exercise skipped); already written as skipped."""
    paused_total: float = 0.0
    paused_since: float | None = None
    last_t: float = 0.0
    typed: str | None = None
    """Digits typed for the set in progress (replaces the tapped count when the set ends)."""
    rest_planned: float | None = None
    """The countdown of the rest now running, or of the last one before the set now ready."""
    set_rest_planned: float | None = None
    """The countdown that applied before the set now working."""
    counting: dict[int, Count] = field(default_factory=dict)
    """Per exercise, how its reps are counted when the lifter switched it (else as its file says)."""
    cycled: bool = False
    """A tempo cycle counted a rep of the set in progress."""
    suggested: dict[int, float] = field(default_factory=dict)
    """Per exercise, the load suggested from the last time (what ``take_load`` sets)."""


class Engine:
    def __init__(self, workout: Workout, now: float, *, unit: str = "kg", load_step: float = 2.5,
                 rest_step: float = 15.0, weights: dict[int, float | None] | None = None,
                 ramps: dict[int, list[float]] | None = None, suggested: dict[int, float] | None = None):
        self.workout = workout
        self.slots = build_slots(workout)
        self.unit = unit
        self.load_step = load_step
        self.rest_step = rest_step
        self.core = _Core(paused_total=now, last_t=0.0)
        self.core.weights = {i: ex.weight for i, ex in enumerate(workout.exercises)}
        self.core.weights.update(weights or {})
        self.core.ramps = dict(ramps or {})
        self.core.suggested = dict(suggested or {})
        self._clocks: dict[int, TempoClock | None] = {}
        self._handlers: dict[EventKind, Callable[[float, int], list[Cue]]] = {
            "start": self._on_start, "rep": self._on_rep, "undo": self._on_undo, "finish": self._on_finish,
            "failure": self._on_failure, "skip": self._on_skip, "extend": self._on_extend, "load": self._on_load,
            "pause": self._on_pause, "resume": self._on_resume, "tick": self._on_tick,
            "type": self._on_type, "untype": self._on_untype, "skip_set": self._on_skip_set,
            "skip_exercise": self._on_skip_exercise, "switch_count": self._on_switch_count,
            "take_load": self._on_take_load,
        }
        if self.slots:
            self._enter(0)
        self.revision = 0
        """Goes up whenever something worth keeping changed (a rep, a set, a load, a pause, a rest
        length): what a checkpoint compares, so a countdown's ticks never cause a write."""
        self._signature = self._state_signature()

    def take_loads(self, weights: dict[int, float | None], ramps: dict[int, list[float]],
                   suggested: dict[int, float] | None = None) -> None:
        """Loads the journal gave after the session began (it was still being read): for every
        exercise not begun yet, its default load and ramp-up; the exercise in hand too while its
        set is ready and its load untouched."""
        c = self.core
        begun = {r.exercise_index for r in c.records}
        if c.state != "done":
            slot = self.slots[c.slot]
            untouched = c.weights.get(slot.exercise) == self.workout.exercises[slot.exercise].weight
            if c.state != "ready" or not untouched:
                begun.add(slot.exercise)
        c.weights.update((i, load) for i, load in weights.items() if i not in begun)
        c.ramps.update((i, loads) for i, loads in ramps.items() if i not in begun)
        c.suggested.update(suggested or {})
        if c.state == "ready" and c.slot < len(self.slots):
            self._enter(c.slot)  # the set in hand takes its ramp-up load
        self.revision += 1

    # --- time -------------------------------------------------------------------------

    def active(self, now: float) -> float:
        """Monotonic ``now`` as active time: paused stretches taken out."""
        c = self.core
        if c.paused_since is not None:
            now = c.paused_since
        return max(c.last_t, now - c.paused_total)

    # --- events -----------------------------------------------------------------------

    def apply(self, event: Event) -> list[Cue]:
        """One event at its moment; the cues it caused, in order."""
        cues = self._handlers[event.kind](event.at, event.arg)
        signature = self._state_signature()
        if signature != self._signature:
            self._signature = signature
            self.revision += 1
        return cues

    def _state_signature(self) -> tuple[object, ...]:
        c = self.core
        return (c.state, c.slot, c.mini, len(c.records), len(c.taps), c.rest_kind, tuple(c.weights.items()),
                c.paused_since is not None, c.deadline, c.typed, tuple(c.counting.items()))

    def start(self, now: float) -> list[Cue]:
        return self.apply(Event("start", now))

    def rep(self, now: float) -> list[Cue]:
        return self.apply(Event("rep", now))

    def undo(self, now: float) -> list[Cue]:
        return self.apply(Event("undo", now))

    def finish(self, now: float) -> list[Cue]:
        return self.apply(Event("finish", now))

    def failure(self, now: float) -> list[Cue]:
        return self.apply(Event("failure", now))

    def skip(self, now: float) -> list[Cue]:
        return self.apply(Event("skip", now))

    def extend(self, now: float, sign: int) -> list[Cue]:
        return self.apply(Event("extend", now, sign))

    def load(self, now: float, sign: int) -> list[Cue]:
        return self.apply(Event("load", now, sign))

    def pause(self, now: float) -> list[Cue]:
        return self.apply(Event("pause", now))

    def resume(self, now: float) -> list[Cue]:
        return self.apply(Event("resume", now))

    def tick(self, now: float) -> list[Cue]:
        return self.apply(Event("tick", now))

    def toggle_pause(self, now: float) -> list[Cue]:
        return self.resume(now) if self.paused else self.pause(now)

    def _on_tick(self, now: float, _: int) -> list[Cue]:
        return self._advance(self.active(now))

    def _on_pause(self, now: float, _: int) -> list[Cue]:
        cues = self._advance(self.active(now))
        if self.core.state != "done" and self.core.paused_since is None:
            self.core.paused_since = now
        return cues

    def _on_resume(self, now: float, _: int) -> list[Cue]:
        c = self.core
        if c.paused_since is not None:
            c.paused_total += max(0.0, now - c.paused_since)
            c.paused_since = None
        return []

    def _on_start(self, now: float, _: int) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        if self.core.state == "ready" and not self.paused:
            cues += self._begin_work(t)
        return cues

    def _on_rep(self, now: float, _: int) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        c = self.core
        if self.paused or c.state == "done":
            return cues
        if c.state in ("ready", "resting"):
            # A tap before the set was started starts it: a burst of taps is never lost. A timed
            # set counts no reps, but a tap starts the hold (hands are busy: the nearest key is fine).
            if c.state == "resting":
                cues += self._end_rest(t)
            if c.state == "ready":
                cues += self._begin_work(t)
            if self._exercise.kind == "timed":
                return cues
        if c.state != "working" or self._exercise.kind == "timed" or len(c.taps) >= MOST_REPS:
            return cues  # (a set of more reps than that is a key stuck down, not a set)
        if self._by_tempo():
            return cues  # counting by the tempo: a tap starts the set, the cycles count
        c.taps.append(t - c.work_start)
        ex = self._exercise
        if ex.kind == "target" and self._total() >= (ex.target or 0):
            cues += self._end_work(t, failure=False)
        return cues

    def _on_undo(self, now: float, _: int) -> list[Cue]:
        """Backspace: the last typed digit while a count is being typed, else the last rep."""
        cues = self._advance(self.active(now))
        c = self.core
        if c.state != "working":
            return cues
        if c.typed is not None:
            c.typed = c.typed[:-1] or None
        elif c.taps:
            c.taps.pop()
        return cues

    def _on_type(self, now: float, digit: int) -> list[Cue]:
        cues = self._advance(self.active(now))
        c = self.core
        if c.state == "working" and self._exercise.kind != "timed" and not self.paused and 0 <= digit <= 9:
            typed = (c.typed or "") + str(digit)
            c.typed = typed.lstrip("0")[-TYPED_DIGITS:] or "0"
        return cues

    def _on_untype(self, now: float, _: int) -> list[Cue]:
        cues = self._advance(self.active(now))
        self.core.typed = None
        return cues

    def _on_switch_count(self, now: float, _: int) -> list[Cue]:
        """Counting by the tempo on or off for the exercise in hand: from the next cycle end of the set
        in progress, and for the sets to come. An exercise without a tempo is counted by taps."""
        cues = self._advance(self.active(now))
        c = self.core
        if c.state == "done" or self.paused:
            return cues
        index = self.slots[c.slot].exercise
        if self.workout.exercises[index].tempo is None:
            return cues
        c.counting[index] = "taps" if self.counting_of(index) == "tempo" else "tempo"
        return cues

    def counting_of(self, index: int) -> Count:
        """How exercise ``index`` counts its reps now: as switched in this session, else as its file says."""
        return self.core.counting.get(index, self.workout.exercises[index].count)

    def _by_tempo(self) -> bool:
        """The set in hand is counted by the tempo's cycles."""
        index = self.slots[min(self.core.slot, len(self.slots) - 1)].exercise
        return self.workout.exercises[index].tempo is not None and self.counting_of(index) == "tempo"

    def _on_skip_set(self, now: float, _: int) -> list[Cue]:
        """``s``: pass over the set now ready or working (or, during a rest, the one coming)."""
        return self._pass_over(now, whole_exercise=False)

    def _on_skip_exercise(self, now: float, _: int) -> list[Cue]:
        """``n``: pass over every set left of this exercise; the next exercise is ready."""
        return self._pass_over(now, whole_exercise=True)

    def _pass_over(self, now: float, *, whole_exercise: bool) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        if self.paused or self.core.state == "done":
            return cues
        return cues + self._skip(t, whole_exercise=whole_exercise)

    def _on_finish(self, now: float, _: int) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        state = self.core.state
        if self.paused or state == "done":
            return cues
        if state == "ready":
            return cues + self._begin_work(t)
        if state == "working":
            return cues + self._end_work(t, failure=False)
        return cues + self._end_rest(t)

    def _on_skip(self, now: float, _: int) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        if self.core.state == "resting" and not self.paused:
            cues += self._end_rest(t)
        return cues

    def _on_failure(self, now: float, _: int) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        if self.core.state == "working" and not self.paused:
            cues += self._end_work(t, failure=True)
        return cues

    def _on_extend(self, now: float, sign: int) -> list[Cue]:
        t = self.active(now)
        cues = self._advance(t)
        c = self.core
        if c.state == "resting":
            c.deadline = max(t, c.deadline + (1 if sign >= 0 else -1) * self.rest_step)
            c.rest_planned = c.deadline - c.countdown_start
            cues += self._advance(t)
        return cues

    def _on_load(self, now: float, sign: int) -> list[Cue]:
        cues = self._advance(self.active(now))
        c = self.core
        if c.state == "done":
            return cues
        index = self.slots[c.slot].exercise
        if self.workout.exercises[index].kind == "timed":
            return cues
        current = c.weights.get(index) or 0.0
        c.weights[index] = min(HEAVIEST, max(0.0, round(current + (1 if sign >= 0 else -1) * self.load_step, 3)))
        return cues

    def _on_take_load(self, now: float, _: int) -> list[Cue]:
        """The load suggested for the exercise in hand becomes this set's (and the next sets' default)."""
        cues = self._advance(self.active(now))
        c = self.core
        if c.state != "done":
            index = self.slots[c.slot].exercise
            if index in c.suggested and self.workout.exercises[index].kind != "timed":
                c.weights[index] = c.suggested[index]
        return cues

    # --- transitions ------------------------------------------------------------------

    @property
    def _exercise(self) -> Exercise:
        return self.workout.exercises[self.slots[min(self.core.slot, len(self.slots) - 1)].exercise]

    def _clock(self, index: int) -> TempoClock | None:
        if index not in self._clocks:
            ex = self.workout.exercises[index]
            self._clocks[index] = TempoClock(ex.tempo, ex.starts, ex.say) if ex.tempo else None
        return self._clocks[index]

    def _begin_work(self, t: float) -> list[Cue]:
        c = self.core
        c.state, c.rest_kind = "working", None
        c.work_start = t
        c.rest_before = 0.0 if c.last_set_end is None else t - c.last_set_end
        c.set_rest_planned = c.rest_planned if c.last_set_end is not None else None
        c.rest_planned = None
        c.taps = []
        c.typed = None
        c.cycled = False
        ex = self._exercise
        cues = [Cue("go", t, self.slots[c.slot].side)]
        if ex.counts_down:
            c.countdown_start, c.deadline = t, t + (ex.duration or 0)
        clock = self._clock(self.slots[c.slot].exercise)
        if clock:
            first = clock.at(0.0)
            cues.append(Cue("phase", t, first.phase, first.words))
        return cues

    def _current_record(self, t: float, failure: bool, *, skipped: bool = False, typed: bool = True) -> SetRecord:
        """The set working now, as it would be written if it ended at ``t`` (with the count being
        typed, unless ``typed`` is false: then the taps)."""
        c = self.core
        slot = self.slots[c.slot]
        ex = self.workout.exercises[slot.exercise]
        timed = ex.kind == "timed"
        weight = None if timed else c.weights.get(slot.exercise)
        typed = typed and c.typed is not None and not timed
        return SetRecord(
            exercise=ex.name,
            kind=ex.kind,
            set=c.mini if ex.kind == "target" else slot.number,
            side=slot.side,
            reps=None if timed else int(c.typed) if typed and c.typed is not None else len(c.taps),
            target_reps=ex.target if ex.kind == "target" else (ex.reps.top if ex.reps else None),
            duration_s=t - c.work_start,
            rest_before_s=c.rest_before,
            failure=failure,
            warmup=ex.warmup,
            weight=weight,
            unit=self.unit if weight is not None else None,
            rep_at_s=None if timed else list(c.taps),
            exercise_index=slot.exercise,
            skipped=skipped,
            reps_typed=typed,
            planned_s=ex.duration if timed else None,
            rest_planned_s=c.set_rest_planned,
            group=ex.group,
            round=slot.number if ex.group else None,
            count="tempo" if not timed and (c.cycled or self._by_tempo()) else None,
        )

    def _passed_record(self, index: int) -> SetRecord:
        """A set passed over before it began: written as skipped, with nothing done."""
        slot = self.slots[index]
        ex = self.workout.exercises[slot.exercise]
        timed = ex.kind == "timed"
        return SetRecord(
            exercise=ex.name, kind=ex.kind, set=slot.number, side=slot.side, reps=None,
            target_reps=ex.target if ex.kind == "target" else (ex.reps.top if ex.reps else None),
            duration_s=0.0, rest_before_s=0.0, failure=False, warmup=ex.warmup, weight=None, unit=None,
            rep_at_s=None if timed else [], exercise_index=slot.exercise, skipped=True,
            planned_s=ex.duration if timed else None, group=ex.group, round=slot.number if ex.group else None,
        )

    def _skip(self, t: float, *, whole_exercise: bool) -> list[Cue]:
        """Pass over the set in hand (the one working, ready, or coming after this rest) and, for
        ``whole_exercise``, every later set of its exercise. A target exercise's set is its whole
        target on one side: skipping it ends that side's target, keeping the mini-sets done."""
        c = self.core
        slot = self.slots[c.slot]
        if c.state == "working":
            c.records.append(self._current_record(t, failure=False, skipped=True))
            c.last_set_end = t
        elif not (c.state == "resting" and c.rest_kind == "rest_pause"):  # a pending mini-set: nothing to pass
            c.records.append(self._passed_record(c.slot))
        later = [i for i in range(c.slot + 1, len(self.slots))
                 if whole_exercise and self.slots[i].exercise == slot.exercise and i not in c.passed]
        for index in later:
            c.records.append(self._passed_record(index))
        c.passed.extend(later)
        c.taps, c.typed, c.mini = [], None, 1
        following = self._following(c.slot)
        if following is None:
            c.state, c.rest_kind = "done", None
            return [Cue("done", t)]
        self._enter(following)
        c.state, c.rest_kind = "ready", None
        return []

    def _following(self, index: int) -> int | None:
        """The next slot after ``index`` that has not been passed over."""
        return next((i for i in range(index + 1, len(self.slots)) if i not in self.core.passed), None)

    def _enter(self, index: int) -> None:
        """Make slot ``index`` the current one; a ramp-up set takes its planned load."""
        c = self.core
        c.slot = index
        slot = self.slots[index]
        ramp = c.ramps.get(slot.exercise)
        if ramp and slot.number <= len(ramp):
            c.weights[slot.exercise] = ramp[slot.number - 1]

    def _end_work(self, t: float, *, failure: bool) -> list[Cue]:
        c = self.core
        slot = self.slots[c.slot]
        ex = self.workout.exercises[slot.exercise]
        c.records.append(self._current_record(t, failure))
        c.taps, c.typed = [], None
        c.last_set_end = t
        if ex.kind == "target" and self._slot_total() < (ex.target or 0):
            c.mini += 1
            return self._rest(t, "rest_pause", ex.rest_pause)
        next_index = self._following(c.slot)
        if next_index is None:
            c.state, c.rest_kind = "done", None
            return [Cue("done", t)]
        c.mini = 1
        before = c.slot
        self._enter(next_index)
        kind, seconds = self._rest_between(before, next_index)
        return self._rest(t, kind, seconds, self.slots[next_index].side)

    def _rest(self, t: float, kind: RestKind, seconds: float, side: str = "") -> list[Cue]:
        c = self.core
        c.rest_planned = seconds
        if seconds <= 0:
            return self._after_rest(t, kind)
        c.state, c.rest_kind = "resting", kind
        c.countdown_start, c.deadline = t, t + seconds
        return [Cue("switch", t, side) if kind == "switch" else Cue("rest", t, kind)]

    def _end_rest(self, t: float) -> list[Cue]:
        return self._after_rest(t, self.core.rest_kind or "rest")

    def _after_rest(self, t: float, kind: RestKind) -> list[Cue]:
        c = self.core
        if kind in ("rest", "transition"):
            c.state, c.rest_kind = "ready", None
            return []
        return self._begin_work(t)

    def _advance(self, t: float) -> list[Cue]:
        """Emit every cue due up to ``t`` and carry out every deadline that has passed, at its deadline."""
        c = self.core
        cues: list[Cue] = []
        while c.state in ("resting", "working"):
            counting = c.state == "resting" or self._exercise.counts_down
            if c.state == "working":
                clock = self._clock(self.slots[c.slot].exercise)
                if clock:
                    upto = min(t, c.deadline) if counting else t
                    ended = None
                    if not counting and self._by_tempo():
                        ended = self._cycles(clock, upto, cues)
                    else:
                        # after a clock jump, only the last cycle's changes: the ones before it went by unheard
                        after = max(c.last_t, upto - clock.cycle) - c.work_start
                        for at, phase in clock.changes(after, upto - c.work_start):
                            cues.append(Cue("phase", c.work_start + at, phase, clock.words[phase]))
                    if ended is not None:  # the tempo counted the target's last rep: the set ends then
                        c.last_t = ended
                        cues += self._end_work(ended, failure=False)
                        continue
            if not counting:
                break
            upto = min(t, c.deadline)
            for beep in COUNTDOWN_BEEPS:
                at = c.deadline - beep
                if c.last_t < at <= upto and at > c.countdown_start:
                    cues.append(Cue("count", at, beep))
            if c.deadline > t:
                break
            c.last_t = c.deadline
            cues.append(Cue("zero", c.deadline))
            if c.state == "resting":
                cues += self._end_rest(c.deadline)
            else:
                cues += self._end_work(c.deadline, failure=False)
        c.last_t = max(c.last_t, t)
        return cues

    def _cycles(self, clock: TempoClock, upto: float, cues: list[Cue]) -> float | None:
        """Counting by the tempo, from the last moment seen up to ``upto``: a rep at every cycle end,
        and the phase cues, in time order (at a cycle end the number comes last: it is what is said).
        Returns the moment a target exercise reached its total (the set ends there), else None.

        A stretch with no event at all for longer than :data:`UNWATCHED_S` (the machine asleep, the
        process stopped: the screen redraws many times a second in a set) counts no rep, as its phase
        cues went by unheard; a set never counts more than a set can hold (:data:`MOST_REPS`)."""
        c = self.core
        ex = self._exercise
        after, until = c.last_t - c.work_start, upto - c.work_start
        watched = until - after <= UNWATCHED_S
        ended: float | None = None
        counted: list[Cue] = []
        for end in clock.cycle_ends(after, until) if watched else ():
            if len(c.taps) >= MOST_REPS:
                break
            c.taps.append(end)
            c.cycled = True
            shown = self._total() if ex.kind == "target" else len(c.taps)
            counted.append(Cue("rep", c.work_start + end, shown))
            if ex.kind == "target" and shown >= (ex.target or 0):
                ended = end
                break
        limit = until if ended is None else ended
        phases = [Cue("phase", c.work_start + at, phase, clock.words[phase])
                  for at, phase in clock.changes(max(after, limit - clock.cycle), limit)
                  if ended is None or at < ended]
        cues.extend(sorted(phases + counted, key=lambda cue: (cue.at, cue.kind == "rep")))
        return None if ended is None else c.work_start + ended

    # --- putting the record right -----------------------------------------------------

    def edit(self, index: int, *, reps: int | Keep | None = KEEP, weight: float | Keep | None = KEEP,
             rpe: float | Keep | None = KEEP, note: str | Keep | None = KEEP) -> SetRecord:
        """Correct finished set ``index`` of this session; raises ValueError with a sentence when a
        value cannot be right. Reps that differ from the count the set ended with are marked corrected
        (the taps stay); reps given to a skipped set mean it was done after all (``s`` pressed by mistake)."""
        if not 0 <= index < len(self.core.records):
            raise ValueError(f"there is no finished set {index + 1}")
        record = self.core.records[index]
        changes: dict[str, Any] = {}
        if not isinstance(reps, Keep):
            if record.kind == "timed":
                raise ValueError("a timed set has no reps")
            if reps is None or not 0 <= reps <= MOST_REPS:
                raise ValueError(f"reps is a whole number from 0 to {MOST_REPS}")
            if not (record.skipped and reps == 0):
                changes.update(reps=reps, reps_edited=record.reps_edited or reps != (record.reps or 0),
                               skipped=False)
        if not isinstance(weight, Keep):
            if weight is not None and (record.kind == "timed" or not 0 <= weight <= HEAVIEST):
                raise ValueError("a timed set has no load" if record.kind == "timed"
                                 else f"the load is a number from 0 to {HEAVIEST:g}")
            changes.update(weight=weight, unit=self.unit if weight is not None else None)
        if not isinstance(rpe, Keep):
            if rpe is not None and (not 1 <= rpe <= 10 or rpe * 2 != int(rpe * 2)):
                raise ValueError("RPE is from 1 to 10, in halves (8 or 8.5)")
            changes.update(rpe=rpe)
        if not isinstance(note, Keep):
            changes.update(note=note.strip() or None if note is not None else None)
        updated = replace(record, **changes)
        if updated != record:
            self.core.records[index] = updated
            self.revision += 1
        return updated

    # --- reading ----------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self.core.paused_since is not None

    @property
    def done(self) -> bool:
        return self.core.state == "done"

    @property
    def records(self) -> list[SetRecord]:
        return self.core.records

    @property
    def finished_status(self) -> str:
        """What a session that reached its end is: ``completed`` when every exercise had a set done,
        ``partial`` when one was skipped whole (with ``n``, or every set with ``s``)."""
        done = {r.exercise_index for r in self.records_so_far() if not r.skipped or r.reps}
        return "completed" if done >= set(range(len(self.workout.exercises))) else "partial"

    def tally(self) -> tuple[int, int, int]:
        """(sets finished, reps counted, sets passed over) so far, the set in progress's reps included:
        what leaving would save."""
        done = sum(1 for r in self.records if not r.skipped or r.reps)
        return done, sum(r.reps or 0 for r in self.records_so_far()), len(self.records) - done

    @property
    def something_done(self) -> bool:
        """A set finished or a rep counted (a set passed over with nothing in it is not something
        done): a session with less than that is never written."""
        return any(not r.skipped or r.reps for r in self.records_so_far())

    def records_so_far(self) -> list[SetRecord]:
        """The finished sets, plus the set in progress when it has counted reps: what a
        partial session saves, so no counted rep is ever lost. A count still being typed is not
        counted until the set ends (Enter): half a number is no count."""
        c = self.core
        if c.state == "working" and c.taps:
            return [*c.records, self._current_record(c.last_t, failure=False, typed=False)]
        return list(c.records)

    def _slot_total(self) -> int:
        slot = self.slots[self.core.slot]
        return sum(r.reps or 0 for r in self.core.records if r.exercise_index == slot.exercise and r.side == slot.side)

    def _total(self) -> int:
        return self._slot_total() + (len(self.core.taps) if self.core.state == "working" else 0)

    def score(self, exercise_index: int, side: str, t: float | None = None) -> float | None:
        """A target exercise's score: from its first mini-set's start to its last mini-set's end."""
        minis = [r for r in self.core.records if r.exercise_index == exercise_index and r.side == side]
        c = self.core
        live = t is not None and c.state in ("working", "resting") and self.slots[c.slot].exercise == exercise_index \
            and self.slots[c.slot].side == side and c.rest_kind in (None, "rest_pause")
        if not minis and not live:
            return None
        total = target_seconds(minis)
        if live and t is not None:
            if c.state == "working":
                total += (t - c.work_start) + (c.rest_before if minis else 0.0)
            else:
                total += t - c.countdown_start
        return total

    def view(self, now: float) -> View:
        c = self.core
        t = self.active(now)
        slot = self.slots[min(c.slot, len(self.slots) - 1)]
        ex = self.workout.exercises[slot.exercise]
        working = c.state == "working"
        counting = c.state == "resting" or (working and ex.counts_down)
        clock = self._clock(slot.exercise) if working else None
        place = self.workout.group_place(slot.exercise)
        return View(
            state=c.state,
            paused=self.paused,
            rest_kind=c.rest_kind,
            exercise=ex,
            exercise_index=slot.exercise,
            exercise_count=len(self.workout.exercises),
            set_number=c.mini if ex.kind == "target" else slot.number,
            set_count=1 if ex.kind == "target" else ex.sets,
            side=slot.side,
            reps=len(c.taps) if working else 0,
            total=self._total() if ex.kind == "target" else 0,
            mini_set=c.mini,
            score=self.score(slot.exercise, slot.side, t) if ex.kind == "target" else None,
            elapsed=t - c.work_start if working else 0.0,
            remaining=max(0.0, c.deadline - t) if counting else None,
            countdown=c.deadline - c.countdown_start if counting else None,
            weight=c.weights.get(slot.exercise) if ex.kind != "timed" else None,
            unit=self.unit,
            tempo=clock.at(t - c.work_start) if clock else None,
            next_up=self._next_up(),
            then=self._then(),
            slots_done=c.slot + (1 if c.state == "done" else 0),
            slot_count=len(self.slots),
            typed=c.typed if working else None,
            so_far=t,
            left=self.estimate_left(t),
            group=place,
            round_plan=self._round_plan(),
            counting=self.counting_of(slot.exercise) if ex.tempo is not None else None,
            suggested=c.suggested.get(slot.exercise) if ex.kind != "timed" else None,
        )

    def _then(self) -> str | None:
        c = self.core
        if c.state == "done":
            return None
        following = self._following(c.slot)
        if following is None:
            return None
        here, there = self.slots[c.slot], self.slots[following]
        ex = self.workout.exercises[there.exercise]
        side = f", {there.side}" if there.side != "both" else ""
        if there.exercise == here.exercise and there.number == here.number:
            return f"{there.side} side"
        place = self.workout.group_place(there.exercise)
        if place is not None and ex.group == self.workout.exercises[here.exercise].group:
            return f"{place[0]}{place[1]} {ex.name}, round {there.number} of {place[2]}{side}"
        if there.exercise == here.exercise:
            return f"set {there.number} of {ex.sets}{side}"
        return f"{ex.name}: {ex.summary()}"

    def _rest_between(self, before: int, after: int) -> tuple[RestKind, float]:
        """The countdown between two slots: a side switch; in a group, the member's transition
        within a round and its rest after the round (it is the round's last); else the rest
        between sets, or the rest before the next exercise."""
        a, b = self.slots[before], self.slots[after]
        ex = self.workout.exercises[a.exercise]
        if a.exercise == b.exercise and a.number == b.number:
            return "switch", SWITCH_S
        if ex.group is not None and self.workout.exercises[b.exercise].group == ex.group:
            return ("transition", ex.transition) if b.number == a.number else ("rest", ex.rest)
        return "rest", ex.rest if a.exercise == b.exercise else ex.rest_after

    def _round_plan(self) -> str | None:
        """During the rest before a group's round: every member of that round, in order."""
        c = self.core
        if c.state != "resting" or c.rest_kind != "rest":
            return None
        slot = self.slots[c.slot]
        place = self.workout.group_place(slot.exercise)
        if place is None or (c.slot > 0 and self.slots[c.slot - 1].number == slot.number
                             and self.workout.exercises[self.slots[c.slot - 1].exercise].group == place[0]):
            return None  # not the first set of a round
        members = dict.fromkeys(s.exercise for i, s in enumerate(self.slots) if s.number == slot.number
                                and i not in c.passed and self.workout.exercises[s.exercise].group == place[0])
        parts = []
        for index in members:
            ex = self.workout.exercises[index]
            _, position, _ = self.workout.group_place(index) or place
            side = " per side" if ex.per_side else ""
            parts.append(f"{place[0]}{position} {ex.name}: {ex.goal_text()}{side}")
        return f"round {slot.number} of {place[2]}: " + "  ·  ".join(parts)

    def _seconds_per_rep(self, index: int) -> float:
        """How long a rep takes this lifter today (from the sets done), else by the tempo, else 2.5 s."""
        done = [r for r in self.core.records if r.kind != "timed" and (r.reps or 0) >= 2 and not r.skipped]
        if done:
            return sum(r.duration_s for r in done) / sum(r.reps or 0 for r in done)
        tempo = self.workout.exercises[index].tempo
        return tempo.cycle if tempo is not None else 2.5

    def _work_estimate(self, index: int) -> float:
        ex = self.workout.exercises[self.slots[index].exercise]
        per_rep = self._seconds_per_rep(self.slots[index].exercise)
        if ex.kind == "timed":
            if ex.duration is None:  # held as long as the lifter can: as long as the longest so far, else a minute
                held = [r.duration_s for r in self.core.records if r.exercise_index == self.slots[index].exercise]
                return max(held, default=60.0)
            return ex.duration
        if ex.kind == "target":
            target = ex.target or 0
            return target * per_rep + max(0.0, target / 25 - 1) * ex.rest_pause
        return (ex.reps.high if ex.reps is not None and ex.reps.high is not None else 15) * per_rep

    def estimate_left(self, t: float) -> float:
        """An estimate of what is left: the set in hand, then every set and rest to come."""
        c = self.core
        if c.state == "done":
            return 0.0
        left = 0.0
        if c.state == "resting":
            left += max(0.0, c.deadline - t)
        if c.state == "working":
            ex = self._exercise
            if ex.counts_down:
                left += max(0.0, c.deadline - t)
            else:
                left += max(0.0, self._work_estimate(c.slot) - (t - c.work_start))
        else:
            left += self._work_estimate(c.slot)
        before = c.slot
        following = self._following(before)
        while following is not None:
            left += self._rest_between(before, following)[1] + self._work_estimate(following)
            before, following = following, self._following(following)
        return left

    def next_wakeup(self, now: float, *, tempo_step: float = 0.1) -> float | None:
        """The monotonic time at which the screen next changes or a cue is due; ``None`` when
        nothing will change by itself (ready, done, paused). The UI sleeps until then."""
        c = self.core
        if self.paused or c.state in ("ready", "done"):
            return None
        t = self.active(now)
        ex = self._exercise
        counting = c.state == "resting" or ex.counts_down
        if counting:
            remaining = c.deadline - t
            whole = math.ceil(remaining - 1e-9)
            due = c.deadline - max(0, whole - 1)
        else:
            elapsed = t - c.work_start
            due = c.work_start + math.floor(elapsed + 1e-9) + 1
            clock = self._clock(self.slots[c.slot].exercise)
            if clock:  # the tempo bar moves smoothly; phase changes land exactly
                phase = clock.at(elapsed)
                due = min(due, t + min(tempo_step, phase.remaining) if phase.remaining > 1e-9 else t + tempo_step)
        return due + c.paused_total

    def _next_up(self) -> str:
        c = self.core
        if c.state == "done":
            return "Done"
        slot = self.slots[c.slot]
        ex = self.workout.exercises[slot.exercise]
        side = f", {slot.side}" if slot.side != "both" else ""
        if c.rest_kind == "rest_pause":
            return f"{ex.name}: mini-set {c.mini}, {self._total()} of {ex.target}"
        if ex.kind == "target":
            return f"{ex.name}: {ex.target} total{side}"
        place = self.workout.group_place(slot.exercise)
        if place is not None:
            return f"{place[0]}{place[1]} {ex.name}: round {slot.number} of {place[2]}{side}, {ex.goal_text()}"
        return f"{ex.name}: set {slot.number} of {ex.sets}{side}, {ex.goal_text()}"

    # --- checkpoints ------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-safe) for a checkpoint; :meth:`from_dict` restores it exactly."""
        data = asdict(self.core)
        for key in _BY_EXERCISE:  # JSON object keys are text
            data[key] = {str(k): v for k, v in data[key].items()}
        data.update(unit=self.unit, load_step=self.load_step, rest_step=self.rest_step)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], workout: Workout, now: float | None = None) -> Engine:
        """Rebuild an engine. With ``now`` (a different process, maybe after a reboot), the
        session comes back paused exactly where it was: the time in between never counts."""
        settings = fields_of(_Settings, data)
        engine = cls(workout, 0.0, unit=settings["unit"], load_step=settings["load_step"],
                     rest_step=settings["rest_step"])
        fields = dict(data)
        if isinstance(fields.get("records"), list):
            fields["records"] = [SetRecord(**fields_of(SetRecord, r)) for r in fields["records"]]
        for key in _BY_EXERCISE:
            if isinstance(fields.get(key), dict):
                fields[key] = {int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in fields[key].items()}
        engine.core = _Core(**fields_of(_Core, fields))
        if not 0 <= engine.core.slot < len(engine.slots):
            raise ValueError("checkpoint does not fit this workout")
        if now is not None:
            c = engine.core
            c.paused_since = now
            c.paused_total = now - c.last_t
        engine._signature = engine._state_signature()
        return engine


# --- checkpoints (the checkpoint file's engine state is checked field by field) ------------

_BY_EXERCISE = ("weights", "ramps", "counting", "suggested")
"""Core fields keyed by exercise index."""

@dataclass
class _Settings:
    unit: str
    load_step: float
    rest_step: float

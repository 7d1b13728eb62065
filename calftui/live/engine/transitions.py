"""The session's state and how it moves: a set begins and ends, a rest runs and runs out, a side
switches, a set is passed over, and time passing carries out every deadline and counts the tempo's
cycles. :class:`calftui.live.engine.machine.Machine` builds on this with what each event does."""

from __future__ import annotations

from dataclasses import dataclass, field

from calftui.common import MOST_REPS
from calftui.live.engine.events import Cue, RestKind, State
from calftui.live.engine.records import SetRecord
from calftui.live.engine.slots import Plan, Slot
from calftui.workouts import Count, Exercise, TempoClock, Workout

UNWATCHED_S = 60.0
"""A set counted by the tempo that had no event for this long was not on a screen (the machine
asleep, the process stopped; a set redraws many times a second): its cycles then count no rep."""
COUNTDOWN_BEEPS = (3, 2, 1)


@dataclass
class Core:
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



class Transitions:
    """A session's state (:attr:`core`) over its :class:`Plan`, and the moves between ready, working,
    resting and done. Times here are active times (see :meth:`active`)."""

    def __init__(self, workout: Workout, now: float, *, unit: str, weights: dict[int, float | None] | None,
                 ramps: dict[int, list[float]] | None, suggested: dict[int, float] | None):
        self.plan = Plan(workout)
        self.unit = unit
        self.core = Core(paused_total=now, last_t=0.0)
        self.core.weights = {i: ex.weight for i, ex in enumerate(workout.exercises)}
        self.core.weights.update(weights or {})
        self.core.ramps = dict(ramps or {})
        self.core.suggested = dict(suggested or {})
        if self.slots:
            self._enter(0)

    @property
    def workout(self) -> Workout:
        return self.plan.workout

    @property
    def slots(self) -> list[Slot]:
        return self.plan.slots

    def active(self, now: float) -> float:
        """Monotonic ``now`` as active time: paused stretches taken out."""
        c = self.core
        if c.paused_since is not None:
            now = c.paused_since
        return max(c.last_t, now - c.paused_total)

    # --- where the session is ---------------------------------------------------------

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
    def exercise_in_hand(self) -> Exercise:
        """The exercise of the current slot (when done: of the last)."""
        return self.plan.exercise_at(self.core.slot)

    def following(self, index: int) -> int | None:
        """The next slot after ``index`` that has not been passed over."""
        return self.plan.following(index, self.core.passed)

    def counting_of(self, index: int) -> Count:
        """How exercise ``index`` counts its reps now: as switched in this session, else as its file says."""
        return self.core.counting.get(index, self.workout.exercises[index].count)

    def _by_tempo(self) -> bool:
        """The set in hand is counted by the tempo's cycles."""
        index = self.slots[min(self.core.slot, len(self.slots) - 1)].exercise
        return self.workout.exercises[index].tempo is not None and self.counting_of(index) == "tempo"

    def reps_on_side(self) -> int:
        """A target exercise's reps on the current side so far, the set in progress's included."""
        return self._reps_done_on_side() + (len(self.core.taps) if self.core.state == "working" else 0)

    def _reps_done_on_side(self) -> int:
        slot = self.slots[self.core.slot]
        return sum(r.reps or 0 for r in self.core.records if r.exercise_index == slot.exercise and r.side == slot.side)

    # --- moves ------------------------------------------------------------------------

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
        ex = self.exercise_in_hand
        cues = [Cue("go", t, self.slots[c.slot].side)]
        if ex.counts_down:
            c.countdown_start, c.deadline = t, t + (ex.duration or 0)
        clock = self.plan.clock(self.slots[c.slot].exercise)
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
        following = self.following(c.slot)
        if following is None:
            c.state, c.rest_kind = "done", None
            return [Cue("done", t)]
        self._enter(following)
        c.state, c.rest_kind = "ready", None
        return []

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
        if ex.kind == "target" and self._reps_done_on_side() < (ex.target or 0):
            c.mini += 1
            return self._rest(t, "rest_pause", ex.rest_pause)
        next_index = self.following(c.slot)
        if next_index is None:
            c.state, c.rest_kind = "done", None
            return [Cue("done", t)]
        c.mini = 1
        before = c.slot
        self._enter(next_index)
        kind, seconds = self.plan.rest_between(before, next_index)
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

    # --- time passing -----------------------------------------------------------------

    def _advance(self, t: float) -> list[Cue]:
        """Emit every cue due up to ``t`` and carry out every deadline that has passed, at its deadline."""
        c = self.core
        cues: list[Cue] = []
        while c.state in ("resting", "working"):
            counting_down = c.state == "resting" or self.exercise_in_hand.counts_down
            if c.state == "working":
                clock = self.plan.clock(self.slots[c.slot].exercise)
                if clock:
                    upto = min(t, c.deadline) if counting_down else t
                    ended = None
                    if not counting_down and self._by_tempo():
                        ended = self._count_cycles(clock, upto, cues)
                    else:
                        # after a clock jump, only the last cycle's changes: the ones before it went by unheard
                        after = max(c.last_t, upto - clock.cycle) - c.work_start
                        for at, phase in clock.changes(after, upto - c.work_start):
                            cues.append(Cue("phase", c.work_start + at, phase, clock.words[phase]))
                    if ended is not None:  # the tempo counted the target's last rep: the set ends then
                        c.last_t = ended
                        cues += self._end_work(ended, failure=False)
                        continue
            if not counting_down:
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

    def _count_cycles(self, clock: TempoClock, upto: float, cues: list[Cue]) -> float | None:
        """Counting by the tempo, from the last moment seen up to ``upto``: a rep at every cycle end,
        and the phase cues, in time order (at a cycle end the number comes last: it is what is said).
        Returns the moment a target exercise reached its total (the set ends there), else None.

        A stretch with no event at all for longer than :data:`UNWATCHED_S` (the machine asleep, the
        process stopped: the screen redraws many times a second in a set) counts no rep, as its phase
        cues went by unheard; a set never counts more than a set can hold (:data:`MOST_REPS`)."""
        c = self.core
        ex = self.exercise_in_hand
        after, until = c.last_t - c.work_start, upto - c.work_start
        watched = until - after <= UNWATCHED_S
        ended: float | None = None
        rep_cues: list[Cue] = []
        for end in clock.cycle_ends(after, until) if watched else ():
            if len(c.taps) >= MOST_REPS:
                break
            c.taps.append(end)
            c.cycled = True
            shown = self.reps_on_side() if ex.kind == "target" else len(c.taps)
            rep_cues.append(Cue("rep", c.work_start + end, shown))
            if ex.kind == "target" and shown >= (ex.target or 0):
                ended = end
                break
        limit = until if ended is None else ended
        phases = [Cue("phase", c.work_start + at, phase, clock.words[phase])
                  for at, phase in clock.changes(max(after, limit - clock.cycle), limit)
                  if ended is None or at < ended]
        cues.extend(sorted(phases + rep_cues, key=lambda cue: (cue.at, cue.kind == "rep")))
        return None if ended is None else c.work_start + ended

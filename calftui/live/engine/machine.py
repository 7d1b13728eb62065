"""What each event does to a session (:class:`Machine`, the state machine the screens drive),
corrections to finished sets, what a session ending now would save, and the state as plain data
for a checkpoint. The moves themselves (a set begins or ends, a rest runs out) are
:class:`calftui.live.engine.transitions.Transitions`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Self

from calftui.common import HEAVIEST, MOST_REPS, fields_of
from calftui.live.engine.events import Cue, Event, EventKind
from calftui.live.engine.records import KEEP, Keep, SetRecord, corrected
from calftui.live.engine.transitions import Core, Transitions
from calftui.workouts import Workout

TYPED_DIGITS = 4
"""A typed rep count has at most this many digits."""
_BY_EXERCISE = ("weights", "ramps", "counting", "suggested")
"""Core fields keyed by exercise index (JSON object keys are text: they are turned back on restore)."""


@dataclass
class _Settings:
    """The engine's settings in a checkpoint, beside its state (checked field by field)."""

    unit: str
    load_step: float
    rest_step: float


class Machine(Transitions):
    """The state machine: :meth:`apply` takes an event and returns the cues it caused. Every event
    kind has its handler ``_on_<kind>``, found through the one table built in ``__init__``."""

    def __init__(self, workout: Workout, now: float, *, unit: str = "kg", load_step: float = 2.5,
                 rest_step: float = 15.0, weights: dict[int, float | None] | None = None,
                 ramps: dict[int, list[float]] | None = None, suggested: dict[int, float] | None = None):
        super().__init__(workout, now, unit=unit, weights=weights, ramps=ramps, suggested=suggested)
        self.load_step = load_step
        self.rest_step = rest_step
        self._handlers: dict[EventKind, Callable[[float, int], list[Cue]]] = {
            "start": self._on_start, "rep": self._on_rep, "undo": self._on_undo, "finish": self._on_finish,
            "failure": self._on_failure, "skip": self._on_skip, "extend": self._on_extend, "load": self._on_load,
            "pause": self._on_pause, "resume": self._on_resume, "tick": self._on_tick,
            "type": self._on_type, "untype": self._on_untype, "skip_set": self._on_skip_set,
            "skip_exercise": self._on_skip_exercise, "switch_count": self._on_switch_count,
            "take_load": self._on_take_load,
        }
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
            if self.exercise_in_hand.kind == "timed":
                return cues
        if c.state != "working" or self.exercise_in_hand.kind == "timed" or len(c.taps) >= MOST_REPS:
            return cues  # (a set of more reps than that is a key stuck down, not a set)
        if self._by_tempo():
            return cues  # counting by the tempo: a tap starts the set, the cycles count
        c.taps.append(t - c.work_start)
        ex = self.exercise_in_hand
        if ex.kind == "target" and self.reps_on_side() >= (ex.target or 0):
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
        if c.state == "working" and self.exercise_in_hand.kind != "timed" and not self.paused and 0 <= digit <= 9:
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

    # --- putting the record right -----------------------------------------------------

    def edit(self, index: int, *, reps: int | Keep | None = KEEP, weight: float | Keep | None = KEEP,
             rpe: float | Keep | None = KEEP, note: str | Keep | None = KEEP) -> SetRecord:
        """Correct finished set ``index`` of this session (see :func:`corrected`); raises ValueError
        with a sentence when there is no such set or a value cannot be right."""
        if not 0 <= index < len(self.core.records):
            raise ValueError(f"there is no finished set {index + 1}")
        record = self.core.records[index]
        updated = corrected(record, self.unit, reps=reps, weight=weight, rpe=rpe, note=note)
        if updated != record:
            self.core.records[index] = updated
            self.revision += 1
        return updated

    # --- what a session ending now would save -----------------------------------------

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

    # --- checkpoints ------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-safe) for a checkpoint; :meth:`from_dict` restores it exactly."""
        data = asdict(self.core)
        for key in _BY_EXERCISE:  # JSON object keys are text
            data[key] = {str(k): v for k, v in data[key].items()}
        data.update(unit=self.unit, load_step=self.load_step, rest_step=self.rest_step)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], workout: Workout, now: float | None = None) -> Self:
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
        engine.core = Core(**fields_of(Core, fields))
        if not 0 <= engine.core.slot < len(engine.slots):
            raise ValueError("checkpoint does not fit this workout")
        if now is not None:
            c = engine.core
            c.paused_since = now
            c.paused_total = now - c.last_t
        engine._signature = engine._state_signature()
        return engine

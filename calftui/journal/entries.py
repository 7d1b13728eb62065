"""A set and a session as the journal holds them: one shape, from the engine to the exports.

The types are strict (msgspec checks every field when a journal block is read), so a number a
screen adds up is always a finite number within reason. Keys this version does not know are
ignored when reading, as SPEC §4 promises older versions of calftui.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from calftui.common import HEAVIEST, LONGEST_S, MOST_REPS, to_kg

Kind = Literal["reps", "target", "timed"]
Side = Literal["both", "left", "right"]
Seconds = Annotated[float, Meta(ge=0, le=LONGEST_S)]
Count = Annotated[int, Meta(ge=0, le=MOST_REPS)]
Load = Annotated[float, Meta(ge=0, le=HEAVIEST)]

SHORT_REST_SLACK_S = 0.5
"""A rest this much shorter than its countdown is still a full rest (a key pressed as it ran out)."""


def point_in_time(moment: datetime) -> float:
    """Seconds since the epoch; a moment without an offset is local time (UTC where the platform's
    local time cannot place its year)."""
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return moment.replace(tzinfo=UTC).timestamp()


class LoggedSet(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One set or mini-set (SPEC §4, ``[[session.sets]]``)."""

    exercise: str
    kind: Kind = "reps"
    set: Annotated[int, Meta(ge=0)] = 1
    side: Side = "both"
    reps: Count | None = None
    target_reps: Count | None = None
    duration_s: Seconds = 0.0
    rest_before_s: Seconds = 0.0
    failure: bool = False
    warmup: bool = False
    weight: Load | None = None
    unit: Literal["kg", "lb"] | None = None
    rep_at_s: tuple[Seconds, ...] = ()
    skipped: bool = False
    reps_typed: bool = False
    """The count was typed during the set; ``rep_at_s`` then holds only the taps there were."""
    reps_edited: bool = False
    """The count was corrected with ``e`` after the set."""
    count: Literal["taps", "tempo"] | None = None
    """``tempo``: the reps were counted by the tempo's cycles, not tapped."""
    rpe: Annotated[float, Meta(ge=0, le=10)] | None = None
    note: str | None = None
    planned_s: Seconds | None = None
    rest_planned_s: Seconds | None = None
    group: str | None = None
    round: Annotated[int, Meta(ge=0)] | None = None

    @property
    def counts(self) -> bool:
        """A working set that was done: what records, baselines and suggestions are made of."""
        return not self.warmup and not self.skipped

    @property
    def short_rest(self) -> bool:
        """The rest before it was cut short of its countdown (Enter through a rest-pause, say)."""
        return self.rest_planned_s is not None and self.rest_before_s < self.rest_planned_s - SHORT_REST_SLACK_S

    @property
    def tapped(self) -> bool:
        """Its ``rep_at_s`` are the lifter's own taps, one per rep: what the tempo kept is measured from."""
        return self.kind != "timed" and not self.reps_typed and not self.reps_edited and self.count != "tempo"

    @property
    def kg(self) -> float | None:
        """Its load in kilograms (a load written without a unit is in kilograms)."""
        return None if self.weight is None else to_kg(self.weight, self.unit)


class LoggedSession(Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One session (SPEC §4, ``[[session]]``). A moment written without an offset is local time."""

    id: str
    workout: str
    workout_file: str = ""
    started_at: datetime
    ended_at: datetime | None = None
    status: str = "completed"
    notes: str = ""
    sets: tuple[LoggedSet, ...] = ()

    @property
    def duration_s(self) -> float | None:
        """From start to end; None when the end was never written (a session added by hand)."""
        if self.ended_at is None:
            return None
        return max(0.0, point_in_time(self.ended_at) - point_in_time(self.started_at))

    @property
    def total_reps(self) -> int:
        return sum(s.reps or 0 for s in self.sets)

    @property
    def when(self) -> float:
        """Its start as a point in time, for ordering (a start without an offset read as local time)."""
        return point_in_time(self.started_at)

"""A target exercise's score: the time from the start of its first mini-set to the end
of its last, with the number of mini-sets. One formula for the live engine and the journal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol


class Worked(Protocol):
    """A set as far as its score is concerned: what the engine records and what the journal holds."""

    @property
    def duration_s(self) -> float: ...

    @property
    def rest_before_s(self) -> float: ...


def target_seconds(minis: Sequence[Worked]) -> float:
    """The sum of the mini-sets' time working plus the rest taken before every mini-set after the first."""
    return sum(m.duration_s for m in minis) + sum(m.rest_before_s for m in minis[1:])


class Score(NamedTuple):
    """One target exercise's score in one session (per side for a per-side one)."""

    exercise: str
    side: str
    seconds: float
    mini_sets: int
    reached: bool
    """The total was reached: only such a score is a finished time."""
    short_rests: bool = False
    """A rest-pause was cut short of its countdown: a time, but not one to compare or a record."""

    @property
    def finished(self) -> bool:
        """A time that counts: the total reached with every rest-pause taken in full."""
        return self.reached and not self.short_rests

    @property
    def shortfall(self) -> str:
        """Why the time does not count: ``short rests``, ``unfinished``, or empty when it does."""
        return "" if self.finished else "short rests" if self.reached else "unfinished"

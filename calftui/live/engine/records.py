"""A finished set as the engine keeps it (:class:`SetRecord`), and putting one right afterwards
(:func:`corrected`: the ``e`` key on the summary and in a session)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from calftui.common import HEAVIEST, MOST_REPS
from calftui.journal import LoggedSet


class Keep:
    """An edit that leaves a value as it is (``None`` means "none", so it cannot mean that)."""


KEEP = Keep()


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


def corrected(record: SetRecord, unit: str, *, reps: int | Keep | None = KEEP, weight: float | Keep | None = KEEP,
              rpe: float | Keep | None = KEEP, note: str | Keep | None = KEEP) -> SetRecord:
    """``record`` with the values given (a load in ``unit``); raises ValueError with a sentence when a
    value cannot be right. Reps that differ from the count the set ended with are marked corrected
    (the taps stay); reps given to a skipped set mean it was done after all (``s`` pressed by mistake)."""
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
        changes.update(weight=weight, unit=unit if weight is not None else None)
    if not isinstance(rpe, Keep):
        if rpe is not None and (not 1 <= rpe <= 10 or rpe * 2 != int(rpe * 2)):
            raise ValueError("RPE is from 1 to 10, in halves (8 or 8.5)")
        changes.update(rpe=rpe)
    if not isinstance(note, Keep):
        changes.update(note=note.strip() or None if note is not None else None)
    return replace(record, **changes)

"""The journal's session (its format: docs/journal.md), built from an engine.

What the engine measures is written in a form the journal's reader accepts: a figure beyond the
reader's bounds of reason (a rest across years a terminal stayed open, a stuck key's count) is
written at the bound, and the real figure is kept beside it as ``actual_<key>``, a key readers
that do not know it ignore.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from calftui.common import HEAVIEST, LONGEST_S, MOST_REPS
from calftui.journal import LoggedSession, LoggedSet, WouldNotReadBack, as_written
from calftui.live.engine import Engine

BOUNDS: dict[str, float] = {"duration_s": LONGEST_S, "rest_before_s": LONGEST_S, "planned_s": LONGEST_S,
                            "rest_planned_s": LONGEST_S, "rep_at_s": LONGEST_S, "weight": HEAVIEST,
                            "rpe": 10.0, "reps": MOST_REPS}
"""Every number a set holds, and the largest the reader takes (each is at least 0)."""
ACTUAL = "actual_"


def session_record(engine: Engine, *, session_id: str, started_at: datetime, ended_at: datetime,
                   status: str, notes: str = "") -> LoggedSession:
    """The session as the journal will hold it, every figure within the reader's bounds."""
    workout = engine.workout
    return LoggedSession(
        id=session_id,
        workout=workout.name,
        workout_file=workout.file_name,
        started_at=started_at.replace(microsecond=0),
        ended_at=ended_at.replace(microsecond=0),
        status=status,
        notes=notes,
        sets=tuple(within_bounds(r.journal())[0] for r in engine.records_so_far()),
    )


def actual_figures(engine: Engine) -> list[dict[str, Any]]:
    """Per set of :func:`session_record`, the figures as measured where they had to be moved to a bound."""
    return [within_bounds(r.journal())[1] for r in engine.records_so_far()]


def _within_bound(value: Any, top: float) -> Any:
    """``value`` itself when the reader takes it as written (to the millisecond), else the nearest
    bound (0 for NaN), of its type."""
    if 0 <= _to_ms(value) <= top:
        return value
    return type(value)(top if value > top else 0)


def _to_ms(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else value


def within_bounds(entry: LoggedSet) -> tuple[LoggedSet, dict[str, Any]]:
    """A set with every number within the reader's bounds, and each figure that had to be moved
    (``actual_<key>``: written among its optional keys, before the keys every set ends with)."""
    changes: dict[str, Any] = {}
    actual: dict[str, Any] = {}
    for key, top in BOUNDS.items():
        value = getattr(entry, key)
        if value is None:
            continue
        fitted = tuple(_within_bound(v, top) for v in value) if isinstance(value, tuple) else _within_bound(value, top)
        if fitted != value:  # (the real figure, to the journal's millisecond as every figure is written)
            changes[key] = fitted
            actual[ACTUAL + key] = [_to_ms(v) for v in value] if isinstance(value, tuple) else _to_ms(value)
    return (msgspec.structs.replace(entry, **changes) if changes else entry), actual


def unreadable(session: LoggedSession, actual: list[dict[str, Any]] | None = None) -> str | None:
    """Why the journal's reader would not give back ``session`` whole once it is written, or None
    when it would: a session is appended only when it reads back with every set and every rep."""
    try:
        back = as_written(session, actual or ())
    except WouldNotReadBack as exc:
        return f"the journal would not read it back ({exc})"
    except (ValueError, TypeError, OverflowError) as exc:  # a value TOML cannot hold
        return f"it cannot be written as TOML ({exc})"
    if len(back.sets) != len(session.sets) or back.total_reps != session.total_reps:
        return "the journal would not read it back whole"
    return None

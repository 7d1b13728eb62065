"""The journal's session record (its format: *The journal* in the README), built from an engine.

What the engine measures is written in a form the journal's reader accepts: a figure beyond the
reader's bounds of reason (a rest across a week the terminal stayed open, a stuck key's count) is
written at the bound, and the real figure is kept beside it as ``actual_<key>``, a key readers
that do not know it ignore.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calftui.engine import Engine
from calftui.limits import HEAVIEST, LONGEST_S, MOST_REPS

BOUNDS: dict[str, float] = {"duration_s": LONGEST_S, "rest_before_s": LONGEST_S, "planned_s": LONGEST_S,
                            "rest_planned_s": LONGEST_S, "rep_at_s": LONGEST_S, "weight": HEAVIEST,
                            "rpe": 10.0, "reps": MOST_REPS}
"""Every number a set holds, and the largest the reader takes (each is at least 0)."""
ACTUAL = "actual_"


def session_record(engine: Engine, *, session_id: str, started_at: datetime, ended_at: datetime,
                   status: str, notes: str = "") -> dict[str, Any]:
    workout = engine.workout
    return {
        "id": session_id,
        "workout": workout.name,
        "workout_file": workout.file_name,
        "started_at": started_at.replace(microsecond=0),
        "ended_at": ended_at.replace(microsecond=0),
        "status": status,
        "notes": notes,
        "sets": [within_bounds(r.journal()) for r in engine.records_so_far()],
    }


def _bounded(value: float, top: float) -> float:
    """``value`` itself when the reader takes it, else the nearest bound (0 for NaN), of its type."""
    if 0 <= value <= top:
        return value
    return type(value)(top if value > top else 0)


def within_bounds(table: dict[str, Any]) -> dict[str, Any]:
    """A set's table with every number within the reader's bounds; each figure that had to be
    moved is kept as ``actual_<key>``, just before ``duration_s`` (the keys every set ends with
    stay last, so a torn write is still told from a whole one)."""
    actual: dict[str, Any] = {}
    out: dict[str, Any] = {}
    for key, value in table.items():
        top = BOUNDS.get(key)
        if top is not None and isinstance(value, list):
            fitted: Any = [_bounded(v, top) for v in value]
        elif top is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            fitted = _bounded(value, top)
        else:
            fitted = value
        if fitted != value:
            actual[ACTUAL + key] = value
        out[key] = fitted
    if not actual:
        return table
    last = list(out).index("duration_s") if "duration_s" in out else len(out)
    items = list(out.items())
    return dict(items[:last] + list(actual.items()) + items[last:])


def unreadable(session: dict[str, Any]) -> str | None:
    """Why the journal's reader would not give back ``session`` whole once it is written, or None
    when it would: a session is appended only when it reads back with every set and every rep."""
    from calftui.journal import parse_bytes, session_block

    try:
        reading = parse_bytes(session_block(session).encode("utf-8"))
    except (ValueError, TypeError) as exc:  # a value TOML cannot hold
        return f"it cannot be written as TOML ({exc})"
    if reading.damage:
        return f"the journal would not read it back ({reading.damage[0].message})"
    sets = session.get("sets", [])
    counted = sum(s.get("reps") or 0 for s in sets)
    if len(reading.sessions) != 1 or len(reading.sessions[0].sets) != len(sets) \
            or reading.sessions[0].total_reps != counted:
        return "the journal would not read it back whole"
    return None

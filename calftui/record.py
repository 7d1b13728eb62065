"""The journal's session record (its format: *The journal* in the README), built from an engine."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calftui.engine import Engine


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
        "sets": [r.journal() for r in engine.records_so_far()],
    }

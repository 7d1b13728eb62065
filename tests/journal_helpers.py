"""Sessions to write in journal tests."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

TZ = timezone(timedelta(hours=1))


def make_session(n: int = 0, *, sets: int = 3, workout: str = "Calf raise death set", status: str = "completed",
                 start: datetime | None = None) -> dict[str, Any]:
    started = start or datetime(2026, 1, 1, 18, 0, tzinfo=TZ) + timedelta(days=2 * n)
    entries = []
    for i in range(sets):
        if i % 3 == 2:
            entries.append({"exercise": "Stretch", "kind": "timed", "set": i + 1, "side": "left", "duration_s": 30.0,
                            "rest_before_s": 10.0, "failure": False, "warmup": False})
        else:
            entries.append({"exercise": "Death", "kind": "target", "set": i + 1, "side": "both", "reps": 20 + i,
                            "target_reps": 100, "weight": 20.0 + n, "unit": "kg", "duration_s": 30.5 + i,
                            "rest_before_s": 10.0 if i else 0.0, "failure": True, "warmup": False,
                            "rep_at_s": [round(1.1 * k, 3) for k in range(1, 21 + i)]})
    return {"id": str(uuid.uuid4()), "workout": workout, "workout_file": "death-set.toml", "started_at": started,
            "ended_at": started + timedelta(minutes=12), "status": status, "notes": f"session {n}", "sets": entries}

"""Sessions to write in journal tests, written as tests find them easiest to read: plain tables."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec

from calftui import journal
from calftui.journal import LoggedSession, parse_bytes

TZ = timezone(timedelta(hours=1))


def as_session(table: dict[str, Any]) -> LoggedSession:
    """A session table (as a test writes it) as the journal's one shape, checked as the reader checks."""
    fields = dict(table)
    fields["sets"] = [{"set": n, **entry} for n, entry in enumerate(table.get("sets", []), 1)]
    return msgspec.convert(fields, LoggedSession)


def session_block(table: dict[str, Any]) -> str:
    return journal.session_block(as_session(table))


def append_session(path: Path, table: dict[str, Any]) -> None:
    journal.append_sessions(path, [as_session(table)])


def write_journal(path: Path, *tables: dict[str, Any]) -> Path:
    """A journal of these sessions, as calftui writes them."""
    path.write_text("\n".join(session_block(t) for t in tables), encoding="utf-8")
    return path


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


# --- hand-built sessions for history, plans and comparisons ------------------------------

START = datetime(2026, 10, 5, 18, 0, tzinfo=TZ)  # a Monday


def reps_set(name: str, reps: int, *, top: int = 15, weight: float | None = None, unit: str = "kg",
             warmup: bool = False, failure: bool = False, side: str = "both", n: int = 1,
             skipped: bool = False) -> dict[str, Any]:
    entry = {"exercise": name, "kind": "reps", "set": n, "side": side, "reps": reps, "target_reps": top,
             "duration_s": 2.0 * reps, "rest_before_s": 60.0, "failure": failure, "warmup": warmup,
             "rep_at_s": [2.0 * (i + 1) for i in range(reps)]}
    if weight is not None:
        entry.update(weight=weight, unit=unit)
    if skipped:
        entry.update(skipped=True)
    return entry


def mini(reps: int, n: int, *, weight: float | None = 20.0, unit: str = "kg", rest: float = 10.0,
         seconds: float = 30.0, planned: float | None = None) -> dict[str, Any]:
    entry = {"exercise": "Death", "kind": "target", "set": n, "side": "both", "reps": reps, "target_reps": 100,
             "duration_s": seconds, "rest_before_s": rest if n > 1 else 0.0, "failure": True, "warmup": False,
             "rep_at_s": [1.0 * (i + 1) for i in range(reps)]}
    if weight is not None:
        entry.update(weight=weight, unit=unit)
    if planned is not None and n > 1:
        entry.update(rest_planned_s=planned)
    return entry


def hold(seconds: float, side: str = "left", n: int = 1) -> dict[str, Any]:
    return {"exercise": "Stretch", "kind": "timed", "set": n, "side": side, "duration_s": seconds,
            "rest_before_s": 10.0, "failure": False, "warmup": False}


def session(day: int, sets: list[dict[str, Any]], workout: str = "Calves", status: str = "completed",
            n: int = 0) -> dict[str, Any]:
    started = START + timedelta(days=day)
    return {"id": f"s{day}-{n}", "workout": workout, "workout_file": "calves.toml", "started_at": started,
            "ended_at": started + timedelta(minutes=20), "status": status, "notes": "", "sets": sets}


def logged(*sessions: dict[str, Any]) -> list[LoggedSession]:
    data = b"\n".join(session_block(s).encode() for s in sessions)
    return parse_bytes(data).sessions


def death(day: int, minis: list[int], weight: float | None = 20.0, unit: str = "kg",
          status: str = "completed") -> dict[str, Any]:
    return session(day, [mini(r, i + 1, weight=weight, unit=unit) for i, r in enumerate(minis)], status=status)

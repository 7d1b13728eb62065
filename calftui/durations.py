"""Durations as people write them (``90``, ``"90s"``, ``"1m30s"``, ``"2m"``) and as they read them (m:ss)."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?\s*$")
_PLAIN = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")

DURATION_FORMS = '"90s", "1m30s", "2m" or a number of seconds such as 90'


def parse_duration(value: object) -> float:
    """Seconds from a TOML value; raises ValueError with a reason people understand."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{_show(value)} is not a duration")
    if isinstance(value, (int, float)) or _PLAIN.match(value):
        seconds = float(value)
    else:
        match = _DURATION.match(value.lower())
        if not match or not any(match.groups()):
            raise ValueError(f"{_show(value)} is not a duration")
        minutes, secs = match.groups()
        seconds = float(minutes or 0) * 60 + float(secs or 0)
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"{_show(value)} is negative")
    return seconds


def mmss(seconds: float) -> str:
    """``83.4`` -> ``"1:23"``; whole seconds, rounded down, never negative."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def countdown_seconds(remaining: float) -> int:
    """What a countdown shows: 2.01 s left shows 3, exactly 0 shows 0."""
    return max(0, math.ceil(remaining - 1e-9))


def length(seconds: float) -> str:
    """How long a session took: ``12m05s``, ``1h05m``."""
    minutes = int(seconds // 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m{int(seconds % 60):02d}s"


def human(seconds: float) -> str:
    """``90`` -> ``"1m30s"``, ``45`` -> ``"45s"``, as a workout file would write it."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes}m{secs:02d}s"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


def _show(value: object) -> str:
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)

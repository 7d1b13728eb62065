"""Durations as people write them (``90``, ``"90s"``, ``"1m30s"``, ``"2m"``) and as they read them (m:ss)."""

from __future__ import annotations

import math
import re

UNIT_WORDS = (("hours", "hour", "hrs", "hr", "h"), ("minutes", "minute", "mins", "min", "m"),
              ("seconds", "second", "secs", "sec", "s"))
"""The words after a number in a duration, longest first: hours, minutes, seconds."""
_DURATION = re.compile(
    "^" + "".join(rf"\s*(?:(\d+(?:\.\d+)?)\s*(?:{'|'.join(words)})(?![a-z]))?" for words in UNIT_WORDS) + r"\s*$")
"""``90s``, ``1m30s``, ``2 minutes``, ``45 seconds``, ``30 secs``, ``1h``: the words people write."""
_PLAIN = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")
_CLOCK = re.compile(r"^\s*(\d+):([0-5]\d)\s*$")
"""``1:30``, as the screen shows it."""

DURATION_FORMS = '"90s", "1m30s", "2 minutes" or a number of seconds such as 90'


def parse_duration(value: object) -> float:
    """Seconds from a TOML value; raises ValueError with a reason people understand."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{_show(value)} is not a duration")
    if isinstance(value, (int, float)) or _PLAIN.match(value):
        seconds = float(value)
    elif clock := _CLOCK.match(value):
        seconds = int(clock[1]) * 60.0 + int(clock[2])
    else:
        match = _DURATION.match(value.lower())
        if not match or not any(match.groups()):
            raise ValueError(f"{_show(value)} is not a duration")
        hours, minutes, secs = match.groups()
        seconds = float(hours or 0) * 3600 + float(minutes or 0) * 60 + float(secs or 0)
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


RUNAWAY_S = 12 * 3600.0
"""A session longer than this had its timer left running (real Strong exports hold ``409h 31m``):
its length is kept as recorded, and shown in whole hours with a ``?``."""


def runaway(seconds: float) -> bool:
    """Whether a session this long had its timer left running."""
    return seconds > RUNAWAY_S


def length(seconds: float) -> str:
    """How long a session took, the same on every screen and in every command: ``12m05s``,
    ``1h05m``; one whose timer was left running in whole hours with a ``?`` (``409h?``: its
    minutes mean nothing), which fits the narrowest Time column (six cells) up to a year."""
    seconds = max(0.0, seconds)
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes}m{int(seconds % 60):02d}s"
    if runaway(seconds):
        return f"{minutes // 60}h?"
    return f"{minutes // 60}h{minutes % 60:02d}m"


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

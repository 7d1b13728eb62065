"""The calendar clock: when a session started and ended, in local time with its offset.

Every duration is timed on the monotonic clock; this one only dates things. It is passed in (never
read directly) so a test can fix the date a screen shows. (A module of its own, not part of the
session: the app's first screen needs it, and importing the session would load the journal.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Wall = Callable[[], datetime]
"""Returns an aware local datetime."""


def local_now() -> datetime:
    return datetime.now().astimezone()

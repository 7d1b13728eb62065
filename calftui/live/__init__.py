"""A session as it happens: the engine (slots, state machine, view), the session's whole life
with its checkpoints and recovery, the journal record it ends in, sound, and ``calftui show``.

Other packages import from here only; the modules behind it are this package's own."""

from calftui.live.checkpoint import (
    Pending,
    Store,
    Unfinished,
)
from calftui.live.engine import (
    Cue,
    Engine,
    SetRecord,
    View,
)
from calftui.live.session import (
    TOGGLE_PAUSE,
    Key,
    Review,
    Session,
    Wall,
    local_now,
)
from calftui.live.show import (
    describe,
)
from calftui.live.sound import (
    Sound,
)

__all__ = [
    "TOGGLE_PAUSE",
    "Cue",
    "Engine",
    "Key",
    "Pending",
    "Review",
    "Session",
    "SetRecord",
    "Sound",
    "Store",
    "Unfinished",
    "View",
    "Wall",
    "describe",
    "local_now",
]

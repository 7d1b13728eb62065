"""A session as it happens: the engine (slots, state machine, view), the session's whole life
with its checkpoints and recovery, the journal record it ends in, sound, and ``calftui show``.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common import lazy_face

if TYPE_CHECKING:
    from calftui.live.checkpoint import (
        Pending as Pending,
        Store as Store,
        Unfinished as Unfinished,
    )
    from calftui.live.engine import (
        Cue as Cue,
        Engine as Engine,
        SetRecord as SetRecord,
        View as View,
    )
    from calftui.live.session import (
        TOGGLE_PAUSE as TOGGLE_PAUSE,
        Key as Key,
        Review as Review,
        Session as Session,
    )
    from calftui.live.show import (
        describe as describe,
    )
    from calftui.live.sound import (
        Sound as Sound,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "Pending": "checkpoint",
    "Store": "checkpoint",
    "Unfinished": "checkpoint",
    "Cue": "engine",
    "Engine": "engine",
    "SetRecord": "engine",
    "View": "engine",
    "Key": "session",
    "Review": "session",
    "Session": "session",
    "TOGGLE_PAUSE": "session",
    "describe": "show",
    "Sound": "sound",
})

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
    "describe",
]

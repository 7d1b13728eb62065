"""The session as a pure state machine.

The UI sends events (start, rep, undo, finish, failure, skip, extend, load, pause, resume,
tick, ...) with the monotonic time they happened at; the engine returns cue events (countdown
beeps, tempo phase changes, "go", "rest") and answers :meth:`Engine.view` with everything
the screen needs. It never reads a clock and never sleeps.

Time inside the engine is *active time*: the monotonic clock minus every paused stretch.
Deadlines live in active time, so pausing freezes every countdown without moving anything,
and paused time never counts as work or rest. Countdowns end exactly at their deadline:
when a tick arrives late, the next set still starts at the deadline, not at the tick.

Per side: each set is done left, then right, with a :data:`SWITCH_S` countdown between
the sides, after which the right side starts by itself (hands are busy holding a stretch
or a dumbbell). Enter skips the switch; a rep tapped during it starts the side at once.

Counting by the tempo (``count = "tempo"``, or ``switch_count`` during a session): the end of
every tempo cycle is a rep, as if tapped at that moment, so a set needs a key only to end. The
cycle in progress when the set ends is not counted.

Where things are: ``events`` (what goes in and comes out), ``slots`` (a workout laid out as the
sets the session does, in order), ``transitions`` (the state and its moves as time passes),
``machine`` (what each event does, corrections, save and restore), ``records`` (a finished set,
and putting one right), ``view`` (what the screen shows, in words and estimates), ``engine``
(the two together: :class:`Engine`).
"""

from calftui.live.engine.engine import Engine
from calftui.live.engine.events import EVENTS, Cue, Event, EventKind, RestKind, State
from calftui.live.engine.records import KEEP, Keep, SetRecord
from calftui.live.engine.slots import SWITCH_S, Slot, build_slots
from calftui.live.engine.view import View

__all__ = [
    "EVENTS",
    "KEEP",
    "SWITCH_S",
    "Cue",
    "Engine",
    "Event",
    "EventKind",
    "Keep",
    "RestKind",
    "SetRecord",
    "Slot",
    "State",
    "View",
    "build_slots",
]

"""The :class:`Engine` the screens and the session hold: the state machine with its view."""

from __future__ import annotations

from collections.abc import Callable

from calftui.live.engine import view as screen
from calftui.live.engine.events import EVENTS, Cue, Event, EventKind
from calftui.live.engine.machine import Machine
from calftui.live.engine.view import View


class Engine(Machine):
    """A session: :meth:`apply` an event, read the :meth:`view`.

    Every event kind is also a method of its name, made below from :data:`EVENTS`:
    ``engine.rep(now)`` is ``engine.apply(Event("rep", now))`` and ``engine.extend(now, -1)`` is
    ``engine.apply(Event("extend", now, -1))``. (Type-checked code calls :meth:`apply`.)"""

    def view(self, now: float) -> View:
        """What the screen shows at monotonic ``now``."""
        return screen.view_of(self, now)

    def score(self, exercise_index: int, side: str, t: float | None = None) -> float | None:
        return screen.score(self, exercise_index, side, t)

    def estimate_left(self, t: float) -> float:
        return screen.estimate_left(self, t)

    def next_wakeup(self, now: float, *, tempo_step: float = 0.1) -> float | None:
        return screen.next_wakeup(self, now, tempo_step=tempo_step)


def _send(kind: EventKind) -> Callable[[Engine, float, int], list[Cue]]:
    def send(self: Engine, now: float, arg: int = 0) -> list[Cue]:
        return self.apply(Event(kind, now, arg))

    send.__name__ = kind
    send.__qualname__ = f"Engine.{kind}"
    send.__doc__ = f"``apply(Event({kind!r}, now, arg))``: the cues it caused."
    return send


for _kind in EVENTS:
    if hasattr(Engine, _kind):
        raise TypeError(f"Engine.{_kind} already means something else")
    setattr(Engine, _kind, _send(_kind))

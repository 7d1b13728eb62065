"""Small builders shared by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from calftui.workouts.loader import parse_workout
from calftui.workouts.model import Workout


def workout(body: str, name: str = "Test workout") -> Workout:
    """A workout from the [[exercise]] tables only."""
    return parse_workout(f'name = "{name}"\n' + body, "test.toml")


WALL_START = datetime(2026, 11, 21, 18, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 5000.0):
        self.now = start
        self.start = start

    def wall(self) -> datetime:
        """The calendar clock, moving with this one from a fixed evening: screens show the same date."""
        return WALL_START + timedelta(seconds=self.now - self.start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


async def until(pilot, condition, what: str = "the screen to settle", turns: int = 400) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds; fail (never hang) when it does not."""
    for _ in range(turns):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"gave up waiting for {what}; on {pilot.app.screen!r}")


async def on_session(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the session is on screen: keys pressed before it would land on the picker."""
    from calftui.ui.screens.session import SessionScreen

    await until(pilot, lambda: isinstance(pilot.app.screen, SessionScreen), "the session screen")


def tap(pilot, clock: FakeClock, reps: int, gap: float = 1.0) -> None:  # type: ignore[no-untyped-def]
    """``reps`` taps ``gap`` seconds apart, each through the session screen's rep action (what the
    space key runs). Fast: for setting a scene. Key delivery itself is tested with real presses."""
    for _ in range(reps):
        clock.advance(gap)
        pilot.app.screen.action_rep()


async def into_death_set(pilot, clock: FakeClock, reps: int, gap: float = 1.0) -> None:  # type: ignore[no-untyped-def]
    """In the built-in death set: skip the three ramp-up sets, start the death set, tap ``reps``
    reps ``gap`` seconds apart."""
    await on_session(pilot)
    for _ in range(3):  # start, finish, skip the rest
        await pilot.press("enter", "enter", "enter")
    await pilot.press("enter")
    tap(pilot, clock, reps, gap)
    await pilot.pause()


class Said:
    """The notices an app shows after a moment, as text: a live view of its own record of them
    (``CalfApp.notices``), leaving out those it had shown before."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.before = list(app.notices)

    def __iter__(self) -> Iterator[str]:
        return (n.message for n in self.app.notices if not any(n is old for old in self.before))

    def __repr__(self) -> str:
        return repr(list(self))


def notices(app) -> Said:  # type: ignore[no-untyped-def]
    """Every notice ``app`` shows from now on, as text."""
    return Said(app)


def text_of(widget) -> str:  # type: ignore[no-untyped-def]
    """What a Static holding a Rich renderable (a table) shows, as plain text."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, record=True)
    console.print(widget.content)
    return console.export_text()


def drawn(widget) -> str:  # type: ignore[no-untyped-def]
    """The text ``widget`` draws on screen, line by line (what the compositor gets from it)."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))

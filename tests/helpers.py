"""Small builders shared by the tests."""

from __future__ import annotations

from calftui.model import Workout
from calftui.workout_file import parse_workout


def workout(body: str, name: str = "Test workout") -> Workout:
    """A workout from the [[exercise]] tables only."""
    return parse_workout(f'name = "{name}"\n' + body, "test.toml")


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 5000.0):
        self.now = start

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

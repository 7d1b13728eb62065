"""The command palette's workouts: type a name, start it."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from calftui.catalog import Entry, discover


class WorkoutCommands(Provider):
    async def startup(self) -> None:
        import asyncio

        self.entries: list[Entry] = await asyncio.to_thread(discover, getattr(self.app, "workout_dirs", ()))

    def _start(self, entry: Entry) -> None:
        self.app.start_workout(entry)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for entry in self.entries:
            if entry.ok:
                yield DiscoveryHit(f"Start: {entry.name}", partial(self._start, entry), help=entry.workout.description if entry.workout else "")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries:
            if not entry.ok:
                continue
            text = f"Start: {entry.name}"
            score = matcher.match(f"{text} {entry.stem}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._start, entry),
                          help=entry.workout.description if entry.workout else "")

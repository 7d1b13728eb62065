"""The command palette's workouts: type a name, start it."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from calftui.common import visible
from calftui.ui.app import CalfApp
from calftui.ui.text import plain
from calftui.workouts import Entry, discover_workouts


class WorkoutCommands(Provider):
    """``Start: <workout>`` for every valid workout, read off the UI thread when the palette opens."""

    entries: list[Entry]

    @property
    def calf(self) -> CalfApp:
        app = self.app
        assert isinstance(app, CalfApp)
        return app

    async def startup(self) -> None:
        self.entries = await asyncio.to_thread(discover_workouts, self.calf.workout_dirs)

    def _start(self, entry: Entry) -> None:
        self.calf.start_workout(entry)

    def _startable(self) -> list[tuple[str, Entry, str]]:
        """(what to show, the entry, its description): names go into the palette as text, never markup."""
        return [(f"Start: {visible(e.name)}", e, escape(visible(e.card.description))) for e in self.entries if e.ok]

    async def discover(self) -> Hits:
        for text, entry, about in self._startable():
            yield DiscoveryHit(plain(text), partial(self._start, entry), text=text, help=about)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, entry, about in self._startable():
            score = matcher.match(f"{text} {entry.stem}")
            if score > 0:
                yield Hit(score, matcher.highlight(escape(text)), partial(self._start, entry), text=text, help=about)

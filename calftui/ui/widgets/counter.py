"""The big number: reps, or a countdown. A click on it counts a rep."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Digits


class BigCounter(Digits):
    DEFAULT_CSS = """
    BigCounter { width: auto; text-style: bold; }
    """

    @dataclass
    class Tapped(Message):
        """The counter was clicked: count a rep."""

        counter: BigCounter

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Tapped(self))

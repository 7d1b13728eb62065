"""The big number: reps, or a countdown, as large as the screen allows. A click on it counts a rep."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message

from calftui.ui.widgets.bigtext import BigText


class BigCounter(BigText):
    DEFAULT_CSS = """
    BigCounter { height: 1fr; min-height: 1; }
    """

    @dataclass
    class Tapped(Message):
        """The counter was clicked: count a rep."""

        counter: BigCounter

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Tapped(self))

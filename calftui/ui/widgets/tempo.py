"""The tempo cue: the words for the phase now, and a bar for the time left in it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from calftui.tempo import PhaseAt
from calftui.ui.text import plain


class TempoCue(Horizontal):
    DEFAULT_CSS = """
    TempoCue { height: 1; width: 100%; align-horizontal: center; }
    TempoCue > Label { width: auto; min-width: 24; text-style: bold; padding: 0 1; }
    TempoCue > ProgressBar { width: 30; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="tempo-words")
        yield ProgressBar(total=1.0, show_percentage=False, show_eta=False, id="tempo-bar")

    def show(self, phase: PhaseAt | None) -> None:
        self.display = phase is not None
        if phase is None:
            return
        label = self.query_one("#tempo-words", Label)
        label.update(plain(phase.words))
        label.set_classes(f"phase-{phase.phase}")
        bar = self.query_one("#tempo-bar", ProgressBar)
        bar.update(total=phase.length, progress=phase.length - phase.remaining)

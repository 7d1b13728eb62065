"""The tempo cue: the words for the phase now (large where there is room), and a bar for the time
left in it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import ProgressBar

from calftui.ui.widgets.bigtext import BigText
from calftui.workouts import PhaseAt


class TempoCue(Vertical):
    DEFAULT_CSS = """
    TempoCue { height: auto; width: 100%; }
    TempoCue > Center { height: 1; }
    TempoCue ProgressBar { width: 30; }
    """

    def compose(self) -> ComposeResult:
        yield BigText(id="tempo-words", rows=1)
        with Center():
            yield ProgressBar(total=1.0, show_percentage=False, show_eta=False, id="tempo-bar")

    def set_rows(self, rows: int) -> None:
        self.query_one("#tempo-words", BigText).set_rows(rows)

    def show(self, phase: PhaseAt | None) -> None:
        """The phase now (whether the cue is shown at all is the screen's to decide)."""
        if phase is None:
            return
        words = self.query_one("#tempo-words", BigText)
        words.update(phase.words)
        words.set_classes(f"phase-{phase.phase}")
        bar = self.query_one("#tempo-bar", ProgressBar)
        bar.update(total=phase.length, progress=phase.length - phase.remaining)

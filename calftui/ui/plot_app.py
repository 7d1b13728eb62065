"""``calftui stats WORKOUT --plot``: the progress charts in the terminal itself, below the prompt
(Textual's inline mode), with the same keys as in the app; the chart last shown stays on screen."""

from __future__ import annotations

from calftui.ui.app import CalfApp


class PlotApp(CalfApp):
    """calftui opened on one workout's progress charts, and closed with them."""

    CSS = "Screen:inline { height: 24; border: none; }"

    def __init__(self, workout: str, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.workout = workout

    def open_first_screen(self) -> None:
        from calftui.ui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen(self.workout, last=True))

    def _offer_recovery_or_start(self) -> None:
        """Unfinished sessions are offered when calftui itself opens, not here."""

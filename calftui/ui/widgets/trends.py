"""One workout's trends under the history: the 8-week strip and a sparkline per measure."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline, Static

from calftui import history
from calftui.ui.text import plain

SHOWN = 5
"""Trends drawn at most: what fits under the table at 80x24."""


class Trends(Vertical):
    DEFAULT_CSS = """
    Trends { height: auto; max-height: 8; padding: 0 1; border-top: solid $primary; }
    Trends > .trend { height: 1; }
    Trends .trend-label { width: 30; color: $text-muted; }
    Trends .trend-line { width: 1fr; min-width: 10; height: 1; }
    Trends .trend-range { width: auto; padding: 0 0 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.workout: str | None = None
        """The workout drawn now; drawing it again is skipped."""

    def draw(self, found: history.WorkoutTrends) -> None:
        """One workout's trends (drawing the one drawn now again does nothing)."""
        if found.workout == self.workout:
            return
        self.workout = found.workout
        self.remove_children()
        strip = history.strip_text(found.strip)
        rows: list[Horizontal | Static] = [
            Static(Text.assemble(plain(found.workout, "bold"), f" · last 8 weeks {strip} (aim: 2-3 days a week)"))]
        for trend in found.trends[:SHOWN]:
            better = "lower is better" if trend.lower_is_better else ""
            span = f"{trend.first} → {trend.last} {better}".strip()
            rows.append(Horizontal(Label(plain(trend.label[:28]), classes="trend-label"),
                                   Sparkline(trend.values, summary_function=max, classes="trend-line"),
                                   Label(plain(span), classes="trend-range"),
                                   classes="trend"))
        self.mount_all(rows)

    def empty(self, message: str) -> None:
        self.workout = None
        self.remove_children()
        self.mount(Static(message))

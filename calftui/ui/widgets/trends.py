"""One workout's trends under the history: the 8-week strip and a sparkline per measure.

One widget drawing every line, at a height fixed from the start: moving the cursor to another
workout, or the trends coming in after the newest page, redraws these lines and nothing else (the
table above keeps its size, so it is not laid out and drawn again).
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import RenderResult
from textual.renderables.sparkline import Sparkline
from textual.widget import Widget

from calftui.insights import WorkoutTrends, strip_text
from calftui.ui.text import plain

SHOWN = 5
"""Trends drawn at most: what fits under the table at 80x24."""
LABEL = 28
"""A trend's label is cut (with an ellipsis) to this many cells."""


class Trends(Widget):
    """Six rows whatever is drawn: the strip and :data:`SHOWN` trends."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"trends--label", "trends--low", "trends--high"}
    DEFAULT_CSS = """
    Trends { height: 6; padding: 0 1; }
    Trends > .trends--label { color: $text-muted; }
    Trends > .trends--high { color: $primary; }
    Trends > .trends--low { color: $primary 30%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: WorkoutTrends | None = None
        self.message = ""
        """Shown when there is no workout to draw."""

    @property
    def workout(self) -> str | None:
        """The workout drawn now; drawing it again is skipped."""
        return None if self.found is None else self.found.workout

    def draw(self, found: WorkoutTrends) -> None:
        """One workout's trends (drawing the one drawn now again does nothing)."""
        if found.workout == self.workout:
            return
        self.found, self.message = found, ""
        self.refresh()

    def empty(self, message: str) -> None:
        self.found, self.message = None, message
        self.refresh()

    def render(self) -> RenderResult:
        if self.found is None:
            return plain(self.message)
        found = self.found
        strip = strip_text(found.strip)
        heading = Text.assemble(plain(found.workout, "bold"), f" · last 8 weeks {strip} (aim: 2-3 days a week)")
        heading.truncate(self.content_size.width, overflow="ellipsis")
        _, base = self.background_colors
        low = (base + self.get_component_styles("trends--low").color).rich_color
        high = (base + self.get_component_styles("trends--high").color).rich_color
        label_style = self.get_component_rich_style("trends--label", partial=True)
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=LABEL, no_wrap=True, overflow="ellipsis")
        grid.add_column(ratio=1, min_width=10, no_wrap=True)
        grid.add_column(no_wrap=True)
        for trend in found.trends[:SHOWN]:
            better = "lower is better" if trend.lower_is_better else ""
            label = plain(trend.label)
            label.style = label_style
            grid.add_row(label,
                         Sparkline(trend.values, width=None, min_color=low, max_color=high, summary_function=max),
                         plain(f"{trend.first} → {trend.last} {better}".strip()))
        lines = Table.grid(expand=True)
        lines.add_row(heading)
        lines.add_row(grid)
        return lines

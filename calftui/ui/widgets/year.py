"""A year at a glance under the history: the last 52 weeks of one workout, a cell a day.

Each day is shaded by the work done (a quarter of the busiest day's, a half, three quarters,
more), by its mark as well as its colour so it reads without colour too; under each week a tick
when the week reached the aim the workout's schedule names, and the streak of such weeks.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from calftui.insights import YEAR_WEEKS, YearAtAGlance
from calftui.ui.text import plain

SHADES = "·░▒▓█"
"""A day without work, then each level of work."""
DAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


AIM = "✓ on target"
LABEL = 4
"""The day names' column."""
FEWEST = 26
"""Weeks worth showing beside the legend; where fewer fit, the legend gives way to weeks."""


def shown_weeks(weeks: int, width: int, key: int) -> tuple[int, int]:
    """(first week, weeks) of the grid that fit ``width`` cells with the day names and a legend ``key``
    wide: the newest weeks, so each row stays one line (a wrapped row would read as another day)."""
    if LABEL + weeks + key <= width:
        return 0, weeks
    fit = width - LABEL - key
    if fit < min(FEWEST, weeks):
        fit = width - LABEL
    fit = max(1, min(weeks, fit))
    return weeks - fit, fit


class YearView(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"year--label", "year--none", "year--work", "year--aim"}
    DEFAULT_CSS = """
    YearView { height: 10; padding: 0 1; }
    YearView > .year--label { color: $text-muted; }
    YearView > .year--none { color: $foreground 25%; }
    YearView > .year--work { color: $primary; }
    YearView > .year--aim { color: $success; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.year: YearAtAGlance | None = None
        self.message = ""

    @property
    def workout(self) -> str | None:
        return None if self.year is None else self.year.workout

    def draw(self, year: YearAtAGlance) -> None:
        self.year, self.message = year, ""
        self.refresh()

    def empty(self, message: str) -> None:
        self.year, self.message = None, message
        self.refresh()

    def render(self) -> RenderResult:
        if self.year is None:
            return plain(self.message)
        year = self.year
        label = self.get_component_rich_style("year--label", partial=True)
        none = self.get_component_rich_style("year--none", partial=True)
        work = self.get_component_rich_style("year--work", partial=True)
        aim = self.get_component_rich_style("year--aim", partial=True)
        per = "reps" if year.measure == "reps" else "minutes"
        legend = {0: f"{SHADES[0]} none", 2: f"{SHADES[1:]} more", 4: f"{per} a day"}
        key = max(len(text) for text in [*legend.values(), AIM]) + 2
        first, weeks = shown_weeks(year.weeks, self.content_size.width, key)
        if LABEL + weeks + key > self.content_size.width:
            legend = {}
        heading = plain(year.workout, "bold")
        heading.append(f" · {YEAR_WEEKS if first == 0 else weeks} weeks · {year.target_text}")
        if year.streak_text:
            heading.append(f" · {year.streak_text}", style="bold")
        heading.truncate(self.content_size.width, overflow="ellipsis")
        cells = [" "] * weeks
        free = 0
        for week in range(weeks):
            monday = year.monday + timedelta(weeks=first + week)
            new = week == 0 or monday.month != (monday - timedelta(weeks=1)).month
            if new and week >= free and week + 3 <= weeks:
                cells[week : week + 3] = f"{monday:%b}"
                free = week + 4
        months = Text(" " * LABEL + "".join(cells), style=label)
        rows = [heading, months]
        for weekday in range(7):
            row = Text(f"{DAYS[weekday]:<{LABEL}}", style=label)
            for week in range(weeks):
                level = year.level(year.monday + timedelta(weeks=first + week, days=weekday))
                if level < 0:
                    row.append(" ")
                else:
                    row.append(SHADES[level], style=work if level else none)
            if weekday in legend:
                row.append(f"  {legend[weekday]}", style=label)
            rows.append(row)
        ticks = Text("aim ", style=label)
        for week in range(weeks):
            ticks.append("✓" if year.on_target(first + week) else " ", style=aim)
        if legend:
            ticks.append(f"  {AIM}", style=label)
        rows.append(ticks)
        return Group(*rows)

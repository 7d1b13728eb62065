"""One progress chart (:class:`calftui.insights.progress.Chart`) drawn by textual-plot, in the theme's colours.

Imported only when a chart is first drawn (numpy comes with the plotting library): the first
screen never pays for it. Every series is a line with a mark at each session, the marks differing
in shape as well as colour, so the lines tell apart without colour too (``NO_COLOR``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Grid
from textual.reactive import reactive
from textual.strip import Strip
from textual_hires_canvas import Canvas
from textual_plot import AxisFormatter, HiResMode, LegendLocation, NumericAxisFormatter, PlotWidget
from textual_plot.plot_widget import Legend

from calftui.common import mmss
from calftui.insights import ProgressChart, date_label, date_ticks, day_number, nice_step, value_limits

MARKS = ("●", "◆", "▲", "■", "▼", "○")
"""Each series' mark, in order."""
COLOURS = ("primary", "accent", "success", "secondary", "warning", "error")
"""Each series' colour, a colour of the theme, in order."""


class DateAxis(AxisFormatter):
    """Days on the time axis: ``Oct 5``, a month ``Nov 2026`` when the marks are months apart."""

    def get_ticks(self, min_: float, max_: float, max_ticks: int = 8) -> list[float]:
        return date_ticks(min_, max_, min(max_ticks, 7))

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        months = len(ticks) > 1 and ticks[1] - ticks[0] >= 28
        return [date_label(tick, months) for tick in ticks]


class DurationAxis(AxisFormatter):
    """Seconds, read as m:ss on round steps (5 s, 10 s, 15 s, 30 s, a minute…)."""

    def get_ticks(self, min_: float, max_: float, max_ticks: int = 8) -> list[float]:
        step = nice_step(max_ - min_, 5, (1, 1.5, 3, 5)) if max_ - min_ >= 10 else 1.0
        step = next((s for s in (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600) if s >= step), step)
        first = -(-min_ // step) * step
        return [first + i * step for i in range(int((max_ - first) // step) + 1)]

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        return [mmss(tick) for tick in ticks]


class Sheet(Canvas):
    """The library's canvas, but a line it has no size for yet is blank in the widget's own style: a
    line with no style at all stops Textual's filter for ``NO_COLOR`` (textual-hires-canvas 0.14)."""

    def render_line(self, y: int) -> Strip:
        found = super().render_line(y)
        if any(segment.style is None for segment in found):
            return Strip.blank(found.cell_length, self.rich_style)
        return found


class ProgressPlot(PlotWidget, can_focus=False):
    """A chart that takes no keys (the screen's keys move between exercises, measures and ranges)."""

    DEFAULT_CSS = """
    ProgressPlot { height: 1fr; min-height: 8; }
    ProgressPlot > .plot--axis { color: $foreground 40%; }
    ProgressPlot > .plot--tick { color: $text-muted; text-style: none; }
    ProgressPlot > .plot--label { color: $text-muted; text-style: none; }
    ProgressPlot #legend { border: round $foreground 30%; background: $surface; }
    """

    margin_top = reactive(1)
    margin_bottom = reactive(1)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, allow_pan_and_zoom=False)
        self.chart: ProgressChart | None = None
        self.today: date | None = None
        self.range_days: int | None = None

    def compose(self) -> ComposeResult:
        """The library's own parts (see :meth:`PlotWidget.compose`), drawn on :class:`Sheet`."""
        with Grid():
            yield Sheet(1, 1, id="margin-top")
            yield Sheet(1, 1, id="margin-left")
            yield Sheet(1, 1, id="plot")
            yield Sheet(1, 1, id="margin-bottom")
        yield Legend(id="legend")

    def draw(self, chart: ProgressChart, today: date, range_days: int | None) -> None:
        """Draw ``chart``, the time axis over its range up to ``today`` (over its points for "all")."""
        self.chart, self.today, self.range_days = chart, today, range_days
        self.clear()
        colours = self._colours()
        points = [p for s in chart.series for p in s.points]
        days = [day_number(moment) for moment, _ in points]
        values = [value for _, value in points]
        if range_days is None:
            first, last = min(days) - 1, max(days) + 1
        else:
            first, last = float(today.toordinal() - range_days + 1), float(today.toordinal() + 1)
        low, high = value_limits(values)
        self.set_xlimits(first, last)
        self.set_ylimits(low, high)
        self.set_x_formatter(DateAxis())
        self.set_y_formatter(DurationAxis() if chart.axis == "seconds" else NumericAxisFormatter())
        self.set_ylabel("m:ss" if chart.axis == "seconds" else chart.axis)
        widest = max(len(label) for label in self._y_formatter.get_labels_for_ticks([low, high]))
        self.margin_left = max(widest + 2, len(self._y_label) + 2, 5)
        for n, series in enumerate(chart.series):
            xs = [day_number(moment) for moment, _ in series.points]
            ys = [value for _, value in series.points]
            colour = colours[n % len(colours)]
            if series.flat:
                self.plot([first, last], ys[:1] * 2, line_style=f"{colour}", hires_mode=HiResMode.BRAILLE,
                          label=series.label)
                continue
            if not series.dots and len(xs) > 1:
                self.plot(xs, ys, line_style=colour, hires_mode=HiResMode.BRAILLE)
            self.scatter(xs, ys, marker="•" if series.dots else MARKS[n % len(MARKS)], marker_style=colour,
                         label=series.label)
        if chart.stars:
            star = self.app.current_theme.foreground or "white"
            self.scatter([day_number(m) for m, _ in chart.stars], [v for _, v in chart.stars], marker="★",
                         marker_style=f"bold {star}", label="record")
        self.show_legend(self._legend_corner(first, last, low, high))

    def _legend_corner(self, first: float, last: float, low: float, high: float) -> LegendLocation:
        """The corner with the fewest points in its quarter of the chart (the top right of equals)."""
        count = dict.fromkeys((LegendLocation.TOPRIGHT, LegendLocation.TOPLEFT, LegendLocation.BOTTOMRIGHT,
                               LegendLocation.BOTTOMLEFT), 0)
        across, up = (first + last) / 2, (low + high) / 2
        for series in self.chart.series if self.chart else ():
            for moment, value in series.points:
                right = day_number(moment) >= across
                top = value >= up
                corner = ((LegendLocation.TOPRIGHT if right else LegendLocation.TOPLEFT) if top else
                          (LegendLocation.BOTTOMRIGHT if right else LegendLocation.BOTTOMLEFT))
                count[corner] += 1
        return min(count, key=lambda corner: count[corner])

    def _colours(self) -> list[str]:
        """The theme's colours for the series, in order."""
        theme = self.app.current_theme
        return [getattr(theme, name, None) or theme.primary for name in COLOURS]

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _: object) -> None:
        """Another theme: the series take its colours."""
        if self.chart is not None and self.today is not None:
            self.draw(self.chart, self.today, self.range_days)

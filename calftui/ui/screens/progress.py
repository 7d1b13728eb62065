"""Progress of one exercise over time: a chart of the measure that fits it, with keys to move
between the workout's exercises, their measures and the range shown.

The journal's store answers in a worker (with the workout file, and the plotting library imported
there too), so the screen is drawn at once with a line saying it is reading; the chart comes when
the answer does. Too little to draw is said in one plain line instead of an empty plot.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from calftui.insights import CHART_RANGES, ExerciseProgress, ProgressChart, gather_progress, progress_chart
from calftui.journal import JournalError, LoggedSession
from calftui.ui.base import calf_app
from calftui.ui.keys import help_key
from calftui.ui.text import plain
from calftui.ui.widgets.keybar import KeyBar

DEFAULT_RANGE = 1
"""The range a chart opens on: 6 months (see :data:`calftui.insights.progress.RANGES`)."""
FOOTER_ORDER = ("progress.close", "progress.help", "progress.next", "progress.measure", "progress.range",
                "progress.previous")
"""The footer's keys, the most important first: when the width is short, the last give way."""
SHORT = {"progress.next": "Next", "progress.previous": "Previous"}
"""Compact footer labels, for a narrow window."""


class ProgressScreen(Screen[None]):
    CSS_PATH = "../progress.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "exercise(1)", "Next exercise", tooltip="The workout's next exercise", id="progress.next"),
        Binding("left", "exercise(-1)", "Previous exercise", tooltip="The workout's previous exercise",
                id="progress.previous"),
        Binding("m,down", "measure(1)", "Measure", tooltip="Another measure of this exercise", id="progress.measure"),
        Binding("up", "measure(-1)", "Previous measure", tooltip="The measure before this one",
                id="progress.measure-back", show=False),
        Binding("r", "range(1)", "Range", tooltip="4 weeks, 6 months, a year, all", id="progress.range"),
        Binding("escape,q", "close", "Back", tooltip="Back to where the chart was opened from", id="progress.close"),
        help_key("progress"),
    ]

    def __init__(self, workout: str, exercise: str | None = None, *, session: LoggedSession | None = None,
                 today: date | None = None, last: bool = False) -> None:
        super().__init__()
        self.last = last
        """Leaving it leaves calftui (``stats --plot``), the chart still on screen."""
        self.workout = workout
        self.wanted = exercise
        """The exercise to open on (the first of the workout when None or not found)."""
        self.session = session
        """A session not yet in the journal (the summary's), charted with the others."""
        self.today = today or datetime.now().astimezone().date()
        self.exercises: list[ExerciseProgress] = []
        self.index = 0
        self.measure = 0
        self.range = DEFAULT_RANGE
        self.chart: ProgressChart | None = None

    def compose(self) -> ComposeResult:
        yield Static(plain(f"Progress · {self.workout}"), id="progress-title")
        yield Static(id="progress-head")
        with Vertical(id="progress-body"):
            yield Static("Reading the journal…", id="progress-instead")
        yield Static(id="progress-notes")
        yield KeyBar(order=FOOTER_ORDER, keep=("progress.close", "progress.help"), short=SHORT, palette=True)

    def on_mount(self) -> None:
        self.gather()

    @work(thread=True, exclusive=True, group="progress")
    def gather(self) -> None:
        """Every exercise of the workout, from the store (and the workout file for its tempos and
        holds for max); the plotting library is imported here too, off the screen's thread."""
        from calftui.workouts import workout_named

        try:
            prescribed = workout_named(self.workout, self.app.workout_dirs)
            found = gather_progress(self.app.journal, self.workout, prescribed, self.session)
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self._say, f"The journal could not be read: {exc}")
            return
        import calftui.ui.widgets.chart  # noqa: F401  (numpy and the library, loaded here rather than on screen)

        self.app.call_from_thread(self.put_exercises, found)

    def _say(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#progress-instead", Static).update(plain(text, one_line=False))

    def put_exercises(self, found: list[ExerciseProgress]) -> None:
        if not self.is_attached:
            return
        self.exercises = [ex for ex in found if ex.done or ex.scores]
        if not self.exercises:
            self._say(f"Nothing of {self.workout} in the journal yet: the charts fill as you train.")
            return
        names = [ex.name for ex in self.exercises]
        self.index = names.index(self.wanted) if self.wanted in names else 0
        self.call_later(self._place_chart)

    async def _place_chart(self) -> None:
        """The chart widget, once its parts are there: then drawn."""
        from calftui.ui.widgets.chart import ProgressPlot

        await self.query_one("#progress-body").mount(ProgressPlot(id="progress-plot"))
        self.show()

    def show(self) -> None:
        """Draw the exercise, measure and range chosen now."""
        if not self.exercises or not self.is_attached:
            return
        from calftui.ui.widgets.chart import ProgressPlot

        ex = self.exercises[self.index]
        measures = ex.measures()
        self.measure %= len(measures)
        _, days = CHART_RANGES[self.range]
        self.chart = chart = progress_chart(ex, measures[self.measure], self.today, days, self.app.settings.unit)
        self.query_one("#progress-title", Static).update(plain(
            f"Progress · {self.workout} · exercise {self.index + 1} of {len(self.exercises)} · "
            f"measure {self.measure + 1} of {len(measures)}"))
        self.query_one("#progress-head", Static).update(plain(chart.title, "bold"))
        plot = self.query_one(ProgressPlot)
        instead = self.query_one("#progress-instead", Static)
        if chart.instead:
            instead.update(plain(chart.instead, one_line=False))
            plot.display, instead.display = False, True
        else:
            plot.display, instead.display = True, False
            plot.draw(chart, self.today, days)
        self.query_one("#progress-notes", Static).update(plain("\n".join(chart.notes), one_line=False))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that would change nothing are not offered: moving between exercises needs two of
        them, another measure needs the exercise to have two."""
        if action == "exercise":
            return len(self.exercises) > 1
        if action == "measure":
            return bool(self.exercises) and len(self.exercises[self.index].measures()) > 1
        return True

    def action_exercise(self, step: int) -> None:
        if self.exercises:
            self.index = (self.index + step) % len(self.exercises)
            self.measure = 0
            self.show()

    def action_measure(self, step: int) -> None:
        if self.exercises:
            self.measure += step
            self.show()

    def action_range(self, step: int) -> None:
        self.range = (self.range + step) % len(CHART_RANGES)
        self.show()

    def action_help(self) -> None:
        from calftui.ui.keys import show_help

        show_help(self.app, self.BINDINGS)

    def action_close(self) -> None:
        if self.last:
            self.app.exit()
        else:
            self.dismiss()

"""History: every session newest first, a workout's trends, and a session's every set.

Sparklines rather than plotted charts: they are part of Textual (no extra dependency), a
trend fits in one row so several fit at 80x24, and they draw in the theme's colours.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Sparkline, Static

from calftui import history
from calftui.durations import mmss
from calftui.journal import JournalError
from calftui.journal_index import Listing, Summary, listing, session_at
from calftui.reports import length


def short_score(summary: Summary) -> str:
    """``2:35/4`` per target exercise: the score and the mini-sets, as short as a column allows."""
    return " ".join(f"{mmss(sc[2])}/{sc[3]}{'' if sc[4] else '!'}" for sc in summary.scores)


class HistoryScreen(Screen[None]):
    CSS_PATH = "../history.tcss"
    BINDINGS = [
        Binding("enter", "open", "Details", tooltip="Every set of the highlighted session", id="history.open"),
        Binding("escape,q,h", "close", "Back", tooltip="Back to the workouts", id="history.close"),
    ]

    def __init__(self, today: datetime | None = None) -> None:
        super().__init__()
        self.found: Listing | None = None
        self.marked: set[str] = set()
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static("History  ·  ★ set a record  ·  score/mini-sets (! unfinished)  ·  Enter: every set", id="history-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Vertical(id="trends")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns("★", "Date", "Workout", "Status", "Time", "Reps", "Score")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            found = listing(self.app.journal)  # type: ignore[attr-defined]
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        marked = history.record_sessions(found.summaries)
        self.app.call_from_thread(self.show, found, marked)

    def show(self, found: Listing, marked: set[str]) -> None:
        self.found, self.marked = found, marked
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for summary in reversed(found.summaries):
            table.add_row("★" if summary.id in marked else "", summary.started_at.strftime("%y-%m-%d %H:%M"),
                          summary.workout[:22], "done" if summary.status == "completed" else summary.status[:7],
                          length(summary.duration_s),
                          str(summary.total_reps), short_score(summary), key=summary.id)
        if not found.summaries:
            self.query_one("#trends", Vertical).mount(Static("No sessions yet: the journal fills as you train."))
        if found.damage:
            self.notify(f"{len(found.damage)} damaged part(s) of the journal were skipped; `calftui log` lists their lines.",
                        severity="warning")
        table.focus()

    def summary(self, key: str | None) -> Summary | None:
        if self.found is None or key is None:
            return None
        return next((s for s in self.found.summaries if s.id == key), None)

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        chosen = self.summary(event.row_key.value if event.row_key else None)
        if chosen is not None and self.found is not None:
            self.show_trends(chosen.workout)

    def show_trends(self, workout: str) -> None:
        assert self.found is not None
        box = self.query_one("#trends", Vertical)
        if getattr(box, "workout", None) == workout:
            return
        box.workout = workout  # type: ignore[attr-defined]
        box.remove_children()
        mine = [s for s in self.found.summaries if s.workout == workout]
        today = (self.today or datetime.now().astimezone()).date()
        strip = history.strip_text(history.week_strip(mine, today))
        rows: list[Horizontal | Static] = [Static(Text.assemble((workout, "bold"), f"   last 8 weeks {strip}  (aim: 2-3 days a week)"))]
        for trend in history.trends(self.found.summaries, workout)[:5]:
            arrow = "lower is better" if trend.lower_is_better else ""
            rows.append(Horizontal(Label(trend.label[:28], classes="trend-label"),
                                   Sparkline(trend.values, summary_function=max, classes="trend-line"),
                                   Label(f"{trend.first} → {trend.last} {arrow}".strip(), classes="trend-range"),
                                   classes="trend"))
        box.mount_all(rows)

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        chosen = self.summary(key)
        if chosen is None:
            return
        session = session_at(self.app.journal, chosen)  # type: ignore[attr-defined]
        if session is None:
            self.notify("That session could not be read again: the journal changed. Reopen history.", severity="warning")
            return
        from calftui.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(session, chosen.id in self.marked))

    @on(DataTable.RowSelected)
    def selected(self) -> None:
        self.action_open()

    def action_close(self) -> None:
        self.dismiss()

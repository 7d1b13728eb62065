"""History: every session newest first, a workout's trends, and a session's every set.

Sparklines rather than plotted charts: they are part of Textual (no extra dependency), a
trend fits in one row so several fit at 80x24, and they draw in the theme's colours.
Everything comes from :class:`calftui.journal.Journal`, a page at a time; when the journal must be
read first (a first start, or a large change), a progress line says how far that has got.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from calftui.common import length, mmss, visible
from calftui.insights import YEAR_WEEKS, WorkoutTrends, YearAtAGlance, workout_trends, year_at_a_glance
from calftui.journal import JournalError, Row
from calftui.ui.base import calf_app
from calftui.ui.keys import help_key, key_for
from calftui.ui.text import plain
from calftui.ui.widgets.rows import RowTable
from calftui.ui.widgets.trends import Trends
from calftui.ui.widgets.year import YearView


def line(cells: list[str], widths: list[int]) -> Text:
    """One row of the sessions table: each cell (shown as written, see :func:`visible`) in its
    width, cut with an ellipsis only when it does not fit, a space either side: the table
    (:class:`RowTable`) draws these lines as they are, without measuring them."""
    return Text("".join(f" {fitted(visible(cell), width)} " for cell, width in zip(cells, widths, strict=True)),
                no_wrap=True, end="")


def fitted(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells of the terminal."""
    if text.isascii() and len(text) <= width:  # (printable already: one cell a character)
        return text.ljust(width)
    if (cells := cell_len(text)) <= width:
        return text + " " * (width - cells)
    shown = Text(text)
    shown.truncate(width, overflow="ellipsis", pad=True)
    return shown.plain


def short_score(row: Row) -> str:
    """``2:35/4`` per target exercise: the score and the mini-sets, as short as a column allows."""
    return " ".join(f"{mmss(sc.seconds)}/{sc.mini_sets}{'' if sc.finished else '!'}" for sc in row.scores)


PAGE = 30
"""Sessions added to the table at a time; the next page comes as the cursor nears the end."""
COLUMNS = (("★", 1), ("Date", 16), ("Workout", 0), ("Status", 7), ("Time", 6), ("Reps", 5), ("Score", 10))
"""Fixed widths, so no row is measured to lay the others out; the workout's name gets what the
screen has left."""
NAME_AT_LEAST = 14
NARROWER = (("Date", 10), ("Status", None), ("Time", None))
"""How the table gives way where the names would get less than :data:`NAME_AT_LEAST`, in turn
until they do not: the date without its time, then no status, then no time (at 50 columns:
star, date, workout, reps and score)."""


def columns(screen_width: int) -> tuple[tuple[str, int], ...]:
    """The columns shown at ``screen_width``, each with its width (the workout's: what is left).
    The table has no scrollbar (the position shows in its border): each column takes its width
    and a space either side."""
    shown = list(COLUMNS)
    for label, width in NARROWER:
        if sum(w + 2 for _, w in shown) + NAME_AT_LEAST <= screen_width:
            break
        at = next(n for n, (known, _) in enumerate(shown) if known == label)
        if width is None:
            del shown[at]
        else:
            shown[at] = (label, width)
    name = max(NAME_AT_LEAST, screen_width - sum(w + 2 for _, w in shown))
    return tuple((label, width or name) for label, width in shown)


class HistoryScreen(Screen[None]):
    CSS_PATH = "../history.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Details", tooltip="Every set of the highlighted session", id="history.open"),
        Binding("y", "year", "Year", tooltip="The highlighted workout's last 52 weeks, a cell a day (again: trends)",
                id="history.year"),
        Binding("p", "progress", "Progress", tooltip="Charts of the highlighted workout's exercises over time",
                id="history.progress"),
        Binding("escape,q,h", "close", "Back", tooltip="Back to the workouts", id="history.close"),
        help_key("history"),
    ]

    def __init__(self, today: datetime | None = None) -> None:
        super().__init__()
        self.rows: list[Row] = []
        """The sessions in the table, newest first."""
        self.whole = False
        """True once the oldest session is in the table."""
        self.fetching = False
        self.today = today
        self.trends: dict[str, WorkoutTrends] = {}
        self.years: dict[str, YearAtAGlance] = {}
        """Each workout's year at a glance, once worked out."""
        self.showing_year = False
        """Each workout's trends, once worked out."""
        self.starred: set[int] = set()
        """The rows (:attr:`Row.key`) that set a record, once known (drawn then)."""
        self.looked: set[int] = set()
        """The rows whose stars are known."""
        self.columns: tuple[tuple[str, int], ...] = ()
        """The columns shown (label, width): fewer and narrower in a narrow window."""
        self.widths: list[int] = []

    def compose(self) -> ComposeResult:
        every = key_for(self.app, self.BINDINGS, "history.open")
        yield Static(plain(f"History · ★ set a record · score/mini-sets (! not a full time) · {every} every set"),
                     id="history-title")
        yield RowTable(id="sessions")
        yield Trends(id="trends")
        yield YearView(id="year")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._columns(self.app.size.width)
        journal = self.app.journal
        if journal.fresh():  # the newest page in the screen's first frame (its stars too, when known)
            try:
                rows = journal.newest(PAGE)
                if journal.whole_fresh():
                    self.starred = journal.marks(r.key for r in rows)
                    self.looked = {r.key for r in rows}
                self.show(rows, journal.count())
                return
            except (JournalError, OSError):
                pass  # (the journal changed meanwhile, or cannot be read: the worker says so)
        self.query_one(Trends).empty("Reading the journal…")
        self.load()

    def _columns(self, screen_width: int) -> None:
        self.columns = columns(screen_width)
        self.widths = [width for _, width in self.columns]
        self.query_one("#sessions", RowTable).set_header(line([label for label, _ in self.columns], self.widths))

    def on_resize(self) -> None:
        """A wider or narrower terminal: the names get what there is, the other columns what fits
        (the rows shown are drawn again)."""
        if columns(self.app.size.width) == self.columns:
            return
        table = self.query_one("#sessions", RowTable)
        row = table.cursor_row
        table.clear()
        self._columns(self.app.size.width)
        table.add_rows([self.row(r) for r in self.rows])
        table.move_cursor(row)

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """The journal read into its store (a progress line meanwhile), then the newest page."""
        journal = self.app.journal
        try:
            journal.refresh(lambda done, total: self.app.call_from_thread(self.progress, done, total))
            rows, count = journal.newest(PAGE), journal.count()
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.show, rows, count)

    def progress(self, done: int, total: int) -> None:
        if self.query("#trends"):
            self.query_one(Trends).empty(f"Reading the journal into calftui's cache: {done:,} of {total:,} sessions…")

    def show(self, rows: list[Row], count: int) -> None:
        if not self.query("#sessions"):
            return  # the screen went while the journal was read
        table = self.query_one("#sessions", RowTable)
        table.clear()
        table.total = count
        self.rows = []
        self.whole = len(rows) >= count
        self.add(rows)
        if not rows:
            self.query_one(Trends).empty("No sessions yet: the journal fills as you train.")
        else:
            self.show_trends(rows[0].workout)
            self.find_stars(rows)
        self.tell_problems()
        table.focus()

    @work(thread=True, group="history-stars")
    def find_stars(self, rows: list[Row]) -> None:
        """Which of these rows set a record (the whole journal is looked at, if it changed)."""
        try:
            found = self.app.journal.marks(r.key for r in rows)
        except (JournalError, OSError):
            return
        self.app.call_from_thread(self.star, found, [r.key for r in rows])

    def star(self, found: set[int], asked: list[int]) -> None:
        if not self.query("#sessions"):
            return
        table = self.query_one("#sessions", RowTable)
        changed = (self.starred.symmetric_difference(found)) & set(asked)
        self.starred = (self.starred - set(asked)) | found
        self.looked |= set(asked)
        for index, r in enumerate(self.rows):
            if r.key in changed:
                table.update_row(index, self.row(r))

    @work(thread=True, exclusive=True, group="history-problems")
    def tell_problems(self) -> None:
        problems = self.app.journal.problems()
        if problems:
            count = len(problems.damage) + len(problems.shared_ids)
            self.app.call_from_thread(
                self.notify, f"{count} problem(s) in the journal (damaged parts skipped, ids used twice); "
                             "`calftui log` lists them with their lines.", severity="warning")

    @work(thread=True, exclusive=True, group="history-older")
    def fetch_older(self, skip: int) -> None:
        """The page after the ``skip`` newest sessions."""
        try:
            page = self.app.journal.newest(PAGE, skip)
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.put_page, page)

    def put_page(self, page: list[Row]) -> None:
        """A page further back, newest first (fewer than a page: the oldest session is in)."""
        self.fetching = False
        if not self.query("#sessions"):
            return
        self.whole = len(page) < PAGE
        known = {r.key for r in self.rows}  # (a session saved meanwhile moves the pages by one)
        fresh = [r for r in page if r.key not in known]
        self.add(fresh)
        self.find_stars(fresh)

    def add(self, rows: list[Row]) -> None:
        self.query_one("#sessions", RowTable).add_rows([self.row(r) for r in rows])
        self.rows.extend(rows)

    def row(self, r: Row) -> Text:
        cells = {"★": "★" if r.key in self.starred else "", "Workout": r.workout,
                 "Date": r.started_at.strftime("%Y-%m-%d %H:%M" if dict(self.columns)["Date"] > 10 else "%Y-%m-%d"),
                 "Status": "done" if r.status == "completed" else r.status[:7],
                 "Time": "?" if r.duration_s is None else length(r.duration_s), "Reps": str(r.total_reps),
                 "Score": short_score(r)}
        return line([cells[label] for label, _ in self.columns], self.widths)

    @on(RowTable.RowHighlighted)
    def highlighted(self, event: RowTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self.rows):
            return
        if event.cursor_row >= len(self.rows) - 10 and not self.whole and not self.fetching:
            self.fetching = True
            self.fetch_older(len(self.rows))
        self.show_trends(self.rows[event.cursor_row].workout)

    def _today(self) -> date:
        return (self.today or datetime.now().astimezone()).date()

    def show_trends(self, workout: str) -> None:
        if self.showing_year:
            self.show_year(workout)
            return
        found = self.trends.get(workout)
        if found is not None:
            self.query_one(Trends).draw(found)
        elif workout != self.query_one(Trends).workout:
            self.work_out_trends(workout)

    @work(thread=True, exclusive=True, group="history-trends")
    def work_out_trends(self, workout: str) -> None:
        try:
            found = workout_trends(self.app.journal, workout, self._today(), self.app.settings.unit)
        except (JournalError, OSError):
            return
        self.app.call_from_thread(self.put_trends, found)

    def put_trends(self, found: WorkoutTrends) -> None:
        self.trends[found.workout] = found
        if not self.query("#sessions"):
            return
        table = self.query_one("#sessions", RowTable)
        if self.rows and self.rows[min(table.cursor_row, len(self.rows) - 1)].workout == found.workout:
            self.query_one(Trends).draw(found)

    def action_year(self) -> None:
        """The highlighted workout's year at a glance instead of its trends, or back."""
        self.showing_year = not self.showing_year
        self.query_one(YearView).display = self.showing_year
        self.query_one(Trends).display = not self.showing_year
        table = self.query_one("#sessions", RowTable)
        if 0 <= table.cursor_row < len(self.rows):
            self.show_trends(self.rows[table.cursor_row].workout)
        elif self.showing_year:
            self.query_one(YearView).empty("No sessions yet: the journal fills as you train.")

    def show_year(self, workout: str) -> None:
        found = self.years.get(workout)
        view = self.query_one(YearView)
        if found is not None:
            view.draw(found)
        elif workout != view.workout:
            view.empty("Reading the journal…")
            self.work_out_year(workout)

    @work(thread=True, exclusive=True, group="history-year")
    def work_out_year(self, workout: str) -> None:
        """A year of the workout's sessions from the store, and its schedule from its file."""
        from calftui.journal import point
        from calftui.workouts import workout_named

        today = self._today()
        first = datetime.combine(today - timedelta(weeks=YEAR_WEEKS + 1), datetime.min.time()).astimezone()
        try:
            rows = [r for r in self.app.journal.of_workout([workout], point(first)) if r.workout == workout]
        except (JournalError, OSError):
            return
        prescribed = workout_named(workout, self.app.workout_dirs)
        found = year_at_a_glance(workout, [(r.started_at, r.total_reps, r.duration_s) for r in rows], today,
                              prescribed.schedule if prescribed else None)
        self.app.call_from_thread(self.put_year, found)

    def put_year(self, found: YearAtAGlance) -> None:
        self.years[found.workout] = found
        if not self.query("#sessions"):
            return
        table = self.query_one("#sessions", RowTable)
        if self.rows and self.rows[min(table.cursor_row, len(self.rows) - 1)].workout == found.workout:
            self.query_one(YearView).draw(found)

    def action_open(self) -> None:
        table = self.query_one("#sessions", RowTable)
        if not 0 <= table.cursor_row < len(self.rows):
            return
        chosen = self.rows[table.cursor_row]
        try:
            session = self.app.journal.session(chosen.key)
        except (JournalError, OSError):
            session = None
        if session is None or session.id != chosen.id:
            self.notify("That session could not be read again: the journal changed. Reopen history.",
                        severity="warning")
            return
        from calftui.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(session, chosen.key in self.starred))

    def action_progress(self) -> None:
        table = self.query_one("#sessions", RowTable)
        if 0 <= table.cursor_row < len(self.rows):
            from calftui.ui.screens.progress import ProgressScreen

            self.app.push_screen(ProgressScreen(self.rows[table.cursor_row].workout, today=self.today and
                                                self.today.date()))

    @on(RowTable.RowSelected)
    def selected(self) -> None:
        self.action_open()

    def action_help(self) -> None:
        from calftui.ui.keys import show_help

        show_help(self.app, self.BINDINGS)

    def action_close(self) -> None:
        self.dismiss()

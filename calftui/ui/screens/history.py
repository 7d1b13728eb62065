"""History: every session newest first, a workout's trends, and a session's every set.

Sparklines rather than plotted charts: they are part of Textual (no extra dependency), a
trend fits in one row so several fit at 80x24, and they draw in the theme's colours.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from calftui import history
from calftui.durations import length, mmss
from calftui.indexer import index_elsewhere, read_marks, work_out_marks
from calftui.journal import JournalError
from calftui.journal_index import Listing, Summary, listing, newest_if_fresh, older, session_at
from calftui.textsafe import visible
from calftui.ui.base import calf_app
from calftui.ui.keys import key_for
from calftui.ui.text import plain
from calftui.ui.widgets.rows import RowTable
from calftui.ui.widgets.trends import Trends


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


def short_score(summary: Summary) -> str:
    """``2:35/4`` per target exercise: the score and the mini-sets, as short as a column allows."""
    return " ".join(f"{mmss(sc.seconds)}/{sc.mini_sets}{'' if sc.finished else '!'}" for sc in summary.scores)


PAGE = 30
"""Sessions added to the table at a time; the next page comes as the cursor nears the end."""
COLUMNS = (("★", 1), ("Date", 16), ("Workout", 0), ("Status", 7), ("Time", 6), ("Reps", 5), ("Score", 10))
"""Fixed widths, so no row is measured to lay the others out; the workout's name gets what the
screen has left."""
NAME_AT_LEAST = 14
MARKS_AT_ONCE = 256 << 10
"""History's marks up to this size (about twenty-five years of a journal; ten years, 98 KB, read
in 1 ms) are read with a newest page that is cheap to read, and drawn in the screen's first frame."""
MARKS_WITH_THE_PAGE = 512 << 10
"""Up to this size, marks are read with a newest page that is read in the background (its cache
had to be made), and drawn with it; larger ones are read after it, not to hold it back."""


def name_width(screen_width: int) -> int:
    """What the workout column gets: the screen less the other columns and every column's padding
    (the table has no scrollbar: the position shows in its border)."""
    fixed = sum(width + 2 for _, width in COLUMNS)
    return max(NAME_AT_LEAST, screen_width - fixed)


class HistoryScreen(Screen[None]):
    CSS_PATH = "../history.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Details", tooltip="Every set of the highlighted session", id="history.open"),
        Binding("escape,q,h", "close", "Back", tooltip="Back to the workouts", id="history.close"),
    ]

    def __init__(self, today: datetime | None = None) -> None:
        super().__init__()
        self.newest_first: list[Summary] = []
        """Every session read so far, newest first; the table shows the first :attr:`shown`."""
        self.whole = False
        """True once every session is in :attr:`newest_first`."""
        self.source: list[int] | None = None
        """The cache the pages further back are read from (see :func:`older`); None: read whole."""
        self.fetching = False
        self.marks: history.HistoryMarks | None = None
        """The record marks and every workout's trends, once they are in (drawn then)."""
        self.ids: list[str] = []
        """The session id of each row, in table order."""
        self.today = today
        self.by_id: dict[str, Summary] = {}
        self.name_width = 0
        self.widths: list[int] = []

    def compose(self) -> ComposeResult:
        every = key_for(self.app, self.BINDINGS, "history.open")
        yield Static(plain(f"History · ★ set a record · score/mini-sets (! not a full time) · {every} every set"),
                     id="history-title")
        yield RowTable(id="sessions")
        yield Trends(id="trends")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._columns(self.app.size.width)
        journal = self.app.journal
        first = newest_if_fresh(journal, PAGE)  # a fresh cache's end: the newest page in the screen's first frame
        if first is None:
            self.load()
        else:
            self.show(first, read_marks(journal, self.app.settings.unit, most=MARKS_AT_ONCE))

    def _columns(self, screen_width: int) -> None:
        self.name_width = name_width(screen_width)
        self.widths = [width or self.name_width for _, width in COLUMNS]
        self.query_one("#sessions", RowTable).set_header(line([label for label, _ in COLUMNS], self.widths))

    def on_resize(self) -> None:
        """A wider or narrower terminal: the names get what there is (the rows shown are drawn again)."""
        if name_width(self.app.size.width) == self.name_width:
            return
        table = self.query_one("#sessions", RowTable)
        row = table.cursor_row
        table.clear()
        self._columns(self.app.size.width)
        shown, self.ids = self.shown, []
        self.add(shown)
        table.move_cursor(row)

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        # The newest page first: on screen at once, however long the journal. Then the record marks
        # and the trends; the pages further back are read a page at a time as the cursor nears them.
        journal = self.app.journal
        try:
            first = listing(journal, PAGE, skim_from=0)  # stale: these few, not the whole journal
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        marks = read_marks(journal, self.app.settings.unit, most=MARKS_WITH_THE_PAGE) if first.complete else None
        self.app.call_from_thread(self.show, first, marks)

    @work(thread=True, exclusive=True, group="history-all")
    def load_all(self, damage_told: bool) -> None:
        """The record marks and every workout's trends: worked out ahead of time, usually, else here
        from every session's summary (which then fill the pages further back too)."""
        journal, unit = self.app.journal, self.app.settings.unit
        try:
            index_elsewhere(journal, unit=unit)  # a whole journal is parsed in another process, not against the screen
            if not damage_told:  # the newest page was skimmed: the whole journal is in the cache now
                self.app.call_from_thread(self.counted, listing(journal, 0))
            marks = read_marks(journal, unit)
            if marks is not None:
                self.app.call_from_thread(self.mark, marks)
                return
            # the journal changed since they were worked out: here, then, and kept for next time
            found, marks = work_out_marks(journal, unit)
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.mark, marks)
        self.app.call_from_thread(self.arrived_whole, found)

    @work(thread=True, exclusive=True, group="history-older")
    def fetch_older(self, skip: int, source: list[int] | None) -> None:
        """The page before the ``skip`` newest sessions, from the cache the first page came from;
        once that cache was replaced (a session saved meanwhile, say), every session, read whole."""
        journal = self.app.journal
        page = None if source is None else older(journal, source, skip, PAGE)
        if page is not None:
            self.app.call_from_thread(self.arrived, page[::-1])
            return
        try:
            found = listing(journal)
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.arrived_whole, found)

    def show(self, found: Listing, marks: history.HistoryMarks | None = None) -> None:
        if not self.query("#sessions"):
            return  # the screen went while the journal was read
        self.newest_first = found.summaries[::-1]
        self.by_id = {s.id: s for s in found.summaries}
        self.source = found.source
        self.whole = found.complete and len(found.summaries) >= found.count
        table = self.query_one("#sessions", RowTable)
        table.clear()
        table.total = found.count if found.complete else None  # (skimmed: counted once the cache is made)
        self.ids = []
        if marks is not None:
            self.marks = marks  # the stars come with the rows: the table is not drawn twice
        self.add()
        if not found.summaries:
            self.query_one(Trends).empty("No sessions yet: the journal fills as you train.")
        if found.complete:  # (else the whole journal's damage is told once the cache is made)
            self.tell_damage(found)
        table.focus()
        if marks is not None:  # the trends are drawn in the newest page's frame
            self.mark(marks)
        else:
            self.call_after_refresh(self.load_all, found.complete)

    def mark(self, marks: history.HistoryMarks) -> None:
        """Mark the records on the rows shown and draw the highlighted workout's trends."""
        if not self.query("#sessions"):
            return
        drawn, self.marks = self.records(), marks  # the rows shown carry the stars of `drawn`
        table = self.query_one("#sessions", RowTable)
        for row, session_id in enumerate(self.ids):
            if (session_id in marks.records) != (session_id in drawn):
                table.update_row(row, self.row(self.by_id[session_id]))
        if self.ids:
            chosen = self.summary(self.ids[min(table.cursor_row, len(self.ids) - 1)])
            if chosen is not None:
                self.show_trends(chosen.workout)

    def arrived(self, page: list[Summary]) -> None:
        """A page further back, newest first (fewer than a page: the oldest session is in)."""
        self.fetching = False
        if self.whole:  # every session came in meanwhile, read whole
            return
        self.whole = len(page) < PAGE
        self._take(page)

    def arrived_whole(self, found: Listing) -> None:
        """Every session, read whole: those not read yet follow on from the oldest one read."""
        self.fetching, self.whole, self.source = False, True, None
        if self.query("#sessions"):
            self.query_one("#sessions", RowTable).total = len(found.summaries)
        everything = found.summaries[::-1]
        known = set(self.by_id)
        last = self.newest_first[-1].id if self.newest_first else None
        after = next((at + 1 for at, s in enumerate(everything) if s.id == last), 0)
        self._take([s for s in everything[after:] if s.id not in known])

    def _take(self, more: list[Summary]) -> None:
        if not self.query("#sessions"):
            return
        self.newest_first.extend(more)
        self.by_id.update((s.id, s) for s in more)
        if self.query_one("#sessions", RowTable).cursor_row >= self.shown - 10:  # the cursor is waiting for them
            self.more()

    def counted(self, found: Listing) -> None:
        """The whole journal's sessions counted and its damage found, after a skimmed newest page."""
        if self.query("#sessions"):
            self.query_one("#sessions", RowTable).total = found.count
        self.tell_damage(found)

    def tell_damage(self, found: Listing) -> None:
        if found.damage:
            self.notify(f"{len(found.damage)} damaged part(s) of the journal were skipped; `calftui log` lists "
                        "their lines.", severity="warning")

    def more(self) -> None:
        """The next page of sessions: from those read already, and the one after it read meanwhile."""
        self.add()
        if not self.whole and not self.fetching and len(self.newest_first) - self.shown < PAGE:
            self.fetching = True
            self.fetch_older(len(self.newest_first), self.source)

    def add(self, rows: int = PAGE) -> None:
        """Up to ``rows`` more rows, from the sessions read already: ten years open as fast as one week."""
        newest_first = self.newest_first[self.shown : self.shown + rows]
        self.query_one("#sessions", RowTable).add_rows([self.row(s) for s in newest_first])
        self.ids.extend(s.id for s in newest_first)  # the session each row shows

    def row(self, s: Summary) -> Text:
        return line(["★" if s.id in self.records() else "", s.started_at.strftime("%Y-%m-%d %H:%M"), s.workout,
                     "done" if s.status == "completed" else s.status[:7], length(s.duration_s), str(s.total_reps),
                     short_score(s)], self.widths)

    @property
    def shown(self) -> int:
        """How many rows the table has."""
        return len(self.ids)

    def summary(self, key: str | None) -> Summary | None:
        return None if key is None else self.by_id.get(key)

    def records(self) -> frozenset[str]:
        return frozenset() if self.marks is None else self.marks.records

    @on(RowTable.RowHighlighted)
    def highlighted(self, event: RowTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self.ids):
            return
        if event.cursor_row >= self.shown - 10:
            self.more()
        chosen = self.summary(self.ids[event.cursor_row])
        if chosen is not None and self.marks is not None:
            self.show_trends(chosen.workout)

    def _today(self) -> date:
        return (self.today or datetime.now().astimezone()).date()

    def show_trends(self, workout: str) -> None:
        assert self.marks is not None
        if workout != self.query_one(Trends).workout:
            self.query_one(Trends).draw(self.marks.trends(workout, self._today()))

    def action_open(self) -> None:
        table = self.query_one("#sessions", RowTable)
        if table.row_count == 0:
            return
        chosen = self.summary(self.ids[table.cursor_row]) if table.cursor_row < len(self.ids) else None
        if chosen is None:
            return
        session = session_at(self.app.journal, chosen)
        if session is None:
            self.notify("That session could not be read again: the journal changed. Reopen history.",
                        severity="warning")
            return
        from calftui.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(session, chosen.id in self.records()))

    @on(RowTable.RowSelected)
    def selected(self) -> None:
        self.action_open()

    def action_close(self) -> None:
        self.dismiss()

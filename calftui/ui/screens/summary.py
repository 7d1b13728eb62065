"""The end of a session: what was done, every exercise against last time and the best, each side
against the other. A set can still be corrected and a note added here; leaving this screen (Enter,
Esc, q, or closing calftui) writes the session to the journal."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from calftui.common import length, visible
from calftui.insights import best_text
from calftui.live import Review, Session
from calftui.paths import shown
from calftui.ui.base import calf_app
from calftui.ui.keys import help_key, key_display, key_for
from calftui.ui.text import plain
from calftui.ui.widgets.keybar import KeyBar

FOOTER_ORDER = ("summary.close", "summary.quit", "summary.edit", "summary.note", "summary.progress")
"""The footer's keys, the most important first: saving, and saving to leave, are never crowded out."""
SHORT = {"summary.edit": "Correct"}
"""Compact footer labels, for a narrow window."""
ROOMY = 96
"""From this many columns for the table (a window of 100 or more), the names take what they need."""
NARROW = 66
"""Below this many columns for the table (76 in an 80-column window), last time and the best go
under today's result."""


class ComparisonTable:
    """Every exercise against last time and the best, laid out for the width it is drawn in. The
    names are never squeezed to a word a row: in a wide window they take what they need, up to two
    sevenths of the width, and today's column the most of the rest; in a narrow one last time and
    the best go under today's result, and the names may take two fifths. In between (80 columns)
    the four columns share the width 3:5:3:3, which leaves last time and the best their room."""

    def __init__(self, review: Review, unit: str) -> None:
        self.review = review
        self.unit = unit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, room: int) -> Table:
        narrow = room < NARROW
        name = max([len("Exercise"), *(cell_len(visible(row.label)) for row in self.review.comparisons)])
        table = Table(expand=True)
        if narrow:
            table.add_column("Exercise", width=min(name, room * 2 // 5))
        elif room >= ROOMY:
            table.add_column("Exercise", width=min(name, room * 2 // 7))
        else:
            table.add_column("Exercise", ratio=3)
        if narrow:
            table.add_column("Today", ratio=1)
        else:
            table.add_column("Today", ratio=5)
            table.add_column("Last time", ratio=3)
            table.add_column("Best", ratio=3)
        for row in self.review.comparisons:
            today = row.today
            extra = [text for text in (row.balance.text() if row.balance else "", ", ".join(row.news)) if text]
            if extra:
                today += "\n" + "; ".join(extra)
            if narrow:
                today += f"\nlast: {row.last or '-'}\nbest: {row.best or '-'}"
                table.add_row(plain(row.label), plain(today, one_line=False))
            else:
                table.add_row(plain(row.label), plain(today, one_line=False), plain(row.last or "-"),
                              plain(row.best or "-"))
        if any(s.weight is not None for s in self.review.session.sets):
            table.caption = f"loads in {self.unit}"
        return table


class SummaryScreen(Screen[None]):
    CSS_PATH = "../summary.tcss"
    app = calf_app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Save", tooltip="Save the session to the journal and go back to the workouts",
                id="summary.close"),
        Binding("e", "edit", "Correct a set", tooltip="Correct a set: reps, load, RPE, note", id="summary.edit"),
        Binding("n", "note", "Note", tooltip="Add a note to the session", id="summary.note"),
        Binding("p", "progress", "Progress", tooltip="Charts of every exercise over time, today's session in them",
                id="summary.progress"),
        Binding("q", "quit", "Save & quit", tooltip="Save the session and leave calftui", id="summary.quit"),
        help_key("summary"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.review: Review = session.review()
        self.noting = False
        """A note is being typed: letters are letters, Enter keeps it, Esc leaves it."""

    def compose(self) -> ComposeResult:
        logged = self.review.session
        skipped = sum(1 for s in logged.sets if s.skipped)
        title = (f"{logged.workout}: {logged.status}  ·  {length(logged.duration_s or 0.0)}  ·  "
                 f"{logged.total_reps} reps" + (f"  ·  {skipped} set(s) skipped" if skipped else ""))
        with VerticalScroll(id="summary"):
            yield Static(plain(title, "bold"), id="summary-title")
            yield Static(id="summary-problem", classes="-empty")
            unit = self.session.engine.unit
            for new in self.review.new_records:
                yield Static(plain(f"★ New record: {new.exercise}: {best_text(new, unit)}", "bold"), classes="record")
            yield Static(self._table(), id="summary-table")
            yield Static(self._note_text(), id="summary-note")
            yield Input(placeholder="A note for this session; Enter keeps it", max_length=500, compact=True,
                        id="note-input")
            yield Static(plain(f"{self._close_key()} saves it to {shown(self.session.journal.path)}"),
                         id="summary-saved")
        yield KeyBar(order=FOOTER_ORDER, keep=("summary.close", "summary.quit"), short=SHORT)

    def _close_key(self) -> str:
        """The key that saves and leaves, as the lifter has it (after any remap)."""
        close = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == "summary.close")
        return key_display(self.app, close, first=True)

    def _note_text(self) -> Text:
        note = self.session.notes
        adds = key_for(self.app, self.BINDINGS, "summary.note")
        return plain(f"Note: {note}" if note else f"No note ({adds} adds one)", one_line=False)

    def _show_note(self) -> None:
        self.query_one("#summary-note", Static).update(self._note_text())

    def _table(self) -> ComparisonTable:
        return ComparisonTable(self.review, self.session.engine.unit)

    # --- correcting and noting -------------------------------------------------------------

    def action_edit(self) -> None:
        from calftui.ui.screens.edit import EditSetScreen

        self.app.push_screen(EditSetScreen(self.session), self._corrected)

    async def _corrected(self, _: None) -> None:
        self.review = self.session.review()
        await self.recompose()
        self.query_one("#summary", VerticalScroll).focus()  # the one focused before went with the recompose

    def action_note(self) -> None:
        box = self.query_one("#note-input", Input)
        box.value = self.session.notes
        self.add_class("-noting")
        self.set_focus(box)  # at once, not a turn later as focus() does: see CalfApp.on_key
        self.noting = True

    @on(Input.Submitted, "#note-input")
    def noted(self, event: Input.Submitted) -> None:
        self.session.set_notes(event.value)
        self._stop_noting()
        self._show_note()

    def _stop_noting(self) -> None:
        self.noting = False
        self.remove_class("-noting")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # letters of a note are letters (? too)
        return not (self.noting and action in ("edit", "note", "progress", "quit", "help"))

    # --- leaving: the journal gets it --------------------------------------------------------

    def _save(self) -> bool:
        """Write the session; True when it is safe in the journal (or said where it is kept)."""
        problem_shown = self.session.saved and self.session.outcome is not None and self.session.outcome.problem
        outcome = self.session.save()
        if outcome.problem and not problem_shown:
            problem = self.query_one("#summary-problem", Static)
            problem.update(plain(outcome.problem, "bold red", one_line=False))
            problem.remove_class("-empty")
            self.query_one("#summary-saved", Static).update(plain(f"{self._close_key()} again goes back to the "
                                                                  "workouts"))
            return False
        if outcome.written:
            self.app.journal_changed()
            self.notify(f"Saved to {shown(outcome.journal)}", title="Saved", timeout=4)
        return True

    def action_help(self) -> None:
        from calftui.ui.keys import show_help

        show_help(self.app, self.BINDINGS)

    def action_close(self) -> None:
        if self.noting:  # escape leaves the note as it was
            self._stop_noting()
            return
        if self._save():
            self.dismiss()

    def action_progress(self) -> None:
        from calftui.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen(self.review.session.workout, session=self.review.session))

    def action_quit(self) -> None:
        if self._save():
            self.app.exit()

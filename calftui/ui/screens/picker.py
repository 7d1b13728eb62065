"""The workout picker: every workout, what it is, where it comes from, when it was last done.

Kept light on purpose, because it is the first screen: a line that takes typed keys as a
filter instead of a full text input, and the keys named in the title line instead of a footer
(every action is also in the command palette).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from calftui.ui.base import calf_app
from calftui.ui.keys import help_key
from calftui.ui.text import plain
from calftui.workouts import Entry, discover_workouts

LETTER_ACTIONS = ("history", "edit")
"""Single letters that act only while no filter is being typed (then they are typed)."""
PICKER_ROWS = 6
"""Rows that are neither the list's lines nor the description: the title, the filter line and its
margins, the list's border."""
LIST_ROWS = 7
"""The workouts kept in view under the description in a short window."""
DETAIL_ROWS = (3, 11)
"""The fewest and most rows the highlighted workout's description takes."""


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never done"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    days = (now.date() - moment.astimezone(now.tzinfo).date()).days
    if days <= 0:
        return "done today"
    if days == 1:
        return "done yesterday"
    return f"done {days} days ago"


class PickerScreen(Screen[None]):
    """Plain ``calftui`` opens here: type to filter, enter starts."""

    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", tooltip="Start the highlighted workout", id="picker.start"),
        Binding("escape", "clear", "Clear filter", tooltip="Show every workout again", id="picker.clear"),
        Binding("backspace", "erase", "Erase", show=False, tooltip="Take back the last letter of the filter",
                id="picker.erase"),
        Binding("h", "history", "History", tooltip="Every session, trends and records", id="picker.history"),
        Binding("e", "edit", "Edit", tooltip="Open the highlighted workout in $EDITOR", id="picker.edit"),
        help_key("picker"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self._journal_seen: tuple[int, int, int] | None = None
        """The journal as the dates shown were read from it."""
        self.last_done: dict[str, datetime] = {}
        self.filter = ""
        self.filtering = False
        self._session_over: str | None = None
        """The workout of the session the picker went behind (it comes back as it opens)."""

    def compose(self) -> ComposeResult:
        yield Static(plain(self._title()), id="title")
        with Vertical(id="picker"):
            yield Static(id="filter")
            yield OptionList(id="workouts")
            yield Static(id="detail")

    def _title(self) -> str:
        """The keys that matter here, as the lifter has them (after any remap in config.toml); the
        filter line under it says that typing filters."""
        from calftui.ui.keys import key_display, key_for

        start, history, edit_, help_ = (key_for(self.app, self.BINDINGS, f"picker.{b}")
                                        for b in ("start", "history", "edit", "help"))
        palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
        quit_ = next(b for b in self.app.BINDINGS if isinstance(b, Binding) and b.id == "app.quit")
        return (f"calftui · {start} start · {history} history · {edit_} edit · {help_} help · {palette} more · "
                f"{key_display(self.app, quit_, first=True)} quit")

    def _letter_keys(self) -> set[str]:
        """The printable keys that act here (history, edit) rather than filter."""
        from calftui.ui.keys import keys_of

        keys = keys_of(self.app, self.BINDINGS, "picker.history") | keys_of(self.app, self.BINDINGS, "picker.edit")
        return {key for key in keys if len(key) == 1}

    def on_resize(self, event: events.Resize) -> None:
        """The description gives way to the list in a short window: at least :data:`LIST_ROWS`
        workouts stay in view (a window of 24 rows or more shows the description whole)."""
        room = event.size.height - PICKER_ROWS - LIST_ROWS
        self.query_one("#detail", Static).styles.max_height = max(DETAIL_ROWS[0], min(DETAIL_ROWS[1], room))

    def on_mount(self) -> None:
        self.entries = discover_workouts(self.app.workout_dirs)
        self._files = self._signature()
        self._watcher = self.set_interval(2.0, self._watch_files)
        self.set_filter("")
        self.query_one("#workouts", OptionList).focus()
        # The list first; the dates a moment later, once the first frame is on its way out (so the
        # screen's first resume has nothing new to load).
        self._journal_seen = self._journal_stamp()
        self.set_timer(0.1, self._first_history)
        self.app.journal_signal.subscribe(self, lambda _: self.load_history())

    # --- filtering ----------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        from calftui.ui.keys import keys_of

        if not (event.is_printable and event.character) or event.character in "\r\n\t":
            return
        typing = bool(self.filter or self.filtering)
        if event.character == "/" and not typing:
            # At once, not through a binding: the very next key must already be a letter of the filter.
            event.stop()
            self.filtering = True
            self.set_filter("")
            return
        if event.key in keys_of(self.app, self.BINDINGS, "picker.help"):
            return  # help, typing or not (SPEC §3): the binding acts on it (no name needs a ?)
        if event.character in self._letter_keys() and not typing:
            return  # the binding acts on it (and a remap in config.toml is respected)
        event.stop()
        self.filtering = True
        self.set_filter(self.filter + event.character)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a filter is being typed, h, e and / are letters of it: the key goes on to on_key.
        return not (action in LETTER_ACTIONS and (self.filter or self.filtering))

    def action_edit(self) -> None:
        """Open the highlighted workout in $EDITOR; a built-in is copied to the user folder first."""
        from calftui.ui.editing import edit_workout

        entry = self.highlighted()
        if entry is not None:
            edit_workout(self, entry)

    def reload(self) -> None:
        """Read the workout folders again (a file was edited, here or in another terminal)."""
        self.entries = discover_workouts(self.app.workout_dirs)
        self._files = self._signature()
        self.show(self.matching(), keep=True)

    def _signature(self) -> tuple[tuple[str, int, int], ...]:
        from calftui.workouts import workout_folders

        seen: list[tuple[str, int, int]] = []
        for folder, _ in workout_folders(self.app.workout_dirs):
            try:
                found = list(folder.glob("*.toml"))
            except OSError:
                continue
            for path in found:
                try:
                    info = path.stat()
                except OSError:  # a dangling link, or gone meanwhile: it still counts as there
                    seen.append((str(path), -1, -1))
                else:
                    seen.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(sorted(seen))

    def _watch_files(self) -> None:
        if self._signature() != self._files:
            self.reload()
            self.notify("Workouts changed on disk: the list is up to date.", timeout=3)
        if self._journal_stamp() != self._journal_seen:  # a session saved in another window, an edit by hand
            self.load_history()

    def _journal_stamp(self) -> tuple[int, int, int] | None:
        try:
            info = self.app.journal_path.stat()
        except OSError:
            return None
        return info.st_ino, info.st_size, info.st_mtime_ns

    def on_screen_suspend(self) -> None:
        self._watcher.pause()  # no polling behind a session: a rest countdown stays nearly free
        running = self.app.session
        self._session_over = running.workout.name if running is not None and not running.ended else None

    def on_screen_resume(self) -> None:
        self._watcher.resume()
        if self._session_over is not None:
            self._back_from_session(self._session_over)
        self._watch_files()

    def _back_from_session(self, workout: str) -> None:
        """After a session the picker is as it opens (no filter: its letters act again), the workout
        just done highlighted. (Back from the palette or the help, the filter stays as it was.)"""
        self._session_over = None
        self.filtering = False
        self.set_filter("")
        done = next((n for n, entry in enumerate(self.entries) if entry.name == workout), None)
        if done is not None:
            self.query_one("#workouts", OptionList).highlighted = done

    def action_history(self) -> None:
        from calftui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_help(self) -> None:
        from calftui.ui.keys import show_help

        show_help(self.app, self.BINDINGS)

    def action_erase(self) -> None:
        self.set_filter(self.filter[:-1])

    def action_clear(self) -> None:
        self.filtering = False
        self.set_filter("")

    def set_filter(self, text: str) -> None:
        self.filter = text
        letters = " or ".join(sorted(self._letter_keys()))
        hint = "type…" if self.filtering or not letters else \
            f"type a name or a tag  (/ first for words that start with {letters})"
        shown = Text("Filter: ", style="bold") + (plain(text) if text else Text(hint, style="dim italic"))
        self.query_one("#filter", Static).update(shown)
        self.show(self.matching())

    def matching(self) -> list[Entry]:
        """The workouts the filter's words match (every word somewhere in the name, stem, origin or tags)."""
        words = self.filter.casefold().split()

        def hit(entry: Entry) -> bool:
            hay = " ".join([entry.name, entry.stem, entry.origin, *entry.card.tags]).casefold()
            return all(word in hay for word in words)

        return [e for e in self.entries if hit(e)]

    # --- history ------------------------------------------------------------------------

    def _first_history(self) -> None:
        if self.app.screen is self and self.app.start_entry is None:
            self.load_history()
        else:  # started straight into a session (or about to be): the dates are read when the picker shows again
            self._journal_seen = None

    @work(thread=True, exclusive=True, group="history")
    def load_history(self) -> None:
        """When each workout was last done, from the journal, off the UI thread."""
        self._journal_seen = self._journal_stamp()
        from datetime import timedelta

        from calftui.insights import rest_notice
        from calftui.journal import JournalError, point

        journal = self.app.journal
        today = datetime.now().astimezone()
        try:
            journal.refresh()
            last, problems = journal.last_done(), journal.problems()
            days = {r.started_at.date() for r in journal.since(point(today - timedelta(days=8)))}
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
            return
        notice = rest_notice(days, today.date())
        damaged = len(problems.damage) + len(problems.shared_ids)
        self.app.call_from_thread(self._history_loaded, last, damaged, notice, journal.notice)

    def _history_loaded(self, last: dict[str, datetime], damaged: int, notice: str | None = None,
                        store_notice: str | None = None) -> None:
        if not self.query("#workouts"):
            return  # the screen went (calftui is closing) while the journal was read
        self.last_done = last
        self.show(self.matching(), keep=True)
        if notice:
            self.notify(notice, title="Rest days", timeout=10)
        if damaged:
            self.notify(f"{damaged} problem(s) in the journal (damaged parts skipped, ids used twice); "
                        "`calftui log` lists them with their lines.", severity="warning", timeout=8)
        if store_notice:
            self.notify(store_notice, severity="warning", timeout=8)

    def when(self, entry: Entry) -> datetime | None:
        return self.last_done.get(entry.name.casefold()) or self.last_done.get(entry.path.name.casefold())

    # --- the list -----------------------------------------------------------------------

    def show(self, entries: list[Entry], keep: bool = False) -> None:
        options = self.query_one("#workouts", OptionList)
        highlighted = options.highlighted if keep else 0
        options.clear_options()
        now = datetime.now().astimezone()
        for entry in entries:
            line = plain(entry.name, "bold")
            if not entry.ok:
                line.append(f"  invalid: {len(entry.card.problems)} problem(s)", style="red")
            else:
                line.append(f"  {', '.join(entry.card.kinds)}", style="dim")
                line.append(f"  · {ago(self.when(entry), now)}", style="italic")
            options.add_option(Option(line, id=entry.stem))
        if entries:
            options.highlighted = min(highlighted or 0, len(entries) - 1)
        self.describe()

    @on(OptionList.OptionHighlighted)
    def describe(self) -> None:
        detail = self.query_one("#detail", Static)
        entry = self.highlighted()
        if entry is None:
            detail.update("No workout matches. Esc shows them all; `calftui new NAME` writes a new one.")
            return
        card = entry.card
        if not card.ok:
            detail.update(plain("\n".join(card.problems[:6]), "red", one_line=False))
            return
        text = Text()
        if card.description:
            text.append_text(plain(card.description + "\n", one_line=False))
        for line in card.lines:
            text.append_text(plain(f"  {line}"))
            text.append("\n")
        if card.schedule:
            text.append_text(plain(f"Schedule: {card.schedule}", "italic"))
            text.append("\n")
        text.append_text(plain(f"From: {entry.origin if entry.origin != 'user' else entry.path}", "dim"))
        if card.source:
            text.append_text(plain(f" · Source: {card.source}", "dim"))
        detail.update(text)

    def highlighted(self) -> Entry | None:
        options = self.query_one("#workouts", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        stem = options.get_option_at_index(options.highlighted).id
        return next((e for e in self.entries if e.stem == stem), None)

    @on(OptionList.OptionSelected)
    def action_start(self) -> None:
        entry = self.highlighted()
        if entry is not None:
            self.app.start_workout(entry)

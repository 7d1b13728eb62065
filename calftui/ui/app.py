"""The Textual shell: the picker first, a session on demand, the journal behind both.

Only what the first screen needs is imported here; the session, summary and dialogs load
when they are first used.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from calftui.common import (
    DEFAULT_THEME,
    MEANINGFUL_COLOURS,
    Settings,
    ThemeError,
    Wall,
    local_now,
    parse_theme,
    theme_files_found,
    theme_stem,
    visible,
)

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver
    from textual.notifications import SeverityLevel

    from calftui.journal import Journal
    from calftui.live import Pending, Session, Sound, Store
    from calftui.workouts import Entry, Workout


def _is_colour(value: str) -> bool:
    """Whether Textual reads ``value`` as a colour (what a theme's stylesheet will need)."""
    from textual.color import Color, ColorParseError

    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


HANDLED_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""Ended like ctrl+q: a closed terminal (SIGHUP) and a polite kill (SIGTERM)."""


def _workout_commands() -> type[Provider]:
    from calftui.ui.commands import WorkoutCommands

    return WorkoutCommands


@dataclass(frozen=True)
class Notice:
    """A notice the app showed, as it showed it (control codes made visible, never markup)."""

    message: str
    title: str
    severity: SeverityLevel


NOTICES_KEPT = 100
"""How many of the newest notices :attr:`CalfApp.notices` keeps."""


class CalfApp(App[None]):
    """calftui in the terminal."""

    CSS_PATH = "calftui.tcss"
    TITLE = "calftui"
    COMMANDS = App.COMMANDS | {_workout_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit calftui", tooltip="Leave calftui; a session in progress stays checkpointed",
                id="app.quit", priority=True, show=False),
    ]

    def __init__(self, *, journal: Path, settings: Settings | None = None, workout_dirs: Iterable[str] = (),
                 start: Entry | None = None, theme: str | None = None, sound: bool = True,
                 clock: Callable[[], float] = time.monotonic, wall: Wall = local_now, store: Store | None = None,
                 config_problems: Iterable[str] = ()):
        super().__init__()
        self.settings = settings or Settings()
        self.config_problems = list(config_problems)
        self._theme_ready = False
        self.journal_path = Path(os.path.abspath(journal))
        """Absolute, as every checkpoint records it."""
        self.workout_dirs = tuple(workout_dirs)
        self.start_entry = start
        self.clock = clock
        """Where every moment comes from; tests put a fake clock here."""
        self.wall = wall
        """The calendar clock a session's start and end are read from; tests put a fixed one here."""
        self._store = store
        self.session: Session | None = None
        """The session this window runs (at most one), until it has ended."""
        self.offers: list[Pending] = []
        """Sessions of calftui processes that are gone, offered one by one at start (locked by us meanwhile)."""
        self._offers_done = 0
        self.journal_signal: Signal[None] = Signal(self, "journal-changed")
        """Published when this app added to the journal; screens that show it subscribe."""
        self._sound_wanted = sound
        self.theme_errors: list[str] = []
        self._theme_choice = theme or self.settings.theme
        self._theme_at_start = ""
        self._theme_on_mount: str | None = None
        self._theme_names: set[str] = set()
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        """The newest notices shown, oldest first, from any screen: what tests read, and all a
        notice is once its toast has gone."""
        self.error_console = Console(file=io.StringIO(), markup=False, highlight=False, color_system=None, width=120)
        """Where Textual writes the traceback of anything unexpected: the command line keeps it in a
        file and says one line, after the terminal is restored (see :meth:`crash_details`)."""
        self._register_themes()

    @cached_property
    def journal(self) -> Journal:
        """The journal, and the one way screens read it (made when first asked for, after the first
        screen is drawn: the first screen costs what a bare app's does)."""
        from calftui.journal import Journal

        return Journal(self.journal_path)

    def crash_details(self) -> str:
        """The traceback of what stopped the app unexpectedly, or "" when nothing did."""
        file = self.error_console.file
        return file.getvalue() if isinstance(file, io.StringIO) else ""

    @cached_property
    def sound(self) -> Sound:
        """Made when first needed: the picker has no use for it."""
        from calftui.live import Sound

        return Sound(self.bell, enabled=self._sound_wanted and self.settings.sound, speech=self.settings.speech,
                     bell_on_phase=self.settings.bell_on_phase)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but on Linux and macOS one that exits when the window is closed mid-frame."""
        chosen = super().get_driver_class()
        if os.name == "posix":
            from textual.drivers.linux_driver import LinuxDriver

            if chosen is LinuxDriver:  # (not one chosen through TEXTUAL_DRIVER)
                from calftui.ui.driver import Driver as LastingDriver

                return LastingDriver
        return chosen

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Any theme, even one of Textual's own, gets the colours that mean something in a session.
        return dict(MEANINGFUL_COLOURS)

    def on_mount(self) -> None:
        if self._theme_on_mount:
            self.theme = self._theme_on_mount
            self._drop_other_themes()

        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.open_first_screen()
        for error in self.theme_errors:
            self.notify(error, title="Theme skipped", severity="warning", timeout=10)
        for problem in self.config_problems:
            self.notify(problem, title="Settings: using the default", severity="warning", timeout=12)
        self.theme_changed_signal.subscribe(self, self._theme_switched)
        self._theme_ready = True
        loop = asyncio.get_running_loop()
        for signum in HANDLED_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not POSIX, not the main thread
                loop.add_signal_handler(signum, self._signalled, signum)
        self.call_after_refresh(self._offer_recovery_or_start)  # the first screen first
        self.call_after_refresh(self._settle)

    def open_first_screen(self) -> None:
        """The workout picker (what plain ``calftui`` opens on)."""
        from calftui.ui.screens.picker import PickerScreen

        self.push_screen(PickerScreen())

    def _settle(self) -> None:
        """What exists once the first screen is drawn (Textual, the stylesheet, the picker: some
        43,000 objects) lives as long as calftui: the garbage collector stops walking it, so a full
        pass during a tap or a countdown costs 0.3 ms instead of 6 ms or more. (Not in a headless
        run: many apps come and go in one test process, and frozen objects are never collected.)"""
        if not self.is_headless:
            gc.collect()  # the start's garbage freed, not frozen
            gc.freeze()

    def _register_themes(self) -> None:
        """calftui's themes (the files in themes/, by file name: dark, light, high-contrast, and the
        lifter's own) and no others: one set of names for --theme, config.toml and the palette.

        Called before the app runs, so the stylesheet is parsed once, with the chosen theme's colours."""
        ours: dict[str, Theme] = {}
        for stem, path in theme_files_found().items():
            try:
                ours[stem] = Theme(**{**parse_theme(path, _is_colour), "name": stem})
            except ThemeError as exc:
                self.theme_errors.append(f"{exc}; using the default theme")
        for theme in ours.values():
            self.register_theme(theme)
        fallback = DEFAULT_THEME if DEFAULT_THEME in ours else next(iter(ours), "textual-dark")
        self._theme_names = {*ours, fallback}
        wanted = theme_stem(self._theme_choice)
        if wanted not in ours and self._theme_choice != DEFAULT_THEME:
            self.theme_errors.append(f"there is no theme {self._theme_choice!r} (there are: {', '.join(ours)}); "
                                     f"using {fallback}")
        chosen = wanted if wanted in ours else fallback
        self._theme_at_start = chosen
        if chosen in ours and ours[chosen].dark == self.current_theme.dark:
            # Set without the watcher, whose reparse of every stylesheet would cost the first frame;
            # the ANSI colour filter Textual made already fits a theme this dark.
            self.set_reactive(App.theme, chosen)
            self.set_class(ours[chosen].dark, "-dark-mode", update=False)
            self.set_class(not ours[chosen].dark, "-light-mode", update=False)
            self.add_class(f"-theme-{chosen}", update=False)
            self.stylesheet.set_variables(self.get_css_variables())
            self._drop_other_themes()
        else:
            self._theme_on_mount = chosen  # through the watcher, once the app runs

    def _drop_other_themes(self) -> None:
        for name in list(self.available_themes):
            if name not in self._theme_names:
                self.unregister_theme(name)

    def _theme_switched(self, theme: Theme) -> None:
        """A theme chosen in the palette is kept for next time (only that line of config.toml changes).
        The theme calftui started with (from config.toml, or a one-off --theme) is never written."""
        if not self._theme_ready or theme.name == self._theme_at_start:
            return
        self._theme_at_start = ""  # from now on every choice is the lifter's
        if theme.name != self.settings.theme:
            self.save_setting("theme", theme.name)

    def save_setting(self, key: str, value: str | bool | float) -> None:
        from calftui.common import ConfigWriteError, save_setting

        setattr(self.settings, key, value)
        try:
            save_setting(key, value)
        except ConfigWriteError as exc:
            self.notify(f"{key} is used now but not saved: {exc}", severity="error")

    def action_unit(self, unit: str) -> None:
        self.save_setting("unit", unit)
        self.notify(f"Loads in {unit} from the next session on.", title="Units")

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice, from any screen: calftui's often quote file text (a path, a key, a
        workout's problem), so none is ever markup, and none passes a control code on."""
        notice = Notice(visible(message, one_line=False), visible(title), severity)
        self.notices.append(notice)
        super().notify(notice.message, title=notice.title, severity=severity, timeout=timeout, markup=False)

    @property
    def store(self) -> Store:
        """Where sessions in progress keep their checkpoints and locks (made after the first paint)."""
        if self._store is None:
            from calftui.live import Store

            self._store = Store()
        return self._store

    @property
    def keymap(self) -> dict[str, str]:
        """Binding id -> keys, as config.toml remapped them (empty when nothing is remapped)."""
        return self.settings.keys

    # --- sessions -----------------------------------------------------------------------

    def _offer_recovery_or_start(self) -> None:
        found = self.store.offers()
        for problem in found.problems:
            self.notify(problem, title="Unfinished session", severity="error", timeout=15)
        self.offers = found.offers
        self._next_offer()

    def _next_offer(self) -> None:
        """The next unfinished session to decide about, newest first; then the workout asked for, if any."""
        if self.offers:
            from calftui.ui.screens.recover import RecoverDialog

            total = len(self.offers) + self._offers_done
            self.push_screen(RecoverDialog(self.offers[0], self._offers_done + 1, total, str(self.journal_path)),
                             self._recovered)
            return
        start, self.start_entry = self.start_entry, None
        if start is not None and start.workout is not None:
            self.start_workout(start)

    def _recovered(self, choice: str | None) -> None:
        from calftui.journal import JournalError

        pending = self.offers.pop(0)
        self._offers_done += 1
        if choice == "resume":
            for other in self.offers:  # one session at a time: the rest are offered at the next start
                other.release()
            self.offers = []
            self.start_entry = None
            from calftui.live import Session

            self._run(Session.resume(pending, self.clock(), self.wall))
            return
        if choice == "save":
            try:
                journal = pending.save()
            except JournalError as exc:
                pending.release()
                self.notify(f"{exc}. The unfinished session is kept and offered again next time.",
                            severity="error", timeout=15)
            else:
                self.notify(f"Saved as a partial session in {journal}.", title="Saved")
                self.journal_changed()
        elif choice == "discard":
            pending.discard()
            self.notify("The unfinished session was discarded.")
        else:
            pending.release()
        self._next_offer()

    def start_workout(self, entry: Entry) -> None:
        """Start ``entry``, unless that would displace something the lifter has not decided about."""
        if entry.workout is None:
            first = str(entry.problems[0]) if entry.problems else "it is not valid"
            self.notify(first, title=f"{entry.path.name} cannot start", severity="error", timeout=15)
            return
        if self.offers:
            self.notify("First resume, save or discard the unfinished session.", severity="warning")
            return
        running = self.session
        if running is not None and running.ended and not running.saved:  # its summary is still open: done with it
            self._save_quietly(running)
        if running is not None and not running.ended:
            from calftui.ui.screens.switch import SwitchDialog

            done = running.engine.records_so_far()
            dialog = SwitchDialog(running.workout.name, entry.workout.name, len(done), sum(r.reps or 0 for r in done))
            self.push_screen(dialog, lambda choice: self._switch(choice, entry))
            return
        from calftui.live import Session

        self._say_if_running_elsewhere(entry.workout)
        self._run(Session.begin(entry.workout, journal=self.journal, settings=self.settings, now=self.clock(),
                                wall=self.wall, store=self.store))

    def _say_if_running_elsewhere(self, workout: Workout) -> None:
        """The same workout already running in another window: say so, and go on (each window's
        session is its own, and each is saved as it ends)."""
        path = os.path.abspath(workout.path) if workout.path else ""
        same = [c for c in self.store.running() if c.workout_name == workout.name or (path and c.workout_path == path)]
        if not same:
            return
        other = same[-1]
        done = f", {other.counted_reps} rep(s) counted" if other.something_done else ", nothing counted yet"
        self.notify(f"{workout.name} is also running in another window (started {other.started:%H:%M}{done}). "
                    "This one is a session of its own: each is saved as it ends. Close one if it was opened by "
                    "mistake.", title="Open twice", severity="warning", timeout=15)

    async def _switch(self, choice: str | None, entry: Entry) -> None:
        running = self.session
        if running is None or choice not in ("save", "discard"):
            return
        if choice == "save":
            running.end("partial")
            self._save_quietly(running)
        else:
            running.discard()
        from calftui.ui.screens.session import SessionScreen
        from calftui.ui.screens.summary import SummaryScreen

        while any(isinstance(screen, (SessionScreen, SummaryScreen)) for screen in self.screen_stack):
            await self.pop_screen()
        self.start_workout(entry)

    def _save_quietly(self, session: Session) -> None:
        """Save an ended session without its summary (another workout is starting): a notice says how it went."""
        outcome = session.save()
        if outcome.problem:
            self.notify(outcome.problem, severity="error", timeout=20)
        elif outcome.written:
            self.notify(f"{session.workout.name} saved as a {session.status} session.", title="Saved")
            self.journal_changed()

    def _run(self, session: Session) -> None:
        from calftui.ui.screens.session import SessionScreen

        self.session = session
        self.push_screen(SessionScreen(session))

    def leave_sessions(self) -> None:
        """The process is going: the live session keeps its checkpoint (or leaves nothing when nothing
        was done), and offers not decided about stay for the next start. Safe to call more than once."""
        if self.session is not None:
            self.session.leave()
        for pending in self.offers:
            pending.release()
        self.offers = []

    def shut_down(self) -> None:
        """The process is going: sessions keep their checkpoints (see :meth:`leave_sessions`), and
        nothing calftui started to say outlives it. Safe to call more than once."""
        self.leave_sessions()
        if "sound" in self.__dict__:  # made only when a session needed it
            self.sound.close()

    def _signalled(self, signum: int) -> None:
        """SIGTERM or SIGHUP: end as ctrl+q does (checkpoint kept, terminal restored), exit 128 + signal."""
        self.shut_down()
        self.exit(return_code=128 + signum)

    def on_unmount(self) -> None:
        self.shut_down()
        loop = asyncio.get_running_loop()
        for signum in HANDLED_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signum)

    async def on_event(self, event: events.Event) -> None:
        """A key that comes back to the app while a form is still on its way (the correction form,
        opened by an Enter typed just before) is the form's: it types it in once it can."""
        if isinstance(event, events.Key) and event.is_forwarded:
            early_key = getattr(self.screen, "early_key", None)
            if early_key is not None and early_key(event):
                return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A letter that comes back to the app unused while a text box has the focus was typed before
        the box had it: ``n`` and a note typed in one go, faster than they are handled, reach the
        screen they were typed on, in order. It is the box's, in the order it came."""
        from textual.widgets import Input

        if isinstance(box := self.focused, Input) and event.is_printable and event.character:
            event.prevent_default()  # (no binding to look up for it: the box takes letters)
            event.stop()
            box.post_message(events.Key(event.key, event.character))

    def journal_changed(self) -> None:
        """Tell every screen that shows the journal (the picker's "last done") that it has a new session."""
        self.journal_signal.publish(None)

    def action_history(self) -> None:
        from calftui.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from calftui.ui.keys import key_display

        yield from super().get_system_commands(screen)
        yield SystemCommand("History", "Every session, trends and records", self.action_history)
        other = "lb" if self.settings.unit == "kg" else "kg"
        yield SystemCommand(f"Units: use {'pounds (lb)' if other == 'lb' else 'kilograms (kg)'}",
                            f"Show and log loads in {other} from the next session on (now {self.settings.unit}); "
                            "kept in config.toml",
                            lambda: self.action_unit(other))
        # Every key of the screen in front is in the palette too.
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description \
                    and screen.check_action(binding.action, ()) is not False:
                action = binding.action
                yield SystemCommand(f"{binding.description} ({key_display(self, binding)})",
                                    binding.tooltip or binding.description,
                                    lambda action=action, screen=screen: screen.run_action(action))

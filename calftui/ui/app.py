"""The Textual shell: the picker first, a session on demand, the journal behind both.

Only what the first screen needs is imported here; the session, summary and dialogs load
when they are first used.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from calftui import theme_files
from calftui.config import Settings

if TYPE_CHECKING:
    from calftui.catalog import Entry
    from calftui.sound import Sound


def _workout_commands():  # type: ignore[no-untyped-def]
    from calftui.ui.commands import WorkoutCommands

    return WorkoutCommands


class CalfApp(App[None]):
    """calftui in the terminal."""

    CSS_PATH = "calftui.tcss"
    TITLE = "calftui"
    COMMANDS = App.COMMANDS | {_workout_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit calftui", tooltip="Leave calftui; a session in progress stays checkpointed",
                id="app.quit", priority=True),
    ]

    def __init__(self, *, journal: Path, settings: Settings | None = None, workout_dirs: Iterable[str] = (),
                 start: Entry | None = None, theme: str | None = None, sound: bool = True,
                 clock: Callable[[], float] = time.monotonic, checkpoint_file: Path | None = None,
                 config_problems: Iterable[str] = ()):
        super().__init__()
        self.settings = settings or Settings()
        self.config_problems = list(config_problems)
        self._theme_ready = False
        self.journal = journal
        self.workout_dirs = tuple(workout_dirs)
        self.start_entry = start
        self.clock = clock
        """Where every moment comes from; tests put a fake clock here."""
        self.checkpoint_file = checkpoint_file
        self._sound_wanted = sound
        self.theme_errors: list[str] = []
        self._theme_choice = theme or self.settings.theme

    @cached_property
    def sound(self) -> Sound:
        """Made when first needed: the picker has no use for it."""
        from calftui.sound import Sound

        return Sound(self.bell, enabled=self._sound_wanted and self.settings.sound, speech=self.settings.speech,
                     bell_on_phase=self.settings.bell_on_phase)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Any theme, even one of Textual's own, gets the colours that mean something in a session.
        return dict(theme_files.MEANINGFUL)

    def on_mount(self) -> None:
        self._register_themes()
        from calftui.ui.screens.picker import PickerScreen

        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.push_screen(PickerScreen())
        for error in self.theme_errors:
            self.notify(error, title="Theme skipped", severity="warning", timeout=10)
        for problem in self.config_problems:
            self.notify(problem, title="Settings: using the default", severity="warning", timeout=12)
        self.theme_changed_signal.subscribe(self, self._theme_switched)
        self._theme_ready = True
        self.call_after_refresh(self._offer_recovery_or_start)  # the first screen first

    def _register_themes(self) -> None:
        chosen = None
        for stem, path in theme_files.files().items():
            try:
                theme = Theme(**theme_files.parse(path))
            except theme_files.ThemeError as exc:
                self.theme_errors.append(f"{exc}; using the default theme")
                continue
            self.register_theme(theme)
            if self._theme_choice in (stem, theme.name):
                chosen = theme.name
        if chosen is None and self._theme_choice in self.available_themes:
            chosen = self._theme_choice
        fallback = "calftui-dark" if "calftui-dark" in self.available_themes else "textual-dark"
        self.theme = chosen or fallback

    def _theme_switched(self, theme: Theme) -> None:
        """A theme chosen in the palette is kept for next time (only that line of config.toml changes)."""
        if self._theme_ready and theme.name != self.settings.theme:
            self.save_setting("theme", theme.name)

    def save_setting(self, key: str, value: str | bool | float) -> None:
        from calftui.config import save_setting

        setattr(self.settings, key, value)
        try:
            save_setting(key, value)
        except OSError as exc:
            self.notify(f"Could not save {key} in config.toml: {exc.strerror or exc}", severity="error")

    def action_unit(self, unit: str) -> None:
        self.save_setting("unit", unit)
        self.notify(f"Loads in {unit} from the next session on.", title="Units")

    # --- sessions -----------------------------------------------------------------------

    def _offer_recovery_or_start(self) -> None:
        from calftui import paths

        if not (self.checkpoint_file or paths.checkpoint_file()).exists():  # the usual case: nothing to load
            if self.start_entry is not None and self.start_entry.workout is not None:
                self.start_workout(self.start_entry)
            return
        from calftui import checkpoint as checkpoints

        try:
            pending = checkpoints.load(self.checkpoint_file)
        except checkpoints.CheckpointError as exc:
            self.notify(str(exc), title="Unfinished session", severity="error", timeout=15)
            pending = None
        if pending is not None:
            from calftui.ui.screens.recover import RecoverDialog

            self.push_screen(RecoverDialog(pending), self._recovered)
        elif self.start_entry is not None and self.start_entry.workout is not None:
            self.start_workout(self.start_entry)

    def _recovered(self, choice: str | None) -> None:
        from calftui import checkpoint as checkpoints

        try:
            pending = checkpoints.load(self.checkpoint_file)
        except checkpoints.CheckpointError as exc:
            self.notify(str(exc), severity="error")
            return
        if pending is None:
            return
        if choice == "resume":
            from calftui.ui.screens.session import SessionScreen

            self.push_screen(SessionScreen.resumed(pending))
            return
        if choice == "save":
            from calftui.journal import JournalError

            try:
                checkpoints.save_partial(pending, self.checkpoint_file)
            except JournalError as exc:
                self.notify(f"{exc}. The unfinished session is kept and offered again next time.",
                            severity="error", timeout=15)
                return
            self.notify(f"Saved as a partial session in {pending.journal}.", title="Saved")
            self.refresh_history()
        elif choice == "discard":
            checkpoints.clear(self.checkpoint_file)
            self.notify("The unfinished session was discarded.")
        if self.start_entry is not None and self.start_entry.workout is not None:
            self.start_workout(self.start_entry)

    def start_workout(self, entry: Entry) -> None:
        if entry.workout is None:
            first = entry.problems[0] if entry.problems else "it is not valid"
            self.notify(f"{first}", title=f"{entry.path.name} cannot start", severity="error", timeout=15)
            return
        from calftui.ui.screens.session import SessionScreen

        self.push_screen(SessionScreen(entry.workout))

    def refresh_history(self) -> None:
        """Tell the picker the journal changed (a session was saved)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "load_history", None)
            if refresh is not None:
                refresh()

    def action_history(self) -> None:
        from calftui.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("History", "Every session, trends and records", self.action_history)
        other = "lb" if self.settings.unit == "kg" else "kg"
        yield SystemCommand(f"Units: use {'pounds (lb)' if other == 'lb' else 'kilograms (kg)'}",
                            f"Loads are now in {self.settings.unit}; saved in config.toml",
                            lambda: self.action_unit(other))
        # Every key of the screen in front is in the palette too.
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description and screen.check_action(binding.action, ()) is not False:
                action = binding.action
                yield SystemCommand(f"{binding.description} ({binding.key_display or binding.key})",
                                    binding.tooltip or binding.description,
                                    lambda action=action, screen=screen: screen.run_action(action))

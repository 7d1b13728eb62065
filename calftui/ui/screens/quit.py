"""q during a session: save what was done as partial, discard it, or carry on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from calftui.engine import SetRecord


class QuitDialog(ModalScreen[str]):
    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [
        Binding("s", "choose('save')", "Save partial", tooltip="Write what was done to the journal as partial", id="quit.save"),
        Binding("d", "choose('discard')", "Discard", tooltip="Throw this session away", id="quit.discard"),
        Binding("escape,c", "choose('continue')", "Carry on", tooltip="Back to the session", id="quit.continue"),
    ]

    def __init__(self, done: list[SetRecord]) -> None:
        super().__init__()
        self.done = done

    def compose(self) -> ComposeResult:
        reps = sum(r.reps or 0 for r in self.done)
        with Vertical(classes="dialog"):
            yield Static("Leave this session?", classes="dialog-title")
            yield Static(f"So far: {len(self.done)} set(s), {reps} rep(s).")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save as partial (s)", id="save", variant="primary", disabled=not self.done)
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Carry on (esc)", id="continue")

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        if choice == "save" and not self.done:
            return
        self.dismiss(choice)

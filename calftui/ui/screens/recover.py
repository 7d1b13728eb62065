"""At start: an unfinished session from last time: resume it, save it as partial, or discard it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from calftui.checkpoint import Checkpoint


class RecoverDialog(ModalScreen[str]):
    CSS_PATH = "../dialogs.tcss"

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", tooltip="Carry on exactly where it stopped (paused)", id="recover.resume"),
        Binding("s", "choose('save')", "Save partial", tooltip="Write it to the journal as a partial session", id="recover.save"),
        Binding("d", "choose('discard')", "Discard", tooltip="Throw it away", id="recover.discard"),
    ]

    def __init__(self, pending: Checkpoint) -> None:
        super().__init__()
        self.pending = pending

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("An unfinished session was found", classes="dialog-title")
            yield Static(self.pending.describe())
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Save as partial (s)", id="save")
                yield Button("Discard (d)", id="discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

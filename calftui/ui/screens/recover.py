"""At start: a session whose calftui is gone. Resume it, save it as partial, discard it, or decide later."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets.button import ButtonVariant

from calftui.live import Pending
from calftui.ui.screens.choice import ChoiceDialog


class RecoverDialog(ChoiceDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('resume')", "Resume", tooltip="Carry on exactly where it stopped (paused)",
                id="recover.resume"),
        Binding("s", "choose('save')", "Save as partial", tooltip="Write it to the journal as a partial session",
                id="recover.save"),
        Binding("d", "choose('discard')", "Discard", tooltip="Throw it away", id="recover.discard"),
        Binding("escape", "choose('later')", "Later", tooltip="Keep it for the next start", id="recover.later"),
    ]
    VARIANTS: ClassVar[dict[str, ButtonVariant]] = {"resume": "primary", "discard": "error"}
    FOCUS = "resume"

    def __init__(self, pending: Pending, position: int = 1, total: int = 1, journal: str = "") -> None:
        title = "An unfinished session was found" if total == 1 else f"Unfinished session {position} of {total}"
        body = pending.describe()
        if pending.checkpoint.journal != journal:  # started with another --journal: it goes back there
            body += f"\nIt is saved into {pending.checkpoint.journal}"
        super().__init__(title, body, disabled=frozenset() if pending.can_resume else frozenset({"resume"}))
        self.pending = pending

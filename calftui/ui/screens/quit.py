"""q during a session: save what was done as partial, discard it, or carry on."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets.button import ButtonVariant

from calftui.ui.screens.choice import ChoiceDialog


class QuitDialog(ChoiceDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save as partial", tooltip="Write what was done to the journal as partial",
                id="quit.save"),
        Binding("d", "choose('discard')", "Discard", tooltip="Throw this session away", id="quit.discard"),
        Binding("escape,c", "choose('continue')", "Carry on", tooltip="Back to the session", id="quit.continue"),
    ]
    VARIANTS: ClassVar[dict[str, ButtonVariant]] = {"save": "primary", "discard": "error"}
    FOCUS = "continue"

    def __init__(self, sets: int, reps: int, skipped: int = 0) -> None:
        so_far = f"So far: {sets} set(s) done, {reps} rep(s)" + (f"; {skipped} skipped" if skipped else "") + "."
        if not (sets or reps):
            so_far += " Nothing to save."
        super().__init__("Leave this session?", so_far, disabled=frozenset() if sets or reps else frozenset({"save"}))

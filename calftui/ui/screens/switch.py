"""Starting a workout while another is running: the running one is never displaced unasked."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets.button import ButtonVariant

from calftui.ui.screens.choice import ChoiceDialog


class SwitchDialog(ChoiceDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save it, start the new one",
                tooltip="Write the running session to the journal as partial, then start", id="switch.save"),
        Binding("d", "choose('discard')", "Discard it, start", tooltip="Throw the running session away, then start",
                id="switch.discard"),
        Binding("escape,c", "choose('continue')", "Carry on", tooltip="Back to the running session",
                id="switch.continue"),
    ]
    VARIANTS: ClassVar[dict[str, ButtonVariant]] = {"save": "primary", "discard": "error"}
    FOCUS = "continue"

    def __init__(self, running: str, wanted: str, sets: int, reps: int) -> None:
        super().__init__(f"{running} is still running",
                         f"So far: {sets} set(s), {reps} rep(s). Start {wanted} instead?",
                         disabled=frozenset() if sets or reps else frozenset({"save"}))

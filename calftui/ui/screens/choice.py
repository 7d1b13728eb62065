"""A question over the screen with a few answers, each a button and a key.

The quit, recovery and switch dialogs are this one class with their own bindings (their ids
are what config.toml remaps). Button labels name the key the lifter actually has.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from calftui.ui.base import calf_app
from calftui.ui.keys import key_display
from calftui.ui.text import plain


class ChoiceDialog(ModalScreen[str]):
    """Dismissed with the chosen answer's name: the argument of its ``choose`` binding."""

    CSS_PATH = "../dialogs.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = []
    VARIANTS: ClassVar[dict[str, ButtonVariant]] = {}
    """Button variant per answer (``primary``, ``error``); the rest are plain."""
    FOCUS: ClassVar[str] = ""
    """The answer whose button has the focus at first (the safe one), unless it is unavailable."""

    def __init__(self, title: str, body: str, *, disabled: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.unavailable = disabled
        """Answers that cannot be given now (nothing to save, nothing to resume): not offered at all;
        the body says why."""

    def answers(self) -> list[tuple[str, Binding]]:
        """(answer, binding) in button order: one per ``choose('…')`` binding."""
        out = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            answer = binding.action.removeprefix("choose('").removesuffix("')")
            out.append((answer, binding))
        return out

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.title_text), classes="dialog-title")
            yield Static(plain(self.body, one_line=False), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for answer, binding in self.offered():
                    yield Button(Text(binding.description), id=answer, variant=self.VARIANTS.get(answer, "default"))

    def offered(self) -> list[tuple[str, Binding]]:
        """The answers that can be given now, in button order."""
        return [(answer, binding) for answer, binding in self.answers() if answer not in self.unavailable]

    def on_mount(self) -> None:
        for answer, binding in self.offered():
            self.query_one(f"#{answer}", Button).label = Text(f"{binding.description} "
                                                              f"({key_display(self.app, binding, first=True)})")
        available = [answer for answer, _ in self.offered()]
        first = self.FOCUS if self.FOCUS in available else available[0] if available else ""
        if first:
            self.query_one(f"#{first}", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id is not None:
            self.action_choose(event.button.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An answer not offered has no key either (nor a line in the palette)."""
        if action.startswith("choose("):  # (the palette asks with the whole action)
            action, parameters = "choose", (action.removeprefix("choose('").removesuffix("')"),)
        return not (action == "choose" and parameters[:1] and parameters[0] in self.unavailable)

    def action_choose(self, answer: str) -> None:
        if answer not in self.unavailable:
            self.dismiss(answer)

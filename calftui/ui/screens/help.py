"""? in a session: every key, from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from calftui.ui.base import calf_app

KEY_NAMES = {"space": "Space", "backspace": "Backspace", "enter": "Enter", "plus": "+", "minus": "-",
             "right_square_bracket": "]", "left_square_bracket": "[", "question_mark": "?"}


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "../dialogs.tcss"
    app = calf_app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", tooltip="Back to the session", id="help.close"),
    ]

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__()
        self.bindings = [b for b in bindings if isinstance(b, Binding)]

    @property
    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every binding, in order, each once."""
        rows: list[tuple[str, str]] = []
        for binding in self.bindings:
            keys = ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))
            row = (keys, binding.tooltip or binding.description)
            if row not in rows:
                rows.append(row)
        return rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, text in self.rows:
            table.add_row(Text(keys), Text(text))
        with Vertical(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            yield Static(table)
            yield Static("Esc closes this. Every key is also in the command palette (ctrl+p).", classes="dim")

    def action_close(self) -> None:
        self.dismiss()

"""? on any screen: every key of the screen, from the bindings themselves."""

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
from calftui.ui.keys import key_display


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "../dialogs.tcss"
    app = calf_app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", tooltip="Back to where help was opened", id="help.close"),
    ]

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__()
        self.bindings = [b for b in bindings if isinstance(b, Binding)]

    @property
    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every binding, in order: the keys the lifter has (after any remap in
        config.toml), those that do the same thing on one row (``0-9`` for the ten digits)."""
        keys: dict[str, list[str]] = {}
        for binding in self.bindings:
            said = binding.tooltip or binding.description
            keys.setdefault(said, [])
            for key in key_display(self.app, binding).split("/"):
                if key not in keys[said]:
                    keys[said].append(key)
        rows: dict[str, list[str]] = {}
        for said, shown in keys.items():  # one key, several meanings by state (Enter): one row
            rows.setdefault(_compact(shown), []).append(said)
        return [(key, "; ".join(saids)) for key, saids in rows.items()]

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


def _compact(keys: list[str]) -> str:
    """``0, 1, …, 9`` as ``0-9``; otherwise the keys as they are."""
    if len(keys) == 10 and keys == [str(d) for d in range(10)]:
        return "0-9"
    return ", ".join(keys)

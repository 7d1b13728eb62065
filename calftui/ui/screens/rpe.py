"""How hard was that set? RPE 1-10 (halves allowed), asked after each working set when config.toml
says ``ask_rpe = true``. Enter keeps it, Esc leaves it out; the rest runs on meanwhile."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from calftui.ui.keys import key_for
from calftui.ui.screens.edit import OneSet, set_line
from calftui.ui.text import plain


class RpeDialog(OneSet):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Not now", tooltip="Leave the RPE out", id="rpe.skip"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("How hard was that?", classes="dialog-title")
            yield Static(plain(set_line(self.record)))
            yield Input(placeholder="RPE 1-10, such as 8 or 8.5", restrict=r"[0-9.]*", max_length=4, compact=True,
                        id="rpe")
            later = key_for(self.app, self.BINDINGS, "rpe.skip")
            yield Static(f"⏎ keeps it · {later}: not now", classes="dim", id="rpe-help")

    @on(Input.Submitted)
    def keep(self, event: Input.Submitted) -> None:
        try:
            value = float(event.value)
            self.session.edit_set(self.index, rpe=value)
        except ValueError as exc:
            message = str(exc) if "RPE" in str(exc) else "RPE is from 1 to 10, in halves (8 or 8.5)"
            self.query_one("#rpe-help", Static).update(plain(message, "bold"))
            return
        self.dismiss()

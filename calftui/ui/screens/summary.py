"""The end of a session: what was done, and how it compares with the last and the best time."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from calftui.durations import mmss
from calftui.journal import target_scores
from calftui.paths import shown
from calftui.session import Outcome
from calftui.ui.base import calf_app
from calftui.ui.text import plain


class SummaryScreen(Screen[None]):
    CSS_PATH = "../summary.tcss"
    app = calf_app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Done", tooltip="Back to the workouts", id="summary.close"),
        Binding("q", "app.quit", "Quit", tooltip="Leave calftui", id="summary.quit"),
    ]

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        assert outcome.record is not None
        self.outcome = outcome
        self.record: dict[str, Any] = outcome.record

    def compose(self) -> ComposeResult:
        record = self.record
        title = plain(f"{record['workout']}: {record['status']}", "bold")
        with VerticalScroll(id="summary"):
            yield Static(title, id="summary-title")
            if self.outcome.problem:
                yield Static(plain(self.outcome.problem, "bold red", one_line=False), id="summary-problem")
            else:
                yield Static(plain(f"Saved to {shown(self.outcome.journal)}"), id="summary-saved")
                for new in self.outcome.new_records:
                    yield Static(plain(f"★ New record: {new.exercise}: {new.text()}", "bold"), classes="record")
            yield Static(self._table(), id="summary-table")
        yield Footer()

    def _table(self) -> Table:
        session = self.outcome.session
        assert session is not None
        sets = session.sets
        scores = {s.exercise: s for s in target_scores(sets)}
        history = self.outcome.last_and_best
        table = Table(expand=True)
        table.add_column("Exercise", ratio=3)
        table.add_column("Done", ratio=4)
        table.add_column("Compared", ratio=3)
        for name in dict.fromkeys(s.exercise for s in sets):
            mine = [s for s in sets if s.exercise == name]
            kind = mine[0].kind
            compared = ""
            if kind == "target" and name in scores:
                score = scores[name]
                done = f"{score.reps}/{score.target} in {mmss(score.seconds)}, {score.mini_sets} mini-set(s)"
                last, best = history.get(name, (None, None))
                bits = []
                if last is not None:
                    bits.append(f"last {mmss(last)}")
                if best is not None:
                    bits.append(f"best {mmss(best)}")
                    if score.reached and score.seconds < best:
                        bits.append("NEW BEST")
                elif score.reached:
                    bits.append("first finished time")
                compared = ", ".join(bits)
            elif kind == "timed":
                done = ", ".join(f"{s.duration_s:.0f}s{_side(s.side)}" for s in mine)
            else:
                done = ", ".join(f"{s.reps}{_side(s.side)}{'' if s.weight is None else f' @{s.weight:g}'}"
                                 f"{'F' if s.failure else ''}" for s in mine)
                done += " reps" + (" (warm-up)" if mine[0].warmup else "")
            table.add_row(plain(name), plain(done), plain(compared))
        return table

    def action_close(self) -> None:
        self.dismiss()


def _side(side: str) -> str:
    return "" if side == "both" else " " + side[0].upper()

"""The end of a session: what was done, and how it compares with the last and the best time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from calftui.durations import mmss
from calftui.journal import JournalError, LoggedSet, target_scores
from calftui.journal_index import listing


def compare(journal: Path, record: dict[str, Any]) -> dict[str, tuple[float | None, float | None]]:
    """Per target exercise: (last score, best score) from earlier sessions of this workout."""
    try:
        found = listing(journal)
    except (JournalError, OSError):
        return {}
    earlier = [s for s in found.summaries if s.workout == record["workout"] and s.id != record["id"]]
    out: dict[str, tuple[float | None, float | None]] = {}
    for exercise in {s["exercise"] for s in record["sets"] if s["kind"] == "target"}:
        scored = [(s.started_at, sc) for s in earlier for sc in s.scores if sc[0] == exercise]
        last = max(scored, key=lambda p: p[0].timestamp())[1][2] if scored else None
        finished = [sc[2] for _, sc in scored if sc[4]]
        out[exercise] = (last, min(finished) if finished else None)
    return out


class SummaryScreen(Screen[None]):
    CSS_PATH = "../summary.tcss"

    BINDINGS = [
        Binding("enter,escape", "close", "Done", tooltip="Back to the workouts", id="summary.close"),
        Binding("q", "app.quit", "Quit", tooltip="Leave calftui", id="summary.quit"),
    ]

    def __init__(self, record: dict[str, Any], journal: Path, problem: str | None = None) -> None:
        super().__init__()
        self.record = record
        self.journal = journal
        self.problem = problem

    def compose(self) -> ComposeResult:
        record = self.record
        title = Text(f"{record['workout']}: {record['status']}", style="bold")
        with VerticalScroll(id="summary"):
            yield Static(title, id="summary-title")
            if self.problem:
                yield Static(Text(self.problem, style="bold red"), id="summary-problem")
            else:
                yield Static(f"Saved to {self.journal}", id="summary-saved")
                for record in self.new_records():
                    yield Static(Text(f"★ New record: {record.exercise}: {record.text()}", style="bold"), classes="record")
            yield Static(self._table(), id="summary-table")
        yield Footer()

    def new_records(self) -> list:  # type: ignore[type-arg]
        from calftui import history

        try:
            found = listing(self.journal)
        except (JournalError, OSError):
            return []
        mine = next((s for s in found.summaries if s.id == self.record["id"]), None)
        if mine is None:
            return []
        return history.new_records(mine, [s for s in found.summaries if s.id != mine.id and s.started_at <= mine.started_at])

    def _table(self) -> Table:
        sets = [LoggedSet(**{k: (tuple(v) if k == "rep_at_s" else v) for k, v in s.items()}) for s in self.record["sets"]]
        scores = {s.exercise: s for s in target_scores(sets)}
        history = compare(self.journal, self.record) if not self.problem else {}
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
                done = ", ".join(f"{s.duration_s:.0f}s{' ' + s.side[0].upper() if s.side != 'both' else ''}" for s in mine)
            else:
                done = ", ".join(f"{s.reps}{' ' + s.side[0].upper() if s.side != 'both' else ''}"
                                 f"{' @' + format(s.weight, 'g') if s.weight is not None else ''}{'F' if s.failure else ''}"
                                 for s in mine)
                done += " reps" + (" (warm-up)" if mine[0].warmup else "")
            table.add_row(name, done, compared)
        return table

    def action_close(self) -> None:
        self.dismiss()

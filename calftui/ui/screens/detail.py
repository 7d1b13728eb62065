"""One session, every set: reps, load, rest taken, failure, warm-up, and the tempo actually kept."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from calftui import history
from calftui.catalog import workout_named
from calftui.durations import length, mmss
from calftui.journal import LoggedSession, target_scores
from calftui.model import Exercise
from calftui.ui.base import calf_app
from calftui.ui.text import plain


class DetailScreen(Screen[None]):
    CSS_PATH = "../history.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Back", tooltip="Back to the history", id="detail.close"),
    ]

    def __init__(self, session: LoggedSession, record: bool = False) -> None:
        super().__init__()
        self.session = session
        self.record = record

    def prescribed(self) -> dict[str, Exercise]:
        """The exercises as the workout file prescribes them now (for the tempo), when it is there."""
        workout = workout_named(self.session.workout, self.app.workout_dirs)
        return {e.name: e for e in workout.exercises} if workout else {}

    def compose(self) -> ComposeResult:
        s = self.session
        head = (f"{s.workout}  ·  {s.started_at:%Y-%m-%d %H:%M}  ·  {s.status}  ·  {length(s.duration_s)}  ·  "
                f"{s.total_reps} reps{'  ·  ★ set a record' if self.record else ''}")
        yield Static(plain(head), id="detail-title")
        for score in target_scores(s.sets):
            yield Static(plain(f"{score.exercise}: {score.reps}/{score.target} in {mmss(score.seconds)}, "
                               f"{score.mini_sets} mini-set(s)"), classes="detail-score")
        yield DataTable(id="sets", zebra_stripes=True, cursor_type="row")
        yield Static("(w) warm-up · F failure · s/rep: mean time between taps, the tempo's own in brackets · "
                     "TUT: time under tension", id="detail-help")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#sets", DataTable)
        table.add_columns("Exercise", "Set", "Side", "Reps", "Load", "Rest", "Fail", "s/rep", "TUT")
        prescribed = self.prescribed()
        for entry in self.session.sets:
            kept = history.tempo_kept(entry, prescribed.get(entry.exercise))
            per_rep = f"{kept.seconds_per_rep:.1f}" if kept.seconds_per_rep is not None else ""
            if kept.prescribed is not None:
                per_rep += f" ({kept.prescribed:g})"
            table.add_row(
                plain(entry.exercise[:20] + (" (w)" if entry.warmup else "")),
                str(entry.set),
                "" if entry.side == "both" else entry.side[0].upper(),
                "" if entry.reps is None else str(entry.reps),
                "" if entry.weight is None else plain(f"{entry.weight:g}{entry.unit or ''}"),
                f"{entry.rest_before_s:.0f}s" if entry.rest_before_s else "",
                "F" if entry.failure else "",
                per_rep,
                f"{kept.under_tension:.0f}s",
            )
        table.focus()

    def action_close(self) -> None:
        self.dismiss()

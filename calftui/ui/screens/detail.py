"""One session, every set: reps, load, rest taken, failure, warm-up, the tempo actually kept, what was
skipped, typed or noted; each side of a per-side exercise against the other."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from calftui.common import length, load_text, mmss
from calftui.insights import tempo_kept
from calftui.journal import LoggedSession, scores, session_facts, superset_labels
from calftui.ui.base import calf_app
from calftui.ui.keys import help_key
from calftui.ui.text import plain
from calftui.workouts import Exercise, workout_named

FIXED = (("Set", 3), ("Reps", 4), ("Load", 8), ("Rest", 5), ("s/rep", 7), ("TUT", 4))
"""Columns of numbers, as wide as their widest value; the exercise and the notes share the rest."""


def column_widths(screen_width: int) -> tuple[int, int]:
    """The exercise's and the notes' widths: the screen less the numbers, the padding and a scrollbar."""
    left = screen_width - sum(width for _, width in FIXED) - 2 * (len(FIXED) + 2) - 4
    name = max(12, min(30, left // 2))
    return name, max(10, left - name)


class DetailScreen(Screen[None]):
    CSS_PATH = "../history.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Back", tooltip="Back to the history", id="detail.close"),
        Binding("p", "progress", "Progress", tooltip="The highlighted exercise's progress over time",
                id="detail.progress"),
        help_key("detail"),
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
        took = "?" if s.duration_s is None else length(s.duration_s)
        head = (f"{s.workout} · {s.started_at:%Y-%m-%d %H:%M} · {s.status} · {took} · "
                f"{s.total_reps} reps{' · ★ set a record' if self.record else ''}")
        yield Static(plain(head), id="detail-title")
        unit = self.app.settings.unit
        for score in scores(s.sets):
            state = ", " + score.shortfall if score.shortfall else ""
            side = "" if score.side == "both" else f" ({score.side})"
            load = "" if score.load is None else f" @ {score.load.text(unit)}"
            yield Static(plain(f"{score.exercise}{side}: {score.reps}/{score.target} in {mmss(score.seconds)}"
                               f"{load}, {score.mini_sets} mini-set(s){state}"), classes="detail-score")
        for facts in session_facts(s).exercises:
            if facts.balance is not None:
                yield Static(plain(f"{facts.name}: {facts.balance.text()}"), classes="detail-score")
        if s.notes:
            yield Static(plain(f"Note: {s.notes}", one_line=False), id="detail-note")
        yield DataTable(id="sets", zebra_stripes=True, cursor_type="row")
        yield Static("L/R side · (w) warm-up · s/rep: mean time between taps, the tempo's own in brackets · "
                     "TUT: time under tension", id="detail-help")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#sets", DataTable)
        name_width, notes_width = column_widths(self.app.size.width)
        for label, width in (("Exercise", name_width), *FIXED, ("Notes", notes_width)):
            table.add_column(label, width=width)
        prescribed = self.prescribed()
        unit = self.app.settings.unit
        groups = superset_labels((s.exercise, s.group) for s in self.session.sets)
        shown = None
        for entry in self.session.sets:
            kept = tempo_kept(entry, prescribed.get(entry.exercise))
            per_rep = f"{kept.seconds_per_rep:.1f}" if kept.seconds_per_rep is not None else ""
            if kept.prescribed is not None:
                per_rep += f" ({kept.prescribed:g})"
            notes = [word for word, on in (("failure", entry.failure), ("skipped", entry.skipped),
                                           ("typed", entry.reps_typed), ("corrected", entry.reps_edited),
                                           ("by tempo", entry.count == "tempo")) if on]
            if entry.rpe is not None:
                notes.append(f"RPE {entry.rpe:g}")
            if entry.note:
                notes.append(entry.note)
            name = entry.exercise + (" (w)" if entry.warmup else "")
            if entry.exercise in groups:
                name = f"{groups[entry.exercise]} {name}"
            table.add_row(
                plain(name if name != shown else ""),  # once per run of sets: it wraps
                f"{entry.set}{'' if entry.side == 'both' else ' ' + entry.side[0].upper()}",
                "" if entry.reps is None else str(entry.reps),
                "" if entry.weight is None else plain(load_text(entry.weight, entry.unit, unit)),
                f"{entry.rest_before_s:.0f}s" if entry.rest_before_s else "",
                per_rep,
                "" if entry.skipped else f"{kept.under_tension:.0f}s",
                plain(", ".join(notes)),
                height=None,
            )
            shown = name
        table.focus()

    def action_progress(self) -> None:
        from calftui.ui.screens.progress import ProgressScreen

        row = self.query_one("#sets", DataTable).cursor_row
        sets = self.session.sets
        exercise = sets[row].exercise if 0 <= row < len(sets) else None
        self.app.push_screen(ProgressScreen(self.session.workout, exercise))

    def action_help(self) -> None:
        from calftui.ui.keys import show_help

        show_help(self.app, self.BINDINGS)

    def action_close(self) -> None:
        self.dismiss()

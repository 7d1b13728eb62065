"""Putting the record right: every finished set of this session, and a form for the one chosen.

Reps, load, RPE and a note; what the journal gets is the corrected set (reps that differ from
the taps are marked typed; the taps stay). Each correction is checkpointed at once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from calftui.live import Session, SetRecord
from calftui.ui.base import calf_app
from calftui.ui.keys import key_for
from calftui.ui.text import plain


def set_line(record: SetRecord) -> str:
    """``Standing calf raise · set 2, left · 13 reps @ 22.5 kg · RPE 8 · skipped``."""
    side = "" if record.side == "both" else f", {record.side}"
    parts = [record.exercise, f"set {record.set}{side}"]
    if record.kind == "timed":
        parts.append(f"{record.duration_s:.0f} s")
    else:
        load = f" @ {record.weight:g} {record.unit}" if record.weight is not None else ""
        parts.append(f"{'-' if record.reps is None else record.reps} reps{load}")
    parts += [f"RPE {record.rpe:g}"] if record.rpe is not None else []
    parts += [word for word, on_ in (("failure", record.failure), ("skipped", record.skipped),
                                     ("warm-up", record.warmup)) if on_]
    parts += [f"“{record.note}”"] if record.note else []
    return " · ".join(parts)


class SetList(OptionList):
    """The finished sets; Enter opens the form at once (not a message later), so every key typed
    after it is the form's, however fast it comes (:meth:`SetForm.early_key`)."""

    def action_select(self) -> None:
        screen = self.screen
        if self.highlighted is not None and isinstance(screen, EditSetScreen):
            screen.correct(self.highlighted)


class EditSetScreen(ModalScreen[None]):
    """Every finished set of this session; Enter corrects the one highlighted."""

    CSS_PATH = "../dialogs.tcss"
    app = calf_app
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Done", tooltip="Back to the session", id="edit.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Correct a set", classes="dialog-title")
            yield SetList(id="sets")
            done = key_for(self.app, self.BINDINGS, "edit.close")
            yield Static(f"⏎ corrects the set highlighted · {done}: done", classes="dim")

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        options = self.query_one("#sets", OptionList)
        at = options.highlighted
        options.clear_options()
        records = self.session.engine.records
        options.add_options([Option(plain(f"{i + 1}. {set_line(r)}"), id=str(i)) for i, r in enumerate(records)])
        options.highlighted = len(records) - 1 if at is None else min(at, len(records) - 1)
        options.focus()

    def correct(self, index: int) -> None:
        """The form for the set at ``index`` (Enter, or a click on it)."""
        self.app.push_screen(SetForm(self.session, index), lambda _: self.fill())


class OneSet(ModalScreen[None]):
    """A dialog about one finished set of the session (``index``)."""

    CSS_PATH = "../dialogs.tcss"
    app = calf_app

    def __init__(self, session: Session, index: int) -> None:
        super().__init__()
        self.session = session
        self.index = index

    @property
    def record(self) -> SetRecord:
        return self.session.engine.records[self.index]


class SetForm(OneSet):
    """One set's reps, load, RPE and note. Tab moves between them; Enter keeps them all.

    Keys typed before the form is on screen with a field focused (``e``, Enter and a correction
    sent in one go) are kept, then typed into it in order, Tab and Backspace included."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", tooltip="Leave the set as it was", id="edit.cancel"),
    ]
    AUTO_FOCUS = ""
    """The first field gets the focus once the keys kept are typed in (:meth:`_type_early`): until
    then every key comes to the form itself, so none overtakes one kept."""

    def __init__(self, session: Session, index: int) -> None:
        super().__init__(session, index)
        self._early: list[events.Key] | None = []
        """Keys typed before the form could take them (None once it can)."""

    def early_key(self, event: events.Key) -> bool:
        """Keep ``event`` for the form when it came before the form could take it (True then)."""
        if self._early is None:
            return False
        self._early.append(events.Key(event.key, event.character))
        event.stop()
        event.prevent_default()
        return True

    def on_key(self, event: events.Key) -> None:
        self.early_key(event)  # (a key sent to the form itself: nothing in it had the focus yet)

    def on_mount(self) -> None:
        self.call_after_refresh(self._type_early)

    def _type_early(self) -> None:
        """The keys kept, into the fields as if typed now: each field's keys go into its own queue
        after its focus (which selects its text, as Tab does), so they land as slow typing would."""
        early, self._early = self._early or [], None
        boxes = list(self.query(Input))
        at = 0
        self.set_focus(boxes[at])
        for key in early:
            box = boxes[at]
            if key.key in ("tab", "shift+tab"):
                at = (at + (1 if key.key == "tab" else -1)) % len(boxes)
                self.set_focus(boxes[at])
            elif key.key == "backspace":
                box.call_later(box.action_delete_left)
            elif key.key == "enter":
                box.call_later(self.keep)
                return
            elif key.key == "escape":
                box.call_later(self.dismiss)
                return
            elif key.is_printable:
                box.post_message(events.Key(key.key, key.character))

    def compose(self) -> ComposeResult:
        record = self.record
        unit = self.session.engine.unit
        with Vertical(classes="dialog wide"):
            yield Static(plain(f"Set {self.index + 1}: {set_line(record)}"), classes="dialog-title")
            with Grid(classes="form"):
                if record.kind != "timed":
                    yield Static("Reps")
                    yield Input(str(record.reps if record.reps is not None else ""), restrict=r"[0-9]*",
                                max_length=6, compact=True, id="reps")
                    yield Static(f"Load, {unit} (empty: none)")
                    yield Input("" if record.weight is None else f"{record.weight:g}", restrict=r"[0-9.]*",
                                max_length=8, compact=True, id="load")
                yield Static("RPE 1-10 (8.5 too)")
                yield Input("" if record.rpe is None else f"{record.rpe:g}", restrict=r"[0-9.]*", max_length=4,
                            compact=True, id="rpe")
                yield Static("Note")
                yield Input(record.note or "", max_length=200, compact=True, id="note")
            cancel = key_for(self.app, self.BINDINGS, "edit.cancel")
            yield Static(f"Tab: next field · ⏎ keeps the set · {cancel}: leave it as it was", classes="dim",
                         id="form-help")

    @on(Input.Submitted)
    def keep(self) -> None:
        changes: dict[str, Any] = {}
        try:
            if self.query("#reps"):
                reps = self.query_one("#reps", Input).value.strip()
                if reps:
                    changes["reps"] = int(reps)
                load = self.query_one("#load", Input).value.strip()
                changes["weight"] = float(load) if load else None
            rpe = self.query_one("#rpe", Input).value.strip()
            changes["rpe"] = float(rpe) if rpe else None
            changes["note"] = self.query_one("#note", Input).value
            self.session.edit_set(self.index, **changes)
        except ValueError as exc:
            reason = str(exc) if " " in str(exc) else "a number is not written as one"
            self.query_one("#form-help", Static).update(plain(reason[:1].upper() + reason[1:], "bold"))
            return
        self.app.notify(f"Set {self.index + 1} corrected.", timeout=3)
        self.dismiss()

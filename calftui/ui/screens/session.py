"""The session: ready, working, resting; big numbers, tempo cues, sound.

A thin shell around :class:`~calftui.live.session.Session`: keys become events stamped with the
app's clock, and the screen shows what the engine's view returns; the session itself writes
every checkpoint and the journal. The only timer asks for a redraw exactly when the engine
says something visible will change next. At 100x32 and larger the state and the tempo's words
are drawn large too, to be read from the calf block. The number comes first at every size: the
lines around it are one row each and give way in order (:mod:`calftui.ui.stage`), the state word
moving into the stage's border where its own row does not fit.

What each line says is :mod:`calftui.ui.session_text`; the keys and when each is offered,
:mod:`calftui.ui.session_keys`; this screen wires them to the session and draws.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from calftui.insights import Plan
from calftui.journal import JournalError
from calftui.live import TOGGLE_PAUSE, Cue, Engine, Key, Session, View
from calftui.ui.base import calf_app
from calftui.ui.keys import key_display
from calftui.ui.session_keys import BINDINGS, FOOTER_KEEP, FOOTER_ORDER, SHORT, WHILE_ENDED, allowed
from calftui.ui.session_text import SessionText, counter, screen_class
from calftui.ui.stage import LINES, session_lines
from calftui.ui.text import plain
from calftui.ui.widgets.bigtext import BigText
from calftui.ui.widgets.counter import BigCounter
from calftui.ui.widgets.keybar import KeyBar
from calftui.ui.widgets.tempo import TempoCue
from calftui.workouts import Workout

ROOMY = (100, 32)
"""From this terminal size on, the state and the tempo's words are drawn large too."""
BIG_WORD_ROWS = 4
WIDE = 80
"""From this width on, the top line has its progress bar and the set line its wide separators."""


class SessionScreen(Screen[None]):
    CSS_PATH = "../session.tcss"

    BINDINGS: ClassVar[list[BindingType]] = BINDINGS
    """Every key: :mod:`calftui.ui.session_keys`."""

    app = calf_app

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._timer: Timer | None = None
        self._shown: dict[str, object] = {}
        self._mounted = False
        self._due: float | None = None
        """The moment the timer is set for."""
        self._viewed: tuple[int, View] | None = None
        """The engine's view at its last revision: what every binding's check reads (it changes only with one)."""
        self._asked = len(session.engine.records)
        """Finished sets the RPE question has been asked about (or that came before it was on)."""

    @property
    def engine(self) -> Engine:
        return self.session.engine

    @property
    def workout(self) -> Workout:
        return self.session.workout

    @cached_property
    def words(self) -> SessionText:
        """What every line says (made once the screen is in the app: the keys named are the lifter's)."""
        return SessionText(self.session, self.app.settings, self._key)

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topline"):
            yield Static(id="workout-name")
            yield Static(id="clock")
            yield ProgressBar(total=1, show_percentage=False, show_eta=False, id="progress")
            yield Static(id="progress-text")
        with Vertical(id="stage"):
            # The lines above and below the number in containers of their own: a tap redraws the
            # number, and Textual then looks only at what shares its container, not at every line.
            with Vertical(id="above"):
                yield BigText(id="state", rows=1)
                yield Static(id="hint")
                yield Static(id="exercise")
                yield Static(id="setline")
                yield Static(id="load")
                yield Static(id="last")
            yield BigCounter(id="counter")
            with Vertical(id="below"):
                yield Static(id="under")
                yield Static(id="rhythm")
                yield TempoCue(id="tempo")
                yield Static(id="cues")
                yield Static(id="next")
        yield KeyBar(order=FOOTER_ORDER, keep=FOOTER_KEEP, short=SHORT, labels=self._label)

    def on_mount(self) -> None:
        self.query_one("#workout-name", Static).update(plain(self.workout.name))
        self._warn()
        self._mounted = True
        self.redraw()
        if not self.session.planned:
            self.read_plan()

    @work(thread=True, exclusive=True, group="plan")
    def read_plan(self) -> None:
        """Last time and the loads, while the journal is read (the session has begun meanwhile)."""
        try:
            ahead = self.session.read_plan()
        except (JournalError, OSError):
            ahead = Plan()
        self.app.call_from_thread(self._take_plan, ahead)

    def _take_plan(self, ahead: Plan) -> None:
        self.session.take_plan(ahead)
        if self.is_attached:
            self.redraw()

    def on_resize(self, event: events.Resize) -> None:
        roomy = event.size.width >= ROOMY[0] and event.size.height >= ROOMY[1]
        self.set_class(roomy, "-roomy")
        self.set_class(event.size.width < WIDE, "-narrow")
        rows = BIG_WORD_ROWS if roomy else 1
        self.query_one("#state", BigText).set_rows(rows)
        self.query_one(TempoCue).set_rows(rows)
        if self._mounted:
            self.redraw()

    @property
    def _word_rows(self) -> int:
        return BIG_WORD_ROWS if self.has_class("-roomy") else 1

    # --- events -------------------------------------------------------------------------

    def send(self, event: Key, arg: int = 0) -> None:
        """One key press into the session, stamped with the clock; then sound, and the screen."""
        session = self.session
        if session.ended:
            return
        self.after(session.send(event, self.app.clock(), arg, keep=False))
        self.call_after_refresh(self._keep)

    def _keep(self) -> None:
        """Right after the frame that shows a key's effect: the checkpoint (a rep shown is a rep kept).
        The frame is still with Textual's writer thread: the interpreter is handed to it first, or
        the checkpoint's serialising would hold the frame back by up to a thread switch (5 ms)."""
        time.sleep(0)
        self.session.checkpoint()
        self._warn()

    def after(self, cues: list[Cue]) -> None:
        self.app.sound.play(cues)
        self._warn()
        self._ask_rpe()
        if self.session.ended:
            self._ended()
            return
        self.redraw()

    def _warn(self) -> None:
        warning = self.session.warning()
        if warning:
            self.notify(warning, severity="warning", timeout=10)

    def _ask_rpe(self) -> None:
        """With ask_rpe in config.toml: after each working set, how hard it was (Esc: not now)."""
        records = self.engine.records
        fresh, self._asked = range(self._asked, len(records)), len(records)
        if not self.app.settings.ask_rpe:
            return
        working = [i for i in fresh if not records[i].warmup and not records[i].skipped]
        if working:
            from calftui.ui.screens.rpe import RpeDialog

            self.app.push_screen(RpeDialog(self.session, working[-1]), lambda _: self.redraw())

    def tick(self) -> None:
        self._timer, self._due = None, None
        self.send("tick")

    def action_rep(self) -> None:
        if self.engine.paused:
            self._say_paused()
            return
        self.send("rep")

    def _say_paused(self) -> None:
        """A tap while paused is never nothing: it says how to carry on."""
        self.notify(f"Paused: press {self._key('session.pause')} to carry on", timeout=3)

    def on_key(self, event: events.Key) -> None:
        # While paused the rep binding is off (not shown), so its key arrives here instead.
        rep = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == "session.rep")
        keys = {k.strip() for k in self.app.keymap.get("session.rep", rep.key).split(",")}
        if self.engine.paused and event.key in keys:
            event.stop()
            self._say_paused()

    @on(BigCounter.Tapped)
    def counter_clicked(self) -> None:
        self.action_rep()

    def action_undo(self) -> None:
        self.send("undo")

    def action_start(self) -> None:
        self.send("start")

    def action_finish(self) -> None:
        self.send("finish")

    def action_skip(self) -> None:
        self.send("skip")

    def action_failure(self) -> None:
        self.send("failure")

    def action_type(self, digit: int) -> None:
        self.send("type", digit)

    def action_untype(self) -> None:
        self.send("untype")

    def action_skip_set(self) -> None:
        self.send("skip_set")

    def action_skip_exercise(self) -> None:
        self.send("skip_exercise")

    def action_switch_count(self, _to: str) -> None:
        self.send("switch_count")

    def action_take_load(self) -> None:
        self.send("take_load")

    def action_extend(self, sign: int) -> None:
        self.send("extend", sign)

    def action_load(self, sign: int) -> None:
        self.send("load", sign)

    def action_pause(self) -> None:
        self.send(TOGGLE_PAUSE)

    def action_sound(self) -> None:
        on_now = self.app.sound.toggle()
        self.notify("Sound on" if on_now else "Sound off", timeout=2)

    def action_help(self) -> None:
        from calftui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def action_edit(self) -> None:
        from calftui.ui.screens.edit import EditSetScreen

        if self.engine.records:
            self.app.push_screen(EditSetScreen(self.session), lambda _: self.redraw())

    def action_leave(self) -> None:
        from calftui.ui.screens.quit import QuitDialog

        self.app.push_screen(QuitDialog(*self.engine.tally()), self._leave_chosen)

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "save":
            self.session.end("partial")
            self._ended()
        elif choice == "discard":
            self.session.discard()
            self._stop_timer()
            self.dismiss()

    def _ended(self) -> None:
        """Nothing more is counted: the summary takes this screen's place (nothing done: nothing to sum up)."""
        self._stop_timer()
        if self.session.status is None:
            self.dismiss()
            return
        from calftui.ui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show (and allow) only the keys that mean something in the state on screen."""
        if self.session.ended:
            return action in WHILE_ENDED
        return allowed(action, parameters, self._view(), corrections=bool(self.engine.records))

    def _label(self, binding_id: str) -> str | None:
        """A footer label that depends on the session: the rest step, the suggested load."""
        step = f"{self.engine.rest_step:g}s"
        if binding_id in ("session.rest-more", "session.rest-less"):
            return ("+" if binding_id.endswith("more") else "-") + step
        v = self._view()
        if binding_id == "session.take-load" and v.suggested is not None:
            return f"Use {v.suggested:g} {v.unit}"
        return None

    # --- drawing ------------------------------------------------------------------------

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._due = None

    def _schedule(self) -> None:
        """The one timer, set for the moment the engine says the screen next changes (kept as it is
        when that moment has not moved: a tap in a set counting up changes nothing there)."""
        now = self.app.clock()
        due = self.engine.next_wakeup(now)
        if due is not None and due == self._due and self._timer is not None:
            return
        self._stop_timer()
        if due is not None:
            self._timer = self.set_timer(max(0.0, due - now) + 0.001, self.tick)
            self._due = due

    def _set(self, key: str, value: Any, apply: Callable[[Any], object]) -> None:
        """Apply ``value`` only when it differs from what is on screen: redraws stay cheap."""
        if key not in self._shown or self._shown[key] != value:
            self._shown[key] = value
            apply(value)

    def _line(self, key: str, text: str) -> None:
        """A line of text: one row, cut short with an ellipsis when it is too long (so it never takes
        the number's rows). Its row never changes size, so no layout is needed to draw it."""
        self._set(key, text, lambda value: self.query_one(f"#{key}", Static).update(plain(value), layout=False))

    def _view(self) -> View:
        """The view as of the engine's last change (keys shown and allowed depend on nothing else)."""
        revision = self.engine.revision
        if self._viewed is None or self._viewed[0] != revision:
            self._viewed = (revision, self.engine.view(self.app.clock()))
        return self._viewed[1]

    def redraw(self) -> None:
        now = self.app.clock()
        v = self.engine.view(now)
        self._viewed = (self.engine.revision, v)
        self._set("classes", screen_class(v), self._show_state)
        word, hint = self.words.state(v)
        self._set("state", word, self.query_one("#state", BigText).update)
        tempo = v.tempo if v.state == "working" and not v.paused else None
        texts = {"hint": hint, **self.words.lines(v, wide=self.size.width >= WIDE)}
        for key, text in texts.items():
            self._line(key, text)
        number, template = counter(v)
        self._set("counter", (number, template), lambda c: self.query_one("#counter", BigCounter).update(*c))
        self._set("tempo", (tempo.phase, round(tempo.remaining, 1)) if tempo else None,
                  lambda _: self.query_one(TempoCue).show(tempo))
        present = {key for key, text in texts.items() if text} | {"state"} | ({"tempo"} if tempo else set())
        urgent = v.paused or v.typed is not None
        shown = session_lines(frozenset(present), urgent, v.state == "ready", template, *self.size, self._word_rows)
        self._set("lines", shown, self._show_lines)
        self._set("title", "" if "state" in shown else word,
                  lambda title: setattr(self.query_one("#stage"), "border_title", title))
        self._set("progress", (v.slots_done, v.slot_count), self._progress)
        self._set("clock", (int(v.so_far // 60), int(v.left // 60), self.size.width < WIDE), self._clock)
        self._set("bindings", (v.state, v.paused, v.reps > 0, v.exercise.kind, v.typed is not None,
                               bool(self.engine.records), v.counting, v.suggested, v.weight),
                  lambda _: self.refresh_bindings())
        self._schedule()

    def _show_lines(self, shown: frozenset[str]) -> None:
        for key in LINES:
            self.query_one(f"#{key}").display = key in shown

    def _show_state(self, name: str) -> None:
        for known in ("-ready", "-working", "-resting", "-paused", "-done"):
            self.set_class(known == name, known)

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#progress-text", Static).update(f" {done}/{total} sets")

    def _clock(self, value: tuple[int, int, bool]) -> None:
        so_far, left, narrow = value
        left_text = f"~{max(1, left)} min left"
        self.query_one("#clock", Static).update(left_text if narrow else f"{so_far} min · {left_text}")

    def _key(self, binding_id: str) -> str:
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        return key_display(self.app, binding, first=True)

"""The session: ready, working, resting; big numbers, tempo cues, sound.

A thin shell around :class:`~calftui.live.session.Session`: keys become events stamped with the
app's clock, and the screen shows what the engine's view returns; the session itself writes
every checkpoint and the journal. The only timer asks for a redraw exactly when the engine
says something visible will change next. At 100x32 and larger the state and the tempo's words
are drawn large too, to be read from the calf block. The number comes first at every size: the
lines around it are one row each and give way in order (:mod:`calftui.ui.stage`), the state word
moving into the stage's border where its own row does not fit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from calftui.common import countdown_seconds, human, mmss
from calftui.insights import Plan
from calftui.journal import JournalError
from calftui.live import TOGGLE_PAUSE, Cue, Engine, Key, Session, View
from calftui.ui.base import calf_app
from calftui.ui.keys import key_display
from calftui.ui.stage import Line, number_heights, plan
from calftui.ui.text import plain
from calftui.ui.widgets.bigtext import BigText
from calftui.ui.widgets.counter import BigCounter
from calftui.ui.widgets.keybar import KeyBar
from calftui.ui.widgets.tempo import TempoCue
from calftui.workouts import Workout

STATE_WORDS = {"ready": "READY", "working": "WORK", "resting": "REST", "done": "DONE"}
REST_WORDS = {"rest": "REST", "rest_pause": "REST-PAUSE", "switch": "SWITCH SIDES", "transition": "NEXT"}
ROOMY = (100, 32)
"""From this terminal size on, the state and the tempo's words are drawn large too."""
BIG_WORD_ROWS = 4
WIDE = 80
"""From this width on, the top line has its progress bar and the set line its wide separators."""
LINES = ("state", "hint", "exercise", "setline", "load", "last", "under", "rhythm", "tempo", "cues", "next")
"""The stage's lines, top to bottom, around the number (between ``last`` and ``under``)."""
FOOTER_ORDER = ("session.quit", "session.help", "session.rep", "session.start", "session.finish", "session.skip",
                "session.failure", "session.pause", "session.undo", "session.count-tempo", "session.count-taps",
                "session.take-load", "session.rest-more", "session.rest-less", "session.skip-set", "session.load-up",
                "session.load-down", "session.skip-exercise", "session.edit")
"""The footer's keys, the most important first: when the width is short, the last give way."""
SHORT = {"session.finish": "Done", "session.skip": "Go", "session.skip-set": "Skip", "session.skip-exercise": "Next",
         "session.count-tempo": "Tempo", "session.count-taps": "Taps", "session.take-load": "Suggested",
         "session.cancel-count": "Cancel"}
"""Compact footer labels, for 80 columns and less."""

LOAD = Binding.Group("Load")
"""``[`` and ``]`` side by side in the footer."""
LOAD_TIP = "Lower or raise the load for this set by one step"
REST_TIP = "Add to or take off the running rest"
COUNT_TIP = "Count by taps, or by the tempo (every cycle a rep)"
"""One tooltip for keys that go together: help shows them on one row."""

_DIGITS = [Binding(str(d), f"type({d})", "Type reps", show=False, tooltip="Type the set's rep count (0-9); "
                   "Enter or f then ends the set with it, Esc cancels") for d in range(10)]


class SessionScreen(Screen[None]):
    CSS_PATH = "../session.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "rep", "Rep", tooltip="Count one rep (a click on the counter does the same)",
                id="session.rep"),
        Binding("backspace", "undo", "Undo", tooltip="Take back the last rep (or the last digit typed)",
                id="session.undo"),
        Binding("enter", "start", "Start", tooltip="Start the set", id="session.start"),
        Binding("enter", "finish", "Finish", tooltip="Finish this set", id="session.finish"),
        Binding("enter", "skip", "End rest", tooltip="End the countdown now", id="session.skip"),
        Binding("f", "failure", "Fail", tooltip="Failure: end this set or mini-set now", id="session.failure"),
        *_DIGITS,
        Binding("escape", "untype", "Cancel count", show=False, tooltip="Forget the rep count being typed",
                id="session.cancel-count"),
        Binding("t", "switch_count('tempo')", "By tempo", id="session.count-tempo", tooltip=COUNT_TIP),
        Binding("t", "switch_count('taps')", "Tap reps", id="session.count-taps", tooltip=COUNT_TIP),
        Binding("u", "take_load", "Use suggested", id="session.take-load",
                tooltip="Take the suggested load for this set"),
        Binding("s", "skip_set", "Skip set", tooltip="Skip this set (written as skipped, never as 0 reps)",
                id="session.skip-set"),
        Binding("n", "skip_exercise", "Skip exercise",
                tooltip="Skip the rest of this exercise and go to the next", id="session.skip-exercise"),
        Binding("e", "edit", "Edit", tooltip="Correct a finished set: reps, load, RPE, note", id="session.edit"),
        Binding("plus", "extend(1)", "+15s", tooltip=REST_TIP, id="session.rest-more"),
        Binding("minus", "extend(-1)", "-15s", tooltip=REST_TIP, id="session.rest-less"),
        Binding("left_square_bracket", "load(-1)", "Load-", group=LOAD, tooltip=LOAD_TIP, id="session.load-down"),
        Binding("right_square_bracket", "load(1)", "Load+", group=LOAD, tooltip=LOAD_TIP, id="session.load-up"),
        Binding("p", "pause", "Pause", tooltip="Pause or resume every clock", id="session.pause"),
        Binding("m", "sound", "Sound", show=False, tooltip="Sound on or off", id="session.sound"),
        Binding("q", "leave", "Quit", tooltip="Leave: save what was done as partial, discard it, or go on",
                id="session.quit"),
        Binding("question_mark", "help", "Help", tooltip="Every key, on screen", id="session.help"),
    ]

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
        self._planned: tuple[object, frozenset[str]] | None = None
        """The engine's view at its last revision: what every binding's check reads (it changes only with one)."""
        self._asked = len(session.engine.records)
        """Finished sets the RPE question has been asked about (or that came before it was on)."""

    @property
    def engine(self) -> Engine:
        return self.session.engine

    @property
    def workout(self) -> Workout:
        return self.session.workout

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
        yield KeyBar(order=FOOTER_ORDER, keep=("session.quit", "session.help"), short=SHORT, labels=self._label)

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
            return action in ("help",)
        v = self._view()
        state, kind = v.state, v.exercise.kind
        if v.paused:
            return action in ("pause", "leave", "help", "sound", "undo", "load", "edit")
        return {
            "start": state == "ready",
            "finish": state == "working",
            "skip": state == "resting",
            "rep": state in ("ready", "resting") or (state == "working" and v.counting != "tempo"),
            "undo": state == "working" and (v.reps > 0 or v.typed is not None),
            "failure": state == "working",
            "type": state == "working" and kind != "timed",
            "untype": v.typed is not None,
            "skip_set": state in ("ready", "working", "resting"),
            "skip_exercise": state in ("ready", "working", "resting"),
            "edit": bool(self.engine.records),
            "extend": state == "resting",
            "load": kind != "timed",
            "switch_count": v.counting is not None and parameters[:1] != (v.counting,),
            "take_load": state == "ready" and v.suggested is not None and v.suggested != v.weight,
        }.get(action, True)

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
        self._set("classes", self._screen_class(v), self._show_state)
        word, hint = self._state_text(v)
        self._set("state", word, self.query_one("#state", BigText).update)
        tempo = v.tempo if v.state == "working" and not v.paused else None
        texts = {"hint": hint, "exercise": v.exercise.name, "setline": self._set_line(v), "load": self._load(v),
                 "last": self._last(v), "under": self._under(v), "rhythm": self._rhythm(v),
                 "cues": "  ·  ".join(v.exercise.cues),
                 "next": self._next(v)}
        for key, text in texts.items():
            self._line(key, text)
        counter, template = self._counter(v)
        self._set("counter", (counter, template), lambda c: self.query_one("#counter", BigCounter).update(*c))
        self._set("tempo", (tempo.phase, round(tempo.remaining, 1)) if tempo else None,
                  lambda _: self.query_one(TempoCue).show(tempo))
        present = {key for key, text in texts.items() if text} | {"state"} | ({"tempo"} if tempo else set())
        urgent = v.paused or v.typed is not None
        self._set("lines", self._plan(frozenset(present), urgent, v.state == "ready", template, self.size),
                  self._show_lines)
        self._set("title", "" if "state" in self._shown["lines"] else word,  # type: ignore[operator]
                  lambda title: setattr(self.query_one("#stage"), "border_title", title))
        self._set("progress", (v.slots_done, v.slot_count), self._progress)
        self._set("clock", (int(v.so_far // 60), int(v.left // 60), self.size.width < WIDE), self._clock)
        self._set("bindings", (v.state, v.paused, v.reps > 0, v.exercise.kind, v.typed is not None,
                               bool(self.engine.records), v.counting, v.suggested, v.weight),
                  lambda _: self.refresh_bindings())
        self._schedule()

    def _plan(self, present: frozenset[str], urgent: bool, ready: bool, template: str,
              size: Size) -> frozenset[str]:
        """The lines shown at this size: the number first, then the lines in order of importance. On the
        ready screen the load and last time come straight after the set: the line under the number
        only repeats the set line's goal there, and the hint the footer's start key."""
        key = (present, urgent, ready, template, size, self._word_rows)
        if self._planned is not None and self._planned[0] == key:
            return self._planned[1]
        words = self._word_rows
        order = ["exercise", "setline", *(["hint"] if urgent else []), *(["load", "last"] if ready else []),
                 "tempo", "under", "load", "rhythm", "hint", "state", "last", "next", "cues"]
        rows = {"tempo": words + 1, "state": words}
        lines = [Line(line, rows.get(line, 1)) for line in dict.fromkeys(order) if line in present]
        width, height = size
        shown = frozenset(plan(height - 4, lines, number_heights(width - 4, template)))  # top line, keys, border
        self._planned = (key, shown)
        return shown

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

    @staticmethod
    def _screen_class(v: View) -> str:
        if v.paused:
            return "-paused"
        if v.state == "resting":
            return "-resting"
        return f"-{v.state}"

    def _key(self, binding_id: str) -> str:
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        return key_display(self.app, binding, first=True)

    def _state_text(self, v: View) -> tuple[str, str]:
        """The state word (drawn large where there is room) and a line under it."""
        if v.paused:
            return "PAUSED", f"press {self._key('session.pause')} to carry on"
        if v.state == "resting":
            return REST_WORDS.get(v.rest_kind or "rest", "REST"), ""
        if v.state == "ready":
            start = f"press {self._key('session.start')} to start"
            if v.counting == "tempo":
                return "READY", f"{start}; the tempo counts the reps"
            tap = "" if v.exercise.kind == "timed" else f", or just start with {self._key('session.rep')}"
            return "READY", f"{start}{tap}"
        if v.typed is not None:
            end, fail, cancel = (self._key(f"session.{b}") for b in ("finish", "failure", "cancel-count"))
            return "WORK", f"typed: {v.typed} reps  ·  {end} or {fail} ends the set with it  ·  {cancel} cancels"
        return STATE_WORDS[v.state], ""

    @property
    def _sep(self) -> str:
        return "  ·  " if self.size.width >= WIDE else " · "

    def _set_line(self, v: View) -> str:
        ex = v.exercise
        parts = []
        if ex.kind == "target":
            parts.append(f"mini-set {v.mini_set}")
        elif v.group is not None:
            label, place, rounds = v.group
            parts.append(f"{label}{place}  ·  round {v.set_number} of {rounds}")
        else:
            parts.append(f"set {v.set_number} of {v.set_count}")
        if v.side != "both":
            parts.append(f"{v.side} side")
        if ex.kind != "timed":
            parts.append(f"goal {ex.goal_text()}")
        else:
            parts.append("hold as long as you can" if ex.open_ended else f"hold {human(ex.duration or 0)}")
        if v.state != "ready":  # (the ready screen has a line of its own for the load)
            parts.extend(self._load_now(v))
        if ex.warmup:
            parts.append("warm-up")
        parts.append(f"exercise {v.exercise_index + 1} of {v.exercise_count}")
        return self._sep.join(parts)

    def _load_now(self, v: View) -> list[str]:
        """The load of the set in hand: the one that will be logged, or the file's words about it."""
        ex = v.exercise
        if v.weight is not None:
            return [f"load {v.weight:g} {v.unit}"]
        if ex.load:
            from calftui.common import actual_load

            actual = actual_load(ex.load, self.app.settings)
            return [f"{ex.load} = {actual}" if actual else ex.load]
        return []

    def _load(self, v: View) -> str:
        """On the ready screen, one line: the load that will be logged, the suggestion beside it and
        the key that takes it (or what else is suggested: ``hold 35 s``)."""
        if v.state != "ready":
            return ""
        parts = self._load_now(v)
        suggestion = self.session.plan.suggestions.get(v.exercise.name)
        if v.suggested is not None and v.weight == v.suggested:
            parts[-1] += ", as suggested"
        elif v.suggested is not None:
            parts.append(f"suggested {v.suggested:g} {v.unit}: {self._key('session.take-load')} takes it")
        if suggestion is not None and (v.suggested is None or suggestion.advice):
            parts.append(f"suggested: {suggestion.advice}" if v.suggested is not None else
                         f"suggested: {suggestion.short}")
        return self._sep.join(parts)

    @staticmethod
    def _rhythm(v: View) -> str:
        """On the ready screen, the tempo in words, as the lifter checks it before the set."""
        tempo = v.exercise.tempo
        return f"tempo: {tempo.words()}" if v.state == "ready" and tempo is not None else ""

    def _last(self, v: View) -> str:
        """How this exercise went last time, in the lifter's unit."""
        if not self.session.planned:
            return "last time: reading the journal…"
        last = self.session.plan.last.get(v.exercise.name)
        return f"last, {last.when:%d %b}: {last.text}" if last is not None else "first time"

    @staticmethod
    def _counter(v: View) -> tuple[str, str]:
        """The big number, and the template it is sized by (so it never jumps as it grows)."""
        if v.remaining is not None:
            return mmss(countdown_seconds(v.remaining)), "0:00"
        ex = v.exercise
        if ex.open_ended:  # a hold for max counts up
            return mmss(v.elapsed), "0:00"
        if v.state == "ready" and ex.kind == "timed":
            return mmss(ex.duration or 0), "0:00"
        if ex.kind == "target":
            return str(v.total), "000"
        if v.typed is not None:
            return v.typed, "000"
        return str(v.reps if v.state == "working" else 0), "000"

    def _under(self, v: View) -> str:
        ex, sep = v.exercise, self._sep
        counted = ["counted by the tempo"] if v.counting == "tempo" else []
        if v.state == "resting":
            score = [f"score {mmss(v.score)}"] if v.rest_kind == "rest_pause" and v.score is not None else []
            return v.round_plan or sep.join([f"up next: {v.next_up}", *score])
        if ex.kind == "target":
            this = [f"this mini-set {v.reps}"] if v.state == "working" else []
            score = [f"score {mmss(v.score)}"] if v.score is not None else []
            return sep.join([f"of {ex.target}", *this, *score, *counted])
        end, fail = self._key("session.finish"), self._key("session.failure")
        if ex.open_ended:
            return sep.join(["hold as long as you can", f"{end} or {fail} ends it"]) if v.state == "working" \
                else "a hold for max"
        if ex.kind == "timed":
            return sep.join(["hold until zero", f"{fail} ends it early"])
        if v.state == "working":
            tapped = [f"{v.reps} {'counted' if counted else 'tapped'}"] if v.typed is not None else []
            return sep.join([*(counted or ["reps"]), f"goal {ex.goal_text()}", mmss(v.elapsed), *tapped])
        return sep.join([f"goal {ex.goal_text()}", *counted])

    @staticmethod
    def _next(v: View) -> str:
        """What comes after the set in hand (on the ready and rest screens)."""
        return f"then: {v.then}" if v.state in ("ready", "resting") and v.then is not None else ""

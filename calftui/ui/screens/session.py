"""The session: ready, working, resting; big numbers, tempo cues, sound.

A thin shell around :class:`~calftui.session.Session`: keys become events stamped with the
app's clock, and the screen shows what the engine's view returns; the session itself writes
every checkpoint and the journal. The only timer asks for a redraw exactly when the engine
says something visible will change next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from calftui.durations import countdown_seconds, human, mmss
from calftui.engine import Cue, Engine, View
from calftui.model import Workout
from calftui.session import TOGGLE_PAUSE, Key, Session
from calftui.ui.base import calf_app
from calftui.ui.text import plain
from calftui.ui.widgets.counter import BigCounter
from calftui.ui.widgets.tempo import TempoCue

STATE_WORDS = {"ready": "READY", "working": "WORK", "resting": "REST", "done": "DONE"}
REST_WORDS = {"rest": "REST", "rest_pause": "REST-PAUSE", "switch": "SWITCH SIDES"}


class SessionScreen(Screen[None]):
    CSS_PATH = "../session.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "rep", "Rep", tooltip="Count one rep (a click on the counter does the same)",
                id="session.rep"),
        Binding("backspace", "undo", "Undo", tooltip="Take back the last rep of this set", id="session.undo"),
        Binding("enter", "start", "Start", tooltip="Start the set", id="session.start"),
        Binding("enter", "finish", "Finish", tooltip="Finish this set", id="session.finish"),
        Binding("enter", "skip", "Skip", tooltip="Skip the rest of the countdown", id="session.skip"),
        Binding("f", "failure", "Fail", tooltip="Failure: end this set or mini-set now", id="session.failure"),
        Binding("plus", "extend(1)", "+15s", tooltip="Add to the running rest", id="session.rest-more"),
        Binding("minus", "extend(-1)", "-15s", tooltip="Take off the running rest", id="session.rest-less"),
        Binding("right_square_bracket", "load(1)", "Load+", tooltip="Raise the load for this set by one step",
                id="session.load-up"),
        Binding("left_square_bracket", "load(-1)", "Load-", tooltip="Lower the load for this set by one step",
                id="session.load-down"),
        Binding("p", "pause", "Pause", tooltip="Pause or resume every clock", id="session.pause"),
        Binding("m", "sound", "Sound", tooltip="Sound on or off", id="session.sound"),
        Binding("q", "leave", "Quit", tooltip="Leave: save what was done as partial, discard it, or carry on",
                id="session.quit"),
        Binding("question_mark", "help", "Help", tooltip="Every key, on screen", id="session.help"),
    ]

    app = calf_app

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._timer: Timer | None = None
        self._shown: dict[str, object] = {}

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
            yield ProgressBar(total=1, show_percentage=False, show_eta=False, id="progress")
            yield Static(id="progress-text")
        with Vertical(id="stage"):
            yield Static(id="state")
            yield Static(id="exercise")
            yield Static(id="setline")
            with Center(id="counter-row"):
                yield BigCounter("0", id="counter")
            yield Static(id="under")
            yield TempoCue(id="tempo")
            yield Static(id="cues")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#workout-name", Static).update(plain(self.workout.name))
        self._warn()
        self.redraw()

    # --- events -------------------------------------------------------------------------

    def send(self, event: Key, arg: int = 0) -> None:
        """One key press into the session, stamped with the clock; then sound, and the screen."""
        session = self.session
        if session.ended:
            return
        self.after(session.send(event, self.app.clock(), arg))

    def after(self, cues: list[Cue]) -> None:
        self.app.sound.play(cues)
        self._warn()
        if self.session.ended:
            self._ended()
            return
        self.redraw()

    def _warn(self) -> None:
        warning = self.session.warning()
        if warning:
            self.notify(warning, severity="warning", timeout=10)

    def tick(self) -> None:
        self._timer = None
        self.send("tick")

    def action_rep(self) -> None:
        self.send("rep")

    @on(BigCounter.Tapped)
    def counter_clicked(self) -> None:
        self.send("rep")

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

    def action_leave(self) -> None:
        from calftui.ui.screens.quit import QuitDialog

        done = self.engine.records_so_far()
        self.app.push_screen(QuitDialog(len(done), sum(r.reps or 0 for r in done)), self._leave_chosen)

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "save":
            self.session.finish("partial")
            self._ended()
        elif choice == "discard":
            self.session.discard()
            self._stop_timer()
            self.dismiss()

    def _ended(self) -> None:
        """The session is over (the last set, or saved as partial): the summary takes this screen's place."""
        self._stop_timer()
        outcome = self.session.outcome
        assert outcome is not None
        if outcome.record is None:  # nothing was done: nothing to sum up
            self.dismiss()
            return
        self.app.journal_changed()
        from calftui.ui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(outcome))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show (and allow) only the keys that mean something in the state on screen."""
        if self.session.ended:
            return action in ("help",)
        v = self.engine.view(self.app.clock())
        state, kind = v.state, v.exercise.kind
        if v.paused:
            return action in ("pause", "leave", "help", "sound", "undo", "load")
        return {
            "start": state == "ready",
            "finish": state == "working",
            "skip": state == "resting",
            "rep": kind != "timed" and state in ("ready", "working", "resting"),
            "undo": state == "working" and v.reps > 0,
            "failure": state == "working",
            "extend": state == "resting",
            "load": kind != "timed",
        }.get(action, True)

    # --- drawing ------------------------------------------------------------------------

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _schedule(self) -> None:
        self._stop_timer()
        now = self.app.clock()
        due = self.engine.next_wakeup(now)
        if due is not None:
            self._timer = self.set_timer(max(0.0, due - now) + 0.001, self.tick)

    def _set(self, key: str, value: Any, apply: Callable[[Any], object]) -> None:
        """Apply ``value`` only when it differs from what is on screen: redraws stay cheap."""
        if key not in self._shown or self._shown[key] != value:
            self._shown[key] = value
            apply(value)

    def redraw(self) -> None:
        now = self.app.clock()
        v = self.engine.view(now)
        self._set("classes", self._screen_class(v), lambda c: self.set_classes(c))
        self._set("state", self._state_text(v), self.query_one("#state", Static).update)
        self._set("exercise", plain(v.exercise.name), self.query_one("#exercise", Static).update)
        self._set("setline", plain(self._set_line(v)), self.query_one("#setline", Static).update)
        self._set("counter", self._counter(v), self.query_one("#counter", BigCounter).update)
        self._set("under", plain(self._under_ready(v)), self.query_one("#under", Static).update)
        self._set("cues", plain("  ·  ".join(v.exercise.cues)), self.query_one("#cues", Static).update)
        tempo = v.tempo if v.state == "working" and not v.paused else None
        self._set("tempo", (tempo.phase, round(tempo.remaining, 1)) if tempo else None,
                  lambda _: self.query_one("#tempo", TempoCue).show(tempo))
        self._set("progress", (v.slots_done, v.slot_count), self._progress)
        self._set("bindings", (v.state, v.paused, v.reps > 0, v.exercise.kind), lambda _: self.refresh_bindings())
        self._schedule()

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#progress-text", Static).update(f" {done}/{total} sets")

    @staticmethod
    def _screen_class(v: View) -> str:
        if v.paused:
            return "-paused"
        if v.state == "resting":
            return "-resting"
        return f"-{v.state}"

    @staticmethod
    def _state_text(v: View) -> str:
        if v.paused:
            return "PAUSED · press p to carry on"
        if v.state == "resting":
            return REST_WORDS.get(v.rest_kind or "rest", "REST")
        if v.state == "ready":
            return "READY · press Enter to start"
        return STATE_WORDS[v.state]

    def _set_line(self, v: View) -> str:
        ex = v.exercise
        parts = []
        if ex.kind == "target":
            parts.append(f"mini-set {v.mini_set}")
        else:
            parts.append(f"set {v.set_number} of {v.set_count}")
        if v.side != "both":
            parts.append(f"{v.side} side")
        parts.append(f"goal {ex.goal_text()}" if ex.kind != "timed" else f"hold {human(ex.duration or 0)}")
        if v.weight is not None:
            parts.append(f"load {v.weight:g} {v.unit}")
        elif ex.load:
            from calftui.config import actual_load

            actual = actual_load(ex.load, self.app.settings)
            parts.append(f"{ex.load} = {actual}" if actual else ex.load)
        if ex.warmup:
            parts.append("warm-up")
        parts.append(f"exercise {v.exercise_index + 1} of {v.exercise_count}")
        return "  ·  ".join(parts)

    @staticmethod
    def _counter(v: View) -> str:
        if v.remaining is not None:
            return mmss(countdown_seconds(v.remaining))
        if v.state == "ready":
            ex = v.exercise
            if ex.kind == "timed":
                return mmss(ex.duration or 0)
            if ex.kind == "target":
                return str(v.total)
            return "0"
        if v.exercise.kind == "target":
            return str(v.total)
        return str(v.reps)

    @staticmethod
    def _under(v: View) -> str:
        ex = v.exercise
        if v.state == "resting":
            score = f"  ·  score {mmss(v.score)}" if v.rest_kind == "rest_pause" and v.score is not None else ""
            return f"next: {v.next_up}{score}"
        if ex.kind == "target":
            score = f"  ·  score {mmss(v.score)}" if v.score is not None else ""
            this = f"  ·  this mini-set {v.reps}" if v.state == "working" else ""
            return f"of {ex.target}{this}{score}"
        if ex.kind == "timed":
            return "hold until zero  ·  f ends it early"
        if v.state == "working":
            return f"reps  ·  goal {ex.goal_text()}  ·  {mmss(v.elapsed)}"
        return f"goal {ex.goal_text()}"

    def _under_ready(self, v: View) -> str:
        text = self._under(v)
        suggestion = self.session.plan.suggestions.get(v.exercise.name)
        if v.state == "ready" and suggestion is not None:
            text += f"  ·  suggested: {suggestion.short}"
        return text

"""What the session screen says: the words of every line around the big number, the state word
and the number itself, all from the engine's :class:`~calftui.live.View`.

Nothing here draws or keeps state between frames: the screen asks for the text, then shows it
(and :mod:`calftui.ui.stage` decides which lines fit). Every key named is the lifter's own, after
any remap in config.toml (``key`` turns a binding id into the key shown).
"""

from __future__ import annotations

from collections.abc import Callable

from calftui.common import Settings, countdown_seconds, human, mmss
from calftui.live import Session, View

STATE_WORDS = {"ready": "READY", "working": "WORK", "resting": "REST", "done": "DONE"}
REST_WORDS = {"rest": "REST", "rest_pause": "REST-PAUSE", "switch": "SWITCH SIDES", "transition": "NEXT"}


def counter(v: View) -> tuple[str, str]:
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


def screen_class(v: View) -> str:
    """The screen's class for the state shown (the stylesheet colours each)."""
    if v.paused:
        return "-paused"
    if v.state == "resting":
        return "-resting"
    return f"-{v.state}"


class SessionText:
    """The session's words, for one session, in the lifter's keys and settings."""

    def __init__(self, session: Session, settings: Settings, key: Callable[[str], str]) -> None:
        self.session = session
        self.settings = settings
        self.key = key
        """A binding id (``session.pause``) to the key the lifter presses for it."""

    def state(self, v: View) -> tuple[str, str]:
        """The state word (drawn large where there is room) and the hint line under it."""
        key = self.key
        if v.paused:
            return "PAUSED", f"press {key('session.pause')} to carry on"
        if v.state == "resting":
            return REST_WORDS.get(v.rest_kind or "rest", "REST"), ""
        if v.state == "ready":
            start = f"press {key('session.start')} to start"
            if v.counting == "tempo":
                return "READY", f"{start}; the tempo counts the reps"
            tap = "" if v.exercise.kind == "timed" else f", or just start with {key('session.rep')}"
            return "READY", f"{start}{tap}"
        if v.typed is not None:
            end, fail, cancel = (key(f"session.{b}") for b in ("finish", "failure", "cancel-count"))
            return "WORK", f"typed: {v.typed} reps  ·  {end} or {fail} ends the set with it  ·  {cancel} cancels"
        return STATE_WORDS[v.state], ""

    def lines(self, v: View, wide: bool) -> dict[str, str]:
        """The one-row lines above and below the number, by id, top to bottom ("" for a line with
        nothing to say now). ``wide``: the window has room for the wide separators."""
        sep = "  ·  " if wide else " · "
        return {"exercise": v.exercise.name, "setline": self.set_line(v, sep), "load": self.load(v, sep),
                "last": self.last(v), "under": self.under(v, sep), "rhythm": rhythm(v),
                "cues": "  ·  ".join(v.exercise.cues), "next": then(v)}

    def set_line(self, v: View, sep: str) -> str:
        """Which set this is, of what, its side, its goal and (once started) its load."""
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
            parts.extend(self.load_now(v))
        if ex.warmup:
            parts.append("warm-up")
        parts.append(f"exercise {v.exercise_index + 1} of {v.exercise_count}")
        return sep.join(parts)

    def load_now(self, v: View) -> list[str]:
        """The load of the set in hand: the one that will be logged, or the file's words about it."""
        ex = v.exercise
        if v.weight is not None:
            return [f"load {v.weight:g} {v.unit}"]
        if ex.load:
            from calftui.common import actual_load

            actual = actual_load(ex.load, self.settings)
            return [f"{ex.load} = {actual}" if actual else ex.load]
        return []

    def load(self, v: View, sep: str) -> str:
        """On the ready screen, one line: the load that will be logged, the suggestion beside it and
        the key that takes it (or what else is suggested: ``hold 35 s``)."""
        if v.state != "ready":
            return ""
        parts = self.load_now(v)
        suggestion = self.session.plan.suggestions.get(v.exercise.name)
        if v.suggested is not None and v.weight == v.suggested:
            parts[-1] += ", as suggested"
        elif v.suggested is not None:
            parts.append(f"suggested {v.suggested:g} {v.unit}: {self.key('session.take-load')} takes it")
        if suggestion is not None and (v.suggested is None or suggestion.advice):
            parts.append(f"suggested: {suggestion.advice}" if v.suggested is not None else
                         f"suggested: {suggestion.short}")
        return sep.join(parts)

    def last(self, v: View) -> str:
        """How this exercise went last time, in the lifter's unit."""
        if not self.session.planned:
            return "last time: reading the journal…"
        last = self.session.plan.last.get(v.exercise.name)
        return f"last, {last.when:%d %b}: {last.text}" if last is not None else "first time"

    def under(self, v: View, sep: str) -> str:
        """The line under the number: what it counts and towards what (on a rest, what comes next)."""
        ex = v.exercise
        counted = ["counted by the tempo"] if v.counting == "tempo" else []
        if v.state == "resting":
            score = [f"score {mmss(v.score)}"] if v.rest_kind == "rest_pause" and v.score is not None else []
            return v.round_plan or sep.join([f"up next: {v.next_up}", *score])
        if ex.kind == "target":
            this = [f"this mini-set {v.reps}"] if v.state == "working" else []
            score = [f"score {mmss(v.score)}"] if v.score is not None else []
            return sep.join([f"of {ex.target}", *this, *score, *counted])
        end, fail = self.key("session.finish"), self.key("session.failure")
        if ex.open_ended:
            return sep.join(["hold as long as you can", f"{end} or {fail} ends it"]) if v.state == "working" \
                else "a hold for max"
        if ex.kind == "timed":
            return sep.join(["hold until zero", f"{fail} ends it early"])
        if v.state == "working":
            tapped = [f"{v.reps} {'counted' if counted else 'tapped'}"] if v.typed is not None else []
            return sep.join([*(counted or ["reps"]), f"goal {ex.goal_text()}", mmss(v.elapsed), *tapped])
        return sep.join([f"goal {ex.goal_text()}", *counted])


def rhythm(v: View) -> str:
    """On the ready screen, the tempo in words, as the lifter checks it before the set."""
    tempo = v.exercise.tempo
    return f"tempo: {tempo.words()}" if v.state == "ready" and tempo is not None else ""


def then(v: View) -> str:
    """What comes after the set in hand (on the ready and rest screens)."""
    return f"then: {v.then}" if v.state in ("ready", "resting") and v.then is not None else ""

"""The session's keys: every binding, the footer's order and its compact labels, and which keys
mean something in the state on screen.

The screen (:class:`~calftui.ui.screens.session.SessionScreen`) turns each key into an event for
the engine; this module only says which keys there are and when each is offered.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from calftui.live import View

LOAD = Binding.Group("Load")
"""``[`` and ``]`` side by side in the footer."""
LOAD_TIP = "Lower or raise the load for this set by one step"
REST_TIP = "Add to or take off the running rest"
COUNT_TIP = "Count by taps, or by the tempo (every cycle a rep)"
"""One tooltip for keys that go together: help shows them on one row."""

_DIGITS = [Binding(str(d), f"type({d})", "Type reps", show=False, tooltip="Type the set's rep count (0-9); "
                   "Enter or f then ends the set with it, Esc cancels") for d in range(10)]

BINDINGS: list[BindingType] = [
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
"""Every key of the session, in the order help and the footer list them."""

FOOTER_ORDER = ("session.quit", "session.help", "session.rep", "session.start", "session.finish", "session.skip",
                "session.failure", "session.pause", "session.undo", "session.count-tempo", "session.count-taps",
                "session.take-load", "session.rest-more", "session.rest-less", "session.skip-set", "session.load-up",
                "session.load-down", "session.skip-exercise", "session.edit")
"""The footer's keys, the most important first: when the width is short, the last give way."""
FOOTER_KEEP = ("session.quit", "session.help")
"""Keys the footer never drops."""
SHORT = {"session.finish": "Done", "session.skip": "Go", "session.skip-set": "Skip", "session.skip-exercise": "Next",
         "session.count-tempo": "Tempo", "session.count-taps": "Taps", "session.take-load": "Suggested",
         "session.cancel-count": "Cancel"}
"""Compact footer labels, for 80 columns and less."""

WHILE_ENDED = ("help",)
"""What a session that has ended still answers (its summary is about to take the screen)."""
WHILE_PAUSED = ("pause", "leave", "help", "sound", "undo", "load", "edit")
"""What a paused session answers: every clock is stopped, so nothing that counts or ends a set."""


def allowed(action: str, parameters: tuple[object, ...], v: View, corrections: bool) -> bool:
    """Whether ``action`` means something in the state ``v`` shows (``corrections``: a finished set
    is there to correct). An action this does not know is always allowed."""
    state, kind = v.state, v.exercise.kind
    if v.paused:
        return action in WHILE_PAUSED
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
        "edit": corrections,
        "extend": state == "resting",
        "load": kind != "timed",
        "switch_count": v.counting is not None and parameters[:1] != (v.counting,),
        "take_load": state == "ready" and v.suggested is not None and v.suggested != v.weight,
    }.get(action, True)

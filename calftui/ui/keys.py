"""Keys as the lifter has them: after any remap in config.toml, shown the way Textual shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from calftui.ui.app import CalfApp


def key_display(app: CalfApp, binding: Binding, *, first: bool = False) -> str:
    """The key (or keys, or only the ``first``) that trigger ``binding`` now, after any remap, for any text
    that names it."""
    keys = app.keymap.get(binding.id, binding.key) if binding.id else binding.key
    shown = [app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",") if key.strip()]
    return shown[0] if first and shown else "/".join(dict.fromkeys(shown))


def key_for(app: CalfApp, bindings: list[BindingType], binding_id: str) -> str:
    """The first key of the binding ``binding_id`` (one of ``bindings``), as the lifter has it now."""
    binding = next(b for b in bindings if isinstance(b, Binding) and b.id == binding_id)
    return key_display(app, binding, first=True)


def keys_of(app: CalfApp, bindings: list[BindingType], binding_id: str) -> set[str]:
    """Every key (Textual's names, ``question_mark``) that triggers ``binding_id`` now."""
    binding = next(b for b in bindings if isinstance(b, Binding) and b.id == binding_id)
    keys = app.keymap.get(binding_id, binding.key)
    return {key.strip() for key in keys.split(",") if key.strip()}


def screens() -> dict[str, list[Binding]]:
    """Every screen's bindings by the name a lifter knows it by, the app's own in each (no second
    list to keep in step). Imports every screen, so it is used only when config.toml remaps keys."""
    from calftui.ui.app import CalfApp
    from calftui.ui.screens import (
        detail,
        edit,
        help,
        history,
        picker,
        progress,
        quit,
        recover,
        rpe,
        session,
        summary,
        switch,
    )

    named: dict[str, list[BindingType]] = {
        "the picker": picker.PickerScreen.BINDINGS, "the session screen": session.SessionScreen.BINDINGS,
        "the help": help.HelpScreen.BINDINGS, "the quit question": quit.QuitDialog.BINDINGS,
        "the recovery question": recover.RecoverDialog.BINDINGS, "the switch question": switch.SwitchDialog.BINDINGS,
        "the summary": summary.SummaryScreen.BINDINGS, "the history": history.HistoryScreen.BINDINGS,
        "a session's detail": detail.DetailScreen.BINDINGS, "the RPE question": rpe.RpeDialog.BINDINGS,
        "the list of sets to correct": edit.EditSetScreen.BINDINGS, "a set's correction": edit.SetForm.BINDINGS,
        "a progress chart": progress.ProgressScreen.BINDINGS,
    }
    return {name: [b for b in [*CalfApp.BINDINGS, *bindings] if isinstance(b, Binding)]
            for name, bindings in named.items()}


def binding_ids() -> set[str]:
    return {b.id for bindings in screens().values() for b in bindings if b.id}


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def _names() -> frozenset[str]:
    """Every key name Textual gives a key press: its named keys, and printable characters by name."""
    import string
    import unicodedata

    from textual.keys import Keys

    by_name = {unicodedata.name(c).lower().replace(" ", "_").replace("-", "_")
               for c in string.punctuation}
    return frozenset({k.value for k in Keys} | by_name | {"space"})


def key_problem(key: str) -> str | None:
    """Why ``key`` (``"j"``, ``"ctrl+s"``, ``"question_mark"``, ``"?"``) is not a key, or None."""
    *mods, base = key.split("+")
    unknown = [m for m in mods if m not in MODIFIERS]
    if unknown or not base:
        return f"{key!r} has a modifier that is not one ({', '.join(unknown) or 'nothing after +'})"
    if len(base) == 1 and base.isprintable() and not base.isspace():
        return None
    if base in _names():
        return None
    return f"{key!r} is not a key name"


def keymap_problems(keymap: dict[str, str]) -> dict[str, tuple[str, bool]]:
    """Per remapped binding id: (what is wrong, whether the remap must be dropped). A key name that
    is no key drops the remap (the default stays); a key another binding of the same screen
    already uses is only reported (the screen then acts on whichever of the two is allowed first)."""
    out: dict[str, tuple[str, bool]] = {}
    for binding_id, keys in keymap.items():
        wrong = [problem for k in keys.split(",") if (problem := key_problem(k.strip()))]
        if wrong:
            out[binding_id] = ("; ".join(wrong) + '; expected names such as "j", "ctrl+s", "space", "f5"', True)
    for screen, bindings in screens().items():
        used: dict[str, list[Binding]] = {}
        for binding in bindings:
            remapped = binding.id in keymap and binding.id not in out
            keys = keymap[binding.id] if remapped and binding.id else binding.key
            for key in {_long(k.strip()) for k in keys.split(",")}:
                used.setdefault(key, []).append(binding)
        for key, sharing in used.items():
            ids = {b.id for b in sharing}
            mine = [b for b in sharing if b.id in keymap and b.id not in out]
            if len(ids) > 1 and mine:
                for binding in mine:
                    others = ", ".join(sorted({b.description for b in sharing if b.id != binding.id}))
                    out.setdefault(str(binding.id), (f"{key!r} is already {others} on {screen}; choose another key",
                                                     False))
    return out


def _long(key: str) -> str:
    """``"?"`` as Textual names it in a key press: ``"question_mark"``."""
    if len(key) == 1 and not key.isalnum():
        import unicodedata

        return unicodedata.name(key, key).lower().replace(" ", "_").replace("-", "_")
    return key


def help_key(screen: str) -> Binding:
    """``?`` on every screen, as in a session (SPEC §3): every key of the screen, on screen. The
    screen's ``action_help`` calls :func:`show_help`."""
    return Binding("question_mark", "help", "Help", tooltip="Every key, on screen", id=f"{screen}.help")


def show_help(app: CalfApp, bindings: list[BindingType]) -> None:
    """The help over the screen in front: its ``bindings``, in the lifter's keys."""
    from calftui.ui.screens.help import HelpScreen

    app.push_screen(HelpScreen(bindings))

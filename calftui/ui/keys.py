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


def binding_ids() -> set[str]:
    """From the screens' own BINDINGS (no second list to keep in step). Imports every screen, so
    it is called only when config.toml remaps keys."""
    from calftui.ui.app import CalfApp
    from calftui.ui.screens import detail, help, history, picker, quit, recover, session, summary, switch

    bindings: list[BindingType] = [
        *CalfApp.BINDINGS, *detail.DetailScreen.BINDINGS, *help.HelpScreen.BINDINGS, *history.HistoryScreen.BINDINGS,
        *picker.PickerScreen.BINDINGS, *quit.QuitDialog.BINDINGS, *recover.RecoverDialog.BINDINGS,
        *session.SessionScreen.BINDINGS, *summary.SummaryScreen.BINDINGS, *switch.SwitchDialog.BINDINGS,
    ]
    return {b.id for b in bindings if isinstance(b, Binding) and b.id}

"""Every binding id calftui has, so config.toml's [keys] can be checked before it is applied."""

from __future__ import annotations

from textual.binding import Binding


def binding_ids() -> set[str]:
    """From the screens' own BINDINGS (no second list to keep in step). Imports every screen, so
    it is called only when config.toml remaps keys."""
    from calftui.ui.app import CalfApp
    from calftui.ui.screens import detail, help, history, picker, quit, recover, session, summary

    classes = [CalfApp, detail.DetailScreen, help.HelpScreen, history.HistoryScreen, picker.PickerScreen,
               quit.QuitDialog, recover.RecoverDialog, session.SessionScreen, summary.SummaryScreen]
    return {b.id for cls in classes for b in cls.BINDINGS if isinstance(b, Binding) and b.id}

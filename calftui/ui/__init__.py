"""The Textual shell: the app and its screens, the plot app of ``stats --plot``, and the binding ids
``config.toml`` remaps. Only the command line comes in, through this face; the screens and widgets
are the shell's own.

A name loads its module when first asked for, so importing the package loads no Textual: a command
that never draws a screen never pays for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common import lazy_face

if TYPE_CHECKING:
    from calftui.ui.app import (
        CalfApp as CalfApp,
    )
    from calftui.ui.keys import (
        binding_ids as binding_ids,
        keymap_problems as keymap_problems,
    )
    from calftui.ui.plot_app import (
        PlotApp as PlotApp,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "CalfApp": "app",
    "binding_ids": "keys",
    "keymap_problems": "keys",
    "PlotApp": "plot_app",
})

__all__ = [
    "CalfApp",
    "PlotApp",
    "binding_ids",
    "keymap_problems",
]

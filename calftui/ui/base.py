"""Typed access to calftui's app from any screen or widget: ``app = calf_app``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters

if TYPE_CHECKING:
    from calftui.ui.app import CalfApp


def _app_class() -> type[CalfApp]:
    from calftui.ui.app import CalfApp

    return CalfApp


calf_app: getters.app[CalfApp] = getters.app(_app_class)
"""Put ``app = calf_app`` in a screen class: ``self.app`` is then a :class:`CalfApp` to the type checker too."""

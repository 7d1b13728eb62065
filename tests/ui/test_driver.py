"""The terminal driver's output thread, when the terminal is gone mid-frame."""

from __future__ import annotations

import io
import threading

from calftui.ui.driver import LastingWriter


class ClosedTerminal(io.StringIO):
    """Takes one write, then fails as a closed terminal does (EIO)."""

    def write(self, text: str) -> int:
        if self.tell():
            raise OSError(5, "Input/output error")
        return super().write(text)


def test_writes_after_the_terminal_is_gone_never_wait_and_stopping_ends() -> None:
    writer = LastingWriter(ClosedTerminal())
    writer.start()

    def frames() -> None:
        for n in range(200):  # far more than Textual's queue holds
            writer.write(f"frame {n}")
        writer.stop()

    drawing = threading.Thread(target=frames, daemon=True)
    drawing.start()
    drawing.join(timeout=10)
    assert not drawing.is_alive(), "a write or the stop waited on a queue nobody empties"
    assert not writer.is_alive()

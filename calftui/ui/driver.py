"""Textual's terminal driver, with an output thread that outlives the terminal.

When the window is closed mid-frame, writing to the terminal fails (EIO) and Textual's output
thread ends; what is written after that fills its queue, and the next write, or stopping the
thread at exit, waits for ever. calftui then never exits: a closed window would leave a process
behind holding its session. Here a failed write drops the rest of the output instead, so
calftui ends as a closed terminal asks it to (its session kept, as with ctrl+q).
"""

from __future__ import annotations

from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver


class LastingWriter(WriterThread):
    """Writes to the terminal until it is gone, then drops what is written, until it is stopped."""

    def run(self) -> None:
        try:
            super().run()
        except OSError:  # the terminal is gone: keep emptying the queue so no write waits on it
            while self._queue.get() is not None:
                pass


class Driver(LinuxDriver):
    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]  # (untyped in Textual)
        given, terminal = self._writer_thread, self._file
        if given is not None and terminal is not None and not isinstance(given, LastingWriter):
            given.stop()  # (it has only the few writes that start the screen, written now)
            self._writer_thread = LastingWriter(terminal)
            self._writer_thread.start()

"""The journal and other trackers: ``log``, ``stats`` and ``export``; Strong and Hevy CSV files;
``calftui import``.

Other packages import from here only; the modules behind it are this package's own."""

from calftui.exchange.importing import (
    ImportRefused,
    run,
)
from calftui.exchange.reports import (
    ExportRefused,
    export,
    log,
    read,
    stats,
    workout_names,
    write_out,
)

__all__ = [
    "ExportRefused",
    "ImportRefused",
    "export",
    "log",
    "read",
    "run",
    "stats",
    "workout_names",
    "write_out",
]

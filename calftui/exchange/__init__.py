"""The journal and other trackers: ``log``, ``stats`` and ``export``; Strong and Hevy CSV files;
``calftui import``.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common import lazy_face

if TYPE_CHECKING:
    from calftui.exchange.importing import (
        ImportRefused as ImportRefused,
        run as import_file,
    )
    from calftui.exchange.reports import (
        ExportRefused as ExportRefused,
        export as export_journal,
        log as print_log,
        read as read_with_progress,
        stats as print_stats,
        workout_names as workout_names,
        write_out as write_out,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "ImportRefused": "importing",
    "import_file": "importing.run",
    "ExportRefused": "reports",
    "export_journal": "reports.export",
    "print_log": "reports.log",
    "print_stats": "reports.stats",
    "read_with_progress": "reports.read",
    "workout_names": "reports",
    "write_out": "reports",
})

__all__ = [
    "ExportRefused",
    "ImportRefused",
    "export_journal",
    "import_file",
    "print_log",
    "print_stats",
    "read_with_progress",
    "workout_names",
    "write_out",
]

"""Editing a routine without leaving calftui: $EDITOR, with the app suspended, then a check."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from calftui import paths
from calftui.workouts import Entry, check_file

if TYPE_CHECKING:
    from calftui.ui.screens.picker import PickerScreen


def editor_command() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def editable_copy(entry: Entry) -> tuple[Path, bool]:
    """The file to edit: a built-in is copied to the user folder first (never edited in place,
    and never copied over a user's file). Returns (path, copied)."""
    if entry.origin != "built-in":
        return entry.path, False
    target = paths.user_workouts_dir() / entry.path.name
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry.path, target)
    return target, True


def edit_workout(screen: PickerScreen, entry: Entry) -> None:
    app = screen.app
    try:
        path, copied = editable_copy(entry)
    except OSError as exc:
        app.notify(f"Cannot copy {entry.path.name} to {paths.user_workouts_dir()}: {exc.strerror or exc}",
                   severity="error")
        return
    command = [*editor_command(), str(path)]
    try:
        try:
            with app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:  # no terminal to hand over (headless): run it as it is
            subprocess.run(command, check=False, stdin=subprocess.DEVNULL)
    except OSError as exc:
        app.notify(f"Cannot start the editor {command[0]!r}: {exc.strerror or exc}. Set $EDITOR.", severity="error")
        return
    screen.reload()
    problems = check_file(path)
    where = f" (copied from the built-in to {path})" if copied else ""
    if problems:
        shown = "\n".join(str(p) for p in problems[:8])
        more = f"\n…and {len(problems) - 8} more: calftui check {path}" if len(problems) > 8 else ""
        app.notify(shown + more, title=f"{path.name} has problems{where}", severity="error", timeout=30)
    else:
        app.notify(f"{path.name} is valid{where}.", title="Saved", timeout=5)

"""Shell completion for bash, zsh and fish, through argcomplete: the parser is the one list of
commands and options, and workouts (stems and names), themes and files are offered as the
command line is typed. The shell asks ``calftui`` itself (with ``_ARGCOMPLETE`` set) on each tab;
the command line answers before anything else is read.

Set up with argcomplete's own ``register-python-argcomplete calftui`` (as for any argparse tool),
or ``calftui --completion bash|zsh|fish``, which prints the same script.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any

SHELLS = ("bash", "zsh", "fish")
PROG = "calftui"

Completer = Callable[..., Iterable[str]]


def workouts(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Workout stems and names (those of ``--workouts`` folders already typed too), or files for a path."""
    from calftui.catalog import discover, looks_like_path

    if looks_like_path(prefix) or prefix.startswith((".", "~")):
        return toml_files(prefix)
    entries = discover(getattr(parsed_args, "workouts", None) or ())
    stems = [entry.stem for entry in entries]
    names = [entry.name for entry in entries if entry.name not in stems and entry.name.isprintable()]
    return stems + names


def themes(**_: Any) -> list[str]:
    from calftui import theme_files

    return list(theme_files.names())


def toml_files(prefix: str, **_: Any) -> list[str]:
    """Workout files and the folders on the way to them."""
    from argcomplete.completers import FilesCompleter

    return list(FilesCompleter(("toml",))(prefix))


def folders(prefix: str, **_: Any) -> list[str]:
    from argcomplete.completers import DirectoriesCompleter

    return list(DirectoriesCompleter()(prefix))


COMPLETERS: dict[str, Completer] = {"workout": workouts, "theme": themes, "files": toml_files,
                                    "workouts": folders}
"""What each argument (by its ``dest``) is completed with; the rest get argcomplete's defaults (files for
a path, the choices for a choice)."""


def attach(action: argparse.Action) -> argparse.Action:
    """Give an argument its completer (argcomplete reads the ``completer`` attribute)."""
    completer = COMPLETERS.get(action.dest)
    if completer is not None:
        setattr(action, "completer", completer)  # noqa: B010 (argcomplete's documented way)
    return action


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell and exit (argcomplete writes to the descriptor the script reads)."""
    import argcomplete

    argcomplete.autocomplete(parser)


def script(shell: str) -> str:
    """The script that sets completion up in ``shell``; the same as ``register-python-argcomplete``'s."""
    from argcomplete.shell_integration import shellcode

    return shellcode([PROG], shell=shell)

# PYTHON_ARGCOMPLETE_OK (argcomplete's global completion looks for this line)
"""The command line. Commands that do not open the TUI never import Textual."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from calftui import __version__, paths
from calftui.common import control_character, echo, visible

if TYPE_CHECKING:
    import argparse

    from calftui.common import Settings
    from calftui.workouts import Entry

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage: one line on stderr, exit 2."""


class InvalidInput(Exception):
    """A bad workout, an unreadable journal: one line on stderr, exit 1."""


def _common(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    import argparse

    # Sub-commands use SUPPRESS so an option given before the command is not reset after it.
    default = argparse.SUPPRESS if sub else None

    group = parser.add_argument_group("options for every command")
    group.add_argument("--journal", metavar="PATH", default=default, help="journal file (default: journal.toml in "
                                                                          "the data folder)")
    attach(group.add_argument("--workouts", metavar="DIR", action="append", default=default,
                              help="another folder of workouts (repeatable)"))
    attach(group.add_argument("--theme", metavar="NAME", default=default, help="colour theme"))
    group.add_argument("--no-sound", action="store_true", default=default, help="no bell and no speech")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:  # one clear line, not argparse's usage block
            raise UsageError(f"{message}; see '{self.prog} --help'")

        def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
            return attach(super().add_argument(*args, **kwargs))  # a WORKOUT completes with workouts, …

    parser = _Parser(prog="calftui", description="A terminal workout timer for calf training.")
    parser.add_argument("-V", "--version", action="version", version=f"calftui {__version__}")
    parser.add_argument("--completion", choices=SHELLS, metavar="SHELL",
                        help="print the script that completes calftui's commands, options and workouts in SHELL "
                             "(bash, zsh or fish); see the README")
    _common(parser, sub=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        _common(sub, sub=True)
        return sub

    add("run", "start a workout by file stem, name or path").add_argument("workout")
    add("show", "the workout as calftui reads it: exercises, sets, reps, loads in your unit, rests, groups and "
                "rounds, each tempo in words").add_argument("workout")
    add("list", "list workouts with their source folder")
    add("check", "validate workout files (none named: the workouts folders and the built-ins); exit 1 if any is "
                 "invalid").add_argument("files", nargs="*", metavar="FILE")
    log = add("log", "print recent sessions from the journal")
    log.add_argument("--last", type=_positive, default=20, metavar="N", help="how many sessions (default 20)")
    stats = add("stats", "per-workout progress and records")
    stats.add_argument("workout", nargs="?")
    stats.add_argument("--plot", action="store_true", help="draw the workout's progress charts in the terminal "
                                                           "(arrow keys, m and r move between them; q leaves)")
    export = add("export", "export the journal as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.add_argument("--force", action="store_true", help="replace FILE when it exists")
    export.add_argument("--unit", choices=("kg", "lb"), help="the unit of every load in a CSV (default: yours, "
                                                            "from config.toml)")
    imported = add("import", "append sessions from a Strong or Hevy CSV export or another calftui journal")
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--from", dest="source", choices=("strong", "hevy", "calftui"),
                          help="the app that wrote FILE (default: told by its first line)")
    imported.add_argument("--dry-run", action="store_true", help="list what would be added; write nothing")
    imported.add_argument("--unit", choices=("kg", "lb"), help="the unit of loads in a Strong CSV that names none "
                                                              "(default: yours, from config.toml)")
    schema = add("schema", "print the JSON Schema of workout files, for editors")
    schema.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    schema.add_argument("--force", action="store_true", help="replace FILE when it exists")
    add("new", "write a commented starter workout into the user folder").add_argument("name")
    return parser


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not at least 1")
    return value


PLAIN = cast("argparse.Namespace",
             SimpleNamespace(command=None, journal=None, workouts=None, theme=None, no_sound=False))
"""Plain ``calftui``: the picker, straight away, without building a parser (it is the first screen)."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "_ARGCOMPLETE" in os.environ:  # the shell asking for completions: answered, then exit

        complete(build_parser())
    try:
        args = PLAIN if not argv else build_parser().parse_args(argv)
        if getattr(args, "completion", None):

            sys.stdout.write(script(args.completion))
            _flush_output()
            return EXIT_OK
        _check_theme(args.theme)
        status = COMMANDS[args.command or "tui"](args)
        if args.command not in (None, "run"):  # (the screens write through Textual's driver, not through stdout)
            _flush_output()
        return status
    except UsageError as exc:
        echo(f"calftui: {exc}", err=True)
        return EXIT_USAGE
    except InvalidInput as exc:
        echo(f"calftui: {exc}", err=True)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `calftui log | head -3`
        return _reader_gone()
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):  # how Rich's console ends a write to a closed pipe
            return _reader_gone()
        raise
    except OSError as exc:
        if exc.errno not in OUTPUT_FAILED:
            raise
        _output_to_null()  # (what is left of it could not be written either)
        echo(f"calftui: cannot write the output: {exc.strerror or exc}", err=True)
        return EXIT_INVALID


OUTPUT_FAILED = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
"""Standard output on a full disk (``> /dev/full``) or a terminal gone: said in one line, exit 1."""


def _flush_output() -> None:
    """What a command printed, written out here, where a reader that has gone or a full disk is
    seen, rather than in the interpreter's last words."""
    if sys.stdout is not None:
        sys.stdout.flush()


def _reader_gone() -> int:
    """What reads calftui's output has stopped reading (``calftui log | head -3``): end quietly, with
    the status a shell gives any program a closed pipe ends (``cat``: 128 + SIGPIPE). Standard output
    goes to the null device from here, so what is still buffered for it is said nowhere at exit (as
    Python's note on SIGPIPE advises: https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    import signal

    _output_to_null()
    return 128 + getattr(signal, "SIGPIPE", 13)


def _output_to_null() -> None:
    import contextlib
    import os

    with contextlib.suppress(AttributeError, OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _check_theme(name: str | None) -> None:
    if name is None:
        return
    from calftui.common import find_theme, theme_names

    if find_theme(name) is None:
        names = ", ".join(theme_names()) or "none"
        raise UsageError(f"unknown theme {name!r}; the themes there are: {names}")


# --- workout commands --------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    from calftui.workouts import discover_workouts

    entries = discover_workouts(args.workouts or ())
    rows = [["NAME", "STEM", "KINDS", "FROM"]]
    for entry in entries:
        kinds = ", ".join(entry.card.kinds) if entry.ok else f"INVALID: {len(entry.card.problems)} problem(s)"
        origin = entry.origin if entry.origin != "user" else str(entry.path.parent)
        rows.append([visible(cell) for cell in (entry.name, entry.stem, kinds, origin)])
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        echo("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3])
    broken = [e for e in entries if not e.ok]
    if broken:
        echo(f"\n{len(broken)} invalid workout(s); see: calftui check " + " ".join(str(e.path) for e in broken))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from calftui.workouts import check_file

    files, missing = (args.files, []) if args.files else _workout_files(args.workouts or ())
    for folder in missing:
        echo(f"calftui: --workouts {visible(folder)}: no such folder", err=True)
    failed = 0
    for name in files:
        problems = check_file(Path(name))
        if problems:
            failed += 1
            for problem in problems:
                echo(str(problem), err=True)
        else:
            echo(f"{visible(str(name))}: ok")
    if failed:
        echo(f"{failed} of {len(files)} file(s) invalid", err=True)
    elif not args.files:
        echo(f"{len(files)} workout file(s) checked, all valid")
    return EXIT_INVALID if failed or missing else EXIT_OK


def _workout_files(extra: Sequence[str]) -> tuple[list[str], list[str]]:
    """Every workout file calftui reads, folder by folder (built-ins, yours, each ``--workouts DIR``,
    a file shadowed by another folder's too: it is still there to be edited); and the ``--workouts``
    folders that are not there."""
    from calftui.workouts import workout_folders

    files: list[str] = []
    missing: list[str] = []
    named = {str(Path(d).expanduser()) for d in extra}
    for folder, origin in workout_folders(tuple(extra)):
        if not folder.is_dir():
            if origin in named:
                missing.append(origin)
            continue
        files += [str(path) for path in sorted(folder.glob("*.toml"))]
    return files, missing


def cmd_new(args: argparse.Namespace) -> int:
    from calftui.workouts import slug, starter_file

    found = control_character(args.name.strip())
    if found is not None:
        raise UsageError(f"the name {visible(args.name)!r} holds a control character ({found}); a workout name is "
                         "one line of plain text")
    stem = slug(args.name)
    if not stem:
        raise UsageError(f"{args.name!r} has no letters, digits or symbols to name a file after")
    folder = paths.user_workouts_dir()
    target = folder / f"{stem}.toml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(starter_file(args.name.strip()))
    except FileExistsError:
        raise InvalidInput(f"{target} already exists; it is left as it is (choose another name, or edit it)") from None
    except OSError as exc:
        raise InvalidInput(f"cannot write {target}: {exc.strerror or exc}") from None
    echo(f"wrote {target}")
    _schema_beside(folder)
    echo(f"edit it, then: calftui check {target} && calftui run {stem}")
    return EXIT_OK


def _schema_beside(folder: Path) -> None:
    """The JSON Schema next to the starter, for its ``#:schema`` line (editors complete and check
    keys with it). Written when missing, and kept up to date while it is calftui's own."""
    import json

    from calftui.common import atomic_write
    from calftui.workouts import FILE_NAME, SCHEMA_ID, schema_text

    target = folder / FILE_NAME
    text = schema_text()
    try:
        if target.exists():
            current = target.read_text(encoding="utf-8")
            if current == text or json.loads(current).get("$id") != SCHEMA_ID:
                return  # up to date, or not ours: left alone
        atomic_write(target, text.encode("utf-8"))
    except (OSError, ValueError, AttributeError) as exc:
        echo(f"calftui: the schema for editors was not written ({exc}); `calftui schema` prints it", err=True)
        return
    echo(f"wrote {target} (editors complete and check keys with it)")


# --- journal commands --------------------------------------------------------------------


def _journal_command(run: Callable[[Path, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        from calftui.exchange import ExportRefused
        from calftui.journal import JournalError

        journal = paths.journal_path(args.journal)
        try:
            return run(journal, args)
        except ExportRefused as exc:
            raise UsageError(str(exc)) from None
        except JournalError as exc:
            raise InvalidInput(str(exc)) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError) or (exc.filename is None and exc.errno in OUTPUT_FAILED):
                raise  # the output, not the journal: a reader that has gone, a full disk
            raise InvalidInput(f"{exc.filename}: {exc.strerror}") from None
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None

    return command


def _log(journal: Path, args: argparse.Namespace) -> int:
    from calftui.exchange import print_log
    from calftui.journal import Journal

    return print_log(Journal(journal), args.last)


def _stats(journal: Path, args: argparse.Namespace) -> int:
    from calftui.exchange import print_stats
    from calftui.journal import Journal

    if getattr(args, "plot", False):
        return _plot(journal, args)
    settings = _settings()  # loads in the lifter's unit, suggestions to their step
    return print_stats(Journal(journal), args.workout, workouts=tuple(args.workouts or ()), unit=settings.unit,
                 step=settings.step)


def _plot(journal: Path, args: argparse.Namespace) -> int:
    """The charts of one workout, in this terminal (Textual's inline mode)."""
    from calftui.common import load_settings
    from calftui.exchange import read_with_progress, workout_names
    from calftui.journal import Journal

    if not args.workout:
        raise UsageError("stats --plot draws one workout's charts: name it, as in 'calftui stats death-set --plot'")
    _need_a_terminal("stats --plot draws in a terminal")
    found = Journal(journal)
    read_with_progress(found)
    chosen = found.stats(workout_names(args.workout, tuple(args.workouts or ())))
    if not chosen:
        echo(f"No sessions of {args.workout!r} in {found.path} yet.")
        return EXIT_OK
    from calftui.ui import PlotApp

    loaded = load_settings()
    app = PlotApp(chosen[0].workout, journal=journal, workout_dirs=args.workouts or (), theme=args.theme,
                  sound=False, settings=loaded.settings)
    app.run(inline=True, inline_no_clear=True)
    return app.return_code or EXIT_OK


def _export(journal: Path, args: argparse.Namespace) -> int:
    from calftui.exchange import export_journal, write_out
    from calftui.journal import Journal

    found = export_journal(Journal(journal), args.format, args.unit or _settings().unit)
    write_out(found, args.out, journal, force=args.force)
    return EXIT_OK


def _import(journal: Path, args: argparse.Namespace) -> int:
    from calftui.exchange import ImportRefused, import_file

    try:
        return import_file(journal, Path(args.file), args.source, dry_run=args.dry_run,
                           unit=args.unit or _settings().unit, unit_given=args.unit is not None)
    except ImportRefused as exc:
        raise InvalidInput(str(exc)) from None


def _settings() -> Settings:
    """config.toml's settings; a bad value is said (one line each) and keeps its default."""
    from calftui.common import load_settings

    loaded = load_settings()
    for problem in loaded.problems:
        echo(f"calftui: {problem}", err=True)
    return loaded.settings


def cmd_schema(args: argparse.Namespace) -> int:
    from calftui.exchange import ExportRefused, write_out
    from calftui.workouts import schema_text

    try:
        write_out(schema_text(), args.out, None, force=args.force)
    except ExportRefused as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK


# --- the TUI ------------------------------------------------------------------------------


def _need_a_terminal(what: str = "the workout screens need a terminal") -> None:
    """The screens draw on a terminal and read its keys: without one on standard input and output
    (``< /dev/null``, ``nohup``, a pipe, cron) say so in one line, instead of drawing for no one at
    full speed or failing on a closed file. A driver named in ``TEXTUAL_DRIVER`` brings its own
    input and output (``textual serve`` runs calftui in a browser through pipes)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return

    def terminal(stream: TextIO | None) -> bool:
        try:
            return stream is not None and stream.isatty()
        except (OSError, ValueError):  # closed
            return False

    missing = [name for name, stream in (("input", sys.stdin), ("output", sys.stdout)) if not terminal(stream)]
    if missing:
        which = "input and output are" if len(missing) == 2 else f"{missing[0]} is"
        raise UsageError(f"{what}, and standard {which} not one; commands such as log, stats and export work "
                         "without one")


def cmd_tui(args: argparse.Namespace, start: Entry | None = None) -> int:
    _need_a_terminal()
    from calftui.common import check_setting_keys, load_settings
    from calftui.ui import CalfApp  # the only place Textual is imported from the command line

    loaded = load_settings()
    if loaded.settings.keys:  # only then is it worth loading every screen to check the ids
        from calftui.ui import binding_ids, keymap_problems

        check_setting_keys(loaded, binding_ids(), keymap_problems)
    app = CalfApp(journal=paths.journal_path(args.journal), workout_dirs=args.workouts or (), start=start,
                  theme=args.theme, sound=not args.no_sound, settings=loaded.settings,
                  config_problems=loaded.problems)
    import traceback

    details = ""
    try:
        app.run()
    except Exception:
        details = traceback.format_exc()
    finally:
        app.shut_down()  # whatever ended the app: a session's checkpoint stays, its lock goes, speech stops
    details = details or app.crash_details()
    if details:
        echo(f"calftui: stopped by an unexpected error ({_last_line(details)}); {_keep_details(details)}", err=True)
        return app.return_code or EXIT_INVALID
    return app.return_code or EXIT_OK


def _last_line(details: str) -> str:
    lines = [line.strip() for line in details.splitlines() if line.strip() and not set(line.strip()) <= set("─╰╯│ ")]
    return lines[-1][:200] if lines else "no message"


def _keep_details(details: str) -> str:
    """Where the whole story is: a crash file in the data folder (or the temporary folder), made
    new, owner-only and under a name no one can guess ahead, so no link planted there is followed."""
    import tempfile
    import time

    from calftui.common import create_new

    data = details.encode("utf-8", "replace")
    prefix = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-"
    for folder, shared in ((paths.data_dir(), False), (Path(tempfile.gettempdir()), True)):
        try:
            if not shared:
                folder.mkdir(parents=True, exist_ok=True)
            path = create_new(folder, f"calftui-{prefix}" if shared else prefix, ".log", data)
        except OSError:
            continue
        return f"the details are in {path}"
    return "the details could not be written anywhere"


def cmd_run(args: argparse.Namespace) -> int:
    from calftui.workouts import find_workout

    entry = find_workout(args.workout, args.workouts or ())
    if entry is None:
        raise UsageError(f"no workout {args.workout!r} (by file stem, name or path); 'calftui list' shows them")
    if entry.workout is None:  # read now: the file as it is, not as the catalog last saw it
        for problem in entry.problems:
            echo(str(problem), err=True)
        return EXIT_INVALID
    return cmd_tui(args, start=entry)


def cmd_show(args: argparse.Namespace) -> int:
    """The workout as calftui reads it, found as ``run`` finds it (stem, name or path)."""
    from calftui.live import describe
    from calftui.workouts import find_workout

    entry = find_workout(args.workout, args.workouts or ())
    if entry is None:
        raise UsageError(f"no workout {args.workout!r} (by file stem, name or path); 'calftui list' shows them")
    if entry.workout is None:
        for problem in entry.problems:
            echo(str(problem), err=True)
        return EXIT_INVALID
    origin = "built-in" if entry.origin == "built-in" else str(entry.path)
    for line in describe(entry.workout, _settings(), f"{entry.stem}, {origin}"):
        echo(line)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "tui": cmd_tui,
    "run": cmd_run,
    "show": cmd_show,
    "list": cmd_list,
    "check": cmd_check,
    "new": cmd_new,
    "log": _journal_command(_log),
    "stats": _journal_command(_stats),
    "export": _journal_command(_export),
    "import": _journal_command(_import),
    "schema": cmd_schema,
}


# Shell completion for bash, zsh and fish, through argcomplete: the parser is the one list of
# commands and options, and workouts (stems and names), themes and files are offered as the command
# line is typed. The shell asks calftui itself (with _ARGCOMPLETE set) on each tab; the command line
# answers before anything else is read. Set up with argcomplete's register-python-argcomplete
# calftui, or calftui --completion bash|zsh|fish, which prints the same script.

SHELLS = ("bash", "zsh", "fish")
PROG = "calftui"

Completer = Callable[..., Iterable[str]]


def workouts(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Workout stems and names (those of ``--workouts`` folders already typed too), or files for a path."""
    from calftui.workouts import discover_workouts, looks_like_path

    if looks_like_path(prefix) or prefix.startswith((".", "~")):
        return toml_files(prefix)
    entries = discover_workouts(getattr(parsed_args, "workouts", None) or ())
    stems = [entry.stem for entry in entries]
    names = [entry.name for entry in entries if entry.name not in stems and entry.name.isprintable()]
    return stems + names


def themes(**_: Any) -> list[str]:
    from calftui.common import theme_names

    return list(theme_names())


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

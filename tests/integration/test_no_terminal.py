"""calftui without a terminal, and with its output closed early: real processes, as a shell runs them.

(A terminal on standard output with none on standard input, ``< /dev/null`` and ``nohup``, is
tried in a real terminal in tests/e2e.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from journal_helpers import append_session, make_session

NEEDS = "calftui: the workout screens need a terminal, and standard input and output are not one"


def calftui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``calftui ARGS < /dev/null > pipe 2> pipe``: no terminal anywhere."""
    return subprocess.run([sys.executable, "-m", "calftui", *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=REPO, timeout=30)


@pytest.mark.parametrize("args", [[], ["run", "death-set"], ["--no-sound", "run", "death-set"]])
def test_the_screens_without_a_terminal_say_so_in_one_line_and_exit_2(args: list[str]) -> None:
    result = calftui(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [NEEDS + "; commands such as log, stats and export work without one"]


def test_every_command_that_needs_no_terminal_works_without_one(isolated_home: Path) -> None:
    journal = isolated_home / "data" / "journal.toml"
    journal.parent.mkdir(parents=True)
    append_session(journal, make_session(0))
    for args in (["list"], ["check", str(REPO / "workouts" / "death-set.toml")], ["log"], ["stats"],
                 ["export", "--format", "json"], ["export", "--format", "csv"], ["schema"], ["--version"],
                 ["new", "Calves at home"]):
        result = calftui(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout and "terminal" not in result.stderr, args


def test_textual_serve_runs_the_screens_through_pipes() -> None:
    """``textual serve -c calftui`` runs calftui with the web driver, its input and output pipes to
    the server: it needs no terminal, and it draws and quits as the server asks."""
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "COLUMNS": "80", "ROWS": "24"}
    process = subprocess.Popen([sys.executable, "-m", "calftui", "--no-sound"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    assert process.stdout is not None and process.stdin is not None
    try:
        assert process.stdout.readline() == b"__GANGLION__\n"  # the web driver started
        drawn = b""
        while b"Calf raise death set" not in drawn:  # the picker, in the driver's data packets
            kind, size = process.stdout.read(1), int.from_bytes(process.stdout.read(4), "big")
            assert kind in (b"D", b"M", b"P"), drawn[-200:]
            drawn += process.stdout.read(size)
        quit_packet = json.dumps({"type": "quit"}).encode()
        process.stdin.write(b"M" + len(quit_packet).to_bytes(4, "big") + quit_packet)
        process.stdin.flush()
        process.stdout.read()
        assert process.wait(timeout=20) == 0
        assert b"terminal" not in process.stderr.read()  # type: ignore[union-attr]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# --- a reader that stops reading -------------------------------------------------------------

PIPE_ENDED = 128 + 13  # what a shell says of any program a closed pipe ends (128 + SIGPIPE)


@pytest.fixture
def long_journal(isolated_home: Path) -> Path:
    journal = isolated_home / "data" / "journal.toml"
    journal.parent.mkdir(parents=True)
    for n in range(120):
        append_session(journal, make_session(n, sets=4))
    return journal


def into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """``calftui ARGS | true`` once ``true`` has gone: every write to the pipe fails."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "calftui", *args], stdin=subprocess.DEVNULL, stdout=write,
                              stderr=subprocess.PIPE, cwd=REPO, timeout=60)
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [["stats"], ["export", "--format", "json"], ["export", "--format", "csv"], ["log"],
                                  ["log", "--last", "100"], ["list"], ["schema"],
                                  ["import", "--dry-run", "OTHER"], ["--completion", "bash"]])
def test_output_into_a_closed_pipe_ends_quietly(long_journal: Path, args: list[str]) -> None:
    if "OTHER" in args:  # another machine's journal, its sessions listed as they would be added
        other = long_journal.parent / "laptop.toml"
        for n in range(200, 260):
            append_session(other, make_session(n))
        args = [str(other) if a == "OTHER" else a for a in args]
    result = into_closed_pipe(*args)
    assert result.stderr == b""
    assert result.returncode == PIPE_ENDED



@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["stats"], ["export", "--format", "json"], ["log"], ["list"], ["schema"]])
def test_output_to_a_full_disk_is_one_line_and_exit_1(long_journal: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "calftui", *args], stdin=subprocess.DEVNULL, stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["calftui: cannot write the output: No space left on device"]

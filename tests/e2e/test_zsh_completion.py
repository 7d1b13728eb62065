"""zsh completes calftui in a real terminal: compinit, the script calftui prints, then a Tab.

Skipped where tmux or zsh is missing, except in CI (CALFTUI_REQUIRE_TMUX, CALFTUI_REQUIRE_SHELLS),
where it must run.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from terminal import Server, environment

for tool, required in (("tmux", "CALFTUI_REQUIRE_TMUX"), ("zsh", "CALFTUI_REQUIRE_SHELLS")):
    if shutil.which(tool) is None:
        if os.environ.get(required):
            raise RuntimeError(f"{tool} is required for these tests here ({required} is set)")
        pytest.skip(f"{tool} is not installed (apt-get install {tool})", allow_module_level=True)


def test_zsh_completes_a_workout_stem_and_a_command(isolated_home: Path) -> None:
    script = isolated_home / "_calftui"
    script.write_text(run_cli("--completion", "zsh").stdout)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    with Server() as server:
        shell = server.terminal(environment(isolated_home, PATH=path), size=(100, 20), name="zsh")
        shell.run("zsh -f")
        shell.keys(f"autoload -U compinit && compinit -u && source {script} && echo READY-$((40+2))", "Enter")
        shell.wait_for("READY-42")
        shell.keys("calftui run d", "Tab")
        shell.wait_for("calftui run death-set")
        shell.keys("C-u", "calftui sta", "Tab")
        shell.wait_for("calftui stats")

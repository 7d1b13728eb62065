"""Shell completion, run in the real shells: the script calftui prints is sourced, then the shell
is asked what ``calftui run d<TAB>`` completes to (bash through COMP_WORDS and its completion
function, fish through ``complete -C``). zsh is driven through a real terminal in tests/e2e.

fish is skipped where it is missing, except where CALFTUI_REQUIRE_SHELLS is set (CI), where it must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli

BIN = Path(sys.executable).parent
"""Where ``calftui`` and argcomplete's ``register-python-argcomplete`` are installed, with this Python."""


def shell_env(isolated_home: Path) -> dict[str, str]:
    assert (BIN / "calftui").exists(), f"calftui is not installed next to {sys.executable}"
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


BASH_ASK = r'''
{setup}
complete -p calftui
ask() {{
    COMP_LINE="$1"; COMP_POINT=${{#COMP_LINE}}
    read -ra COMP_WORDS <<< "$COMP_LINE"
    if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); fi
    COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
    COMPREPLY=()
    local word="${{COMP_WORDS[COMP_CWORD]}}" before="${{COMP_WORDS[COMP_CWORD-1]}}"
    $(complete -p calftui | sed -E 's/.*-F ([^ ]+) .*/\1/') calftui "$word" "$before"
    printf '%s|' "$1"; printf '%s,' "${{COMPREPLY[@]}}"; echo
}}
'''


def bash(setup: str, *lines: str, env: dict[str, str]) -> tuple[str, dict[str, list[str]]]:
    """``complete -p calftui`` and, for each line, what bash's completion function offers."""
    code = BASH_ASK.format(setup=setup) + "".join(f"ask {_quoted(line)}\n" for line in lines)
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", code], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    offered = {}
    for row in rest:
        line, _, words = row.partition("|")
        offered[line] = [w.strip() for w in words.split(",") if w]
    return first, offered


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.mark.parametrize("setup", ['eval "$(calftui --completion bash)"',
                                   'eval "$(register-python-argcomplete calftui)"'],
                         ids=["calftui --completion bash", "register-python-argcomplete"])
def test_bash_completes_commands_options_and_workouts(isolated_home: Path, tmp_path: Path, setup: str) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "donkey-raise.toml").write_text('name = "Donkey calf raise"\n[[exercise]]\nname = "a"\nreps = 5\n')
    registered, offered = bash(setup, "calftui run d", "calftui ", "calftui st", "calftui stats death",
                               f"calftui --workouts {mine} run d", "calftui run Calf\\ r", "calftui --theme ",
                               "calftui log --la", "calftui export --format ", env=shell_env(isolated_home))
    assert registered.startswith("complete ") and registered.endswith(" calftui")
    assert offered["calftui run d"] == ["death-set"]
    assert {"run", "list", "check", "log", "stats", "export", "import", "schema", "new", "--version", "-V",
            "--journal"} <= set(offered["calftui "])
    assert offered["calftui st"] == ["stats"]
    assert offered["calftui stats death"] == ["death-set"]
    assert sorted(offered[f"calftui --workouts {mine} run d"]) == ["death-set", "donkey-raise"]  # a folder typed
    assert offered["calftui run Calf\\ r"] == ["Calf\\ raise\\ death\\ set"]  # a name, quoted for the shell
    assert offered["calftui --theme "] == ["dark", "high-contrast", "light"]
    assert offered["calftui log --la"] == ["--last"]
    assert sorted(offered["calftui export --format "]) == ["csv", "json"]


def test_completion_for_each_shell_is_printed_and_a_wrong_one_is_bad_usage() -> None:
    for shell, marker in (("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete --command calftui")):
        result = run_cli("--completion", shell)
        assert result.returncode == 0 and marker in result.stdout, shell
    wrong = run_cli("--completion", "csh")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_fish_completes_workouts(isolated_home: Path, tmp_path: Path) -> None:
    if shutil.which("fish") is None:
        if os.environ.get("CALFTUI_REQUIRE_SHELLS"):
            raise AssertionError("fish is required here (CALFTUI_REQUIRE_SHELLS is set)")
        pytest.skip("fish is not installed (apt-get install fish)")
    script = tmp_path / "calftui.fish"
    script.write_text(run_cli("--completion", "fish").stdout)
    code = f"source {script}; complete -C 'calftui run d'; echo ---; complete -C 'calftui st'"
    result = subprocess.run(["fish", "--no-config", "-c", code], capture_output=True, text=True,
                            env=shell_env(isolated_home), timeout=60)
    workouts, commands = result.stdout.split("---\n")
    assert workouts.split() == ["death-set"], result.stderr
    assert commands.startswith("stats\t")


def test_every_command_that_takes_a_workout_completes_workouts(isolated_home: Path) -> None:
    """run, stats, show and any later command whose usage names a WORKOUT: a stem completes."""
    env = shell_env(isolated_home)
    _, offered = bash('eval "$(calftui --completion bash)"', "calftui ", env=env)
    commands = [word for word in offered["calftui "] if not word.startswith("-")]
    taking = [c for c in commands if re.search(r"(?i)\bworkout\b", run_cli(c, "--help").stdout.split("\n\n")[0])]
    assert {"run", "stats"} <= set(taking)
    _, offered = bash('eval "$(calftui --completion bash)"', *(f"calftui {c} death" for c in taking), env=env)
    assert {line: words for line, words in offered.items()} == {f"calftui {c} death": ["death-set"] for c in taking}

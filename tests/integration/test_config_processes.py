"""The --theme option of the command line, run as a process."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_theme_option_accepts_user_themes_and_refuses_unknown(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "gym.toml").write_text('primary = "#FF0000"\n')
    assert run_cli("--theme", "gym", "list").returncode == 0
    refused = run_cli("--theme", "disco", "list")
    assert refused.returncode == 2 and "gym" in refused.stderr and "light" in refused.stderr

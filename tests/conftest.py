"""Shared fixtures. Every test runs with calftui's folders in a temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point config, data and home at a temporary folder, so no test touches a real one."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("CALFTUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CALFTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CALFTUI_JOURNAL", raising=False)
    return tmp_path


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run calftui as a separate process, the way a user's shell does."""
    return subprocess.run(
        [sys.executable, "-m", "calftui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        input=input,
        timeout=60,
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that compares a screen with its snapshot is marked ``snapshot``: snapshots are drawn
    by one Textual version, so the run on the lowest supported versions (.ci/run) leaves them out."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)

"""Shared fixtures. Every test runs with calftui's folders in a temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent

# Property tests run a quick profile by default, so the unit tier answers in seconds; CI (.ci/run)
# and a long hunt set CALFTUI_HYPOTHESIS=thorough, which tries as many examples as these tests
# always did (hypothesis's own 100 where a test names no count). No deadline in either: a loaded
# machine is slow, not wrong.
PROFILE = os.environ.get("CALFTUI_HYPOTHESIS", "quick")
settings.register_profile("thorough", max_examples=100, deadline=None)
settings.register_profile("quick", max_examples=25, deadline=None)
settings.load_profile(PROFILE)  # an unknown name is an error, never a silent quick run


def examples(thorough: int, quick: int, *, hunt: str = "") -> int:
    """How many examples a property test with a count of its own tries: ``thorough`` under the
    thorough profile, ``quick`` otherwise, or what the environment variable ``hunt`` says when set
    (a long hunt for a rare failure, e.g. CALFTUI_EXAMPLES=1500)."""
    if hunt and os.environ.get(hunt):
        return int(os.environ[hunt])
    return thorough if PROFILE == "thorough" else quick


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

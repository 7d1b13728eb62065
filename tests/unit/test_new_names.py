"""``calftui new NAME`` takes the names people write, in any script, and gives each a file stem
that works on every system; the name itself is kept as written inside the file."""

from __future__ import annotations

import pytest

from calftui.workouts.starter import STEM_BYTES, slug


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "lpt9"])
def test_a_name_windows_keeps_for_a_device_is_not_a_file_stem(name: str) -> None:
    assert slug(name) == f"{name.lower()}-workout"


def test_a_long_name_fits_every_file_system() -> None:
    for name in ("日" * 200, "a" * 500, "é" * 300):
        stem = slug(name)
        assert stem and len(f"{stem}.toml".encode()) <= 255 and len(stem.encode()) <= STEM_BYTES

"""Each package's face as a fresh interpreter sees it: importing one loads none of its modules, asking
for a name loads only the module that holds it."""

from __future__ import annotations

import ast
import subprocess
import sys

from test_faces import PACKAGES


def test_importing_a_face_loads_none_of_its_modules() -> None:
    code = (
        "import sys\n"
        f"import {', '.join(f'calftui.{p}' for p in PACKAGES)}\n"
        f"print(sorted(m for m in sys.modules if m.count('.') == 2 and m.split('.')[1] in {PACKAGES!r}"
        " and m != 'calftui.common.faces'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_asking_for_a_name_loads_only_its_module() -> None:
    code = ("import sys\nfrom calftui.live import Sound\n"
            "print(sorted(m for m in sys.modules if m.startswith('calftui.live.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(result.stdout)
    assert "calftui.live.sound" in loaded and "calftui.live.session" not in loaded

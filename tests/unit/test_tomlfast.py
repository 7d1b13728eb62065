"""The journal's quick reader answers exactly what tomllib answers, or hands the block to tomllib."""

from __future__ import annotations

import math
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calftui.journal import session_block
from calftui.tomlfast import plain_session

from test_journal import sessions


def same(a: Any, b: Any) -> bool:
    """Equal, NaN equal to NaN, and a moment's offset compared too (not only its instant)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is not type(b):
        return False
    if hasattr(a, "utcoffset"):
        return bool(a == b and a.utcoffset() == b.utcoffset() and (a.tzinfo is None) == (b.tzinfo is None))
    return bool(a == b)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session=sessions)
def test_every_session_calftui_writes_is_read_quickly_and_exactly(session: dict) -> None:  # type: ignore[type-arg]
    text = session_block(session)
    quick = plain_session(text)
    assert quick is not None, "calftui's own writing must take the quick road"
    assert same(quick, tomllib.loads(text))


EDITS = st.sampled_from(["#", " ", "\t", "=", '"', "\\", "\\u00e9", "\\ud800", "\\x41", "[", "]", ",", "\r", "\x00",
                         "0", "1", "'", "\n", ".", "inf", "nan", "1_000", "0x1F", "T", "Z", "+", "-", "e", "true",
                         "x = 1", "[[session]]", "[[session.sets]]", "sets = 3", "\u2003", "é", "2026-13-01"])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(session=sessions, data=st.data())
def test_an_edited_block_is_read_as_tomllib_reads_it_or_left_to_it(session: dict, data: st.DataObject) -> None:  # type: ignore[type-arg]
    text = session_block(session)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        how = data.draw(st.sampled_from(["insert", "delete", "repeat a line", "move a line"]))
        lines = text.split("\n")
        line = data.draw(st.integers(0, len(lines) - 1))
        if how == "insert":
            text = text[:at] + data.draw(EDITS) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 3)):]
        elif how == "repeat a line":  # a key twice in one table
            text = "\n".join(lines[: line + 1] + [lines[line]] + lines[line + 1 :])
        else:
            moved = lines.pop(line)
            lines.insert(data.draw(st.integers(0, len(lines))), moved)
            text = "\n".join(lines)
    quick = plain_session(text)
    try:
        slow = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert quick is None, "the quick reader read what tomllib refuses"
        return
    assert quick is None or same(quick, slow), "the quick reader read it differently"


@pytest.mark.parametrize("value", [
    "01", "-0", "+5", "1_000", "0x1F", "0o7", "1e5", "1E+5", "-1.5e-3", ".5", "5.", "5.0", "+inf", "-nan", "inf",
    "2026-01-01 18:00:00+01:00", "2026-01-01T18:00:00Z", "2026-01-01t18:00:00", "2026-01-01 18:00:00z",
    "2026-01-01 18:00:00.1234567", "2026-01-01 18:00:00.5", "2026-01-01 18:00:00", "2026-01-01", "18:00:00",
    "2026-02-30", '"tab\there"', '"a\\eb"', '"a\\x41"', '"a\\ud800"', '"a\\U0001F600"', '"a\\U00110000"',
    '"\x7f"', '"\x1b"', '"a"b"', "'literal'", '"""multi"""', "[1, 2,]", "[ ]", "[1,2]", '["a"]', "[[1]]", "{a = 1}",
    "true", "True", "", "  5", "5  ", "5 # note",
])
def test_tricky_values_are_read_as_tomllib_reads_them_or_left_to_it(value: str) -> None:
    text = f"[[session]]\nid = \"x\"\nvalue = {value}\n"
    quick = plain_session(text)
    try:
        slow = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert quick is None
        return
    assert quick is None or same(quick, slow)

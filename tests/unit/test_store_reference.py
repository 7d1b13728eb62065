"""The store against a reference model: after any edit of the journal, anywhere, every answer the
journal gives equals a plain recomputation from a fresh tomllib read of the file (rtoml only where
tomllib refuses what TOML 1.1 allows, such as a time without seconds: calftui reads those too).

Journals are made as people make them: calftui's own sessions, sessions added by hand (times
without an offset, no id, no set count), copied blocks with the same id, damaged blocks, skipped
sets, both units, supersets and per-side work; and they are edited as people edit them: appended
to, an old number changed in place, a block deleted, two swapped, one damaged, the time zone
changed, the store deleted, a second window reading.
"""

from __future__ import annotations

import os
import re
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import rtoml
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from calftui.common.tomltext import parse_toml
from calftui.journal import (
    Damage,
    Journal,
    LoggedSession,
    blocks,
    database_for,
    parse_block,
    point,
    session_facts,
)
from calftui.journal.facts import load_class

from conftest import examples
from journal_helpers import session_block

ZONES = ("Europe/Paris", "America/Los_Angeles", "Asia/Tokyo")
EXERCISES = ("Raise", "Death", "Stretch", "Tib")


# --- journals as people make them --------------------------------------------------------


@st.composite
def a_set(draw: st.DrawFn, n: int) -> dict[str, Any]:
    name = draw(st.sampled_from(EXERCISES))
    side = draw(st.sampled_from(["both", "both", "left", "right"]))
    skipped = draw(st.integers(0, 4)) == 0
    entry: dict[str, Any] = {"exercise": name, "set": draw(st.integers(1, 3)), "side": side,
                             "duration_s": draw(st.sampled_from([0.0, 12.5, 30.0, 41.3])),
                             "rest_before_s": draw(st.sampled_from([0.0, 3.0, 10.0, 60.0])),
                             "failure": draw(st.booleans()), "warmup": draw(st.booleans().map(lambda b: b and n == 1))}
    if name == "Stretch":
        entry["kind"] = "timed"
    else:
        entry["kind"] = "target" if name == "Death" else "reps"
        reps = 0 if skipped else draw(st.integers(0, 40))
        entry.update(reps=reps, target_reps=100 if name == "Death" else 15,
                     rep_at_s=[round(1.3 * (i + 1), 3) for i in range(reps)])
        if draw(st.booleans()):
            entry.update(weight=draw(st.sampled_from([10.0, 20.0, 22.5, 45.0])),
                         unit=draw(st.sampled_from(["kg", "lb"])))
        if draw(st.integers(0, 5)) == 0:
            entry["rest_planned_s"] = 10.0
    if skipped:
        entry["skipped"] = True
    if name == "Tib" and draw(st.booleans()):
        entry.update(group="A", round=entry["set"])
    return entry


@st.composite
def a_session(draw: st.DrawFn, n: int) -> dict[str, Any]:
    start = datetime(2026, 1, 1, 18, 0, tzinfo=timezone(timedelta(hours=draw(st.sampled_from([-8, 0, 1, 9]))))) \
        + timedelta(hours=draw(st.integers(0, 48)))  # close enough for a time zone to change their order
    sets = [draw(a_set(i + 1)) for i in range(draw(st.integers(1, 5)))]
    return {"id": f"s{n}-{draw(st.integers(0, 3))}", "workout": draw(st.sampled_from(["Calves", "Death set"])),
            "workout_file": draw(st.sampled_from(["calves.toml", "death-set.toml", ""])), "started_at": start,
            "ended_at": start + timedelta(minutes=draw(st.integers(0, 90))),
            "status": draw(st.sampled_from(["completed", "partial"])), "notes": "", "sets": sets}


def by_hand(table: dict[str, Any], with_end: bool, quoting: bool = False) -> str:
    """The session as a lifter types it in: no id, no set count, a time without an offset, a comment
    (and with ``quoting``, a note in a multi-line string that quotes another journal's header)."""
    text = session_block(table)
    if quoting:
        text = text.replace('notes = ""\n', 'notes = """pasted:\n[[session]]\nworkout = "old"\n"""\n')
    lines = [line for line in text.splitlines(keepends=True)
             if not line.startswith(("id = ", "set_count = ")) and (with_end or not line.startswith("ended_at"))]
    text = "".join(lines).replace("started_at = ", "# added by hand\nstarted_at = ")
    return re.sub(r"^(started_at = [0-9T: -]+?)(?:[+-][0-9][0-9]:[0-9][0-9]|Z)$", r"\1", text, flags=re.M)


def damaged(text: str, how: int) -> str:
    if how == 0:
        return text[: len(text) // 2]  # torn
    if how == 1:
        return text.replace("\n[[session.sets]]", '\nnotes = "unclosed\n[[session.sets]]', 1)
    return text.replace("reps = ", "reps = -", 1) if "reps = " in text else text + "rep_at_s = [nan]\n"


# --- the reference: a fresh tomllib read, and plain Python over it ----------------------------


def _reference_toml(text: str) -> dict[str, Any]:
    """tomllib's reading; where it refuses, rtoml's (calftui's own reader is rtoml first, so a hand
    edit in TOML 1.1, ``18:00`` without seconds, is read), and where both refuse, tomllib's error."""
    try:
        return parse_toml(text)
    except tomllib.TOMLDecodeError:
        try:
            return rtoml.loads(text)
        except rtoml.TomlParsingError:
            pass
        raise


class Model:
    def __init__(self, data: bytes) -> None:
        self.sessions: list[tuple[int, int, LoggedSession]] = []
        """(position, line, session) in file order."""
        self.damage: list[Damage] = []
        for pos, block in enumerate(blocks(data)):
            found = parse_block(block.data, block.line, loads=_reference_toml)
            if isinstance(found, LoggedSession):
                self.sessions.append((pos, block.line, found))
            elif isinstance(found, Damage):
                self.damage.append(found)
        self.in_time = sorted(self.sessions, key=lambda s: (point(s[2].started_at), s[0]))

    def records(self) -> set[int]:
        """The positions of the sessions that set a record when they were done, walked in plain Python."""
        standing: dict[tuple[str, str, float | None], float] = {}
        out = set()
        for pos, _, session in self.in_time:
            facts = session_facts(session)
            claims: list[tuple[tuple[str, str, float | None], float, bool]] = []
            for e in facts.exercises:
                if not e.working_sets:
                    continue
                if e.best_reps is not None:
                    claims.append(((e.name, "reps", None), e.best_reps, True))
                if e.top is not None:
                    claims.append(((e.name, "load", None), e.top.kg, True))
                if e.hold_s is not None:
                    claims.append(((e.name, "hold", None), e.hold_s, True))
            for sc in facts.scores:
                if sc.finished:
                    claims.append(((sc.exercise, "score", load_class(sc.kg)), sc.seconds, False))
            for key, value, higher in claims:
                old = standing.get(key)
                better = old is None or (value > old + 1e-9 if higher else value < old - 1e-9)
                if old is not None and better:
                    out.add(pos)
                if better:
                    standing[key] = value
        return out


@contextmanager
def zone(name: str) -> Iterator[None]:
    was = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if was is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = was
        time.tzset()


class EditedJournal(RuleBasedStateMachine):
    """A journal edited anywhere, and read through the store after every edit."""

    @initialize()
    def begin(self) -> None:
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix="calftui-reference-"))
        self.path = self.folder / "journal.toml"
        self.texts: list[str] = []
        self.journal = Journal(self.path)
        self.n = 0
        self.zone = ZONES[0]
        self._zone = zone(self.zone)
        self._zone.__enter__()

    def teardown(self) -> None:
        if hasattr(self, "_zone"):
            self._zone.__exit__(None, None, None)
            self.journal.close()

    def write_whole(self) -> None:
        """What an editor does: the file written again (a new inode, a new size or not)."""
        self.path.write_text("".join(self.texts), encoding="utf-8")

    @rule(data=st.data())
    def append(self, data: st.DataObject) -> None:
        self.n += 1
        text = ("\n" if self.texts else "") + session_block(data.draw(a_session(self.n)))
        self.texts.append(text)
        with open(self.path, "a", encoding="utf-8") as out:  # as calftui appends: the bytes before stay
            out.write(text)

    @rule(data=st.data(), with_end=st.booleans(), quoting=st.booleans())
    def add_by_hand(self, data: st.DataObject, with_end: bool, quoting: bool) -> None:
        self.n += 1
        self.texts.append("\n" + by_hand(data.draw(a_session(self.n)), with_end, quoting))
        self.write_whole()

    @precondition(lambda self: self.texts)
    @rule(data=st.data())
    def change_a_number_in_place(self, data: st.DataObject) -> None:
        i = data.draw(st.integers(0, len(self.texts) - 1))
        text = self.texts[i]
        digits = [k for k, c in enumerate(text) if c.isdigit() and text[max(0, k - 7):k].endswith("reps = ")]
        if digits:
            k = data.draw(st.sampled_from(digits))
            self.texts[i] = text[:k] + data.draw(st.sampled_from("0123456789")) + text[k + 1:]
            self.write_whole()

    @precondition(lambda self: self.texts)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        del self.texts[data.draw(st.integers(0, len(self.texts) - 1))]
        self.write_whole()

    @precondition(lambda self: len(self.texts) > 1)
    @rule(data=st.data())
    def swap(self, data: st.DataObject) -> None:
        i, j = data.draw(st.integers(0, len(self.texts) - 1)), data.draw(st.integers(0, len(self.texts) - 1))
        self.texts[i], self.texts[j] = self.texts[j], self.texts[i]
        self.texts = [t if t.startswith("\n") else "\n" + t for t in self.texts]
        self.write_whole()

    @precondition(lambda self: self.texts)
    @rule(data=st.data())
    def lay_out_again(self, data: st.DataObject) -> None:
        """A comment and a blank line typed into a block: its bytes change, its session does not."""
        i = data.draw(st.integers(0, len(self.texts) - 1))
        self.texts[i] = self.texts[i].replace("\n[[session.sets]]", "\n# felt good\n\n[[session.sets]]", 1)
        self.write_whole()

    @precondition(lambda self: self.texts)
    @rule(data=st.data(), how=st.integers(0, 2))
    def damage(self, data: st.DataObject, how: int) -> None:
        i = data.draw(st.integers(0, len(self.texts) - 1))
        self.texts[i] = damaged(self.texts[i], how)
        self.write_whole()

    @precondition(lambda self: self.texts)
    @rule(data=st.data())
    def copy_a_block(self, data: st.DataObject) -> None:
        self.texts.append("\n" + self.texts[data.draw(st.integers(0, len(self.texts) - 1))].lstrip("\n"))
        self.write_whole()

    @rule(name=st.sampled_from(ZONES))
    def move_to_another_time_zone(self, name: str) -> None:
        self._zone.__exit__(None, None, None)
        self.zone = name
        self._zone = zone(name)
        self._zone.__enter__()

    @rule()
    def delete_the_store(self) -> None:
        self.journal.close()
        for path in database_for(self.path).parent.glob(database_for(self.path).name + "*"):
            path.unlink()
        self.journal = Journal(self.path)

    @invariant()
    def every_answer_is_the_references(self) -> None:
        if not hasattr(self, "path"):
            return
        data = self.path.read_bytes() if self.path.exists() else b""
        model = Model(data)
        for journal in (self.journal, Journal(self.path)):  # this window, and another one opened now
            try:
                check(journal, model)
            finally:
                if journal is not self.journal:
                    journal.close()


def check(journal: Journal, model: Model) -> None:
    newest = list(reversed(model.in_time))
    assert journal.count() == len(model.sessions)
    rows = journal.newest(len(newest) + 5)
    assert [(r.key, r.id, r.workout, r.started_at, r.status, r.duration_s, r.total_reps) for r in rows] == [
        (pos, s.id, s.workout, s.started_at, s.status, s.duration_s, s.total_reps) for pos, _, s in newest]
    assert [r.scores for r in rows] == [tuple(session_facts(s).scores) for _, _, s in newest]
    assert journal.marks(r.key for r in rows) == model.records()
    assert [r.key for r in journal.newest(3, skip=2)] == [pos for pos, _, _ in newest[2:5]]
    for key, _, session in model.sessions:
        assert journal.session(key) == session
    assert list(journal.every_session()) == [s for _, _, s in model.in_time]
    problems = journal.problems()
    assert problems.damage == model.damage
    ids: dict[str, list[int]] = {}
    for _, line, s in model.sessions:
        ids.setdefault(s.id, []).append(line)
    assert problems.shared_ids == [(i, sorted(lines)) for i, lines in ids.items() if len(lines) > 1]
    for workout in ("Calves", "Death set"):
        mine = [(pos, s) for pos, _, s in model.in_time if s.workout == workout]
        assert journal.recent(workout, 3) == [s for _, s in mine[-3:]]
        assert [r.key for r in journal.of_workout([workout])] == [pos for pos, _ in mine]
    for name in EXERCISES:
        done = [(pos, s) for pos, _, s in model.in_time
                if any(x.exercise == name and not x.skipped for x in s.sets)]
        last = journal.last_time([name])
        assert last.get(name) == (done[-1][1] if done else None)
        facts = [(pos, e) for pos, _, s in model.in_time for e in session_facts(s).exercises if e.name == name]
        assert [(d.key, d.facts) for d in journal.done(name)] == facts
    best = {(b.exercise, b.what, load_class(b.kg) if b.what == "score" else None): b.value for b in journal.bests()}
    assert best == reference_bests(model)


def reference_bests(model: Model) -> dict[tuple[str, str, float | None], float]:
    out: dict[tuple[str, str, float | None], float] = {}

    def keep(key: tuple[str, str, float | None], value: float, higher: bool) -> None:
        if key not in out or (value > out[key] if higher else value < out[key]):
            out[key] = value

    for _, _, session in model.sessions:
        facts = session_facts(session)
        for e in facts.exercises:
            if e.working_sets and e.best_reps is not None:
                keep((e.name, "reps", None), e.best_reps, True)
            if e.working_sets and e.top is not None:
                keep((e.name, "load", None), e.top.kg, True)
            if e.working_sets and e.hold_s is not None:
                keep((e.name, "hold", None), e.hold_s, True)
        for sc in facts.scores:
            if sc.finished:
                keep((sc.exercise, "score", sc.load_class), sc.seconds, False)
    return out


EditedJournal.TestCase.settings = settings(
    max_examples=examples(60, 20, hunt="CALFTUI_REFERENCE_EXAMPLES"), stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
TestEditedJournal = EditedJournal.TestCase

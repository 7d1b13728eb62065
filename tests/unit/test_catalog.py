"""The catalog's card cache: a first frame that reads no workout file, and never a stale card."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from calftui.paths import user_workouts_dir
from calftui.workouts import catalog
from calftui.workouts.catalog import cache_path, discover, find, load_entry

from conftest import examples


def seen(extra: tuple[str, ...] = ()) -> list[tuple[str, str, catalog.Card]]:
    return [(e.stem, e.origin, e.card) for e in discover(extra)]


def fresh(extra: tuple[str, ...] = ()) -> list[tuple[str, str, catalog.Card]]:
    return [(e.stem, e.origin, e.card) for e in discover(extra, cached=False)]


def settle(path: Path, seconds: float = 60) -> None:
    """As if the file had been saved a while ago (its change time is now, so the clock moves on)."""
    stamp = path.stat().st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(stamp, stamp))


def later(monkeypatch: pytest.MonkeyPatch, seconds: float = 10) -> None:
    """As if calftui started ``seconds`` after the files were saved."""
    monkeypatch.setattr(catalog, "SETTLED_NS", catalog.SETTLED_NS - int(seconds * 1e9))


WORKOUT = 'name = "{name}"\ntags = ["{tag}"]\n[[exercise]]\nname = "Raise [bw]"\nsets = {sets}\nreps = 10\n'


def test_cards_come_from_the_cache_and_match_the_files(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = user_workouts_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(WORKOUT.format(name="Mine", tag="home", sets=3))
    (folder / "broken.toml").write_text("name = \n")
    later(monkeypatch)
    first = seen()
    assert cache_path().exists() and first == fresh()
    mine = next(card for stem, _, card in first if stem == "mine")
    assert mine.kinds == ("reps",) and mine.tags == ("home",) and mine.lines == ("• Raise [bw]: 3 x 10 reps",)
    broken = next(card for stem, _, card in first if stem == "broken")
    assert not broken.ok and "broken.toml:1" in broken.problems[0]

    monkeypatch.setattr(catalog, "load_entry", lambda *a: pytest.fail("a cached card was read again"))
    assert seen() == first


def test_a_start_with_nothing_new_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    discover()
    before = cache_path().stat()
    discover()
    discover()
    after = cache_path().stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_a_file_saved_just_now_is_read_again_next_time() -> None:
    folder = user_workouts_dir()
    folder.mkdir(parents=True)
    path = folder / "mine.toml"
    path.write_text(WORKOUT.format(name="Mine", tag="a", sets=3))
    discover()
    cards = json.loads(cache_path().read_text())["cards"]
    assert str(path) not in cards  # a second save in the same clock tick, same size, would go unseen
    assert any(key.endswith("soleus-focus.toml") for key in cards)  # the built-ins were saved long ago


def listed_a_while_ago(monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user workout saved a while ago, whose card the cache holds."""
    folder = user_workouts_dir()
    folder.mkdir(parents=True)
    path = folder / "mine.toml"
    path.write_text(WORKOUT.format(name="Mine", tag="a", sets=3))
    settle(path)
    later(monkeypatch)
    discover()
    return path


def test_a_cached_card_s_workout_is_read_when_used_not_when_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    path = listed_a_while_ago(monkeypatch)
    entry = next(e for e in discover() if e.stem == "mine")  # its card from the cache
    path.write_text("name = \n")  # broken after the picker listed it
    assert entry.ok  # what the list showed
    assert entry.workout is None and entry.problems and "mine.toml:1" in str(entry.problems[0])


@pytest.mark.parametrize("kind", ["folder", "fifo", "garbage", "foreign", "huge"])
def test_a_cache_that_is_not_ours_is_a_miss(kind: str) -> None:
    cache = cache_path()
    cache.parent.mkdir(parents=True)
    if kind == "folder":
        cache.mkdir()
    elif kind == "fifo":
        os.mkfifo(cache)  # would hang a plain open()
    elif kind == "garbage":
        cache.write_bytes(b"\xff\x00{[")
    elif kind == "foreign":
        cache.write_text(json.dumps({"code": catalog._code_identity(), "cards": {
            str(catalog.paths.builtin_workouts_dir() / "death-set.toml"): [[1, 2], ["x", 1, None, [], {}, 3, 4, 5]]}}))
    else:
        cache.write_bytes(b" " * (catalog.CACHE_LIMIT + 10))
    assert seen() == fresh() and len(seen()) > 0


def test_find_and_load_entry_read_now() -> None:
    entry = find("death-set")
    assert entry is not None and entry.workout is not None and entry.card.name == entry.workout.name
    direct = load_entry(entry.path, "path")
    assert direct.card == entry.card and direct.workout == entry.workout


NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


class Folders(RuleBasedStateMachine):
    """A lifter's folders and a cache changed in any order: discover() always says what the files do."""

    def __init__(self) -> None:  # (not @initialize: the lowest hypothesis checks invariants before those)
        super().__init__()
        self.user = user_workouts_dir()
        self.user.mkdir(parents=True, exist_ok=True)
        self.extra = self.user.parent / "more"
        self.extra.mkdir(exist_ok=True)
        for path in [*self.user.glob("*.toml"), *self.extra.glob("*.toml")]:
            path.unlink()
        cache_path().unlink(missing_ok=True)
        self.stamp = 1_000_000_000_000_000_000  # every save at a distinct moment, long ago

    def _save(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        self.stamp += 1_000_000_000
        os.utime(path, ns=(self.stamp, self.stamp))

    @rule(extra=st.booleans(), stem=st.sampled_from(["a", "b", "death-set"]), name=NAMES,
          sets=st.integers(1, 12), tag=NAMES)
    def save_valid(self, extra: bool, stem: str, name: str, sets: int, tag: str) -> None:
        text = WORKOUT.format(name=json.dumps(name)[1:-1], tag=json.dumps(tag)[1:-1], sets=sets)
        self._save((self.extra if extra else self.user) / f"{stem}.toml", text)

    @rule(extra=st.booleans(), stem=st.sampled_from(["a", "b", "death-set"]), text=st.text(max_size=60))
    def save_anything(self, extra: bool, stem: str, text: str) -> None:
        self._save((self.extra if extra else self.user) / f"{stem}.toml", text)

    @rule(extra=st.booleans(), stem=st.sampled_from(["a", "b", "death-set"]))
    def delete(self, extra: bool, stem: str) -> None:
        ((self.extra if extra else self.user) / f"{stem}.toml").unlink(missing_ok=True)

    @rule(data=st.binary(max_size=80) | st.builds(lambda v: json.dumps(v).encode(), st.recursive(
        st.none() | st.integers() | st.text(max_size=5), lambda inner: st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=10)))
    def spoil_cache(self, data: bytes) -> None:
        cache_path().parent.mkdir(parents=True, exist_ok=True)
        cache_path().write_bytes(data)

    @rule(field=st.integers(0, 7), value=st.none() | st.integers() | st.lists(st.integers(), min_size=1))
    def tamper_with_a_card(self, field: int, value: object) -> None:
        try:
            data = json.loads(cache_path().read_bytes())
            stored = next(iter(data["cards"].values()))
            stored[1][field] = value
        except (OSError, ValueError, StopIteration, KeyError, TypeError, IndexError, AttributeError):
            return
        cache_path().write_text(json.dumps(data))

    @invariant()
    def cards_say_what_the_files_do(self) -> None:
        extra = (str(self.extra),)
        cached = discover(extra)
        assert [(e.stem, e.origin, e.card) for e in cached] == fresh(extra)
        for entry in cached:
            assert entry.workout == load_entry(entry.path, entry.origin).workout


Folders.TestCase.settings = settings(max_examples=examples(40, 10), stateful_step_count=12, deadline=None,
                                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    Folders.TestCase().runTest()

"""The built-in workouts carry the numbers of the protocols they come from."""

from __future__ import annotations

from calftui.paths import builtin_workouts_dir
from calftui.workouts.loader import load_workout
from calftui.workouts.model import RepGoal, Workout


def builtin(stem: str) -> Workout:
    return load_workout(builtin_workouts_dir() / f"{stem}.toml")


def by_name(workout: Workout, words: str):
    [exercise] = [e for e in workout.exercises if words.casefold() in e.name.casefold()]
    return exercise


def test_death_set() -> None:
    w = builtin("death-set")
    ramp, death = w.exercises
    assert ramp.warmup and ramp.kind == "reps" and ramp.reps == RepGoal(10, 12) and ramp.sets >= 2
    assert "10-20%" in (ramp.load or "") and "back squat" in (ramp.load or "")
    assert death.kind == "target" and death.target == 100 and death.rest_pause == 10
    assert death.tempo is not None and death.tempo.seconds("bottom") > 0
    assert death.say.get("bottom") == "Pause at the bottom"
    assert any("25 reps" in (death.load or "") for _ in [0])
    assert "Rusin" in (w.source or "") and "2-3" in (w.schedule or "")
    assert any("straight" in c.casefold() for c in death.cues)


def test_physio_strength() -> None:
    w = builtin("physio-strength")
    for words in ("standing calf raise", "seated calf raise", "bosu"):
        e = by_name(w, words)
        assert (e.sets, e.reps) == (3, RepGoal(12, 15))
    heel_drop = by_name(w, "eccentric")
    assert (heel_drop.sets, heel_drop.reps) == (3, RepGoal(10, 10))
    toe_walks = by_name(w, "toe walks")
    assert toe_walks.kind == "timed" and toe_walks.sets == 3 and 30 <= (toe_walks.duration or 0) <= 60
    plyo = by_name(w, "plyometric")
    assert plyo.kind == "timed" and plyo.per_side and plyo.duration == 30


def test_stretch_mobility() -> None:
    w = builtin("stretch-mobility")
    wall = by_name(w, "wall")
    assert wall.kind == "timed" and wall.per_side and 20 <= (wall.duration or 0) <= 30 and 2 <= wall.sets <= 3
    dog = by_name(w, "downward dog")
    assert 20 <= (dog.duration or 0) <= 30 and 2 <= dog.sets <= 3
    assert 30 <= (by_name(w, "foam roll").duration or 0) <= 60
    assert any(e.per_side and "single-leg" in e.name.casefold() for e in w.exercises)


def test_soleus_focus() -> None:
    w = builtin("soleus-focus")
    standing = by_name(w, "standing")
    assert standing.reps == RepGoal(12, 20) and 3 <= standing.sets <= 4
    step = by_name(w, "step")
    assert step.reps == RepGoal(12, 20) and step.sets == 3
    assert by_name(w, "raised-heel squat").kind == "reps"


def test_runner_progression() -> None:
    w = builtin("runner-single-leg")
    straight = by_name(w, "straight knee")
    bent = by_name(w, "bent knee")
    assert straight.per_side and bent.per_side


def test_heel_raise_test() -> None:
    [test] = builtin("heel-raise-test").exercises
    assert test.reps is not None and test.reps.amrap and test.per_side


def test_shin_and_calf_superset() -> None:
    w = builtin("shin-calf-superset")
    toe, ledge, hold = w.exercises
    assert toe.group == ledge.group == "A" and toe.transition == 10
    assert (toe.sets, toe.reps) == (3, RepGoal(15, 15)) and "shin" in " ".join(toe.cues).casefold()
    assert (ledge.sets, ledge.reps) == (3, RepGoal(12, 15)) and ledge.tempo is not None
    assert ledge.tempo.seconds("down") == 3 and ledge.rest == 60  # lower slowly; the rest after each round
    assert hold.open_ended and hold.kind == "timed" and hold.group is None
    assert "conditioning" in (w.source or "").casefold()

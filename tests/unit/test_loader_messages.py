# ruff: noqa: E501  (each message is one line, as the lifter reads it)
"""Every word a lifter reads about a broken workout file, in order: the loader's messages pinned whole.

test_workout_file.py checks that each problem lands on the right key and line with the right words;
this one holds the full text, so a change to the loader that rewords, reorders or drops a message
shows here as a diff to read. Problems on one line keep the order they are found in, which an inline
table (``exercise = [{ ... }]``) makes visible: kind, then keys the kind does not take, then each
field in turn. An array of inline tables written over several lines names each table's own line.
"""

from __future__ import annotations

import pytest

from calftui.workouts.loader import WorkoutError, parse_workout

CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ('every exercise field wrong on one line',
     'name = "i"\n'
     'exercise = [{ name = "", reps = 0, rest = "x", rest_after = true, tempo = "1", starts = "s", say = { q = "a" }, count = "z", weight = -3, load = "", notes = 1, cues = [1], per_side = 2, warmup = 3, group = "", transition = "q", sets = 0 }]\n',
     (
         'w.toml:2: exercise[0].name: is empty; expected some text',
         'w.toml:2: exercise[0].sets: is 0; expected a whole number from 1 to 50',
         'w.toml:2: exercise[0].reps: is 0; expected at least 1 rep (at most 1000), a range such as "12-15", or "amrap"',
         'w.toml:2: exercise[0].rest: "x" is not a duration; expected a duration such as "90s", "1m30s", "2 minutes" or a number of seconds such as 90',
         'w.toml:2: exercise[0].rest_after: true is not a duration; expected a duration such as "90s", "1m30s", "2 minutes" or a number of seconds such as 90',
         'w.toml:2: exercise[0].tempo: "1" is not a tempo (needs four parts); write four parts down-bottom-up-top in seconds, such as "3-1-1-0" (X = explosive), or name the phases: { down = 3, bottom = 1, up = 1, top = 0 }',
         'w.toml:2: exercise[0].starts: is "s"; expected "up" (rise first) or "down" (lower first)',
         'w.toml:2: exercise[0].say.q: is not a tempo phase; expected one of down, bottom, up, top',
         'w.toml:2: exercise[0].count: is "z"; expected "taps" (tap each rep) or "tempo" (every tempo cycle counts a rep by itself)',
         'w.toml:2: exercise[0].weight: is -3; expected a load from 0 to 1000 in your unit, such as weight = 20',
         'w.toml:2: exercise[0].load: is empty; expected some text',
         'w.toml:2: exercise[0].notes: is a whole number; expected text in quotes, such as notes = "..."',
         'w.toml:2: exercise[0].cues: is a list with other things in it; expected a list of text such as ["one", "two"]',
         'w.toml:2: exercise[0].per_side: is 2; expected true or false',
         'w.toml:2: exercise[0].warmup: is 3; expected true or false',
         'w.toml:2: exercise[0].group: is empty; expected some text',
         'w.toml:2: exercise[0].transition: "q" is not a duration; expected a duration such as "90s", "1m30s", "2 minutes" or a number of seconds such as 90',
     )),
    ("a target exercise with other kinds' keys",
     'name = "i"\n'
     'exercise = [{ kind = "target", sets = 2, group = "A", duration = "3s", reps = 4, tempo = { down = 0 }, count = "tempo", bogus = 1 }]\n',
     (
         'w.toml:2: exercise[0].sets: does not belong to a target exercise (kind = "target"); remove it, or use it in a reps or timed exercise',
         'w.toml:2: exercise[0].group: a target exercise (kind = "target") cannot be in a superset or circuit: its mini-sets run until the total is reached; remove group, or do it before or after the group',
         'w.toml:2: exercise[0].duration: does not belong to a target exercise (kind = "target"); remove it, or use it in a timed exercise',
         'w.toml:2: exercise[0].reps: does not belong to a target exercise (kind = "target"); remove it, or use it in a reps exercise',
         'w.toml:2: exercise[0].bogus: unknown key; expected one of kind, name, sets, reps, target, rest_pause, duration, per_side, rest, rest_after, tempo, starts, count, say, load, weight, warmup, cues, notes, group, transition',
         'w.toml:2: exercise[0].name: is missing; expected name = "..."',
         'w.toml:2: exercise[0].target: is missing; expected a total such as target = 100',
         'w.toml:2: exercise[0].tempo: has no phase longer than 0 s; expected seconds for at least one of down, bottom, up and top, such as { down = 3, up = 1 }',
     )),
    ("a timed exercise with other kinds' keys",
     'name = "i"\n'
     'exercise = [{ kind = "timed", reps = 3, target = 5, rest_pause = 3, tempo = "3-1-1-0", say = { up = "x" }, transition = 4 }]\n',
     (
         'w.toml:2: exercise[0].reps: does not belong to a timed exercise (kind = "timed"); remove it, or use it in a reps exercise',
         'w.toml:2: exercise[0].target: does not belong to a timed exercise (kind = "timed"); remove it, or use it in a target exercise',
         'w.toml:2: exercise[0].rest_pause: does not belong to a timed exercise (kind = "timed"); remove it, or use it in a target exercise',
         'w.toml:2: exercise[0].tempo: does not belong to a timed exercise (kind = "timed"); remove it, or use it in a reps or target exercise',
         'w.toml:2: exercise[0].say: does not belong to a timed exercise (kind = "timed"); remove it, or use it in a reps or target exercise',
         'w.toml:2: exercise[0].name: is missing; expected name = "..."',
         'w.toml:2: exercise[0].duration: is missing; expected the length of each hold, such as duration = "30s", or "max" for as long as you can',
         'w.toml:2: exercise[0].transition: is the pause before the next member of a superset, but this exercise is in no group; add group = "A" (the same label on the exercises done together), or remove transition',
     )),
    ('what each kind needs, missing',
     'name = "i"\n'
     'exercise = [{}, { kind = "target" }, { kind = "timed" }, { duration = "max", transition = 1 }]\n',
     (
         'w.toml:2: exercise[0].name: is missing; expected name = "..."',
         'w.toml:2: exercise[0].reps: is missing; expected a number such as 12, a range such as "12-15", or "amrap" (or use target = N or duration = "30s" for other kinds)',
         'w.toml:2: exercise[1].name: is missing; expected name = "..."',
         'w.toml:2: exercise[1].target: is missing; expected a total such as target = 100',
         'w.toml:2: exercise[2].name: is missing; expected name = "..."',
         'w.toml:2: exercise[2].duration: is missing; expected the length of each hold, such as duration = "30s", or "max" for as long as you can',
         'w.toml:2: exercise[3].name: is missing; expected name = "..."',
         'w.toml:2: exercise[3].transition: is the pause before the next member of a superset, but this exercise is in no group; add group = "A" (the same label on the exercises done together), or remove transition',
     )),
    ('a kind that names none, inferred from target',
     'name = "i"\nexercise = [{ kind = "x", naem = "a", target = 3, group = "B" }]\n',
     (
         'w.toml:2: exercise[0].kind: is "x"; expected "reps", "target" or "timed"',
         'w.toml:2: exercise[0].naem: unknown key; did you mean "name"?',
         'w.toml:2: exercise[0].group: a target exercise (target makes it one) cannot be in a superset or circuit: its mini-sets run until the total is reached; remove group, or do it before or after the group',
         'w.toml:2: exercise[0].name: is missing; expected name = "..."',
     )),
    ('unknown and misplaced keys',
     'name = "h"\n'
     'naem = "x"\n'
     'reps = 3\n'
     'foo = 1\n'
     '[[exercise]]\n'
     'name = "a"\n'
     'repz = 3\n'
     'reps = 3\n'
     'bar = 2\n'
     'rest_afer = "1m"\n',
     (
         'w.toml:2: naem: unknown key; did you mean "name"?',
         'w.toml:3: reps: unknown key; reps belongs inside an [[exercise]] table',
         'w.toml:4: foo: unknown key; expected one of name, description, tags, schedule, source, exercise',
         'w.toml:7: exercise[0].repz: unknown key; did you mean "reps"?',
         'w.toml:9: exercise[0].bar: unknown key; expected one of kind, name, sets, reps, target, rest_pause, duration, per_side, rest, rest_after, tempo, starts, count, say, load, weight, warmup, cues, notes, group, transition',
         'w.toml:10: exercise[0].rest_afer: unknown key; did you mean "rest_after"?',
     )),
    ('rep goals',
     'name = "r"\n'
     'exercise = [\n'
     '  { name = "a", reps = "15-12" },\n'
     '  { name = "b", reps = "0-2000" },\n'
     '  { name = "c", reps = "lots" },\n'
     '  { name = "d", reps = "0" },\n'
     '  { name = "e", reps = 1.5 },\n'
     '  { name = "f", reps = true },\n'
     '  { name = "g", reps = 100000 },\n'
     ']\n',
     (
         'w.toml:3: exercise[0].reps: "15-12" runs backwards; expected the low end first, such as "12-15"',
         'w.toml:4: exercise[1].reps: "0-2000" is out of range; expected reps from 1 to 1000',
         'w.toml:5: exercise[2].reps: "lots" is not a rep goal; expected a number such as 12, a range such as "12-15", or "amrap"',
         'w.toml:6: exercise[3].reps: is 0; expected at least 1 rep (at most 1000), a range such as "12-15", or "amrap"',
         'w.toml:7: exercise[4].reps: is 1.5; expected a number such as 12, a range such as "12-15", or "amrap"',
         'w.toml:8: exercise[5].reps: is true; expected a number such as 12, a range such as "12-15", or "amrap"',
         'w.toml:9: exercise[6].reps: is 100000; expected at least 1 rep (at most 1000), a range such as "12-15", or "amrap"',
     )),
    ('numbers and flags',
     'name = "n"\n'
     'exercise = [\n'
     '  { name = "a", reps = 3, sets = "3", weight = "20kg", per_side = "yes" },\n'
     '  { name = "b", target = 10001, rest_pause = "2h", weight = true },\n'
     '  { name = "c", duration = 0, rest = "-1s", warmup = 1 },\n'
     '  { name = "d", duration = "forever", rest_after = 3601 },\n'
     ']\n',
     (
         'w.toml:3: exercise[0].sets: is "3"; expected a whole number from 1 to 50',
         'w.toml:3: exercise[0].weight: is "20kg"; expected a load from 0 to 1000 in your unit, such as weight = 20',
         'w.toml:3: exercise[0].per_side: is "yes"; expected true or false',
         'w.toml:4: exercise[1].target: is 10001; expected a whole number from 1 to 10000',
         'w.toml:4: exercise[1].rest_pause: "2h" is over an hour; expected at most 1 hour (3600 s)',
         'w.toml:4: exercise[1].weight: is true; expected a load from 0 to 1000 in your unit, such as weight = 20',
         'w.toml:5: exercise[2].duration: 0 is no time at all; expected more than 0 s, such as "90s", "1m30s", "2 minutes" or a number of seconds such as 90',
         'w.toml:5: exercise[2].rest: "-1s" is not a duration; expected a duration such as "90s", "1m30s", "2 minutes" or a number of seconds such as 90',
         'w.toml:5: exercise[2].warmup: is 1; expected true or false',
         'w.toml:6: exercise[3].duration: "forever" is not a duration; expected a duration such as "90s", "1m30s", "2 minutes" or a number of seconds such as 90, or "max" to hold as long as you can',
         'w.toml:6: exercise[3].rest_after: 3601 is over an hour; expected at most 1 hour (3600 s)',
     )),
    ('tempo, words and counting',
     'name = "t"\n'
     'exercise = [\n'
     '  { name = "a", reps = 3, tempo = { dwn = 3, up = true, top = 99, bottom = "x" }, count = "tempo" },\n'
     '  { name = "b", reps = 3, tempo = 3, starts = 1 },\n'
     '  { name = "c", reps = 3, count = "tempo", say = "hi" },\n'
     '  { name = "d", reps = 3, say = { dwn = "x", up = 3, top = "", bottom = "a\\u001bb" } },\n'
     ']\n',
     (
         'w.toml:3: exercise[0].tempo.dwn: is not a tempo phase; did you mean "down"? (the phases are down, bottom, up and top)',
         'w.toml:3: exercise[0].tempo.up: is true; expected seconds from 0 to 60, such as up = 2, or "X" for explosive',
         'w.toml:3: exercise[0].tempo.top: is 99; expected seconds from 0 to 60, such as top = 2, or "X" for explosive',
         'w.toml:4: exercise[1].tempo: is 3, not a tempo; write four parts down-bottom-up-top in seconds, such as "3-1-1-0" (X = explosive), or name the phases: { down = 3, bottom = 1, up = 1, top = 0 }',
         'w.toml:4: exercise[1].starts: is 1; expected "up" (rise first) or "down" (lower first)',
         'w.toml:5: exercise[2].say: is text; expected a table such as [exercise.say] with bottom = "Pause at the bottom"',
         'w.toml:5: exercise[2].count: "tempo" counts a rep at the end of every tempo cycle, but this exercise has no tempo; add one such as tempo = { down = 2, up = 1, top = 1 }, or remove count',
         'w.toml:6: exercise[3].say.dwn: is not a tempo phase; did you mean "down"?',
         'w.toml:6: exercise[3].say.up: is 3; expected the words to show, such as up = "..."',
         'w.toml:6: exercise[3].say.top: is ""; expected the words to show, such as top = "..."',
         'w.toml:6: exercise[3].say.bottom: contains a control character (\\x1b); expected plain text on one line',
     )),
    ('text',
     'name = "a\\u0007b"\n'
     'description = 3\n'
     'schedule = "a\\nb"\n'
     'source = [1]\n'
     'tags = "x"\n'
     '[[exercise]]\n'
     'name = "x\\ty"\n'
     'reps = 3\n'
     'load = "l\\rx"\n'
     'notes = "fine\\nline"\n'
     'cues = ["ok", "a\\u001b[31m"]\n',
     (
         'w.toml:1: name: contains a control character (\\x07); expected plain text on one line',
         'w.toml:2: description: is a whole number; expected text in quotes, such as description = "..."',
         'w.toml:3: schedule: contains a new line; expected plain text on one line',
         'w.toml:4: source: is a list; expected text in quotes, such as source = "..."',
         'w.toml:5: tags: is text; expected a list of text such as ["one", "two"]',
         'w.toml:7: exercise[0].name: contains a control character (\\x09); expected plain text on one line',
         'w.toml:9: exercise[0].load: contains a new line; expected plain text on one line',
         'w.toml:11: exercise[0].cues[1]: contains a control character (\\x1b); expected plain text on one line',
     )),
    ('an array of inline tables over several lines, with brackets, braces and # in its strings',
     'name = "q"\n'
     'exercise = [  # one table a line\n'
     '  { name = "Seated ] # not a comment {", sets = "three", reps = 12 },  # a comment { with a brace\n'
     '  { name = "Wall", reps = 10, cues = ["a ]", "b {"], say = { dwn = "x" } },\n'
     '\n'
     '  { name = "Hold", kind = "timed", sets = 2, hold = "forever" },\n'
     ']\n',
     (
         'w.toml:3: exercise[0].sets: is "three"; expected a whole number from 1 to 50',
         'w.toml:4: exercise[1].say.dwn: is not a tempo phase; did you mean "down"?',
         'w.toml:6: exercise[2].hold: unknown key; expected one of kind, name, sets, reps, target, rest_pause, duration, per_side, rest, rest_after, tempo, starts, count, say, load, weight, warmup, cues, notes, group, transition',
         'w.toml:6: exercise[2].duration: is missing; expected the length of each hold, such as duration = "30s", or "max" for as long as you can',
     )),
    ("a superset's exercises one after another",
     'name = "s"\n'
     '[[exercise]]\n'
     'name = "a"\n'
     'group = "A"\n'
     'reps = 5\n'
     '[[exercise]]\n'
     'name = "b"\n'
     'group = "B"\n'
     'reps = 5\n'
     '[[exercise]]\n'
     'name = "c"\n'
     'group = " A"\n'
     'reps = 5\n'
     'transition = "2h"\n',
     (
         'w.toml:12: exercise[2].group: "A" is already the group of exercise[0] and the exercises between are not in it; a superset\'s exercises come one after another: move this one up to them, or give it another label',
         'w.toml:14: exercise[2].transition: "2h" is over an hour; expected at most 1 hour (3600 s)',
     )),
]


@pytest.mark.parametrize("text, said", [(text, said) for _, text, said in CASES], ids=[title for title, _, _ in CASES])
def test_every_message_word_for_word(text: str, said: tuple[str, ...]) -> None:
    with pytest.raises(WorkoutError) as caught:
        parse_workout(text, "w.toml")
    assert str(caught.value).split("\n") == list(said)


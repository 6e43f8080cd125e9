"""Graders of month 1's warm-up (``exercises/m01_warmup/``): the Python the months assume.

Eight small exercises of plain Python, before month 1's cleaning: values and types (how the
change log shows a cell), a function with a default argument (how it counts things), a loop
with a condition (the longest gap in a series), a dict of counts and a sort with a tie rule (the
most frequent words), comprehensions (a column's present values), a class (running
statistics), exceptions (a setting that must be an integer) and reading a file (settings).

Every answer is exact — text, JSON data, a bool — so each grader's fixed cases sit on the
mistakes a beginner makes, one property per case: ``0``, ``False`` and ``""`` are values (not
missing), NaN is not equal to itself, ``"nan"`` is text, zero takes a plural, a run that lasts
to the end of the list, two runs equally long, two words equally frequent, an object made after
another was filled, a list default shared between calls, ``//`` where a mean needs ``/``, a
value ``int()`` refuses, a setting that is absent and one that is ``"0"``, a file with Windows
line endings, a byte-order mark, no final newline, bytes that are not UTF-8, no file at all.
The class, the error and the file go through harnesses (``aieng.learn.harnesses.warmup``): a
script of calls, the error a caller sees, a file written in a fresh folder and watched to be
closed. The generated cases mix the same ingredients at random.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded
from aieng.learn.harnesses import warmup as harness

NAN = float("nan")


def _pick(rng: np.random.Generator, pool: tuple[Any, ...]) -> Any:
    """One item of ``pool`` (any objects: ``rng.choice`` would turn them into NumPy values)."""
    return pool[int(rng.integers(0, len(pool)))]


# ── m01.warmup-values: aieng.clean.changelog.show ─────────────────────────────────────────────

_VALUES: tuple[Any, ...] = (0, 1, -3, 42, 10**20, 0.0, -0.0, 2.5, 1e-7, float("inf"), True, False)
_VALUES += (None, NAN, "", " ", "nan", "None", "NA", "0", "Paris", "Fiber optic", "café", "→")
_PADS = ("", "", " ", "  ", "\t", "\n", "\xa0")


def _value_case(rng: np.random.Generator) -> tuple[Any, ...]:
    value = _pick(rng, _VALUES)
    if isinstance(value, str) and rng.random() < 0.5:
        value = _pick(rng, _PADS) + value + _pick(rng, _PADS)
    return (value,)


_SHOW_FIXED = [
    Case("a whole number", (42,)),
    Case("a float", (2.5,)),
    Case("text", ("Paris",)),
    Case("None is missing", (None,)),
    Case("NaN is missing", (NAN,)),
    Case("0 is a value, not a missing one", (0,)),
    Case("0.0 is a value", (0.0,)),
    Case("False is a value", (False,)),
    Case("True", (True,)),
    Case("infinity is a value", (float("inf"),)),
    Case("the text 'nan' is text, not a missing number", ("nan",)),
    Case("the text 'None' is text", ("None",)),
    Case("empty text is shown quoted", ("",)),
    Case("text that is only spaces", ("   ",)),
    Case("a space in front", (" DSL",)),
    Case("a space behind", ("DSL ",)),
    Case("spaces inside only: as it is", ("Fiber optic",)),
    Case("a tab behind", ("No\t",)),
    Case("a non-breaking space behind (also whitespace)", ("Yes\xa0",)),
    Case("a quote in padded text: repr picks the quotes", ("it's ",)),
    Case("not ASCII", ("café",)),
    Case("a big whole number", (10**20,)),
]


def _explain_show(case: Case, name: str, got: Any, expected: Any) -> str:
    (value,) = case.args
    if expected == "<missing>":
        if isinstance(value, float):
            return (
                "NaN is missing, and NaN is not equal to anything, itself included: "
                "value == float('nan') is always False. Ask math.isnan(value) — for floats only "
                "(it raises TypeError on text), or test value != value."
            )
        return "None is missing: test `value is None`."
    if got == "<missing>":
        return (
            f"{value!r} is a value, not a missing one: only None and NaN are missing. "
            "`if not value` also catches 0, 0.0, False and '' — test for None and NaN by name."
        )
    if isinstance(value, str):
        return (
            "text is shown as it is, unless spaces at either end (any whitespace: tabs, "
            "newlines, non-breaking spaces) or emptiness would hide in it: then as repr() "
            "writes it, quotes included. value != value.strip() tells you which."
        )
    return "a value that is neither missing nor text is shown as str() writes it."


# ── m01.warmup-plural: aieng.clean.changelog.count ────────────────────────────────────────────

_NOUNS: tuple[tuple[str, str | None], ...] = (
    ("row", None),
    ("cell", None),
    ("file", None),
    ("entry", "entries"),
)
_NOUNS += (("child", "children"), ("sheep", "sheep"), ("category", "categories"), ("box", ""))


def _count_case(rng: np.random.Generator) -> tuple[Any, ...]:
    noun, plural = _pick(rng, _NOUNS)
    size = int(rng.integers(0, 4))
    n = int(rng.integers(0, 3)) if size == 0 else int(rng.integers(0, 10 ** (2 * size + 1)))
    return (n, noun, plural)


_COUNT_FIXED = [
    Case("one: count(1, 'row')", (1, "row", None)),
    Case("two: count(2, 'row')", (2, "row", None)),
    Case("zero takes the plural: count(0, 'row')", (0, "row", None)),
    Case("999: no separator yet", (999, "cell", None)),
    Case("1,000: a thousands separator", (1000, "row", None)),
    Case("7,032 rows", (7032, "row", None)),
    Case("a million and more", (1234567, "cell", None)),
    Case("a plural given: count(2, 'entry', 'entries')", (2, "entry", "entries")),
    Case("a plural given, and one: count(1, 'entry', 'entries')", (1, "entry", "entries")),
    Case("a plural given, and zero", (0, "child", "children")),
    Case("an empty plural means noun + 's': count(3, 'row', '')", (3, "row", "")),
]


def _explain_count(case: Case, name: str, got: Any, expected: Any) -> str:
    n, noun, plural = case.args
    how = f"count({n}, {noun!r}" + ("" if plural is None else f", {plural!r}") + ")"
    if not isinstance(got, str):
        return f"{how} must *return* the text (a print() shows it but returns None)."
    return (
        f"{how} should be {expected!r}: the number with a comma every three digits "
        '(f"{n:,}"), a space, then the noun — singular only when n == 1 (0 rows, 1 row, '
        "2 rows) — and the plural given, or the noun + 's' when none (or an empty one) is given."
    )


# ── m01.warmup-loops: longest_gap ─────────────────────────────────────────────────────────────


def _readings_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(0, 25))
    missing = float(rng.uniform(0.1, 0.8))
    readings: list[float | None] = [
        None if rng.random() < missing else _pick(rng, (0.0, 1.5, -2.0, 20.25, 3.0))
        for _ in range(n)
    ]
    return (readings,)


_GAP_FIXED = [
    Case("no readings at all", ([],)),
    Case("no gap", ([1.5, 2.0, 3.0],)),
    Case("one reading, missing", ([None],)),
    Case("a gap in the middle", ([1.5, None, None, 2.0],)),
    Case("a gap at the start", ([None, None, 4.0, 5.0],)),
    Case("a gap that lasts to the end of the list", ([1.0, 2.0, None, None, None],)),
    Case("0.0 is a reading, not a gap", ([None, 0.0, 0.0, None, None],)),
    Case("two gaps equally long: the first wins", ([None, None, 1.0, None, None],)),
    Case("three gaps of one: the first wins", ([None, 1.0, None, 2.0, None],)),
    Case("the longer gap comes second", ([None, 7.0, None, None, 3.0],)),
    Case("everything missing", ([None, None, None, None],)),
]


def _explain_gap(case: Case, name: str, got: Any, expected: Any) -> str:
    (readings,) = case.args
    if name == "length":
        if readings and readings[-1] is None:
            return (
                "the list ends inside a gap: a gap that is only counted when a reading follows "
                "it is never counted here. Compare with the best *while* the gap grows, or once "
                "more after the loop."
            )
        return (
            "count the missing readings (None; 0.0 is a reading) in a row, starting again from "
            "0 at each reading; the answer is the largest count reached."
        )
    return (
        "start is the index of the gap's first None (the index of its last one minus its "
        "length, plus 1); of gaps equally long the first found stays: replace the best only "
        "by a strictly longer one (>, not >=); no gap at all: None."
    )


# ── m01.warmup-dicts: top_words ───────────────────────────────────────────────────────────────

_WORDS = ("data", "model", "the", "The", "a", "B", "b", "été", "ete", "zebra", "apple", "pear")


def _words_case(rng: np.random.Generator) -> tuple[Any, ...]:
    vocabulary = _WORDS[: int(rng.integers(1, len(_WORDS) + 1))]
    words = [_pick(rng, vocabulary) for _ in range(int(rng.integers(0, 20)))]
    return (words, int(rng.integers(0, 6)))


_TOP_FIXED = [
    Case("one word", (["data"], 1)),
    Case("a clear winner", (["cat", "dog", "cat"], 1)),
    Case("no words", ([], 3)),
    Case("n = 0", (["a", "b", "a"], 0)),
    Case("most frequent first", (["b", "a", "b", "c", "b", "a"], 3)),
    Case("a tie: string order decides", (["pear", "apple", "pear", "apple", "fig"], 2)),
    Case("a tie at the cut", (["a", "b", "c", "c"], 2)),
    Case("capitals sort before small letters", (["b", "B", "a", "b", "B", "a"], 3)),
    Case("case matters: 'The' and 'the' are two words", (["The", "the", "the"], 2)),
    Case("fewer distinct words than n", (["x", "y", "x"], 10)),
    Case("not ASCII", (["été", "ete", "été", "zoo"], 2)),
]


def _explain_top(case: Case, name: str, got: Any, expected: Any) -> str:
    if got is None:
        return (
            "None came back: list.sort() sorts in place and returns None. sorted(...) returns "
            "a new list (and leaves the caller's alone)."
        )
    return (
        "count each word (a dict word -> count), then order the distinct words by count, "
        "highest first, and equal counts in Python's string order ('B' < 'a' < 'b'); keep the "
        "first n (all of them when there are fewer)."
    )


# ── m01.warmup-comprehensions: present_values ─────────────────────────────────────────────────

_CELLS: tuple[Any, ...] = (0, 1, -2.5, "", "x", "None", None, None, False, True, [], "Paris")
_KEYS = ("city", "age", "tags", "plan")


def _rows_case(rng: np.random.Generator) -> tuple[Any, ...]:
    rows = []
    for _ in range(int(rng.integers(0, 6))):
        keys = [k for k in _KEYS if rng.random() < 0.7]
        rows.append({k: _pick(rng, _CELLS) for k in keys})
    names = [k for k in (*_KEYS, "score") if rng.random() < 0.6]
    return (rows, names)


_PRESENT_FIXED = [
    Case("one row", ([{"city": "Paris", "age": 41}], ["city", "age"])),
    Case("no rows", ([], ["city"])),
    Case("no names", ([{"city": "Paris"}], [])),
    Case("None is missing", ([{"age": 41}, {"age": None}, {"age": 30}], ["age"])),
    Case("a row without the key", ([{"age": 41}, {}, {"age": 30}], ["age"])),
    Case(
        "0, False, '' and [] are values",
        ([{"x": 0}, {"x": False}, {"x": ""}, {"x": []}, {"x": None}], ["x"]),
    ),
    Case("a name no row has", ([{"age": 41}], ["age", "city"])),
    Case(
        "the same value twice is kept twice, in row order", ([{"a": 2}, {"a": 1}, {"a": 2}], ["a"])
    ),
    Case("the text 'None' is a value", ([{"plan": "None"}, {"plan": None}], ["plan"])),
    Case("only the names asked for", ([{"a": 1, "b": 2}, {"a": 3, "c": 4}], ["b", "a"])),
]


def _explain_present(case: Case, name: str, got: Any, expected: Any) -> str:
    return (
        "one entry per name asked for (even a name no row has: an empty list), holding that "
        "column's values in row order; a value is left out only when the row lacks the key or "
        "holds None (`is not None`: 0, False, '' and [] are values, `if value` drops them)."
    )


# ── m01.warmup-class: RunningStats ────────────────────────────────────────────────────────────


def _script_case(rng: np.random.Generator) -> tuple[Any, ...]:
    names = ("a", "b", "c")[: int(rng.integers(1, 4))]
    script: list[str] = []
    made: list[str] = []
    for _ in range(int(rng.integers(1, 14))):
        name = _pick(rng, names)
        if name not in made:
            made.append(name)
            start = [int(rng.integers(-50, 50)) for _ in range(int(rng.integers(0, 4)))]
            script.append(
                f"{name} = RunningStats({start})"
                if rng.random() < 0.4
                else f"{name} = RunningStats()"
            )
        elif rng.random() < 0.7:
            value = int(rng.integers(-1000, 1000)) / _pick(rng, (1, 1, 2, 4))
            script.append(f"{name}.add({value:g})")
        else:
            script.append(f"{name}.summary()")
    script += [f"{name}.summary()" for name in made]
    return (script,)


_NEW_A = "a = RunningStats()"
_NEW_B = "b = RunningStats()"
_STATS_FIXED = [
    Case("a new object: nothing added yet", ([_NEW_A, "a.summary()"],)),
    Case("one number", ([_NEW_A, "a.add(5)", "a.summary()"],)),
    # right after the first two: a list shared between objects shows at once, named for what it is
    Case(
        "an object made after another was filled starts empty",
        ([_NEW_A, "a.add(100)", _NEW_B, "b.summary()"],),
    ),
    Case(
        "two objects: each has its own numbers",
        ([_NEW_A, _NEW_B, "a.add(1)", "b.add(10)", "a.summary()", "b.summary()"],),
    ),
    Case("the mean of 1 and 2 is 1.5", ([_NEW_A, "a.add(1)", "a.add(2)", "a.summary()"],)),
    Case(
        "numbers all above 0: the low is not 0", ([_NEW_A, "a.add(3)", "a.add(7)", "a.summary()"],)
    ),
    Case(
        "numbers all below 0: the high is not 0",
        ([_NEW_A, "a.add(-3)", "a.add(-7)", "a.summary()"],),
    ),
    Case("0 is a number", ([_NEW_A, "a.add(0)", "a.summary()"],)),
    Case("0, then 5: the low stays 0", ([_NEW_A, "a.add(0)", "a.add(5)", "a.summary()"],)),
    Case("0, then -5: the high stays 0", ([_NEW_A, "a.add(0)", "a.add(-5)", "a.summary()"],)),
    Case(
        "a mean that is not round", ([_NEW_A, "a.add(1)", "a.add(2)", "a.add(2)", "a.summary()"],)
    ),
    Case("started from a list", (["a = RunningStats([2, 4])", "a.add(9)", "a.summary()"],)),
    Case("started from an empty list", (["a = RunningStats([])", "a.summary()"],)),
    Case("summary() twice: it only reads", ([_NEW_A, "a.add(4)", "a.summary()", "a.summary()"],)),
]


def _explain_stats(case: Case, name: str, got: Any, expected: Any) -> str:
    if name == "given_lists_unchanged":
        return (
            "a list given to RunningStats(...) was changed afterwards: the object kept the "
            "caller's list and added to it. Read the numbers given (a loop calling add) and "
            "keep your own count, total, low and high."
        )
    pairs = zip(got, expected, strict=False) if isinstance(got, list) else ()
    g, e = next(((g, e) for g, e in pairs if g != e), (None, None))
    if not isinstance(g, dict) or not isinstance(e, dict) or set(g) != set(e):
        return 'summary() returns a dict with the keys "count", "mean", "low" and "high".'
    if isinstance(g["count"], int) and g["count"] > e["count"]:
        return (
            f"this object counts {g['count']} numbers, but was given {e['count']}: the others "
            "were added to another object. A list set in the class body, or a default argument "
            "`values=[]` (made once, when the def runs), is one list shared by every object: "
            "set each object's state on self in __init__, from a default of None or ()."
        )
    if e["count"] == 0:
        return "with no number yet the count is 0 and mean, low and high are None."
    if e["mean"] != g["mean"] and g["mean"] == int(e["mean"]):
        return f"the mean is {e['mean']}, not {g['mean']}: // is floor division, / divides."
    if g["low"] != e["low"] or g["high"] != e["high"]:
        return (
            f"low and high are the smallest and largest numbers added ({e['low']} and "
            f"{e['high']} here): start them at None (0 is a number, and `self.low or value` "
            "takes a low of 0 for none) and replace them when a number is smaller or larger."
        )
    return "the mean is the total of the numbers added divided by their count (/)."


# ── m01.warmup-exceptions: setting ────────────────────────────────────────────────────────────

_SETTING_VALUES = (
    "8080",
    " 4 ",
    "-7",
    "+3",
    "0",
    "1_000",
    "eighty",
    "",
    "2.5",
    "3.0",
    "4 2",
    "0x1F",
)
_SETTING_NAMES = ("port", "workers", "retries", "timeout_s", "max_rows", "batch_size")


def _setting_case(rng: np.random.Generator) -> tuple[Any, ...]:
    names = [n for n in _SETTING_NAMES if rng.random() < 0.5]
    config = {n: str(_pick(rng, _SETTING_VALUES)) for n in names}
    name = _pick(rng, _SETTING_NAMES)
    return (config, name, _pick(rng, (0, 1, 80, None)))


_SETTING_FIXED = [
    Case("a number", ({"port": "8080"}, "port", 80)),
    Case("absent: the default", ({"port": "8080"}, "workers", 4)),
    Case("absent, and the default is None", ({}, "seed", None)),
    Case("spaces around the number", ({"workers": " 4 "}, "workers", 1)),
    Case("a negative number", ({"offset": "-7"}, "offset", 0)),
    Case("a plus sign", ({"retries": "+3"}, "retries", 1)),
    Case(
        "int() decides, not a rule of your own: it reads 1_000",
        ({"max_rows": "1_000"}, "max_rows", 0),
    ),
    Case("zero is a value, not an absent one", ({"retries": "0"}, "retries", 5)),
    Case("not a number: a ValueError", ({"port": "eighty"}, "port", 80)),
    Case("an empty value is not absent: a ValueError", ({"port": ""}, "port", 80)),
    Case("a decimal is not an integer", ({"workers": "2.5"}, "workers", 1)),
    Case("3.0 is not an integer either", ({"workers": "3.0"}, "workers", 1)),
    Case("a quote in the value", ({"timeout_s": "it's"}, "timeout_s", 30)),
    Case("other settings are not read", ({"port": "x", "workers": "2"}, "workers", 1)),
]


def _explain_setting(case: Case, name: str, got: Any, expected: Any) -> str:
    config, key, default = case.args
    value = config.get(key)
    if name == "raised" and expected:
        return (
            f"{value!r} is not an integer (int() refuses it), so setting() must raise "
            "ValueError for the caller to catch — not return the default: a typo in a config "
            "file that silently becomes the default is a bug found weeks later. Catch only "
            "ValueError around int(), then raise your own ValueError with the setting's name."
        )
    if name == "raised" and key not in config:
        return f"{key!r} is absent from the config: return the default ({default!r}), no error."
    if name == "raised":
        return (
            f"{value!r} is an integer for int(): return it. Only a value int() refuses raises: "
            "keep the try around int() alone, and catch ValueError alone."
        )
    if name == "message_names_setting":
        return f"the error message should name the setting ({key!r}): a config has many."
    if name == "message_shows_value":
        return (
            f"the error message should show the value received as repr() writes it "
            f"({value!r}, quotes included: an empty value must be visible as '')."
        )
    if key not in config:
        return f"{key!r} is not in the config: return the default, {default!r}, as it is."
    return f"{value!r} is an integer for int(): return int({value!r})."


# ── m01.warmup-files: read_settings ───────────────────────────────────────────────────────────

_LINES: tuple[str, ...] = (
    "port = 8080",
    "host=example.org",
    "  workers  =  4  ",
    "url = https://x.org/?a=1&b=2",
)
_LINES += (
    "colour = #ff0000",
    "token =",
    "ville = Genève",
    "# a comment",
    "   # indented",
    "",
    "  ",
)
_LINES += ("port = 9090",)
_ENDINGS = ("\n", "\r\n")


def _file_case(rng: np.random.Generator) -> tuple[Any, ...]:
    ending = _pick(rng, _ENDINGS)
    lines = [_pick(rng, _LINES) for _ in range(int(rng.integers(0, 9)))]
    if rng.random() < 0.15:
        lines.insert(int(rng.integers(0, len(lines) + 1)), "no equals sign here")
    text = ending.join(lines) + (ending if rng.random() < 0.7 else "")
    content = text.encode("utf-8")
    if rng.random() < 0.15:
        content = b"\xef\xbb\xbf" + content
    return (content,)


_FILE_FIXED = [
    Case("one setting", (b"port = 8080\n",)),
    Case("an empty file", (b"",)),
    Case("no newline at the end", (b"port = 8080\nhost = localhost",)),
    Case("Windows line endings (\\r\\n)", (b"port = 8080\r\nhost = localhost\r\n",)),
    Case(
        "blank lines and comments",
        (b"# the server\n\nport = 8080\n   \n  # indented comment\nhost=example.org\n",),
    ),
    Case("spaces around the name and the value", (b"  port   =   8080  \n",)),
    Case("an = inside the value: only the first one separates", (b"url = https://x.org/?a=1\n",)),
    Case("a # inside a value is part of it", (b"colour = #ff0000\n",)),
    Case("an empty value", (b"token =\n",)),
    Case("the same name twice: the later line wins", (b"port = 1\nport = 2\n",)),
    Case("not ASCII, in UTF-8", ("ville = Genève\nunit = °C\n".encode(),)),
    Case("a byte-order mark first (Windows Notepad writes one)", (b"\xef\xbb\xbfport = 8080\n",)),
    Case("a line without =, line 3 (blank lines count)", (b"port = 8080\n\nhost localhost\n",)),
    Case("a line without = on the very first line", (b"oops\nport = 1\n",)),
    Case("no such file", (None,)),
    Case("bytes that are not UTF-8 (Latin-1)", (b"ville = Gen\xe8ve\n",)),
]


def _explain_file(case: Case, name: str, got: Any, expected: Any) -> str:
    (content,) = case.args
    if name == "file_closed":
        return (
            "the file was still open when read_settings() returned (Python warned "
            "ResourceWarning, or a file descriptor was left open): open it in a `with` block, "
            "which closes it however the block ends — an error included."
        )
    if name == "raised":
        if content is None:
            return (
                "there is no file: let FileNotFoundError reach the caller (an empty dict would "
                "say the file exists and is empty). No try/except around open()."
            )
        if expected == "UnicodeDecodeError":
            return (
                "these bytes are not UTF-8: reading with encoding='utf-8-sig' raises "
                "UnicodeDecodeError; let it through (errors='replace' or another encoding "
                "would invent characters)."
            )
        if expected == "ValueError":
            return "a line without = (not blank, not a comment) must raise ValueError."
        return (
            "this file is valid: nothing should be raised. Read it with "
            "encoding='utf-8-sig' (UTF-8, with or without a byte-order mark)."
        )
    if name == "line_in_message":
        return (
            f"the message should name the bad line as 'line {expected}': lines are counted "
            "from 1, blank lines and comments included (enumerate(lines, start=1))."
        )
    if isinstance(got, dict) and any(k.startswith("\ufeff") for k in got):
        return (
            "the first name starts with '\\ufeff', the byte-order mark: open the file with "
            "encoding='utf-8-sig', which drops it (and reads plain UTF-8 too)."
        )
    return (
        "one entry per `name = value` line: split at the first = only (str.partition), strip "
        "spaces from both sides (and the \\r of a Windows line ending), skip blank lines and "
        "lines whose first non-space character is #; a later line with the same name wins."
    )


GRADERS: dict[str, Grader] = {
    "m01.warmup-values": Grader(
        params=("value",),
        outputs=(Output("shown", "text"),),
        fixed=lambda: list(_SHOW_FIXED),
        generated=lambda: seeded(_value_case),
        n_generated=20,
        explain=_explain_show,
    ),
    "m01.warmup-plural": Grader(
        params=("n", "noun", "plural"),
        outputs=(Output("text", "text"),),
        fixed=lambda: list(_COUNT_FIXED),
        generated=lambda: seeded(_count_case),
        n_generated=20,
        explain=_explain_count,
        harness=harness.leave_out_none,
    ),
    "m01.warmup-loops": Grader(
        params=("readings",),
        outputs=(Output("length", "json"), Output("start", "json")),
        fixed=lambda: list(_GAP_FIXED),
        generated=lambda: seeded(_readings_case),
        n_generated=30,
        explain=_explain_gap,
    ),
    "m01.warmup-dicts": Grader(
        params=("words", "n"),
        outputs=(Output("top", "json"),),
        fixed=lambda: list(_TOP_FIXED),
        generated=lambda: seeded(_words_case),
        n_generated=30,
        explain=_explain_top,
    ),
    "m01.warmup-comprehensions": Grader(
        params=("rows", "names"),
        outputs=(Output("columns", "json"),),
        fixed=lambda: list(_PRESENT_FIXED),
        generated=lambda: seeded(_rows_case),
        n_generated=30,
        explain=_explain_present,
    ),
    "m01.warmup-class": Grader(
        params=("script",),
        outputs=(Output("summaries", "json"), Output("given_lists_unchanged", "bool")),
        fixed=lambda: list(_STATS_FIXED),
        generated=lambda: seeded(_script_case),
        n_generated=20,
        explain=_explain_stats,
        harness=harness.run_script,
    ),
    "m01.warmup-exceptions": Grader(
        params=("config", "name", "default"),
        outputs=(
            Output("raised", "text"),
            Output("returned", "json"),
            Output("message_names_setting", "bool"),
            Output("message_shows_value", "bool"),
        ),
        fixed=lambda: list(_SETTING_FIXED),
        generated=lambda: seeded(_setting_case),
        n_generated=30,
        explain=_explain_setting,
        harness=harness.catch_value_error,
    ),
    "m01.warmup-files": Grader(
        params=("content",),
        outputs=(
            Output("raised", "text"),
            Output("settings", "json"),
            Output("line_in_message", "json"),
            Output("file_closed", "bool"),
        ),
        fixed=lambda: list(_FILE_FIXED),
        generated=lambda: seeded(_file_case),
        n_generated=20,
        explain=_explain_file,
        harness=harness.read_in_folder,
    ),
}

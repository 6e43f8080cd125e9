"""The warm-up's reference solutions: plain Python, written the way this package writes it.

Month 1 opens with a warm-up (``exercises/m01_warmup/``, the first exercises ``aieng learn``
lists): the Python every later month takes for granted — values and types, loops and
conditions, functions, lists and dicts, comprehensions, a class, exceptions, reading a file.
The manifest's rule holds for them too: an exercise's reference is package code, graded in CI,
never a second copy. Where the package already had the function, the exercise uses it: how the
change log shows a cell and counts things (``aieng.clean.changelog.show`` and ``count``). The
others live here, small and standard library only; each is what ``aieng solution`` shows a
learner who has just passed, so each is written to be read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def longest_gap(readings: Sequence[float | None]) -> tuple[int, int | None]:
    """The longest run of consecutive missing readings: its length and the index it starts at.

    ``[1.5, None, None, 0.0, None]`` → ``(2, 1)``. Only ``None`` is missing (``0.0`` is a
    reading); of two runs equally long the first wins; no gap at all is ``(0, None)``.
    """
    best_length, best_start = 0, None
    length = 0  # of the run that ends at the current reading
    for i, reading in enumerate(readings):
        if reading is None:
            length += 1
            # Updated inside the run, so a run that lasts to the end of the list is counted
            # without a second check after the loop; ">" keeps the first of two equal runs.
            if length > best_length:
                best_length, best_start = length, i - length + 1
        else:
            length = 0
    return best_length, best_start


def top_words(words: Sequence[str], n: int) -> list[str]:
    """The ``n`` most frequent words, most frequent first; equal counts in string order.

    ``top_words(["b", "a", "b", "c", "a"], 2)`` → ``["a", "b"]`` (2 each: ``"a"`` first). Fewer
    than ``n`` distinct words: all of them. ``words`` is left as it was.
    """
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    # One sort, two keys: the count highest first (negated, so the whole key sorts ascending),
    # then the word itself for a tie. sorted() returns a new list; words.sort() would reorder
    # the caller's list and return None.
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return ranked[:n]


def present_values(
    rows: Sequence[Mapping[str, object]], names: Sequence[str]
) -> dict[str, list[object]]:
    """For each name, that column's values over the rows, in order, leaving out missing ones.

    A value is missing when the row has no such key or holds ``None``; ``0``, ``False`` and
    ``""`` are values. ``present_values([{"a": 0}, {"a": None}, {}], ["a"])`` → ``{"a": [0]}``.
    """
    # "is not None", not truthiness: `if row.get(name)` would also drop 0, False and "".
    return {name: [row[name] for row in rows if row.get(name) is not None] for name in names}


class RunningStats:
    """The count, mean, smallest and largest of the numbers added so far, without keeping them.

    ``RunningStats([2, 4]).summary()`` → ``{"count": 2, "mean": 3.0, "low": 2, "high": 4}``;
    with no number yet the mean, low and high are ``None``.
    """

    def __init__(self, values: Iterable[float] = ()) -> None:
        # The default is a tuple, which cannot change: a list default would be one list, made
        # once when the def ran and shared by every RunningStats() created without values.
        # Each instance's state is set here, on self, never as class attributes.
        self.count = 0
        self.total: float = 0
        self.low: float | None = None  # None until a number arrives: 0 is a number
        self.high: float | None = None
        for value in values:  # read once, never kept: the caller's list stays theirs
            self.add(value)

    def add(self, value: float) -> None:
        """Take one more number into account."""
        self.count += 1
        self.total += value
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)

    def summary(self) -> dict[str, float | None]:
        """``count``, ``mean`` (``/``: true division, 1.5 for 1 and 2), ``low`` and ``high``."""
        mean = self.total / self.count if self.count else None
        return {"count": self.count, "mean": mean, "low": self.low, "high": self.high}


def setting(config: Mapping[str, str], name: str, default: int | None) -> int | None:
    """The integer value of ``config[name]``; ``default`` if the name is absent.

    A value ``int()`` does not accept raises ``ValueError`` naming the setting and showing the
    value received: ``ValueError("setting 'port': expected an integer, got '80a'")``.
    """
    if name not in config:
        return default
    value = config[name]
    try:
        return int(value)  # int() decides what an integer is: " 42 ", "-7" and "+7" are
    except ValueError:
        # Only ValueError: a bare `except:` would also swallow a KeyboardInterrupt or a bug.
        # `from None`: the caller needs this message, not int()'s "invalid literal for int()".
        raise ValueError(f"setting {name!r}: expected an integer, got {value!r}") from None


def read_settings(path: Path) -> dict[str, str]:
    """``name = value`` lines of a UTF-8 text file as a dict, both sides stripped of spaces.

    Blank lines and lines starting with ``#`` are skipped; only the first ``=`` separates (a
    value may hold one); a later line with the same name wins. A line without ``=`` raises
    ``ValueError`` naming its line number, counted from 1. A missing file raises
    ``FileNotFoundError``: an empty file and no file are not the same thing.
    """
    settings: dict[str, str] = {}
    # "utf-8-sig" reads UTF-8 and drops the byte-order mark Windows Notepad may put first;
    # naming the encoding matters: without it Python uses the system's (cp1252 on many
    # Windows machines). `with` closes the file however the block ends, an error included.
    with open(path, encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):  # text mode: "\r\n" arrives as "\n"
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            name, sep, value = text.partition("=")
            if not sep:
                raise ValueError(f"{path.name}, line {number}: expected name = value, got {text!r}")
            settings[name.strip()] = value.strip()
    return settings

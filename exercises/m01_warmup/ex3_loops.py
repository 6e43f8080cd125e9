"""Exercise m01.warmup-loops — a loop and a condition: the longest gap in a series.

A sensor sends a reading every hour; ``None`` marks an hour it sent nothing. Before filling the
gaps, a data engineer wants the longest one: how many hours in a row are missing, and from which
hour. Write ``longest_gap(readings)`` returning ``(length, start)``:

- ``length``: the largest number of consecutive ``None`` in ``readings``; ``start``: the index
  of that run's first ``None``. ``[1.5, None, None, 2.0]`` gives ``(2, 1)``;
- only ``None`` is missing: ``0.0`` (or a negative number) is a reading;
- of runs equally long, the first one wins;
- no gap at all (an empty list included) gives ``(0, None)``.

``readings`` is a list of floats and Nones; leave it as it is. Return a tuple of an int and an
int or None.

The idea: walk the list once, keeping two things up to date — the length of the run you are in
now, and the best run seen so far — and think about where the list ends.

Check it with ``aieng check m01.warmup-loops``; stuck? ``aieng hint m01.warmup-loops``.
"""


def longest_gap(readings: list[float | None]) -> tuple[int, int | None]:
    # TODO: one pass over the readings (enumerate gives the index too)
    # TODO: the current run's length, and the best run's length and start
    raise NotImplementedError("write longest_gap")

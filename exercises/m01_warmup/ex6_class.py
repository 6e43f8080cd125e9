"""Exercise m01.warmup-class — a class: running statistics that keep no list.

A stream of numbers (prices, latencies) is too long to keep, but its count, mean, smallest and
largest value can be kept up to date as each number arrives. Write the class ``RunningStats``:

- ``RunningStats()`` starts with no number; ``RunningStats(values)`` starts from the numbers of
  the list ``values``, which it reads but does not keep: the caller's list stays as it was,
  whatever is added later;
- ``add(value)`` takes one more number into account;
- ``summary()`` returns ``{"count": ..., "mean": ..., "low": ..., "high": ...}``: how many
  numbers, their mean (a float: the mean of 1 and 2 is 1.5), the smallest and the largest. With
  no number yet: count 0, and ``None`` for the other three. It only reads: two calls in a row
  give the same answer;
- every object has its own numbers: adding to one changes no other.

The grader runs scripts such as ``a = RunningStats([2, 4])``, ``a.add(9)``, ``a.summary()``.
Means are compared to 12 significant digits.

The idea: an object is state (attributes set on ``self``) plus the methods that change or read
it. What each object needs to know is set in ``__init__``, for that object alone.

Check it with ``aieng check m01.warmup-class``; stuck? ``aieng hint m01.warmup-class``.
"""


class RunningStats:
    def __init__(self) -> None:  # TODO: a parameter values, a list that may be left out
        # TODO: this object's own state; then take in the values given, if any
        raise NotImplementedError("write RunningStats.__init__")

    def add(self, value: float) -> None:
        # TODO: update the state with one more number
        raise NotImplementedError("write RunningStats.add")

    def summary(self) -> dict[str, float | None]:
        # TODO: count, mean, low, high (None for the last three when there is no number)
        raise NotImplementedError("write RunningStats.summary")

"""Exercise m07.log-softmax — class log-probabilities that never overflow.

A classifier's last layer gives one score per class, its *logits*, any real numbers. Softmax
turns a row of them into probabilities: each score is exponentiated, so every one is positive,
then divided by the row's total, so they add up to 1. The loss needs their logarithm.

Written as it is said, that breaks on real numbers: ``exp(710)`` is already infinite in float64,
and a class far behind gets a probability that rounds to 0, whose log is minus infinity. The
idea that saves it: adding the same number to every score of a row changes none of its
probabilities (the same factor multiplies the top and the bottom of the fraction). Choose that
number so that nothing can overflow, and stay in logarithms for as long as you can.

Write ``log_softmax`` taking ``logits`` (n, classes) and returning the log-probabilities, a
float array of the same shape: each row on its own, every value exact for any finite logits —
in the thousands too — and computed without a NumPy warning. Do not change ``logits``. Check
with ``aieng check m07.log-softmax``.
"""

import numpy as np


def log_softmax(logits: np.ndarray) -> np.ndarray:
    # TODO: shift each row so that exponentiating it cannot overflow
    # TODO: subtract the log of each row's total
    raise NotImplementedError("write log_softmax")

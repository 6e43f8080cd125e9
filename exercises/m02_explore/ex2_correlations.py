"""Exercise m02.correlations — Pearson's r and Spearman's ρ, and when they differ.

Pearson's r measures how well a *straight line* fits two numeric columns: how much x and y
move together (their covariance), in units of how much each moves on its own (their standard
deviations). It runs from -1 (a falling line) through 0 to 1 (a rising line), and its sign is
part of the answer.

Spearman's ρ is Pearson's r of the *ranks* (1 for the smallest value, 2 for the next, …): it
measures any monotone relation (y = x³, y = eˣ give ρ = 1) and one extreme value cannot
dominate it. Tied values share the *average* of the ranks they occupy: [10, 20, 20, 30] has
ranks [1, 2.5, 2.5, 4], and [7, 8, 8, 8] has [1, 3, 3, 3] (not 1, 2, 2, 2 nor 1, 2, 3, 4). The
grader has ties of two and of three values, in x and in y.

``x`` and ``y`` are float arrays of the same shape (n,), n ≥ 3, neither constant.
Return ``(pearson, spearman)``, two floats. Do not change the arrays.

Check it with ``aieng check m02.correlations``; stuck? ``aieng hint m02.correlations``.
"""

import numpy as np


def correlations(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    # TODO: pearson: how x and y move together, over how each moves alone
    # TODO: spearman: the same formula on the ranks (ties get the average rank)
    raise NotImplementedError("write correlations")

"""Exercise m02.correlations — Pearson's r and Spearman's ρ, and when they differ.

Pearson's r measures how well a *straight line* fits two numeric columns:

    r = Σ (x - x̄)(y - ȳ) / sqrt(Σ (x - x̄)² · Σ (y - ȳ)²)

Spearman's ρ is Pearson's r of the *ranks* (1 for the smallest value, 2 for the next, …): it
measures any monotone relation (y = x³, y = eˣ give ρ = 1) and one extreme value cannot
dominate it. Tied values share the average of the ranks they occupy: the values
[10, 20, 20, 30] have ranks [1, 2.5, 2.5, 4] (``scipy.stats.rankdata`` does exactly this).

``x`` and ``y`` are float arrays of the same shape (n,), n ≥ 3, neither constant.
Return ``(pearson, spearman)``, two floats. Do not change the arrays.

Check it with ``aieng check m02.correlations``; stuck? ``aieng hint m02.correlations``.
"""

import numpy as np


def correlations(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    # TODO: pearson: centred x and y, their dot product over the product of their norms
    # TODO: spearman: the same formula on the ranks (ties get the average rank)
    raise NotImplementedError("write correlations")

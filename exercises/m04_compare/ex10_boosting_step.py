"""Exercise m04.boosting-step — one step of gradient boosting: a small tree fits what is left.

Gradient boosting builds its model as a sum of small trees. It starts from a constant (the mean
of ``y``); each step looks at the **residuals** ``y − F`` of the current predictions ``F`` — for
the squared error they are the negative gradient, the direction that lowers the loss fastest —
fits a tiny tree to them, and adds a shrunken copy of that tree to ``F``. Write
``boosting_step`` doing one such step with the tiniest tree there is, a *stump*: one question
"is x ≤ t?", and one value per side.

The contract:

* ``x`` (n,) one feature, floats; ``y`` (n,) the target; ``F`` (n,) the current predictions;
  ``learning_rate`` a float in (0, 1]. Do not change the arrays.
* The stump is fitted to the residuals, not to ``y``: each side predicts the mean residual of
  its rows, and the threshold is the one whose two sides leave the smallest sum of squared
  errors around those means.
* Candidate thresholds lie halfway between two neighbouring distinct values of ``x``; rows with
  ``x <= t`` go left. Ties: squared-error sums that differ by less than 1e-9 · Σ (y − F)² are
  equal (rounding), and the lowest threshold wins.
* If ``x`` takes a single value there is no question to ask: the stump is one leaf (the mean
  residual of every row) and its threshold is ``inf`` (every row goes left).
* Return ``(threshold, F_next)``: a float, and the new predictions (n,) floats — the old ones
  plus ``learning_rate`` times the stump's value for each row.

Check it with ``aieng check m04.boosting-step``; stuck? ``aieng hint m04.boosting-step``.
"""

import numpy as np


def boosting_step(
    x: np.ndarray, y: np.ndarray, F: np.ndarray, learning_rate: float
) -> tuple[float, np.ndarray]:
    # TODO: the residuals, and the candidate thresholds on x
    # TODO: for each threshold, the squared error left by the two side means; the best one
    # TODO: the new predictions: F plus a shrunken stump (a constant x makes one leaf)
    raise NotImplementedError("write boosting_step")

"""Exercise m03.loss — the loss of a linear model, in one line of matrix algebra.

A linear model predicts ``ŷ = X w + b`` for every sample at once: ``X`` has one row per sample
and one column per feature, so ``X @ w`` is one number per row. How wrong it is, summed over
the data, is the loss. Write ``ridge_loss`` returning

    loss = (‖y - X w - b‖² + alpha · ‖w‖²) / (2 n)

where ``n`` is the number of samples and ‖v‖² is the sum of the squares of v's entries.

Shapes: ``w`` (n_features,), ``b`` a float, ``X`` (n_samples, n_features), ``y`` (n_samples,),
``alpha`` ≥ 0 a float. Return one float. Do not change the arrays you are given.

Check it with ``aieng check m03.loss``; stuck? ``aieng hint m03.loss``.
"""

import numpy as np


def ridge_loss(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, alpha: float) -> float:
    # TODO: the residual y - X w - b, one number per sample (n_samples,)
    # TODO: its squared length plus alpha times the squared length of w, divided by 2n
    raise NotImplementedError("write ridge_loss")

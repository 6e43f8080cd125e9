"""Exercise m03.loss — the loss of a linear model, in one line of matrix algebra.

A linear model predicts ``ŷ = X w + b`` for every sample at once: ``X`` has one row per sample
and one column per feature, so the matrix product gives one prediction per row. How wrong the
model is, over the whole data set, is its loss. Write ``ridge_loss`` returning

    loss = (‖y - X w - b‖² + alpha · ‖w‖²) / (2 n)

where ``n`` is the number of samples and ``‖v‖²`` the sum of the squares of v's entries. The
second term is the ridge penalty: it shrinks the slopes ``w`` only, never the intercept ``b``.

Shapes: ``w`` (n_features,), ``b`` a float, ``X`` (n_samples, n_features), ``y`` (n_samples,),
``alpha`` ≥ 0 a float. Return one float. Do not change the arrays you are given.

Check it with ``aieng check m03.loss``; stuck? ``aieng hint m03.loss``.
"""

import numpy as np


def ridge_loss(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, alpha: float) -> float:
    # TODO: what the model gets wrong, one number per sample
    # TODO: the loss above, as one float
    raise NotImplementedError("write ridge_loss")

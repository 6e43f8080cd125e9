"""Exercise m04.classification-metrics — accuracy, precision, recall and F1 from a confusion matrix.

``y_true`` and ``y_pred`` are arrays of 0/1 (shape (n_samples,), integers): what really
happened and what the model said, 1 = the positive class (a churner). Count the four cells of
the confusion matrix first,

    tp = predicted 1, truly 1      fp = predicted 1, truly 0
    fn = predicted 0, truly 1      tn = predicted 0, truly 0

then return ``(accuracy, precision, recall, f1)`` as four floats:

    accuracy  = (tp + tn) / n          precision = tp / (tp + fp)
    recall    = tp / (tp + fn)         f1        = 2 · precision · recall / (precision + recall)

When a denominator is 0 (no positive predicted, no positive present) that score is 0.0 — the
convention of the scores aieng puts on its leaderboard — and NumPy must not warn about 0/0.
Do not change the arrays.

Check it with ``aieng check m04.classification-metrics``; stuck? ``aieng hint``.
"""

import numpy as np


def classification_scores(
    y_true: np.ndarray, y_pred: np.ndarray
) -> tuple[float, float, float, float]:
    # TODO: the four counts tp, fp, fn, tn
    # TODO: the four scores, 0.0 where a denominator is 0
    raise NotImplementedError("write classification_scores")

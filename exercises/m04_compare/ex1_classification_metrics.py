"""Exercise m04.classification-metrics — accuracy, precision, recall and F1 from a confusion matrix.

``y_true`` and ``y_pred`` are arrays of 0/1 (shape (n_samples,), integers): what really
happened and what the model said, 1 = the positive class (a churner). Return
``(accuracy, precision, recall, f1)`` as four floats. Each answers one question about the four
cells of the confusion matrix (true and false positives, true and false negatives):

- accuracy: of all the rows, what share did the model get right?
- precision: of the rows it *flagged* as positive, what share really were?
- recall: of the rows that really *were* positive, what share did it flag?
- F1: one score that is high only when precision and recall both are (their harmonic mean).

When a score has nothing to count — no row flagged, no real positive, or precision and recall
both 0 for F1 — it is 0.0, the convention of the scores aieng puts on its leaderboard, and NumPy
must not warn about 0/0 (decide before dividing). Do not change the arrays.

Check it with ``aieng check m04.classification-metrics``; stuck? ``aieng hint``.
"""

import numpy as np


def classification_scores(
    y_true: np.ndarray, y_pred: np.ndarray
) -> tuple[float, float, float, float]:
    # TODO: the four counts tp, fp, fn, tn
    # TODO: the four scores, 0.0 where a denominator is 0
    raise NotImplementedError("write classification_scores")

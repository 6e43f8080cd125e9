"""Exercise m04.roc-auc — ROC-AUC as a ranking: how often a positive outscores a negative.

The area under the ROC curve has a meaning that needs no curve: pick one positive row and one
negative row at random; the AUC is the probability that the model gives the positive the higher
score (a tie counts half). Write ``roc_auc`` returning that share over *all* (positive,
negative) pairs:

    auc = (#pairs the positive wins + ½ · #tied pairs) / (n_positive · n_negative)

``y_true`` (n_samples,) holds 0/1 integers with both classes present; ``scores`` (n_samples,)
are floats, higher meaning "more likely positive" (they need not be probabilities). Return one
float. Only the order of the scores matters. Do not change the arrays.

Comparing every pair is O(n_pos · n_neg), fine here. Faster: sort by score, and the AUC is the
Mann–Whitney U statistic computed from the ranks (average ranks for ties).

Check it with ``aieng check m04.roc-auc``.
"""

import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    # TODO: the scores of the positives and of the negatives
    # TODO: compare every pair: wins count 1, ties ½; divide by the number of pairs
    raise NotImplementedError("write roc_auc")

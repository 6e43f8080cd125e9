"""Exercise m04.roc-auc — ROC-AUC as a ranking: how often a positive outscores a negative.

The area under the ROC curve has a meaning that needs no curve: pick one positive row and one
negative row at random; the AUC is the probability that the model gives the positive the higher
score, a tie counting half. Write ``roc_auc`` returning that probability, exactly, over *all*
(positive, negative) pairs.

``y_true`` (n_samples,) holds 0/1 integers with both classes present; ``scores`` (n_samples,)
are floats, higher meaning "more likely positive". They need not be probabilities: they may be
negative, above 1, or a billionth apart — only their order matters, so two scores are tied only
when they are equal. Return one float. Do not change the arrays.

Check it with ``aieng check m04.roc-auc``.
"""

import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    # TODO: the scores of the positives and of the negatives
    # TODO: compare every pair: wins count 1, ties ½; divide by the number of pairs
    raise NotImplementedError("write roc_auc")

# right: one confusion matrix from np.bincount, then every score from its four cells; F1 as
# 2·tp / (2·tp + fp + fn), which needs no precision or recall (and so no 0/0 of theirs)
import numpy as np


def classification_scores(y_true, y_pred):
    # cell 2·truth + prediction: 0 = tn, 1 = fp, 2 = fn, 3 = tp
    tn, fp, fn, tp = np.bincount(2 * y_true + y_pred, minlength=4).tolist()
    n = tn + fp + fn + tp
    accuracy = (tp + tn) / n
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp > 0 else 0.0
    return float(accuracy), float(precision), float(recall), float(f1)

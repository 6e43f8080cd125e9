# mistake: the curve drawn at 101 thresholds in [0, 1], as if the scores were probabilities:
# scores outside [0, 1], or two closer than 0.01, are never told apart
# fails: auc matches the reference
import numpy as np


def roc_auc(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    thresholds = np.linspace(1, 0, 101)
    tpr = np.array([np.mean(pos >= t) for t in thresholds])
    fpr = np.array([np.mean(neg >= t) for t in thresholds])
    tpr, fpr = np.concatenate([[0.0], tpr, [1.0]]), np.concatenate([[0.0], fpr, [1.0]])
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))

# right: sums in a plain loop, R² as 1 − (squared error) / (squared spread around the mean)
import math


def regression_scores(y_true, y_pred):
    truth, said = y_true.tolist(), y_pred.tolist()
    n = len(truth)
    mean = sum(truth) / n
    squared = sum((t - p) ** 2 for t, p in zip(truth, said, strict=True))
    absolute = sum(abs(t - p) for t, p in zip(truth, said, strict=True))
    spread = sum((t - mean) ** 2 for t in truth)
    return math.sqrt(squared / n), absolute / n, 1.0 - squared / spread

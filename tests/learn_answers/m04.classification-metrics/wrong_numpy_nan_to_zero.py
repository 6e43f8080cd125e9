# mistake: divides with NumPy and cleans up afterwards: the 0/0 still happens (and warns)
# fails: runs without numerical warnings
import numpy as np


def classification_scores(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    fn = np.sum((y_pred == 0) & (y_true == 1))
    accuracy = np.mean(y_pred == y_true)
    precision = np.nan_to_num(tp / (tp + fp))
    recall = np.nan_to_num(tp / (tp + fn))
    f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    return float(accuracy), float(precision), float(recall), float(f1)

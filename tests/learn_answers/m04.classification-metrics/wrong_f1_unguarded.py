# mistake: guards precision's and recall's 0/0 but not F1's: precision = recall = 0 divides 0 by 0
# fails: classification_scores() runs without error
import numpy as np


def classification_scores(y_true, y_pred):
    tp = int(np.sum((y_pred == 1) & (y_true == 1)))
    fp = int(np.sum((y_pred == 1) & (y_true == 0)))
    fn = int(np.sum((y_pred == 0) & (y_true == 1)))
    accuracy = float(np.mean(y_pred == y_true))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return accuracy, precision, recall, f1

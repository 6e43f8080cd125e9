# right: a plain loop over the rows, counting as one would on paper
def classification_scores(y_true, y_pred):
    tp = fp = fn = tn = 0
    for truth, said in zip(y_true.tolist(), y_pred.tolist(), strict=True):
        if said == 1 and truth == 1:
            tp += 1
        elif said == 1:
            fp += 1
        elif truth == 1:
            fn += 1
        else:
            tn += 1
    accuracy = (tp + tn) / len(y_true)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return accuracy, precision, recall, f1

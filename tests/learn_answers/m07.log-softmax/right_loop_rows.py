# right: row by row, each shifted by its own maximum, the maximum added back
import math

import numpy as np


def log_softmax(logits):
    result = np.empty(logits.shape)
    for i, row in enumerate(logits):
        top = max(row)
        total = sum(math.exp(v - top) for v in row)
        result[i] = row - (top + math.log(total))
    return result

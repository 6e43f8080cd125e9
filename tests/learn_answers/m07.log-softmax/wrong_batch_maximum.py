# mistake: shifts every row by the largest logit of the whole batch, not by its own
# fails: runs without numerical warnings
# on: two rows 2000 apart: shifting both by the batch's maximum empties the lower row
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max()
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))

"""Exercise m07.softmax-cross-entropy — the classifier's loss and where backprop starts.

A classifier's logits (n samples × k classes) become probabilities through softmax, and the
*cross-entropy* scores them: for each sample, minus the log of the probability it gave to the
true class. Certain and right costs 0; a probability of 1/2 on the truth costs ln 2; certain and
wrong has no ceiling. The loss of a batch is the mean over its samples, exactly what
``torch.nn.functional.cross_entropy`` computes.

Backprop starts here, with the loss's gradient with respect to every logit: which logits to
raise and which to lower, and by how much. The idea: work it through the chain rule once, for
softmax and the log together — the exponentials cancel, and what is left is strikingly simple:
what the model predicted against what was true. The mean over the batch shows in it, too.

Write ``softmax_cross_entropy`` taking ``logits`` (n, k) floats and ``labels`` (n,) integer
class indices from 0 to k − 1, and returning ``(loss, grad_logits)``: the loss as a float and
its gradient, a float array of shape (n, k). Both exact for any finite logits: a true class
2000 behind costs 2000, not infinity, and no NumPy warning. Do not change the inputs. (The
exercise m07.log-softmax is the first half of this one.) Check with
``aieng check m07.softmax-cross-entropy``.
"""

import numpy as np


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    # TODO: each sample's log-probability of its true class, then the loss
    # TODO: the gradient of that loss with respect to every logit
    raise NotImplementedError("write softmax_cross_entropy")

"""Exercise m04.bootstrap — bagging's bootstrap samples and the free test set they leave.

Bagging (a random forest is one) trains each of B models on a *bootstrap sample*: n rows drawn
from the n training rows **with replacement**. Some rows are drawn twice or more, and about a
third are never drawn: they are that model's **out-of-bag** rows, rows it has never seen.
Averaging, for each row, the predictions of only the models that did not see it gives a
held-out estimate of the bag's error without setting any rows aside.

The contract:

* ``samples`` (B, n) integers: row ``b`` holds the n row indices model b was trained on.
* ``preds`` (B, n) floats: model b's prediction for every row i of the data.
* ``y`` (n,) floats: the target. Do not change the arrays.

Return ``(weights, oob_pred, oob_mse)``:

* ``weights`` (B, n) floats: how many times model b drew row i (its sample weight in training:
  a row drawn twice counts twice);
* ``oob_pred`` (n,) floats: the mean prediction of the models that did not draw row i; a row
  that every model drew has no such model and gets 0.0 (as scikit-learn does);
* ``oob_mse`` a float: the mean squared error of ``oob_pred`` over the rows that at least one
  model left out (the others have no out-of-bag prediction to score). There always is one.

Check it with ``aieng check m04.bootstrap``; stuck? ``aieng hint m04.bootstrap``.
"""

import numpy as np


def out_of_bag(
    samples: np.ndarray, preds: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    # TODO: how many times each model drew each row
    # TODO: for each row, the mean prediction of the models that never drew it (0.0 if none)
    # TODO: the squared error over the rows that have an out-of-bag prediction
    raise NotImplementedError("write out_of_bag")

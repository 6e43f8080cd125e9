"""Month 3: the maths of machine learning, from scratch in NumPy and checked against sklearn.

Three estimators that follow scikit-learn's contract (``fit`` / ``predict`` / ``transform``,
learned attributes ending in ``_``) and agree with sklearn to stated tolerances:

* :class:`LinearRegression` — least squares and ridge by ``lstsq``, gradient descent or SGD;
* :class:`LogisticRegression` — binary, L2-penalised, by gradient descent;
* :class:`PCA` — eigendecomposition of the covariance matrix.

The losses and their hand-written gradients are plain functions (:func:`loss_and_gradient`,
:func:`log_loss_and_gradient`) so they can be read, plotted and checked on their own.

Month 4's lessons live beside them as plain functions, each checked against scikit-learn:
``trees`` (a decision tree's best split by Gini gain, one gradient-boosting step) and
``resampling`` (k-fold and stratified folds, the bootstrap and out-of-bag rows). They are the
references of the month-4 exercises; import them as ``aieng.scratch.trees`` and
``aieng.scratch.resampling``.
"""

from __future__ import annotations

from aieng.scratch._common import DivergenceError, InputDataError, ParameterError
from aieng.scratch.linear import LinearRegression, loss_and_gradient
from aieng.scratch.logistic import LogisticRegression, log_loss_and_gradient, sigmoid
from aieng.scratch.pca import PCA

__all__ = [
    "PCA",
    "DivergenceError",
    "InputDataError",
    "LinearRegression",
    "LogisticRegression",
    "ParameterError",
    "log_loss_and_gradient",
    "loss_and_gradient",
    "sigmoid",
]

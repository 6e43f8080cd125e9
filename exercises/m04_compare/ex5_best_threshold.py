"""Exercise m04.best-threshold — the decision threshold worth the most money.

A churn model gives each customer a probability ``proba`` (n,) of leaving; ``y`` (n,) (0/1
integers) says who really left. Customers with ``proba >= threshold`` get a retention offer,
which costs ``offer_cost`` each; a churner who gets it stays with probability ``success_rate``,
and keeping them is worth ``saved_value``. A threshold's value is the expected money its
offers make, relative to contacting nobody.

Try the 101 thresholds 0.00, 0.01, …, 1.00, exactly as ``np.round(np.linspace(0, 1, 101), 2)``
gives them (a probability of exactly 0.7 is contacted at the threshold 0.70), and return
``(threshold, value_per_customer)`` of the most valuable as two floats, where
value_per_customer is its value divided by n, all the customers. If several thresholds are worth
the same, return the lowest of them. Do not change the arrays.

Check it with ``aieng check m04.best-threshold``.
"""

import numpy as np


def best_threshold(
    y: np.ndarray,
    proba: np.ndarray,
    offer_cost: float,
    saved_value: float,
    success_rate: float,
) -> tuple[float, float]:
    # TODO: the gain of contacting each customer
    # TODO: the total value at each of the 101 thresholds
    # TODO: the best threshold (the lowest of equals) and its value per customer
    raise NotImplementedError("write best_threshold")

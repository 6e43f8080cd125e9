"""Exercise m04.best-threshold — the decision threshold worth the most money.

A churn model gives each customer a probability ``proba`` (n,) of leaving; ``y`` (n,) (0/1
integers) says who really left. Customers with ``proba >= threshold`` get a retention offer.
Relative to contacting nobody, contacting customer i is worth

    gain_i = y_i · success_rate · saved_value − offer_cost

(a churner is kept with probability ``success_rate``; every offer costs ``offer_cost``). Try
the 101 thresholds 0.00, 0.01, …, 1.00 (``np.round(np.linspace(0, 1, 101), 2)``), compute the
total value of each (the sum of the gains of the customers contacted), and return
``(threshold, value_per_customer)`` of the best one as two floats, where
value_per_customer = total value / n. If several thresholds are worth the same, return the
lowest of them. Do not change the arrays.

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

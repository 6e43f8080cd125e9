"""Exercise m02.credible-interval — how sure are we of a rate measured on a few rows?

7 churners among 20 customers is a rate of 35 %, but the true rate of customers like them
could easily be 20 % or 55 %. Bayes' rule says how sure we may be. Put a Beta(a0, b0) prior on
the rate; after ``positives`` successes in ``rows`` trials (a Binomial likelihood) the
posterior is again a Beta distribution:

    Beta(a0 + positives, b0 + rows - positives)

Use Jeffreys' prior, a0 = b0 = 0.5 (it barely moves the data, and unlike a uniform prior it
does not depend on how the rate is parametrized). The equal-tailed credible interval at
``level`` (0.95 say) runs from the posterior's (1 - level)/2 quantile to its (1 + level)/2
quantile: the true rate lies inside with that probability, given the data and the prior.
``scipy.stats.beta.ppf(q, a, b)`` gives a quantile.

``positives`` and ``rows`` are ints, 0 ≤ positives ≤ rows, rows ≥ 1; ``level`` in (0, 1).
Return ``(low, high)``, two floats.

Check it with ``aieng check m02.credible-interval``; stuck? ``aieng hint m02.credible-interval``.
"""

from scipy import stats


def credible_interval(positives: int, rows: int, level: float) -> tuple[float, float]:
    # TODO: the posterior's parameters a and b (Jeffreys' prior: 0.5 and 0.5)
    # TODO: its (1 - level) / 2 and (1 + level) / 2 quantiles with stats.beta.ppf
    raise NotImplementedError("write credible_interval")

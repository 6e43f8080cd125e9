"""Exercise m02.credible-interval — how sure are we of a rate measured on a few rows?

7 churners among 20 customers is a rate of 35 %, but the true rate of customers like them
could easily be 20 % or 55 %. Bayes' rule says how sure we may be. Put a Beta prior on the
rate: its two parameters act like successes and failures seen before any data. The Beta is
*conjugate* to the Binomial likelihood, so after ``positives`` successes in ``rows`` trials the
posterior is again a Beta distribution, whose parameters add the data's counts to the prior's.

- The prior is Jeffreys', with both parameters 0.5 (it barely moves the data, and unlike the
  uniform Beta(1, 1) it does not depend on how the rate is parametrized).
- The credible interval at ``level`` (0.95 say) is the *equal-tailed* one: as much of the
  posterior's probability lies below it as above it, (1 - level)/2 on each side. Given the data
  and the prior, the true rate lies inside with probability ``level``.
- 0 of 10 still has an interval of some width: its low end is a quantile, not 0.

``scipy.stats.beta.ppf(q, a, b)`` gives the quantile of Beta(a, b) at ``q``.

``positives`` and ``rows`` are ints, 0 ≤ positives ≤ rows, rows ≥ 1; ``level`` in (0, 1).
Return ``(low, high)``, two floats.

Check it with ``aieng check m02.credible-interval``; stuck? ``aieng hint m02.credible-interval``.
"""

from scipy import stats


def credible_interval(positives: int, rows: int, level: float) -> tuple[float, float]:
    # TODO: the posterior's parameters a and b (Jeffreys' prior plus the data's counts)
    # TODO: the two quantiles that leave (1 - level) / 2 of the posterior on each side
    raise NotImplementedError("write credible_interval")

"""The statistics of ``aieng explore`` held to references: SciPy, scikit-learn, hand computations.

Each test states its tolerance: 1e-12 where the same formula is computed two ways, Monte Carlo
tolerances from the number of draws (the standard error of a quantile of 20,000 draws of a rate
near 0.25 with sd 0.07 is ~0.001; we allow 5 of them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from scipy.stats.contingency import association
from sklearn.linear_model import LinearRegression

from aieng.explore.analysis import explore
from aieng.explore.associations import (
    contingency_table,
    correlation_ratio,
    cramers_v,
    pearson,
    spearman,
)
from aieng.explore.bias import (
    GroupRate,
    beta_posterior,
    credible_interval,
    disparity,
    group_rates,
)
from aieng.explore.profile import numeric_stats

# ---------------------------------------------------------------- correlations


def test_pearson_and_spearman_match_scipy_with_gaps() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=300)
    y = np.exp(x) + rng.normal(scale=0.5, size=300)  # monotone but curved: ρ > r
    y[::17] = np.nan
    x[::23] = np.nan
    keep = ~(np.isnan(x) | np.isnan(y))
    assert pearson(x, y) == pytest.approx(stats.pearsonr(x[keep], y[keep])[0], abs=1e-12)
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x[keep], y[keep])[0], abs=1e-12)
    assert spearman(x, y) > pearson(x, y)


def test_correlation_of_a_constant_is_undefined_not_a_crash() -> None:
    assert np.isnan(pearson(np.ones(10), np.arange(10.0)))


def test_plain_cramers_v_matches_scipy() -> None:
    rng = np.random.default_rng(1)
    a = rng.integers(0, 3, 500)
    b = (a + rng.integers(0, 2, 500)) % 4  # associated with a
    table = contingency_table(a, b)
    expected = association(table.astype(int), method="cramer", correction=False)
    assert cramers_v(table, bias_correction=False) == pytest.approx(expected, abs=1e-12)


def test_bias_corrected_cramers_v_matches_a_hand_computation() -> None:
    table = np.array([[30.0, 10.0, 20.0], [10.0, 25.0, 5.0]])  # 2 × 3, n = 100
    n, r, k = 100, 2, 3
    rows, cols = table.sum(1), table.sum(0)
    chi2 = sum(
        (table[i, j] - rows[i] * cols[j] / n) ** 2 / (rows[i] * cols[j] / n)
        for i in range(r)
        for j in range(k)
    )
    phi2 = max(0.0, chi2 / n - (r - 1) * (k - 1) / (n - 1))
    r_c, k_c = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    hand = np.sqrt(phi2 / min(r_c - 1, k_c - 1))
    assert cramers_v(table) == pytest.approx(hand, abs=1e-12)
    assert cramers_v(table) < cramers_v(table, bias_correction=False)  # the correction shrinks


def test_bias_correction_removes_the_small_sample_inflation() -> None:
    # Two independent 10-level columns of 100 rows: the plain V is far from 0, the corrected is not.
    rng = np.random.default_rng(2)
    plain, corrected = [], []
    for _ in range(50):
        table = contingency_table(rng.integers(0, 10, 100), rng.integers(0, 10, 100))
        plain.append(cramers_v(table, bias_correction=False))
        corrected.append(cramers_v(table))
    assert np.mean(plain) > 0.25
    assert np.mean(corrected) < 0.08


def test_correlation_ratio_known_answers() -> None:
    groups = np.repeat([0, 1, 2], 4)
    assert correlation_ratio(groups, groups * 10.0) == pytest.approx(1.0)  # the group decides
    same_means = np.tile([1.0, 2.0, 3.0, 4.0], 3)  # every group has mean 2.5
    assert correlation_ratio(groups, same_means) == pytest.approx(0.0, abs=1e-12)


def test_correlation_ratio_squared_is_the_r2_of_the_group_means() -> None:
    rng = np.random.default_rng(3)
    groups = rng.integers(0, 4, 400)
    y = groups * 0.7 + rng.normal(size=400)
    onehot = np.eye(4)[groups]
    r2 = LinearRegression().fit(onehot, y).score(onehot, y)
    assert correlation_ratio(groups, y) ** 2 == pytest.approx(r2, abs=1e-10)


def test_skew_and_outliers_match_pandas_and_tukey() -> None:
    rng = np.random.default_rng(4)
    x = pd.Series(rng.exponential(size=1000))
    s = numeric_stats(x)
    assert s.skew == pytest.approx(float(x.skew()), abs=1e-10)
    assert s.kurtosis == pytest.approx(float(x.kurt()), abs=1e-10)
    q1, q3 = x.quantile([0.25, 0.75])
    fence = q3 + 1.5 * (q3 - q1)
    assert s.n_outliers == int((x > fence).sum() + (x < q1 - 1.5 * (q3 - q1)).sum())


# ---------------------------------------------------------------- Bayesian rates


@pytest.mark.parametrize(("prior", "a0"), [("jeffreys", 0.5), ("uniform", 1.0)])
def test_beta_posterior_and_interval_match_scipy(prior: str, a0: float) -> None:
    a, b = beta_posterior(10, 40, prior)  # type: ignore[arg-type]
    assert (a, b) == (a0 + 10, a0 + 30)
    assert_allclose(credible_interval(a, b), stats.beta.interval(0.95, a, b), atol=1e-12)


def test_posterior_draws_reproduce_the_interval() -> None:
    (group,) = group_rates(pd.Series(["g"] * 200), pd.Series([1.0] * 50 + [0.0] * 150), binary=True)
    draws = group.draw(np.random.default_rng(0), 20_000)
    assert_allclose(np.quantile(draws, [0.025, 0.975]), [group.low, group.high], atol=0.005)
    assert group.observed == 0.25
    assert group.posterior_mean == pytest.approx(50.5 / 201)


def test_disparity_interval_agrees_with_the_normal_approximation_for_large_groups() -> None:
    labels = pd.Series(["a"] * 4000 + ["b"] * 6000)
    outcome = pd.Series([1.0] * 1600 + [0.0] * 2400 + [1.0] * 1200 + [0.0] * 4800)  # 40% vs 20%
    d = disparity(group_rates(labels, outcome, binary=True), seed=0)
    assert d is not None and d.high.group == "a" and d.low.group == "b"
    se = np.sqrt(0.4 * 0.6 / 4000 + 0.2 * 0.8 / 6000)
    assert d.difference == pytest.approx(0.2, abs=0.002)
    assert_allclose(d.difference_interval, [0.2 - 1.96 * se, 0.2 + 1.96 * se], atol=0.003)
    assert d.ratio == pytest.approx(2.0, abs=0.03)
    assert d.prob_higher > 0.999


def test_numeric_target_groups_use_the_student_t_posterior() -> None:
    y = pd.Series([3.0, 5.0, 4.0, 6.0, 7.0, 5.5])
    (group,) = group_rates(pd.Series(["g"] * 6), y, binary=False)
    expected = stats.t.interval(0.95, 5, loc=y.mean(), scale=y.std(ddof=1) / np.sqrt(6))
    assert_allclose([group.low, group.high], expected, atol=1e-12)
    assert isinstance(group, GroupRate)


# ---------------------------------------------------------------- target


def test_mutual_information_ranks_the_informative_feature_first() -> None:
    rng = np.random.default_rng(5)
    n = 2000
    signal = rng.choice(["a", "b", "c"], n)
    y = np.where(signal == "a", rng.random(n) < 0.8, rng.random(n) < 0.1)
    frame = pd.DataFrame(
        {"signal": signal, "noise": rng.normal(size=n), "y": np.where(y, "yes", "no")}
    )
    ex = explore(frame, target="y", seed=0)
    assert list(ex.mutual_information.index) == ["signal", "noise"]
    assert ex.mutual_information["signal"] > 10 * max(ex.mutual_information["noise"], 1e-3)

"""Code tests for ``aieng.supervised``: config, features, target checks, the t-test, thresholds.

Everything runs on small synthetic tables in seconds; the real data is in tests/model and
tests/e2e.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from sklearn.model_selection import StratifiedKFold, cross_val_score

from aieng.errors import ConfigError, DataError, InputFileError, NotFoundError
from aieng.supervised import CompareConfig, compare, load_config
from aieng.supervised.candidates import make_estimator
from aieng.supervised.config import BusinessCase, config_from_mapping
from aieng.supervised.evaluate import corrected_ttest, leaderboard
from aieng.supervised.features import ChurnFeatures, build_pipeline, select_features
from aieng.supervised.report import build_report
from aieng.supervised.screen import ScreenColumns, screen_scores
from aieng.supervised.target import prepare_target
from aieng.supervised.threshold import choose_threshold, value_curve

FAST = CompareConfig(
    candidates=("dummy", "linear", "tree"),
    folds=3,
    repeats=1,
    tree_depths=(1, 2, 3),
    learning_curve_points=2,
    permutation_repeats=2,
)


def churn_like(n: int = 240, seed: int = 0) -> pd.DataFrame:
    """A small table with a learnable yes/no target, a category, a gap and junk columns."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    plan = rng.choice(["basic", "plus", "pro"], size=n)
    score = 1.5 * x + (plan == "pro") - 0.5
    frame = pd.DataFrame(
        {
            "x": x,
            "noise": rng.normal(size=n),
            "plan": pd.Categorical(plan),
            "constant": 7,
            "empty": np.nan,
            "flag": rng.random(n) < 0.5,
            "label": np.where(rng.random(n) < 1 / (1 + np.exp(-score)), "yes", "no"),
        }
    )
    frame.loc[:10, "x"] = np.nan  # a gap the imputer must fill inside each fold
    return frame


# ---------------------------------------------------------------- config


def test_config_from_toml_overrides_and_nests(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('folds = 3\ncandidates = ["dummy", "lightgbm"]\n[business]\noffer_cost = 10\n')
    cfg = load_config(path)
    assert cfg.folds == 3 and cfg.candidates == ("dummy", "lightgbm")
    assert cfg.business == BusinessCase(offer_cost=10.0)


def test_config_refuses_unknown_keys_with_a_suggestion() -> None:
    with pytest.raises(ConfigError, match="unknown config key 'fold'") as info:
        config_from_mapping({"fold": 3})
    assert "Did you mean 'folds'?" in info.value.hint
    with pytest.raises(ConfigError, match="unknown business key 'offer'"):
        config_from_mapping({"business": {"offer": 3}})


def test_config_refuses_unknown_model_and_bad_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown model 'lgbm' in candidates") as info:
        config_from_mapping({"candidates": ["dummy", "lgbm"]})
    assert "Did you mean 'lightgbm'?" in info.value.hint
    with pytest.raises(ConfigError, match="folds must be at least 2, got 1"):
        CompareConfig(folds=1)
    with pytest.raises(ConfigError, match=r"config: bad value for 'folds': .* \(got 'many'\)"):
        config_from_mapping({"folds": "many"})
    with pytest.raises(ConfigError, match="success_rate must be in"):
        config_from_mapping({"business": {"success_rate": 1.5}})
    bad = tmp_path / "bad.toml"
    bad.write_text("folds = = 3\n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(bad)
    with pytest.raises(InputFileError, match="no such config file"):
        load_config(tmp_path / "missing.toml")


# ---------------------------------------------------------------- features and target


def test_select_features_drops_useless_columns_with_notes_and_keeps_input() -> None:
    frame = churn_like()
    frame["id"] = [f"c{i}" for i in range(len(frame))]
    before = frame.copy()
    X, notes = select_features(frame, target="label", drop=("noise",))
    assert list(X.columns) == ["x", "plan", "flag"]
    text = " ".join(notes)
    assert "as configured): noise" in text
    assert "'constant': the same value" in text and "'empty': every value is missing" in text
    assert "'id': a different text on every row" in text
    pd.testing.assert_frame_equal(frame, before)  # the input is never modified
    assert X["flag"].dtype == "float64" and X["plan"].dtype == object


def test_churn_features_are_computed_per_row() -> None:
    frame = pd.DataFrame(
        {
            "tenure": [0, 10, 4],
            "monthly_charges": [20.0, 50.0, 30.0],
            "total_charges": [np.nan, 400.0, 120.0],
            "phone_service": [1.0, 1.0, 0.0],
            "multiple_lines": ["No", "Yes", "No phone service"],
            **{
                c: ["Yes", "No", "No internet service"]
                for c in (
                    "online_security",
                    "online_backup",
                    "device_protection",
                    "tech_support",
                    "streaming_tv",
                    "streaming_movies",
                )
            },
        }
    )
    out = ChurnFeatures().fit(frame).transform(frame)
    assert_allclose(out["charges_per_month"], [0.0, 40.0, 30.0])
    assert_allclose(out["charge_increase"], [0.0, 10.0, 0.0])  # 50 now against 40 on average
    assert_allclose(out["n_services"], [7.0, 2.0, 0.0])
    assert "charges_per_month" not in frame.columns
    with pytest.raises(ValueError, match="ChurnFeatures needs the columns"):
        ChurnFeatures().fit(frame.drop(columns=["tenure"]))


def test_pipeline_learns_imputation_on_training_rows_only() -> None:
    # The median used to fill a gap must come from the rows passed to fit, not from all rows.
    train = pd.DataFrame({"a": [1.0, 2.0, 3.0, np.nan]})
    test = pd.DataFrame({"a": [np.nan, 100.0]})
    pipe = build_pipeline(make_estimator("linear", "regression", seed=0), domain=False)
    pipe.fit(train, [1.0, 2.0, 3.0, 2.0])
    imputer = pipe.named_steps["prep"].named_transformers_["num"].named_steps["impute"]
    assert imputer.statistics_.tolist() == [2.0]
    assert np.isfinite(pipe.predict(test)).all()


def test_target_errors_name_what_was_received() -> None:
    frame = churn_like()
    with pytest.raises(NotFoundError, match="unknown target column 'lable'") as info:
        prepare_target(frame, "lable", task=None, positive_class=None)
    assert "Did you mean 'label'?" in info.value.hint and "The columns are: x" in info.value.hint
    one = frame.assign(label="yes")
    with pytest.raises(DataError, match="has a single class \\('yes' on all 240 rows\\)"):
        prepare_target(one, "label", task=None, positive_class=None)
    with pytest.raises(DataError, match="regression needs a numeric target, but 'label'") as e:
        prepare_target(frame, "label", task="regression", positive_class=None)
    assert "--task classification" in e.value.hint
    with pytest.raises(DataError, match="'plan' has 3 classes"):
        prepare_target(frame, "plan", task=None, positive_class=None)
    with pytest.raises(DataError, match="unknown positive class 'Yes'"):
        prepare_target(frame, "label", task=None, positive_class="Yes")


def test_target_infers_task_and_positive_class() -> None:
    frame = churn_like().assign(amount=lambda f: f["x"] * 3.0)
    frame.loc[0, "label"] = None
    t = prepare_target(frame, "label", task=None, positive_class=None)
    assert t.task == "classification" and len(t.y) == 239
    assert t.positive_class == t.y.map({1: "yes", 0: "no"}).value_counts().idxmin()
    assert any("1 rows without a value" in n for n in t.notes)
    assert prepare_target(frame, "amount", task=None, positive_class=None).task == "regression"


def test_class_too_small_for_the_folds() -> None:
    frame = churn_like()
    frame["label"] = "no"
    frame.loc[:5, "label"] = "yes"  # 6 rows: 4 or 5 stay in training, fewer than 10 folds
    cfg = CompareConfig(candidates=("dummy",), folds=10, repeats=1)
    with pytest.raises(DataError, match=r"class 'yes' of the target 'label' has only \d rows in"):
        compare(frame, target="label", config=cfg)
    frame.loc[1:, "label"] = "no"  # a single 'yes' cannot be split into train and test
    with pytest.raises(DataError, match="has only 1 rows in all") as info:
        compare(frame, target="label", config=cfg)
    assert "lower --folds" in info.value.hint


def test_no_feature_left() -> None:
    frame = pd.DataFrame({"c": [1] * 30, "y": [0.0, 1.0, 2.0] * 10})
    with pytest.raises(DataError, match="no feature column is left to predict 'y'"):
        compare(frame, target="y", config=FAST)


# ---------------------------------------------------------------- statistics


def test_corrected_ttest_matches_a_hand_computation() -> None:
    d = [0.01, 0.02, -0.005, 0.015, 0.01]
    # mean 0.01; s² = (0 + 1e-4 + 2.25e-4 + 2.5e-5 + 0) / 4 = 8.75e-5;
    # corrected variance (1/5 + 20/80) · 8.75e-5 = 3.9375e-5; t = 0.01 / 6.2750e-3 = 1.5936.
    t, p, df = corrected_ttest(d, n_train=80, n_test=20)
    assert df == 4
    assert t == pytest.approx(1.5936, abs=1e-4)
    assert p == pytest.approx(2 * stats.t.sf(1.5936, 4), abs=1e-4)
    # Without the correction term it is the ordinary one-sample t-test, which is more confident.
    t0, p0, _ = corrected_ttest(d, n_train=80, n_test=0)
    ref = stats.ttest_1samp(d, 0.0)
    assert t0 == pytest.approx(ref.statistic) and p0 == pytest.approx(ref.pvalue)
    assert p0 < p
    assert corrected_ttest([0.0, 0.0, 0.0], n_train=8, n_test=2) == (0.0, 1.0, 2)
    assert corrected_ttest([0.1, 0.1], n_train=8, n_test=2)[:2] == (math.inf, 0.0)


def test_leaderboard_ranks_and_measures_the_gap() -> None:
    rows = []
    for model, valid, train in (("a", [0.7, 0.8], 0.9), ("b", [0.85, 0.95], 1.0)):
        for fold, v in enumerate(valid):
            rows.append(
                {
                    "model": model,
                    "fold": fold,
                    "metric": "rmse",
                    "train": train,
                    "valid": v,
                    "fit_time": 0.1,
                }
            )
    board = leaderboard(pd.DataFrame(rows), task="regression")
    assert board["model"].tolist() == ["a", "b"]  # lower RMSE first
    assert_allclose(board["rmse"], [0.75, 0.9])
    assert_allclose(board["gap"], [0.9 - 0.75, 1.0 - 0.9])
    assert_allclose(board["rmse_std"], [np.std([0.7, 0.8], ddof=1)] * 2)


def test_value_curve_and_threshold_choice() -> None:
    case = BusinessCase(offer_cost=10.0, saved_value=100.0, success_rate=0.5)  # break-even 0.2
    y = np.array([1, 0, 1, 0])
    proba = np.array([0.9, 0.6, 0.3, 0.1])
    curve = value_curve(y, proba, case, thresholds=np.array([0.0, 0.5, 0.95]))
    # contact all: 2 × (50 − 10) − 2 × 10 = 60; at 0.5: (50 − 10) − 10 = 30; nobody: 0.
    assert_allclose(curve["value"], [60.0, 30.0, 0.0])
    assert_allclose(curve["contacted"], [1.0, 0.5, 0.0])
    choice = choose_threshold(y, proba, y, proba, case)
    assert choice.threshold == pytest.approx(0.11)  # skip the 0.1 non-churner, keep the rest
    assert choice.test_value == pytest.approx((40.0 - 10.0 + 40.0) / 4)
    assert choice.break_even == pytest.approx(0.2)


# ---------------------------------------------------------------- the comparison end to end


@pytest.mark.slow
def test_compare_small_classification_and_report() -> None:
    frame = churn_like()
    result = compare(frame, target="label", config=FAST)
    board = result.leaderboard
    assert set(board["model"]) == {
        "dummy (class prior)",
        "logistic regression (sklearn)",
        "decision tree",
    }
    assert board.loc[board["model"] == "dummy (class prior)", "roc_auc"].item() == 0.5
    assert result.winner == "logistic regression (sklearn)"  # the truth is logistic in x
    assert result.test_scores["roc_auc"] > 0.7
    assert result.top_two is not None and result.top_two.a == result.winner
    assert result.threshold is not None
    assert any("'constant'" in n for n in result.notes)
    assert len(result.scores) == 3 * 3 * 7  # models × folds × metrics
    html = build_report(result).render()
    assert html.count('src="data:image/png;base64,') >= 9
    assert "corrected resampled t-test" in html and "threshold" in html


def test_compare_regression_with_scratch_model() -> None:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"a": rng.normal(size=150), "b": rng.choice(["u", "v"], size=150)})
    frame["y"] = 3 * frame["a"] + (frame["b"] == "v") * 2 + rng.normal(scale=0.3, size=150)
    cfg = CompareConfig(
        candidates=("dummy", "linear", "scratch_linear"),
        folds=3,
        repeats=1,
        tree_depths=(1, 2),
        learning_curve_points=2,
        permutation_repeats=2,
    )
    result = compare(frame, target="y", config=cfg)
    board = result.leaderboard.set_index("model")
    # Our closed form and sklearn solve the same least-squares problem on the same folds.
    assert board.loc["linear regression (ours, month 3)", "rmse"] == pytest.approx(
        board.loc["linear regression (sklearn)", "rmse"], rel=1e-6
    )
    assert result.test_scores["r2"] > 0.9
    assert result.threshold is None and result.importance["feature"].iloc[0] == "a"


@pytest.mark.slow
def test_same_seed_same_leaderboard_other_seed_other_folds() -> None:
    frame = churn_like()
    cfg = CompareConfig(
        candidates=("dummy", "tree", "lightgbm"),
        folds=3,
        repeats=1,
        tree_depths=(2,),
        learning_curve_points=2,
        permutation_repeats=1,
    )
    first = compare(frame, target="label", config=cfg).leaderboard.drop(columns="fit_time")
    again = compare(frame, target="label", config=cfg).leaderboard.drop(columns="fit_time")
    pd.testing.assert_frame_equal(first, again)
    other = compare(frame, target="label", config=CompareConfig(**{**vars(cfg), "seed": 1}))
    assert not np.allclose(first["roc_auc"], other.leaderboard.drop(columns="fit_time")["roc_auc"])


# ---------------------------------------------------------------- wide tables: the screen


def wide_table(n_features: int, rows: int = 40, seed: int = 0) -> pd.DataFrame:
    """``n_features`` columns of noise but two: ``x0`` (a number) and ``plan`` decide ``label``."""
    rng = np.random.default_rng(seed)
    data: dict[str, object] = {f"x{j}": rng.normal(size=rows) for j in range(n_features - 1)}
    plan = rng.choice(["basic", "pro"], size=rows)
    data["plan"] = plan
    data["label"] = np.where(np.asarray(data["x0"]) + (plan == "pro") > 0.5, "yes", "no")
    return pd.DataFrame(data)


WIDE = CompareConfig(
    candidates=("dummy", "linear"),
    folds=3,
    repeats=1,
    tree_depths=(1, 2),
    learning_curve_points=2,
    permutation_repeats=2,
)


@pytest.mark.slow
def test_wide_table_is_screened_inside_every_fit_and_says_so() -> None:
    result = compare(wide_table(3_000), target="label", config=WIDE)
    assert result.screen == 100 and len(result.features) == 3_000
    # Every model sees 100 columns, not 3,000: the bounded work really is bounded.
    screen = result.pipeline.named_steps["screen"]
    assert len(screen.columns_) == 100 and "x0" in screen.columns_
    assert len(result.importance) == 100  # shuffled: the kept columns only
    assert set(result.importance["feature"]) == set(screen.columns_)
    said = (
        "Wide table: 3,000 feature columns. Each model sees only the 100 that best predict the "
        "target on their own (adjusted R²), chosen again inside every fold from that fold's "
        "training rows; set max_features in a config file to change 100."
    )
    assert said in result.notes
    assert any(
        n.startswith("As many columns as training rows or more (100 for 32)") for n in result.notes
    )
    html = build_report(result).render()
    assert "Only the 100 columns the winner kept" in html and "and 2,950 more." in html


@pytest.mark.parametrize(("n_features", "screened"), [(5, False), (6, True)])
def test_screen_boundary(n_features: int, screened: bool) -> None:
    config = CompareConfig(**{**vars(WIDE), "max_features": 5})
    result = compare(wide_table(n_features, rows=60), target="label", config=config)
    assert ("screen" in result.pipeline.named_steps) is screened
    assert result.screen == (5 if screened else 0)
    assert any(n.startswith("Wide table:") for n in result.notes) is screened
    assert len(result.importance) == 5


def test_screen_scores_are_adjusted_r_squared_of_one_column() -> None:
    rng = np.random.default_rng(3)
    n = 50
    X = pd.DataFrame(
        {
            "num": rng.normal(size=n),
            "cat": rng.choice(["a", "b", "c"], size=n).astype(object),
            "flat": np.ones(n),
        }
    )
    y = X["num"].to_numpy() + (X["cat"] == "b") + rng.normal(size=n)
    X.loc[:4, "num"] = np.nan  # filled with the median, as the Pipeline's imputer does
    X.loc[:2, "cat"] = np.nan  # its own level
    scores = screen_scores(X, y)
    num = X["num"].fillna(X["num"].median()).to_numpy()
    r2 = np.corrcoef(num, y)[0, 1] ** 2
    assert scores["num"] == pytest.approx(1 - (1 - r2) * (n - 1) / (n - 2))
    levels = X["cat"].fillna("(missing)")
    eta2 = y.groupby(levels).transform("mean").var(ddof=0) / y.var(ddof=0)
    assert scores["cat"] == pytest.approx(1 - (1 - eta2) * (n - 1) / (n - 3 - 1))
    assert scores["flat"] == -np.inf  # constant: cannot be scored, ranked last


def test_screen_keeps_the_k_best_and_the_forced_columns() -> None:
    frame = wide_table(50, rows=80)
    X, y = frame.drop(columns="label"), (frame["label"] == "yes").astype(int)
    screen = ScreenColumns(k=3, keep=("x9",)).fit(X, y)
    assert len(screen.columns_) == 3 and "x9" in screen.columns_
    assert {"x0", "plan"} <= set(screen.columns_)  # the two that decide the label
    assert list(screen.transform(X).columns) == screen.columns_


def test_screen_inside_the_folds_does_not_find_signal_in_noise() -> None:
    # 40 rows, 2,000 columns of pure noise. Screening once on all rows, then cross-validating,
    # finds "signal" by chance; the screen inside the Pipeline is refitted per fold and does not.
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(40, 2_000))).add_prefix("x")
    y = pd.Series(np.tile([0, 1], 20))
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    model = make_estimator("linear", "classification", seed=0)
    inside = build_pipeline(model, domain=False, screen=20)
    honest = cross_val_score(inside, X, y, cv=cv, scoring="roc_auc").mean()
    kept = ScreenColumns(k=20).fit(X, y).columns_
    leaky = cross_val_score(
        build_pipeline(model, domain=False), X[kept], y, cv=cv, scoring="roc_auc"
    )
    assert honest < 0.7 < 0.95 < leaky.mean()


def test_too_few_rows_for_the_folds() -> None:
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "y": [1.0, 3.0, 2.0, 5.0, 4.0, 6.0]})
    with pytest.raises(DataError, match="only 4 rows for training: too few for 3-fold") as info:
        compare(frame, target="y", config=FAST)
    assert "lower --folds (to at most 2)" in info.value.hint

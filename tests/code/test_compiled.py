"""The compiled scorer (aieng.serve.compiled) against the scikit-learn Pipeline it was read from.

Tolerance: 1e-9 in probability (the service's own check), on held-out churn customers the
Pipelines never saw, also with gaps and unknown categories, for every kind of model head.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder

from aieng.datasets import load
from aieng.serve.compiled import (
    TOLERANCE,
    LinearHead,
    ModelHead,
    NotCompilable,
    compile_pipeline,
    verify,
)
from aieng.serve.model import compile_scoring, contract_rows, load_dir
from aieng.serve.schema import RecordParser, record_model
from aieng.supervised.features import ChurnFeatures, build_pipeline, churn_features, select_features


@pytest.fixture(scope="module")
def churn() -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Training features and labels, and 2,000 held-out customers."""
    frame = load("telco_churn")
    X, _ = select_features(frame, target="churn", drop=["female", "senior_citizen"])
    y = (frame["churn"] == "Yes").to_numpy()
    return X.iloc[:5000], y[:5000], X.iloc[5000:].reset_index(drop=True)


def _columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    return {name: frame[name].to_numpy() for name in frame.columns}


def _damaged(frame: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """``frame`` with 15 % of every column missing and some categories never seen in training."""
    rng = np.random.default_rng(seed)
    out = frame.copy()
    for name in out.columns:
        gaps = rng.random(len(out)) < 0.15
        out.loc[gaps, name] = np.nan
        if out[name].dtype == object:
            unseen = rng.random(len(out)) < 0.05
            out.loc[unseen, name] = "a level never seen"
    return out


MODELS = {
    "logistic": lambda: LogisticRegression(max_iter=2000),
    "hist_gradient_boosting": lambda: HistGradientBoostingClassifier(max_iter=50, random_state=0),
    "forest": lambda: RandomForestClassifier(n_estimators=30, random_state=0),
}


@pytest.mark.parametrize("domain", [True, False])
@pytest.mark.parametrize("kind", sorted(MODELS))
def test_compiled_gives_the_pipelines_probabilities(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame], kind: str, domain: bool
) -> None:
    X, y, held_out = churn
    pipeline = build_pipeline(MODELS[kind](), domain=domain).fit(X, y)
    compiled = compile_pipeline(pipeline)
    assert [name for name, _ in compiled.prelude] == (["ChurnFeatures"] if domain else [])
    assert isinstance(compiled.head, LinearHead if kind == "logistic" else ModelHead)
    expected = pipeline.predict_proba(held_out)[:, 1]
    got = compiled.probabilities(_columns(held_out))
    assert got.shape == (len(held_out),)
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)
    assert verify(compiled, pipeline, _columns(held_out)) <= TOLERANCE


@pytest.mark.filterwarnings("ignore:Found unknown categories")
def test_gaps_and_unknown_categories_are_handled_as_the_pipeline_does(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame],
) -> None:
    X, y, held_out = churn
    pipeline = build_pipeline(LogisticRegression(max_iter=2000), domain=True).fit(X, y)
    damaged = _damaged(held_out)
    assert damaged.isna().to_numpy().mean() > 0.1  # the test really has gaps
    worst = verify(compile_pipeline(pipeline), pipeline, _columns(damaged))
    assert worst <= TOLERANCE


def test_one_row_and_inputs_left_unchanged(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame],
) -> None:
    X, y, held_out = churn
    pipeline = build_pipeline(LogisticRegression(max_iter=2000), domain=True).fit(X, y)
    columns = _columns(held_out.iloc[:1])
    before = {k: v.copy() for k, v in columns.items()}
    p = compile_pipeline(pipeline).probabilities(columns)
    assert p[0] == pytest.approx(pipeline.predict_proba(held_out.iloc[:1])[0, 1], abs=TOLERANCE)
    for name, values in before.items():
        pd.testing.assert_series_equal(pd.Series(columns[name]), pd.Series(values))


def test_churn_features_are_the_same_on_arrays_and_on_a_frame(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame],
) -> None:
    held_out = _damaged(churn[2])
    from_frame = ChurnFeatures().fit(held_out).transform(held_out)
    from_arrays = churn_features(_columns(held_out))
    for name, values in from_arrays.items():
        np.testing.assert_array_equal(values, from_frame[name].to_numpy())


def _fitted(steps: list[tuple[str, Any]], churn: Any) -> Pipeline:
    X, y, _ = churn
    return Pipeline(steps).fit(X, y)


def test_steps_it_does_not_know_are_named(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame],
) -> None:
    X, y, _ = churn
    pca = build_pipeline(LogisticRegression(max_iter=500), domain=True)
    pca.steps.insert(2, ("pca", PCA(5)))
    with pytest.raises(NotCompilable, match="PCA"):
        compile_pipeline(pca.fit(X, y))

    minmax = build_pipeline(LogisticRegression(max_iter=500), domain=False)
    minmax.named_steps["prep"].transformers[0][1].steps[1] = ("scale", MinMaxScaler())
    with pytest.raises(NotCompilable, match="MinMaxScaler"):
        compile_pipeline(minmax.fit(X, y))

    dropping = build_pipeline(LogisticRegression(max_iter=500), domain=False)
    dropping.named_steps["prep"].transformers[1][1].steps[1] = (
        "onehot",
        OneHotEncoder(drop="first", handle_unknown="ignore", sparse_output=False),
    )
    with pytest.raises(NotCompilable, match="handle_unknown"):
        compile_pipeline(dropping.fit(X, y))

    flagged = build_pipeline(LogisticRegression(max_iter=500), domain=False)
    flagged.named_steps["prep"].transformers[0][1].steps[0] = (
        "impute",
        SimpleImputer(strategy="median", add_indicator=True),
    )
    with pytest.raises(NotCompilable, match="add_indicator"):
        compile_pipeline(flagged.fit(X, y))

    with pytest.raises(NotCompilable, match="Pipeline"):
        compile_pipeline(LogisticRegression())


def ratio(columns: Any) -> dict[str, np.ndarray]:
    tenure = np.asarray(columns["tenure"], dtype=float)
    return {"ratio": np.asarray(columns["monthly_charges"], dtype=float) / (1 + tenure)}


class AddsRatio(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """A project's own step, unknown to the compiler, that says how to compile itself."""

    def fit(self, X: pd.DataFrame, y: Any = None) -> AddsRatio:
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        return X.assign(**ratio(X))

    def compiled_columns(self) -> Any:
        return ratio


class Opaque(AddsRatio):
    """The same step without compiled_columns: the compiler cannot know what it does."""

    compiled_columns = None  # type: ignore[assignment]


def test_a_step_compiles_when_it_says_how_and_not_otherwise(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame],
) -> None:
    X, y, X_new = churn
    pipeline = build_pipeline(LogisticRegression(max_iter=2000), domain=True)
    pipeline.steps.insert(1, ("ratio", AddsRatio()))
    pipeline.fit(X, y)
    compiled = compile_pipeline(pipeline)
    assert [name for name, _ in compiled.prelude] == ["ChurnFeatures", "AddsRatio"]
    columns = {c: X_new[c].to_numpy() for c in X_new.columns}
    assert verify(compiled, pipeline, columns) <= TOLERANCE
    pipeline.steps[1] = ("ratio", Opaque())
    with pytest.raises(NotCompilable, match="Opaque has no compiled_columns"):
        compile_pipeline(pipeline.fit(X, y))


def test_a_screened_wide_model_compiles(
    churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame],
) -> None:
    from aieng.supervised.screen import ScreenColumns

    X, y, X_new = churn
    pipeline = build_pipeline(LogisticRegression(max_iter=2000), domain=False)
    pipeline.steps.insert(0, ("screen", ScreenColumns(k=6)))
    pipeline.fit(X, y)
    compiled = compile_pipeline(pipeline)
    columns = {c: X_new[c].to_numpy() for c in X_new.columns}
    assert verify(compiled, pipeline, columns) <= TOLERANCE


def test_the_compiler_knows_no_project_by_name() -> None:
    """Serving imports no month-4 code: a project's step brings its own compiled form."""
    import subprocess
    import sys

    code = "import sys, aieng.serve.compiled; print('aieng.supervised' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_contract_rows_are_valid_and_reach_every_rule(churn_model_dir: Path) -> None:
    model = load_dir(churn_model_dir, compile=False)
    rows = contract_rows(model.contract, model.features, n=300)
    record = record_model(model.contract, features=model.features, extra=model.extra)
    parsed, single = RecordParser(model.contract, record, max_batch=1000).parse(rows)
    assert len(parsed) == 300 and not single  # every row passes the service's own validation
    for name in model.features:
        rule = model.contract.columns[name]
        values = [r[name] for r in rows]
        if rule.allowed:
            assert set(rule.allowed) <= set(values), name  # every level appears
        if rule.min is not None:
            assert rule.min in values and rule.max in values, name  # both ends appear
        assert (None in values) == rule.nullable, name  # gaps exactly where allowed


def test_the_service_model_is_compiled_and_says_so(churn_model_dir: Path) -> None:
    fast = load_dir(churn_model_dir)
    slow = load_dir(churn_model_dir, compile=False)
    assert fast.compiled is not None and slow.compiled is None
    assert fast.scoring.startswith("compiled to NumPy") and "logistic regression" in fast.scoring
    rows = contract_rows(fast.contract, fast.features, seed=1)
    np.testing.assert_allclose(
        fast.probabilities(rows), slow.probabilities(rows), rtol=0, atol=TOLERANCE
    )


def test_a_compiled_scorer_that_disagrees_is_not_used(
    churn_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aieng.serve.model as model_module

    def wrong(pipeline: Any) -> Any:
        compiled = compile_pipeline(pipeline)
        head = compiled.head
        assert isinstance(head, LinearHead)
        return dataclasses.replace(compiled, head=LinearHead(head.coef, head.intercept + 1e-6))

    slow = load_dir(churn_model_dir, compile=False)
    monkeypatch.setattr(model_module, "compile_pipeline", wrong)
    served = compile_scoring(slow, [])
    assert served.compiled is None
    assert "not compiled" in served.scoring and "differ by up to" in served.scoring


def test_a_pipeline_it_cannot_compile_is_served_as_it_is(
    churn_model_dir: Path, churn: tuple[pd.DataFrame, np.ndarray, pd.DataFrame]
) -> None:
    slow = load_dir(churn_model_dir, compile=False)
    X, y, _ = churn
    odd = build_pipeline(LogisticRegression(max_iter=500), domain=True)
    odd.steps.insert(2, ("pca", PCA(5)))
    odd.fit(X[list(slow.features)], y)
    served = compile_scoring(dataclasses.replace(slow, pipeline=odd), [])
    assert served.compiled is None and "PCA" in served.scoring
    rows = contract_rows(slow.contract, slow.features, n=20)
    expected = odd.predict_proba(served.frame(rows))[:, 1]
    np.testing.assert_array_equal(served.probabilities(rows), expected)

"""The stages that learn: train (month 4's comparison) and evaluate (gates on held-out rows).

Like the data stages (:mod:`aieng.pipeline.data`), each ``build_*`` writes into the folder it is
given and returns a few facts; the runner decides whether it runs at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import joblib  # type: ignore[import-untyped]
import pandas as pd

from aieng.pipeline import data
from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.gates import Decision, decide
from aieng.pipeline.stages import StageRecord
from aieng.registry import models, versions
from aieng.supervised.candidates import make_estimator
from aieng.supervised.comparison import compare
from aieng.supervised.config import CompareConfig, Task
from aieng.supervised.evaluate import PRIMARY, held_out_scores
from aieng.supervised.features import build_pipeline
from aieng.supervised.target import prepare_target


def read_json(path: Path) -> dict[str, Any]:
    """A JSON file a stage wrote."""
    value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return value


def compare_config(config: PipelineConfig) -> CompareConfig:
    t = config.train
    return CompareConfig(
        candidates=t.candidates,
        folds=t.folds,
        repeats=t.repeats,
        seed=config.split.seed,
        positive_class=config.data.positive_class,
        domain_features=t.domain_features,
        n_jobs=t.n_jobs,
        business=t.business,
    )


def build_train(
    folder: Path, config: PipelineConfig, features: Path, split: Path, step: Callable[[str], None]
) -> dict[str, Any]:
    """Month 4's comparison on the training rows; the held-out rows only score the winner."""
    frame = data.read(features)
    test = pd.Index(data.read_split(split)["test"])
    c = compare(
        frame,
        target=config.data.target,
        config=compare_config(config),
        held_out=test,
        progress=step,
    )
    joblib.dump(c.pipeline, folder / "model.joblib")
    joblib.dump(c, folder / "comparison.joblib")
    c.leaderboard.to_csv(folder / "leaderboard.csv", index=False, lineterminator="\n")
    c.scores.to_csv(folder / "scores.csv", index=False, lineterminator="\n")
    return {"winner": c.winner, f"cv_{c.primary}": float(c.leaderboard[c.primary].iloc[0])}


def held_out(
    config: PipelineConfig, features: Path, split: Path
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.Series, Task]:
    """``X_train, y_train, X_test, y_test, task``, the target encoded as in training."""
    frame = data.read(features)
    parts = data.read_split(split)
    target = prepare_target(
        frame, config.data.target, task=None, positive_class=config.data.positive_class
    )
    X = frame.drop(columns=[config.data.target])
    train, test = pd.Index(parts["train"]), pd.Index(parts["test"])
    return X.loc[train], target.y.loc[train], X.loc[test], target.y.loc[test], target.task


def build_evaluate(
    folder: Path,
    config: PipelineConfig,
    train: StageRecord,
    features: Path,
    split: Path,
    client: Any,
    champion: versions.Champion | None,
) -> dict[str, Any]:
    """Winner, baseline and current champion on the same held-out rows; the gates' decision."""
    X_train, y_train, X_test, y_test, task = held_out(config, features, split)
    model = joblib.load(train.folder / "model.joblib")
    primary = PRIMARY[task]
    test = held_out_scores(model, X_test, y_test, task=task)
    c = compare_config(config)
    baseline_model = build_pipeline(make_estimator("dummy", task, seed=c.seed), domain=False)
    baseline_model.fit(X_train, y_train)
    baseline = held_out_scores(baseline_model, X_test, y_test, task=task)
    champion_scores: dict[str, float] | None = None
    note = ""
    if champion is not None and champion.train_key == train.key:
        note = "this model already holds the champion alias"
    elif champion is not None:
        try:
            previous = models.load_version(client, config.name, champion.version)
            champion_scores = held_out_scores(previous, X_test, y_test, task=task)
        except Exception as exc:  # a champion trained on other columns cannot score these rows
            note = f"the champion (version {champion.version}) cannot score these rows: {exc}"
    evaluation = {
        "task": task,
        "primary": primary,
        "rows_train": len(X_train),
        "rows_test": len(X_test),
        "test": test,
        "baseline": baseline,
        "champion": champion_scores,
        "champion_version": None if champion is None else champion.version,
        "champion_note": note,
        "gates": config.gates.model_dump(),
    }
    data.write_json(evaluation, folder / "evaluation.json")
    return {
        primary: test[primary],
        f"baseline_{primary}": baseline[primary],
        "decision": decision_of(evaluation).outcome,
    }


def decision_of(evaluation: dict[str, Any]) -> Decision:
    """The gates and the champion rule applied to an evaluation (see :mod:`gates`)."""
    primary, task = evaluation["primary"], evaluation["task"]
    gates = evaluation["gates"]
    decision = decide(
        primary,
        task,
        candidate=evaluation["test"][primary],
        baseline=evaluation["baseline"][primary],
        champion=None if evaluation["champion"] is None else evaluation["champion"][primary],
        min_margin=gates["min_margin"],
        min_improvement=gates["min_improvement"],
    )
    note = evaluation.get("champion_note", "")
    if decision.outcome == "rejected" or not note or evaluation["champion_version"] is None:
        return decision
    if note.startswith("this model"):
        return Decision(
            "champion",
            f"Already the champion: {note} (version {evaluation['champion_version']}).",
            decision.gates,
        )
    return Decision(
        "challenger",
        f"Challenger: {note}; the champion stays until one can be compared on the same rows.",
        decision.gates,
    )

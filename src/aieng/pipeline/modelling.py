"""The stages that learn: train (month 4's comparison) and evaluate (gates on held-out rows).

Like the data stages (:mod:`aieng.pipeline.data`), each has a frozen ``*Params`` (its slice of
the config and its cache key) and a ``build_*`` that writes into the folder it is given and
returns a few facts; the runner decides whether it runs at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import joblib  # type: ignore[import-untyped]
import pandas as pd

from aieng.pipeline import data
from aieng.pipeline.config import PipelineConfig
from aieng.pipeline.evaluation import Evaluation
from aieng.pipeline.stages import Inputs
from aieng.registry import models, tracking, versions
from aieng.supervised.candidates import make_estimator
from aieng.supervised.comparison import compare
from aieng.supervised.config import CompareConfig, Task
from aieng.supervised.evaluate import PRIMARY, held_out_scores
from aieng.supervised.features import build_pipeline
from aieng.supervised.target import prepare_target

if TYPE_CHECKING:
    from aieng.pipeline.facts import RunFacts


def compare_config(config: PipelineConfig) -> CompareConfig:
    """Month 4's settings, from the pipeline's: its split's seed, its target's positive class."""
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


@dataclass(frozen=True)
class TrainParams:
    target: str
    compare: CompareConfig  # month 4's comparison, as the pipeline runs it

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> TrainParams:
        return cls(config.data.target, compare_config(config))

    def key(self) -> dict[str, Any]:
        return {"target": self.target, "compare": _json(self.compare)}


def build_train(folder: Path, p: TrainParams, inputs: Inputs) -> dict[str, Any]:
    """Month 4's comparison on the training rows; the held-out rows only score the winner."""
    frame = data.read(inputs["features"])
    test = pd.Index(data.read_split(inputs["split"])["test"])
    c = compare(frame, target=p.target, config=p.compare, held_out=test, progress=inputs.step)
    joblib.dump(c.pipeline, folder / "model.joblib")
    joblib.dump(c, folder / "comparison.joblib")
    c.leaderboard.to_csv(folder / "leaderboard.csv", index=False, lineterminator="\n")
    c.scores.to_csv(folder / "scores.csv", index=False, lineterminator="\n")
    return {"winner": c.winner, f"cv_{c.primary}": float(c.leaderboard[c.primary].iloc[0])}


def held_out(
    target_name: str, positive_class: str | None, features: Path, split: Path
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.Series, Task]:
    """``X_train, y_train, X_test, y_test, task``, the target encoded as in training."""
    frame = data.read(features)
    parts = data.read_split(split)
    target = prepare_target(frame, target_name, task=None, positive_class=positive_class)
    X = frame.drop(columns=[target_name])
    train, test = pd.Index(parts["train"]), pd.Index(parts["test"])
    return X.loc[train], target.y.loc[train], X.loc[test], target.y.loc[test], target.task


@dataclass(frozen=True)
class EvaluateParams:
    """The gates, and the champion the candidate is compared with: a new champion reruns it."""

    target: str
    positive_class: str | None
    seed: int  # the baseline's
    gates: dict[str, float]
    model: str  # the registered model's name
    tracking_uri: str  # where the champion is
    champion: versions.Champion | None  # the version holding the alias when the run began

    @classmethod
    def of(cls, config: PipelineConfig, facts: RunFacts) -> EvaluateParams:
        d = config.data
        gates = config.gates.model_dump()
        return cls(d.target, d.positive_class, config.split.seed, gates, config.name,
                   facts.tracking_uri, facts.champion)  # fmt: skip

    def key(self) -> dict[str, Any]:
        out = {**asdict(self), "champion": None}
        if self.champion is not None:  # the version and what trained it; not the run id
            out["champion"] = [self.champion.version, self.champion.train_key]
        return out


def build_evaluate(folder: Path, p: EvaluateParams, inputs: Inputs) -> dict[str, Any]:
    """Winner, baseline and current champion on the same held-out rows; the gates' decision."""
    X_train, y_train, X_test, y_test, task = held_out(
        p.target, p.positive_class, inputs["features"], inputs["split"]
    )
    model = joblib.load(inputs["train"] / "model.joblib")
    primary = PRIMARY[task]
    test = held_out_scores(model, X_test, y_test, task=task)
    baseline_model = build_pipeline(make_estimator("dummy", task, seed=p.seed), domain=False)
    baseline_model.fit(X_train, y_train)
    baseline = held_out_scores(baseline_model, X_test, y_test, task=task)
    champion, champion_scores, note = p.champion, None, ""
    if champion is not None and champion.train_key == inputs.keys["train"]:
        note = "this model already holds the champion alias"
    elif champion is not None:
        try:
            client = tracking.connect(p.tracking_uri)
            previous = models.load_version(client, p.model, champion.version)
            champion_scores = held_out_scores(previous, X_test, y_test, task=task)
        except Exception as exc:  # a champion trained on other columns cannot score these rows
            note = f"the champion (version {champion.version}) cannot score these rows: {exc}"
    evaluation = Evaluation(
        task=task,
        primary=primary,
        rows_train=len(X_train),
        rows_test=len(X_test),
        test=test,
        baseline=baseline,
        champion=champion_scores,
        champion_version=None if champion is None else champion.version,
        champion_note=note,
        min_margin=p.gates["min_margin"],
        min_improvement=p.gates["min_improvement"],
    )
    evaluation.write(folder)
    return {
        primary: test[primary],
        f"baseline_{primary}": baseline[primary],
        "decision": evaluation.decision().outcome,
    }


def _json(value: Any) -> Any:
    """A pydantic dataclass (month 4's CompareConfig) as JSON-able values."""
    from pydantic import TypeAdapter

    return TypeAdapter(type(value)).dump_python(value, mode="json")

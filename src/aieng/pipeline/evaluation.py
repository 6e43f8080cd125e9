"""What the evaluate stage found, as a type: the candidate, the baseline and the champion, scored
on the same held-out rows, and the settings of the gates that judge them.

The gates and the champion rule read it (:meth:`Evaluation.decision`), so do the run's report and
its MLflow metrics; month 11's monitoring (the scores to compare live performance with) and
month 12's model card read it too. A typed result, not a dict of strings: a misspelt field is an
error where it is written, not a ``KeyError`` in a later month.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from aieng.io import atomic_write
from aieng.pipeline.gates import Decision, decide
from aieng.supervised.config import Task

FILE = "evaluation.json"


@dataclass(frozen=True)
class Evaluation:
    """Scores on the held-out rows, by metric name (e.g. ``{"roc_auc": 0.85, …}``)."""

    task: Task
    primary: str  # the metric the gates and the champion rule compare
    rows_train: int
    rows_test: int
    test: dict[str, float]  # the candidate's scores
    baseline: dict[str, float]  # the dummy baseline's, fitted on the same training rows
    champion: dict[str, float] | None  # the current champion's, when it could score these rows
    champion_version: str | None  # the version holding the alias when the run began
    champion_note: str  # why the champion was not scored, when it was not ("" otherwise)
    min_margin: float  # the gate: beat the baseline by at least this
    min_improvement: float  # the champion rule: beat the champion by more than this

    def decision(self) -> Decision:
        """The gates and the champion rule applied (:mod:`aieng.pipeline.gates`)."""
        primary = self.primary
        decision = decide(
            primary,
            self.task,
            candidate=self.test[primary],
            baseline=self.baseline[primary],
            champion=None if self.champion is None else self.champion[primary],
            min_margin=self.min_margin,
            min_improvement=self.min_improvement,
        )
        note = self.champion_note
        if decision.outcome == "rejected" or not note or self.champion_version is None:
            return decision
        if note.startswith("this model"):
            return Decision(
                "champion",
                f"Already the champion: {note} (version {self.champion_version}).",
                decision.gates,
            )
        return Decision(
            "challenger",
            f"Challenger: {note}; the champion stays until one can be compared on the same rows.",
            decision.gates,
        )

    def write(self, folder: Path) -> None:
        """``evaluation.json`` in ``folder``, keys sorted (equal content, equal hash)."""
        text = json.dumps(asdict(self), indent=2, sort_keys=True)
        atomic_write(folder / FILE, text + "\n")

    @classmethod
    def read(cls, folder: Path) -> Evaluation:
        """The evaluation the stage wrote in ``folder``."""
        values: dict[str, Any] = json.loads((folder / FILE).read_text(encoding="utf-8"))
        return cls(**values)

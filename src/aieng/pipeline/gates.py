"""The rules that decide what happens to a trained model: gates, then the champion rule.

1. **Gates** — on the held-out rows, the candidate must beat the dummy baseline by at least
   ``min_margin`` on the primary metric. A model that cannot clearly beat "always predict the
   base rate" has learned nothing worth serving; it is *rejected* and not registered.
2. **The champion rule** — a candidate that passed is registered. It takes the ``champion``
   alias only if it beats the current champion *on the same held-out rows* by more than
   ``min_improvement``; otherwise it stays a *challenger*, and the reason is written down.

"Beats" respects the metric's direction: a higher ROC-AUC is better, a lower RMSE is better.
Comparing both models on the same rows matters: two scores measured on different samples differ
by sampling noise alone, and a promotion decided by noise is a coin toss.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from aieng.supervised.config import Task
from aieng.supervised.evaluate import NAMES, higher_is_better

Outcome = Literal["champion", "challenger", "rejected"]


def improvement(metric: str, task: Task, candidate: float, reference: float) -> float:
    """How much better ``candidate`` is than ``reference`` (negative: worse), in metric units."""
    gain = candidate - reference
    return gain if higher_is_better(task, metric) else -gain


@dataclass(frozen=True)
class Gate:
    """One check a candidate must pass, with the numbers that decided it."""

    name: str  # e.g. "beats the baseline"
    passed: bool
    value: float  # the candidate's improvement over the reference
    required: float  # the improvement it needed
    detail: str  # the check in plain words, with the numbers


@dataclass(frozen=True)
class Decision:
    """What happens to the candidate, and why, in one sentence."""

    outcome: Outcome
    reason: str
    gates: tuple[Gate, ...]


def baseline_gate(
    metric: str, task: Task, *, candidate: float, baseline: float, min_margin: float
) -> Gate:
    """The candidate must beat the baseline's ``metric`` by at least ``min_margin``."""
    gain = improvement(metric, task, candidate, baseline)
    name = NAMES.get(metric, metric)
    # 0.60 − 0.50 is 0.0999… in floating point: a candidate exactly at the margin passes.
    passed = gain >= min_margin or math.isclose(gain, min_margin, abs_tol=1e-12)
    verb = "beats" if passed else "does not beat"
    return Gate(
        "beats the baseline",
        passed,
        gain,
        min_margin,
        f"{name} {candidate:.4f} {verb} the baseline's {baseline:.4f} by the required "
        f"{min_margin:.4f} (margin {gain:+.4f})",
    )


def decide(
    metric: str,
    task: Task,
    *,
    candidate: float,
    baseline: float,
    champion: float | None,
    min_margin: float,
    min_improvement: float,
) -> Decision:
    """Apply the gate, then the champion rule (``champion``: None when there is none yet)."""
    gate = baseline_gate(
        metric, task, candidate=candidate, baseline=baseline, min_margin=min_margin
    )
    name = NAMES.get(metric, metric)
    if not gate.passed:
        return Decision("rejected", f"Rejected: {gate.detail}.", (gate,))
    if champion is None:
        return Decision(
            "champion", f"Champion: the first model to pass the gates ({gate.detail}).", (gate,)
        )
    gain = improvement(metric, task, candidate, champion)
    if gain > min_improvement:
        return Decision(
            "champion",
            f"New champion: {name} {candidate:.4f} against the champion's {champion:.4f} on the "
            f"same held-out rows ({gain:+.4f}, more than the required {min_improvement:.4f}).",
            (gate,),
        )
    return Decision(
        "challenger",
        f"Challenger: {name} {candidate:.4f} against the champion's {champion:.4f} on the same "
        f"held-out rows ({gain:+.4f}, not more than the required {min_improvement:.4f}); the "
        "champion stays.",
        (gate,),
    )

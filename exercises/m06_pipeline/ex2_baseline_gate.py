"""Exercise m06.baseline-gate — does a trained model beat the baseline by the margin?

Before a model is registered, the pipeline scores it on the held-out rows beside a dummy
baseline ("always predict the base rate", or the mean) scored on the same rows. A model that
does not beat the baseline clearly has learned nothing worth serving.

Write ``passes_gate(candidate, baseline, margin, higher_is_better)`` returning ``True`` when
the candidate's score beats the baseline's by at least ``margin`` (``margin >= 0``), else
``False``:

- the improvement respects the metric's direction: ``candidate - baseline`` when higher is
  better (ROC-AUC, accuracy), ``baseline - candidate`` when lower is better (RMSE, log loss);
- *exactly at* the margin passes. In floating point ``0.60 - 0.50`` is ``0.09999999999999998``,
  less than ``0.1``: a plain ``>=`` fails a candidate that is exactly 0.1 better. Count an
  improvement within ``1e-12`` of the margin as equal (``math.isclose(..., abs_tol=1e-12)``).

``gate_verdict`` is written for you and is what the grader calls: it returns 1 when your
function says the candidate passes, 0 when not.

Check it with ``aieng check m06.baseline-gate``; stuck? ``aieng hint m06.baseline-gate``.
"""

import math  # math.isclose


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    # TODO: the improvement in the metric's direction
    # TODO: at least the margin, or equal to it within 1e-12
    raise NotImplementedError("write passes_gate")


def gate_verdict(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> int:
    """Graded (leave as is): 1 if passes_gate lets the candidate through, else 0."""
    verdict = passes_gate(candidate, baseline, margin, higher_is_better)
    if not isinstance(verdict, bool) and type(verdict).__name__ != "bool_":
        raise TypeError(f"passes_gate must return True or False, got {verdict!r}")
    return int(verdict)

"""Exercise m06.champion-rule — champion, challenger or rejected?

After training, the pipeline decides what happens to the new model (the *candidate*). All
scores are on the same held-out rows, in one metric:

1. **the gate** — the candidate must beat the ``baseline`` by at least ``margin``, exactly as
   in m06.baseline-gate (the metric's direction; exactly at the margin passes, within 1e-12).
   If it does not: ``"rejected"`` — it is not registered at all.
2. **no champion yet** (``champion is None``): it becomes the ``"champion"``.
3. **a champion exists**: it takes the title (``"champion"``) only if it beats the champion by
   strictly *more* than ``min_improvement``, in the metric's direction. Otherwise it is a
   ``"challenger"``: registered, kept for comparison, but serving keeps the current champion.

Write ``decide_outcome(...)`` returning one of the three words. ``outcome_code`` is written for
you and is what the grader calls: it returns the index of your word in ``OUTCOMES``.

Check it with ``aieng check m06.champion-rule``; stuck? ``aieng hint m06.champion-rule``.
"""

import math  # math.isclose

OUTCOMES = ("rejected", "challenger", "champion")


def decide_outcome(
    candidate: float,
    baseline: float,
    champion: float | None,
    margin: float,
    min_improvement: float,
    higher_is_better: bool,
) -> str:
    # TODO: a helper gain(new, old) in the metric's direction
    # TODO: the gate against the baseline first ("rejected"), then no champion ("champion")
    # TODO: then strictly more than min_improvement over the champion, else "challenger"
    raise NotImplementedError("write decide_outcome")


def outcome_code(
    candidate: float,
    baseline: float,
    champion: float | None,
    margin: float,
    min_improvement: float,
    higher_is_better: bool,
) -> int:
    """Graded (leave as is): the index of decide_outcome's answer in OUTCOMES."""
    outcome = decide_outcome(
        candidate, baseline, champion, margin, min_improvement, higher_is_better
    )
    if outcome not in OUTCOMES:
        raise ValueError(f"decide_outcome must return one of {OUTCOMES}, got {outcome!r}")
    return OUTCOMES.index(outcome)

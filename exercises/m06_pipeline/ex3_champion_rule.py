"""Exercise m06.champion-rule — champion, challenger or rejected?

After training, the pipeline decides what happens to the new model (the *candidate*). All
scores are on the same held-out rows, in one metric (``higher_is_better`` says its direction):

1. **the gate** — the candidate must beat the ``baseline`` by at least ``margin``, exactly as
   in m06.baseline-gate (the metric's direction; an improvement short of the margin by float
   noise only — 1e-9 of the larger value, or 1e-12 near 0 — counts as at the margin, which
   passes). If it does not, it is ``"rejected"``: not registered at all, whatever the champion's
   score.
2. **no champion yet** (``champion is None``; a champion that scored ``0.0`` is a champion): the
   candidate becomes the ``"champion"``.
3. **a champion exists**: the candidate takes the title (``"champion"``) only if it beats the
   champion by strictly *more* than ``min_improvement``, in the metric's direction. Otherwise
   it is a ``"challenger"``: registered, kept for comparison, while serving keeps the champion.

Write ``decide_outcome(...)``, returning one of the three words, exactly as written above.

Check it with ``aieng check m06.champion-rule``; stuck? ``aieng hint m06.champion-rule``.
"""

import math


def decide_outcome(
    candidate: float,
    baseline: float,
    champion: float | None,
    margin: float,
    min_improvement: float,
    higher_is_better: bool,
) -> str:
    # TODO: the gate against the baseline comes first
    # TODO: then: no champion yet, or a champion to beat by strictly more than min_improvement
    raise NotImplementedError("write decide_outcome")

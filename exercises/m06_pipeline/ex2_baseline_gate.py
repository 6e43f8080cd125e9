"""Exercise m06.baseline-gate — does a trained model beat the baseline by the margin?

Before a model is registered, the pipeline scores it on the held-out rows beside a dummy
baseline ("always predict the base rate", or the mean) scored on the same rows. A model that
does not beat the baseline clearly has learned nothing worth serving.

Write ``passes_gate(candidate, baseline, margin, higher_is_better)``, returning ``True`` when
the candidate's score beats the baseline's by at least ``margin`` (``margin >= 0``), else
``False`` (a bool):

- "beats" follows the metric's direction: a higher score is better for ROC-AUC or accuracy
  (``higher_is_better`` True), a lower one for RMSE or log loss (False);
- *exactly at* the margin passes — and the scores are floats, in which ``0.60 - 0.50`` is
  ``0.09999999999999998``, not ``0.1``. So an improvement that falls short of the margin by
  float noise only counts as exactly at it: by at most a billionth (1e-9) of the larger of the
  two, or by at most ``1e-12`` when they are that close to 0 (a margin of 0). Short by more
  (``2e-10`` of a margin of 0.1), it does not pass.

Check it with ``aieng check m06.baseline-gate``; stuck? ``aieng hint m06.baseline-gate``.
"""

import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    # TODO: the improvement in the metric's direction
    # TODO: at least the margin, counting float noise as at it
    raise NotImplementedError("write passes_gate")

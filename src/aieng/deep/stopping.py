"""Early stopping: end the training when the validation loss has stopped improving.

A network trained long enough learns its training rows by heart: the training loss keeps
falling while the loss on rows it never learns from turns and rises (the overfitting picture
of ``aieng run m07``'s report). Early stopping watches that second curve. Each epoch's
validation loss either beats the best so far by more than ``min_delta`` (a new best: remember
the weights, reset the count) or it does not (count one more bad epoch); after ``patience``
bad epochs in a row, stop and go back to the best weights.

``patience`` is a bet on noise: a validation loss wobbles from epoch to epoch, and one bad
epoch is not a trend. Too small and a run stops on a wobble; too large and it wastes epochs
(the weights are the best ones either way). ``min_delta`` ignores improvements too small to
matter. Hand-written because it is the lesson: torch has no early stopping of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class EarlyStopping:
    """Stop after ``patience`` epochs in a row without a loss below ``best_loss - min_delta``.

    A NaN loss is never an improvement (``nan < x`` is false), so a run that blew up stops, and
    keeps the weights from before.
    """

    patience: int
    min_delta: float = 0.0
    best_loss: float = math.inf
    best_epoch: int = 0  # 1-based; 0: no epoch yet
    bad_epochs: int = 0  # epochs since the best one

    def update(self, epoch: int, loss: float) -> bool:
        """Record ``epoch``'s validation loss; True when it is the new best."""
        if loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.bad_epochs = loss, epoch, 0
            return True
        self.bad_epochs += 1
        return False

    @property
    def should_stop(self) -> bool:
        return self.bad_epochs >= self.patience

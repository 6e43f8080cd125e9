"""Ctrl-C and ``kill`` as requests to stop, answered where the training can be saved.

Python turns Ctrl-C (SIGINT) into a ``KeyboardInterrupt`` raised wherever the program happens
to be: in the middle of ``optimizer.step()``, with half the weights moved. There is no saving
*that* state so that a resume ends where an uninterrupted run would. So while a run with a
checkpoint trains, SIGINT and SIGTERM (what ``kill`` and ``docker stop`` send) only set a flag;
the loop looks at it between two batches, where the state is whole, saves it and stops. A
second Ctrl-C raises ``KeyboardInterrupt`` at once, for a user who will not wait for the save
(the checkpoint write is atomic, so the previous one survives that too). SIGKILL cannot be
caught: against it there are only the save points.

Signal handlers belong to the main thread; in any other thread the flag is never set, and Ctrl-C
is the main thread's business, as usual.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

NAMES = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


class StopRequests:
    """A context in which SIGINT and SIGTERM set :attr:`received` instead of stopping at once."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled and threading.current_thread() is threading.main_thread()
        self.received: int | None = None  # the first signal received, if any
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopRequests:
        if self.enabled:
            for sig in NAMES:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.received is not None:
            raise KeyboardInterrupt  # asked twice: stop now, without saving
        self.received = signum

    @property
    def name(self) -> str:
        return NAMES.get(signal.Signals(self.received), "a signal") if self.received else ""

    @property
    def exit_code(self) -> int:
        """The shell's code for death by this signal: 128 + its number (130 for Ctrl-C)."""
        return 128 + (self.received or 0)

"""``aieng check --watch``: grade again every time the learner saves, until it passes.

Polling the file's modification time and size twice a second needs no new dependency and
works with every editor (including those that save by writing a new file and renaming it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None  # mid-save (renamed away for a moment): look again next round
    return st.st_mtime_ns, st.st_size


def watch(
    path: Path,
    grade: Callable[[], T],
    passed: Callable[[T], bool],
    *,
    interval_s: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    max_rounds: int | None = None,
) -> T | None:
    """Call ``grade()`` now and after every change of ``path``; return the first passing result.

    ``max_rounds`` bounds the polling (tests); ``None`` polls until a pass or Ctrl-C.
    Returns ``None`` if the rounds ran out first.
    """
    seen: tuple[int, int] | None = None
    rounds = 0
    while max_rounds is None or rounds < max_rounds:
        rounds += 1
        stamp = _stamp(path)
        if stamp is not None and stamp != seen:
            seen = stamp
            result = grade()
            if passed(result):
                return result
        sleep(interval_s)
    return None

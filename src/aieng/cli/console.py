"""Terminal output helpers shared by every command.

Rich picks colour and width from the terminal it writes to: in a pipe or a file it writes plain
text with no escape codes, so ``aieng roadmap | less`` and CI logs stay readable.
The consoles are made per call so they follow ``sys.stdout`` / ``sys.stderr`` as they are now
(tests capture both).
"""

from __future__ import annotations

from rich.console import Console


def stdout() -> Console:
    """Console for results (what a user pipes into another program)."""
    return Console(highlight=False, soft_wrap=True)  # long messages: let the terminal wrap


def stderr() -> Console:
    """Console for errors, warnings and progress (never mixed into piped results)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)

"""Terminal output helpers shared by every command.

Rich picks colour and width from the terminal it writes to: in a pipe or a file it writes plain
text with no escape codes, so ``aieng roadmap | less`` and CI logs stay readable.
The consoles are made per call so they follow ``sys.stdout`` / ``sys.stderr`` as they are now
(tests capture both). ``emoji=False``: rich would turn ``:b:`` or ``:x:`` in a hint, a value or
a file name into an emoji, and what a user reads must be what was written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console


def stdout() -> Console:
    """Console for results (what a user pipes into another program)."""
    return Console(highlight=False, soft_wrap=True, emoji=False)  # soft_wrap: the terminal wraps


def stderr() -> Console:
    """Console for errors, warnings and progress (never mixed into piped results)."""
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


@contextlib.contextmanager
def steps(first: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the elapsed time on stderr, for work whose length is not known up front.

    Yields ``say(text)``, which replaces the description with the step now running::

        with console.steps("reading") as say:
            frame = read_table(path)
            say("analysing")

    The spinner disappears when the block ends, and is off in a pipe or a log (no terminal),
    where it would only leave blank lines.
    """
    # Imported here: most commands never show a spinner, and importing rich.progress takes
    # 5-12 ms (python -X importtime) that `aieng next` or `aieng check` would pay for nothing.
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    err = stderr()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(first, total=None)
        yield lambda text: bar.update(task, description=text)

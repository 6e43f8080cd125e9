"""Grader-side harnesses: what the grader runs around the learner's function, in the sandbox.

Some properties no return value shows: that a write survives a full disk, that an API key never
meets ``==``, that memory stays flat while a file is hashed. A *harness* is a function a grader
names (``Grader(harness=m01.replace_report)``). The sandboxed child calls
``harness(fn, *case.args)``, where ``fn`` is the learner's function, and compares what it returns
with the reference's, which went through the *same* harness when the cases were prepared. So the
learner's file holds only what the learner writes, and nothing in it can edit the check.

A harness simulates what its property is about — the disk filling up half-way through a write,
a rename that fails, secrets that report every comparison made with them — and reports what it
observed as exact outputs (``aieng.learn.exact``): the files left behind, the error that reached
the caller, whether the old file was written into.

The rules every harness module follows (they run in ``aieng.learn.child``):

* it imports only the standard library and NumPy at the top, like the child, which starts in a
  few tenths of a second; a library the exercise needs anyway (pandas, FastAPI) is imported
  inside the function;
* it keeps the real functions it will patch at import time: the child imports the harness
  *before* the learner's file, so a learner's top-level ``os.replace = ...`` cannot hand it a
  fake (:func:`patched` installs its stand-ins over whatever is there);
* every patch is undone when the call returns, after checking it was still in place: a learner's
  function that puts ``os.replace`` back while it is graded is refused (:class:`Refused`), not
  trusted.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

TAMPERED = "leaves the grader's stand-ins in place"


class Refused(Exception):  # what it says: the harness refuses the answer
    """Raised by a harness when the answer breaks a rule it checks directly.

    ``check`` is the title the learner reads ("your file defines NotFoundError"), ``lines`` say
    what was wrong, what was received and what to do. The child reports it as a failure of that
    check, never as an error of the learner's code.
    """

    def __init__(self, check: str, lines: Sequence[str]) -> None:
        super().__init__(check)
        self.check = check
        self.lines = tuple(lines)


def name_of(harness: Callable[..., Any]) -> str:
    """``"aieng.learn.harnesses.m01:replace_report"``: how the child finds a harness."""
    name = f"{harness.__module__}:{harness.__qualname__}"
    try:
        found = load(name)
    except (ImportError, AttributeError):
        found = None
    if found is not harness:
        raise ValueError(f"a harness must be a module-level function, not {name}")
    return name


def load(name: str) -> Callable[..., Any]:
    """The harness called ``name`` (as :func:`name_of` wrote it)."""
    module, _, attr = name.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return found


@contextmanager
def patched(fn: Any, stand_ins: Mapping[tuple[Any, str], Any], *, what: str) -> Iterator[None]:
    """Replace ``owner.attr`` by a stand-in for one call of ``fn``, also under its aliases.

    ``stand_ins`` maps ``(owner, attribute name)`` — ``(os, "replace")`` — to the stand-in. A
    learner who wrote ``from os import replace`` holds the real function under their own name,
    so every global of ``fn``'s module bound to a replaced value is swapped too. On the way out
    every patch is checked before it is undone; one that ``fn`` changed back raises
    :class:`Refused` (``what`` names the function graded, for the message).
    """
    saved = {key: getattr(*key) for key in stand_ins}
    names: dict[str, Any] = getattr(fn, "__globals__", {})
    aliases = {
        name: stand_ins[key]
        for name, value in list(names.items())
        for key, original in saved.items()
        if value is original and not isinstance(value, str | int | float | type(None))
    }
    kept = {name: names[name] for name in aliases}
    for (owner, attr), stand_in in stand_ins.items():
        setattr(owner, attr, stand_in)
    names.update(aliases)
    try:
        yield
    finally:
        changed = [
            f"{getattr(owner, '__name__', type(owner).__name__)}.{attr}"
            for (owner, attr), stand_in in stand_ins.items()
            if getattr(owner, attr) is not stand_in
        ] + [name for name, stand_in in aliases.items() if names.get(name) is not stand_in]
        for (owner, attr), original in saved.items():
            setattr(owner, attr, original)
        names.update(kept)
        if changed:  # raised here, it takes the place of whatever fn raised
            raise Refused(
                TAMPERED,
                [
                    f"{what} changed {', '.join(changed)} while it was graded: the grader had "
                    "put a stand-in there to watch or simulate what the exercise is about (a "
                    "failing rename, a comparison of secrets), and an answer that removes it "
                    "cannot be judged. Use these functions; do not assign to them.",
                ],
            )

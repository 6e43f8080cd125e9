"""One grader per exercise, one module per month: ``graders/m03.py`` holds ``GRADERS``.

A month may add modules of its own topics beside it, ``graders/m01_warmup.py`` (plain Python)
or ``graders/m01_tools.py`` (Git, the shell): each holds a ``GRADERS`` dict too, and
:func:`grader_for` looks in ``mNN.py`` first, then in the ``mNN_*.py`` modules by name. The file
a grader is found in is returned with it because it is part of the key its prepared cases are
cached under: editing a grader makes its cases be prepared again.

A grader module is imported only when one of its exercises is graded, and it must not import the
reference implementations at import time (the manifest names them; ``grading`` imports them
only when it prepares the cases).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aieng.errors import ConfigError
from aieng.learn.grader import Grader
from aieng.learn.manifest import Exercise, load


def grader_for(exercise: Exercise) -> tuple[Grader, Path]:
    """The grader of ``exercise`` and the file it is defined in (part of the cache key)."""
    month = exercise.month
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if info.name == month or info.name.startswith(f"{month}_")
    )  # "m01" sorts before "m01_tools"
    if not names:
        raise ConfigError(
            f"exercise {exercise.id} has no grader module aieng.learn.graders.{month}",
            hint="add src/aieng/learn/graders/<month>.py with a GRADERS dict.",
        )
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        graders: dict[str, Grader] = module.GRADERS
        if exercise.id in graders:
            return graders[exercise.id], Path(str(module.__file__))
    raise ConfigError(
        f"exercise {exercise.id} has no grader in aieng.learn.graders.{' or '.join(names)}",
        hint=f"add GRADERS[{exercise.id!r}] = Grader(...) there.",
    )


def reference_as_learner(exercise_id: str) -> Callable[..., Any]:
    """The package's reference, shaped like the learner's function (CI grades it: must pass).

    A learner file ``fn = reference_as_learner("m03.loss")`` is what the no-vacuous-grader
    test and the end-to-end tests submit as the correct answer.
    """
    from aieng.learn.cases import load_reference

    exercise = load().get(exercise_id)
    if exercise.answer != "python":
        raise ValueError(f"{exercise_id}'s answer is a file: its reference is reference_file()")
    grader, _ = grader_for(exercise)
    return grader.adapt(load_reference(exercise.reference))

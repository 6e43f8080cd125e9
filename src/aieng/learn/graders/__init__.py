"""One grader per exercise, one module per month: ``graders/m03.py`` holds ``GRADERS``.

A month whose exercises sit in several starter folders may give a folder a module of its own:
the warm-up's starters are in ``exercises/m01_warmup/``, so its graders are in
``graders/m01_warmup.py``, and month 1's cleaning exercises stay in ``graders/m01.py``. The
folder's module is used when it exists, else the month's. It matters beyond tidiness: the file a
grader is defined in is part of the key its prepared cases are cached under, so a grader edited
in a module imported *by* the month's module would be graded against stale cases.

A grader module is imported only when one of its exercises is graded, and it must not import the
reference implementations at import time (the manifest names them; ``grading`` imports them
only when it prepares the cases).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aieng.errors import ConfigError
from aieng.learn.grader import Grader
from aieng.learn.manifest import Exercise, load


def module_name(exercise: Exercise) -> str:
    """``aieng.learn.graders.m01_warmup`` for a starter in ``m01_warmup/`` if that module
    exists, else the month's: ``aieng.learn.graders.m01``."""
    folder = exercise.starter.partition("/")[0]  # "m01_warmup": the manifest checks its shape
    by_folder = f"{__name__}.{folder}"
    return (
        by_folder
        if importlib.util.find_spec(by_folder) is not None
        else f"{__name__}.{exercise.month}"
    )


def grader_for(exercise: Exercise) -> tuple[Grader, Path]:
    """The grader of ``exercise`` and the file it is defined in (part of the cache key)."""
    name = module_name(exercise)
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise  # the module exists, but something it imports does not: not ours to hide
        raise ConfigError(
            f"exercise {exercise.id} has no grader module {name}",
            hint="add src/aieng/learn/graders/<month>.py with a GRADERS dict.",
        ) from exc
    graders: dict[str, Grader] = module.GRADERS
    if exercise.id not in graders:
        raise ConfigError(
            f"exercise {exercise.id} has no grader in {name}",
            hint=f"add GRADERS[{exercise.id!r}] = Grader(...) there.",
        )
    return graders[exercise.id], Path(str(module.__file__))


def reference_as_learner(exercise_id: str) -> Callable[..., Any]:
    """The package's reference, shaped like the learner's function (CI grades it: must pass).

    A learner file ``fn = reference_as_learner("m03.loss")`` is what the no-vacuous-grader
    test and the end-to-end tests submit as the correct answer.
    """
    from aieng.learn.cases import load_reference

    exercise = load().get(exercise_id)
    grader, _ = grader_for(exercise)
    return grader.adapt(load_reference(exercise.reference))

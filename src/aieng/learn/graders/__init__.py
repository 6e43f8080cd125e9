"""One grader per exercise, one module per month: ``graders/m03.py`` holds ``GRADERS``.

A month module is imported only when one of its exercises is graded, and it must not import the
reference implementations at import time (the manifest names them; ``grading`` imports them
only when it prepares the cases).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aieng.errors import ConfigError
from aieng.learn.grader import Grader
from aieng.learn.manifest import Exercise, load


def grader_for(exercise: Exercise) -> tuple[Grader, Path]:
    """The grader of ``exercise`` and the file it is defined in (part of the cache key)."""
    try:
        module = importlib.import_module(f"aieng.learn.graders.{exercise.month}")
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"exercise {exercise.id} has no grader module aieng.learn.graders.{exercise.month}",
            hint="add src/aieng/learn/graders/<month>.py with a GRADERS dict.",
        ) from exc
    graders: dict[str, Grader] = module.GRADERS
    if exercise.id not in graders:
        raise ConfigError(
            f"exercise {exercise.id} has no grader in aieng.learn.graders.{exercise.month}",
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

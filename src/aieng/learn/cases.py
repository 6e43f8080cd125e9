"""Prepare an exercise's cases once: fixed and generated inputs with the reference's answers.

The cases are the grader's fixed ones plus ``n_generated`` drawn by hypothesis with
``derandomize=True`` (the same cases on every run and every machine), each answered by the
package's reference function — through the grader's harness, if it names one, exactly as the
learner's function will be run (an answer that is a script or a Dockerfile: the package's file
that solves it, run or read by the harness). Preparing imports the reference (``aieng.scratch``
pulls in scikit-learn: about 2 s), so the result is cached in ``$AIENG_HOME/learn/cases/`` under
a key that changes whenever the grader, the reference's package, aieng, NumPy or Python change. A
warm ``aieng check`` then needs only NumPy.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import pickle
import platform
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

import aieng
from aieng.errors import ConfigError
from aieng.io import atomic_write
from aieng.learn.grader import Case, Grader, case_size
from aieng.learn.harnesses import Refused
from aieng.learn.manifest import Exercise, reference_file
from aieng.settings import get_settings

Prepared = list[tuple[Case, Any]]  # (case, the reference's output on it)


def load_reference(dotted: str) -> Any:
    """Import ``aieng.scratch.loss_and_gradient`` and friends from a dotted path."""
    module_name, _, attr = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError):
        # a method or nested attribute: import one level up and walk down
        outer, _, cls = module_name.rpartition(".")
        return getattr(getattr(importlib.import_module(outer), cls), attr)


def _package_files(dotted: str) -> list[Path]:
    """The ``.py`` files of the reference's sub-package, found without importing it."""
    root = Path(aieng.__file__).resolve().parent
    parts = dotted.split(".")[1:]
    folder = root
    for part in parts:
        if not (folder / part).is_dir():
            break
        folder = folder / part
    return sorted(folder.rglob("*.py")) if folder != root else [root / f"{parts[0]}.py"]


def cache_key(exercise: Exercise, grader_file: Path) -> str:
    digest = hashlib.sha256()
    harnesses = sorted((Path(__file__).parent / "harnesses").glob("*.py"))  # run the reference
    solution = (
        _package_files(exercise.reference)
        if exercise.answer == "python"
        else [reference_file(exercise)]  # a script or Dockerfile: the file itself
    )
    for path in (grader_file, *harnesses, *solution):
        digest.update(path.read_bytes() if path.exists() else b"")
    for part in (exercise.reference, aieng.__version__, np.__version__, platform.python_version()):
        digest.update(part.encode())
    return digest.hexdigest()[:16]


def draw(strategy: Any, n: int) -> list[Case]:
    """``n`` examples of a hypothesis strategy, the same ones on every run (derandomized)."""
    try:
        from hypothesis import HealthCheck, Phase, given, settings
    except ImportError as exc:  # a dependency of aieng: missing only from a broken install
        raise ConfigError(
            "preparing the grader's cases needs the hypothesis package, which is not installed",
            hint="pip install hypothesis, or reinstall aieng (pip install -e .), which needs it.",
        ) from exc

    drawn: list[Case] = []

    @settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(case: Case) -> None:
        drawn.append(case)

    collect()
    return drawn


def cache_path(exercise: Exercise, grader_file: Path) -> Path:
    """Where the prepared cases of ``exercise`` are kept (exists once they are prepared)."""
    key = cache_key(exercise, grader_file)
    return get_settings().home / "learn" / "cases" / f"{exercise.id}.{key}.pkl"


def _answer(exercise: Exercise, run: Any, case: Case) -> Any:
    """The reference's output on ``case``; a harness that refuses the reference cannot grade."""
    try:
        return run(*case.args)
    except Refused as exc:  # a tool the harness needs is missing (hadolint), or a grader bug
        raise ConfigError(
            f"the grader of {exercise.id} cannot run on {case.label}: {exc.check}",
            hint=" ".join(exc.lines),
        ) from exc


def prepare(exercise: Exercise, grader: Grader, grader_file: Path) -> Prepared:
    """Fixed then generated cases (smallest first), with the reference's answers; cached."""
    cache = cache_path(exercise, grader_file)
    if cache.exists():
        try:
            prepared: Prepared = pickle.loads(cache.read_bytes())
            return prepared
        except Exception:  # a truncated or stale file: prepare it again
            cache.unlink(missing_ok=True)
    harness = grader.harness
    solve: Any  # the reference: a function, or the file of a script or Dockerfile
    if exercise.answer == "python":
        solve = grader.adapt(load_reference(exercise.reference))
        run = solve if harness is None else functools.partial(harness, solve)  # as the child does
    elif harness is None:
        raise ConfigError(
            f"the grader of {exercise.id} has no harness: an answer of kind "
            f"{exercise.answer!r} is run by one (aieng.learn.harnesses)",
            hint="name the harness that runs the file: Grader(harness=...).",
        )
    else:
        solve = reference_file(exercise)  # what ``annotate`` gets: the file's path
        run = functools.partial(harness, solve)
    generated = draw(grader.generated(), grader.n_generated) if grader.generated else []
    generated = [
        replace(case, label=f"generated case {i}")
        for i, case in enumerate(sorted(generated, key=case_size), 1)
    ]
    cases = grader.fixed() + generated
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reference's own convergence notes are not news
        if grader.annotate is not None:
            cases = [replace(case, notes=grader.annotate(solve, case)) for case in cases]
        prepared = [(case, _answer(exercise, run, case)) for case in cases]
    atomic_write(cache, pickle.dumps(prepared))
    for stale in cache.parent.glob(f"{exercise.id}.*.pkl"):  # older graders' or references'
        if stale != cache:
            stale.unlink(missing_ok=True)
    return prepared

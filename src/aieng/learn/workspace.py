"""The learner's workspace: their own copies of the starters, never overwritten behind their back.

``aieng learn start ID`` copies ``exercises/<starter>`` to ``<workspace>/<starter>``, where the
workspace is ``$AIENG_WORKSPACE`` or ``./aieng-workspace``. A file that is already there is work
in progress: starting again leaves it alone, and ``--reset`` first moves it to
``<workspace>/.backup/`` with a time stamp, so even a reset loses nothing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aieng.errors import InputFileError
from aieng.io import atomic_write
from aieng.learn.manifest import Exercise, starter_path

WORKSPACE_ENV = "AIENG_WORKSPACE"
DEFAULT_WORKSPACE = "aieng-workspace"
BACKUP_DIR = ".backup"


def workspace_dir() -> Path:
    """``$AIENG_WORKSPACE``, else ``./aieng-workspace`` (read now, not at import)."""
    raw = os.environ.get(WORKSPACE_ENV, "").strip()
    return (Path(raw).expanduser() if raw else Path.cwd() / DEFAULT_WORKSPACE).resolve()


def learner_path(exercise: Exercise) -> Path:
    """Where the learner's copy of ``exercise`` lives (it may not exist yet)."""
    return workspace_dir() / exercise.starter


def is_started(exercise: Exercise) -> bool:
    return learner_path(exercise).is_file()


@dataclass(frozen=True)
class Started:
    path: Path  # the learner's file
    created: bool  # False: it was already there and was left untouched
    backup: Path | None  # where the previous version went on --reset


def start(exercise: Exercise, *, reset: bool = False) -> Started:
    """Copy the starter into the workspace unless the learner's file exists (or ``reset``)."""
    target = learner_path(exercise)
    backup = None
    if target.exists():
        if not reset:
            return Started(target, created=False, backup=None)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = workspace_dir() / BACKUP_DIR / f"{target.stem}.{stamp}{target.suffix}"
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup)  # a copy first: the work survives even if the write fails
    starter = starter_path(exercise).read_bytes()
    try:
        atomic_write(target, starter)
    except InputFileError as exc:  # its message names the file and the reason; the fix differs
        raise InputFileError(
            exc.message, hint=f"run from a folder you can write to, or set {WORKSPACE_ENV}."
        ) from exc
    return Started(target, created=True, backup=backup)

"""Where aieng keeps its files.

Everything a learner's work produces lives under one folder, ``$AIENG_HOME`` (default
``~/.aieng``): the progress store and the outputs of ``aieng run``. Reading the settings has no
side effect: folders are created by the code that writes into them, never on import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "AIENG_HOME"


@dataclass(frozen=True)
class Settings:
    """Paths derived from one root folder."""

    home: Path  # root of everything aieng writes for this user

    @property
    def progress_db(self) -> Path:
        """SQLite file holding the learner's progress (topics and exercises)."""
        return self.home / "progress.db"

    @property
    def runs_dir(self) -> Path:
        """Outputs of ``aieng run``: ``runs/mNN/<run-id>/`` and the portfolio ``index.html``."""
        return self.home / "runs"


def get_settings() -> Settings:
    """Read the settings from the environment *now* (tests point ``AIENG_HOME`` at a temp dir)."""
    raw = os.environ.get(HOME_ENV, "").strip()
    home = Path(raw).expanduser() if raw else Path.home() / ".aieng"
    return Settings(home=home.resolve())

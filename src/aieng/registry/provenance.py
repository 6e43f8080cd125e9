"""What made a model: the Python, the platform, the packages that shaped it, the commit.

Logged as tags on every pipeline run, so a model found in the registry a year later can be
traced to the code and the libraries that produced it.
"""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata
from pathlib import Path

from aieng.registry import tracking

VERSIONS = ("numpy", "pandas", "scikit-learn", "lightgbm", "mlflow", "pandera", "aieng")


def environment_tags() -> dict[str, str]:
    """Python, the platform, the versions of the packages that shaped the model, the commit."""
    tags = {
        f"{tracking.TAG}python": platform.python_version(),
        f"{tracking.TAG}platform": platform.platform(),
    }
    for package in VERSIONS:
        try:
            tags[f"{tracking.TAG}version.{package}"] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    commit = git_commit()
    if commit:
        tags[tracking.GIT_COMMIT] = commit
    return tags


def git_commit() -> str | None:
    """The commit of the source tree this package runs from, or None outside a checkout."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")

"""A model folder's fingerprint: one sha256 over all its files, checked before anything is loaded.

**A model folder is code.** ``model.pkl`` is a pickle, and unpickling runs whatever the pickle
says: a folder someone else could write is a way to run their commands in our service, as its
user. So the pipeline records the folder's digest in the registry when it registers a model
(the model version's ``aieng.sha256`` tag), and the service compares the folder it is about to
load with it: a changed, added or removed file stops the load *before* the pickle is opened.

Where the expected digest comes from decides what the check proves:

* **the registry** (``--model churn@champion``) or **a digest the operator pins**
  (``AIENG_SERVE_MODEL_SHA256``, printed by ``aieng pipeline export``): tampering is caught,
  as long as the registry and the service's settings are out of the attacker's reach;
* **the folder's own** ``sha256.txt`` (written by ``aieng pipeline export``): damage is caught
  (a truncated copy, an edited file), not tampering, since whoever can change the pickle can
  change this file too.

The digest is content only: the sorted list of ``relative/path sha256`` lines, hashed again.
Permissions and times are not in it, so a copy of the folder has the same digest.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from aieng.errors import AiengError

DIGEST_FILE = "sha256.txt"  # what `aieng pipeline export` writes beside the model's files
# Written by MLflow when it downloads a registered version (the name and version it had): it
# differs between a run's artifact and the same model exported, and no loader runs it.
NOT_HASHED = frozenset({DIGEST_FILE, "registered_model_meta"})
_CHUNK = 1 << 20


class IntegrityError(AiengError):
    """A model folder is not the one whose digest was recorded: it is not loaded."""


def folder_digest(folder: Path) -> str:
    """The sha256 (64 hex digits) of every file under ``folder`` but :data:`NOT_HASHED`."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative not in NOT_HASHED:
            lines.append(f"{relative} {file_digest(path)}\n")
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def file_digest(path: Path) -> str:
    """The sha256 of one file, read 1 MiB at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check(folder: Path, expected: str, *, recorded_by: str) -> str:
    """``folder``'s digest if it is ``expected``; :class:`IntegrityError` if not.

    ``recorded_by`` says where ``expected`` came from, for the message ("the registry, churn
    version 3").
    """
    actual = folder_digest(folder)
    if actual != expected.strip().lower():
        raise IntegrityError(
            f"the model folder {str(folder)!r} has sha256 {actual[:16]}…, not the "
            f"{expected.strip()[:16]}… recorded by {recorded_by}: a file in it was changed, "
            "added or removed since, so it is not loaded (a model's pickle runs code)",
            hint="serve the model as it was registered: export it again with "
            "`aieng pipeline export DIR`, or register the new one with `aieng pipeline run`.",
        )
    return actual


def written_by_others(folder: Path) -> list[str]:
    """``folder`` and the files under it that users other than the owner may write.

    Any one of them could replace the pickle between two loads, or add a file MLflow imports.
    """
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = path.lstat().st_mode
        if mode & (stat.S_IWGRP | stat.S_IWOTH) and not stat.S_ISLNK(mode):
            found.append(f"{path} ({stat.filemode(mode)})")
    return found

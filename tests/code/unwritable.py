"""Output paths no command can write to, for the "check the outputs before the work" tests.

Each kind fails for a different reason, and the tests run every command against each:

* ``under_a_file`` — the output's folder is an existing *file* (``notes.txt/out.html``);
* ``under_a_file_deep`` — a missing folder would have to be made inside that file;
* ``read_only_folder`` — a folder without write permission (``chmod 0o500``);
* ``read_only_new_folder`` — a missing folder would have to be made inside that read-only one;
* ``system_folder`` — ``/sys``, a read-only mount on Linux, which refuses root too.

Root ignores permission bits, so the read-only kinds are skipped when the tests run as root (CI
does); the other kinds fail for root as well, so every run checks something real.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

KINDS = (
    "under_a_file",
    "under_a_file_deep",
    "read_only_folder",
    "read_only_new_folder",
    "system_folder",
)


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def unwritable(kind: str, tmp_path: Path, name: str) -> Path:
    """A path named ``name`` that cannot be written, for the reason ``kind`` says (or skip)."""
    if kind in ("under_a_file", "under_a_file_deep"):
        blocker = tmp_path / "somefile.txt"
        blocker.write_text("not a folder\n", encoding="utf-8")
        return blocker / name if kind == "under_a_file" else blocker / "sub" / name
    if kind in ("read_only_folder", "read_only_new_folder"):
        if running_as_root():
            pytest.skip("root ignores permission bits; the other kinds cover root")
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)  # read and enter, but not create: pytest can still delete it
        return folder / name if kind == "read_only_folder" else folder / "sub" / name
    if kind == "system_folder":
        _skip_unless_unwritable(Path("/sys"))
        return Path("/sys") / name
    raise ValueError(f"unknown kind {kind!r}; use one of {KINDS}")


def _skip_unless_unwritable(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"no {folder} on this system")
    try:
        fd, probe = tempfile.mkstemp(dir=folder)
    except OSError:
        return  # refused, as the test needs
    os.close(fd)
    os.unlink(probe)
    pytest.skip(f"{folder} is writable here")

"""File output that never leaves a half-written file behind.

Every file aieng writes goes through :func:`atomic_write`: the content goes to a temporary file in
the same folder, is flushed to disk, and only then renamed over the target. A rename within one
file system is atomic, so a reader (or a crash) sees either the old file or the new one — never a
truncated mix. This is the "outputs are written atomically" rule of the project.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from aieng.errors import InputFileError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success rename it to ``target``.

    Use it when a library writes the file itself (``df.to_parquet(tmp)``, ``fig.savefig(tmp)``).
    If the block raises, the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(
            f"cannot create the folder {str(target.parent)!r}: {exc.strerror}",
            hint="choose an output path in a folder you can write to.",
        ) from exc
    # Same folder as the target, so the final rename never crosses file systems.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates the file private (0600); give it the mode a plain open() would, so a
    # report can be shared or served like any other file the user writes.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:  # flush the data to disk before it becomes visible
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(target: Path, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` (text or bytes) to ``target`` atomically and return ``target``."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(target) as tmp:
        tmp.write_bytes(payload)
    return Path(target)


def refuse_same_file(source: Path, target: Path) -> None:
    """Raise if writing ``target`` would overwrite the input ``source`` (inputs are immutable)."""
    if target.exists() and source.exists() and os.path.samefile(source, target):
        raise InputFileError(
            f"the output {str(target)!r} is the input file",
            hint="inputs are never modified: write the result to another path with -o.",
        )


def check_output(target: Path, *, source: Path | None = None, overwrite: bool = False) -> None:
    """Refuse to write ``target`` when it is ``source``, a folder, or exists (unless overwrite).

    Call it *before* the work starts, so a long run never ends in "cannot write". Writing over the
    input is refused even with ``overwrite``: inputs are never modified.
    """
    target = Path(target)
    if source is not None:
        refuse_same_file(Path(source), target)
    if target.is_dir():
        raise InputFileError(
            f"the output {str(target)!r} is a folder", hint="give a file name after -o."
        )
    if target.exists() and not overwrite:
        raise InputFileError(
            f"the output {str(target)!r} already exists",
            hint="choose another path, or pass --force to overwrite it.",
        )

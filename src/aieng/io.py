"""File output that never leaves a half-written file behind, and is refused before the work.

Every file aieng writes goes through :func:`atomic_write` (or :func:`atomic_path`): the content goes
to a temporary file in the same folder, is flushed to disk, and only then renamed over the target.
A rename within one file system is atomic, so a reader (or a crash) sees either the old file or
the new one — never a truncated mix. This is the "outputs are written atomically" rule of the
project. Files that belong together (a cleaned table and its change log) go through
:func:`atomic_paths`: all of them are written, or none.

Every command checks its outputs with :func:`check_output` *before* the work starts: a long run
must never end in "cannot write". And an :class:`OSError` while writing (disk full, folder gone)
becomes an :class:`~aieng.errors.InputFileError` that names the file, never a crash.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from aieng.errors import InputFileError

WRITE_HINT = "choose an output path in a folder you can write to."


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success rename it to ``target``.

    Use it when a library writes the file itself (``df.to_parquet(tmp)``, ``fig.savefig(tmp)``).
    If the block raises, the temporary file is removed and ``target`` is untouched.
    """
    with atomic_paths([target]) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Yield one temporary path per target (in order); on success rename them all into place.

    For outputs that only make sense together: the files are all written first, and only when
    the block has finished are they renamed onto their targets, one after another. If the block
    raises, every temporary file is removed and no target is touched, so a failed run leaves
    nothing that would block the rerun.

    The renames come last because they cannot run out of space (no data moves), but they are
    still several steps, not one. Should one of them fail (the folder removed or locked at that
    very moment), the targets already renamed in this call are removed too, so no new file sits
    beside old ones it does not match. That is the one case where an earlier file replaced with
    ``--force`` is lost rather than kept; keeping it would need a backup copy of every target.

    An :class:`OSError` (disk full, no permission) becomes an :class:`InputFileError` naming the
    target; any other exception passes through unchanged.
    """
    targets = [Path(target) for target in targets]
    tmps: list[Path] = []
    renamed: list[Path] = []
    current: Path | None = None  # the target being made, flushed or renamed, named in an error
    try:
        for target in targets:
            current = target
            tmps.append(_temporary_beside(target))
        current = None  # inside the block the caller may be writing any of them
        yield list(tmps)
        for tmp, target in zip(tmps, targets, strict=True):
            current = target
            with open(tmp, "rb+") as fh:  # flush the data to disk before it becomes visible
                os.fsync(fh.fileno())
        for tmp, target in zip(tmps, targets, strict=True):
            current = target
            os.replace(tmp, target)
            renamed.append(target)
    except BaseException as exc:
        for path in (*tmps, *renamed):
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            culprit = current or _target_named_in(exc, tmps, targets)
            raise _cannot_write([culprit] if culprit is not None else targets, exc) from exc
        raise


def _target_named_in(exc: OSError, tmps: list[Path], targets: list[Path]) -> Path | None:
    """The target whose temporary file ``exc`` failed on (an OSError often carries the path)."""
    for tmp, target in zip(tmps, targets, strict=False):
        if exc.filename is not None and str(exc.filename) == str(tmp):
            return target
    return None


def _temporary_beside(target: Path) -> Path:
    """An empty file in ``target``'s folder (made if missing), with the mode open() would give."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        check_writable(target)  # says precisely why: a file in the way, a read-only folder
        raise InputFileError(
            f"cannot write {str(target)!r}: cannot create the folder {str(target.parent)!r} "
            f"({exc.strerror or exc})",
            hint=WRITE_HINT,
        ) from exc
    # Same folder as the target, so the final rename never crosses file systems.
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    # mkstemp creates the file private (0600); give it the mode a plain open() would, so a
    # report can be shared or served like any other file the user writes.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)
    return tmp


def _cannot_write(targets: Sequence[Path], exc: OSError) -> InputFileError:
    names = ", ".join(repr(str(target)) for target in targets)
    return InputFileError(f"cannot write {names}: {exc.strerror or exc}", hint=WRITE_HINT)


def atomic_write(target: Path, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` (text or bytes) to ``target`` atomically and return ``target``."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(target) as tmp:
        tmp.write_bytes(payload)
    return Path(target)


def refuse_same_file(source: Path, target: Path) -> None:
    """Raise if writing ``target`` would overwrite the input ``source`` (inputs are immutable)."""
    # os.path.exists, not Path.exists: it answers False (instead of raising) for a path in a
    # folder we may not enter; the writability check then says what is wrong.
    if os.path.exists(target) and os.path.exists(source) and os.path.samefile(source, target):
        raise InputFileError(
            f"the output {str(target)!r} is the input file",
            hint="inputs are never modified: write the result to another path with -o.",
        )


def check_output(target: Path, *, source: Path | None = None, overwrite: bool = False) -> None:
    """Refuse to write ``target`` when it is ``source``, cannot be written, is a folder, or exists
    (unless overwrite).

    Call it *before* the work starts, so a long run never ends in "cannot write". Writing over the
    input is refused even with ``overwrite``: inputs are never modified.
    """
    target = Path(target)
    if source is not None:
        refuse_same_file(Path(source), target)
    check_writable(target)
    if target.is_dir():
        raise InputFileError(
            f"the output {str(target)!r} is a folder",
            hint="give the path of a file inside it, not the folder itself.",
        )
    if target.exists() and not overwrite:
        raise InputFileError(
            f"the output {str(target)!r} already exists",
            hint="choose another path, or pass --force to overwrite it.",
        )


def check_writable(target: Path) -> None:
    """Prove that a file can be made at ``target``, by making one beside it and removing it.

    Why a real file, and not ``os.access`` or the permission bits: they lie. Root passes every
    permission check yet cannot write to a read-only mount; ACLs, network file systems and
    container overlays decide for themselves. Making a file is the one question the operating
    system answers truthfully. When the target's folder does not exist yet, the question goes to
    the nearest folder that does (where the missing ones would be made); nothing is left behind.
    """
    target = Path(target)
    folder = _nearest_existing(target.parent)
    if not os.path.isdir(folder):
        raise InputFileError(
            f"cannot write {str(target)!r}: {str(folder)!r} is a file, not a folder",
            hint=WRITE_HINT,
        )
    try:
        fd, probe = tempfile.mkstemp(prefix=".aieng-probe.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputFileError(
            f"cannot write {str(target)!r}: the folder {str(folder)!r} does not accept new "
            f"files ({exc.strerror or exc})",
            hint=WRITE_HINT,
        ) from exc
    os.close(fd)
    os.unlink(probe)


def _nearest_existing(folder: Path) -> Path:
    """``folder``, or the closest parent of it that exists (``.`` and ``/`` always do)."""
    while not os.path.exists(folder) and folder != folder.parent:
        folder = folder.parent
    return folder

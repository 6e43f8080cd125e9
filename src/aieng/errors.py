"""One error base for everything a user can get wrong.

Every error says three things (the click/scikit-learn habit): *what* went wrong, *what was
received*, and *what to do* — the last one as a ``hint``. The CLI prints them as::

    Error: unknown dataset 'telco'
    Hint: run `aieng data list` to see the names; did you mean 'telco_churn'?

and exits with ``exit_code``; the traceback is shown only with ``aieng --debug``.
Library callers catch :class:`AiengError` (or a subclass) like any exception.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class AiengError(Exception):
    """Base of every error a user can cause and fix.

    Parameters
    ----------
    message:
        What went wrong, naming what was received (e.g. ``"unknown month 'm13'"``).
    hint:
        What to do about it, as a sentence the user can act on.
    exit_code:
        The process exit code the CLI uses (1 by default; 2 is kept for usage errors).
    """

    exit_code: int = 1

    def __init__(self, message: str, *, hint: str = "", exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(AiengError):
    """A name, option or value the user typed is not valid (exit code 2, like click)."""

    exit_code = 2


class NotFoundError(UsageError):
    """A named thing (month, dataset, topic, exercise) does not exist."""


class InputFileError(AiengError):
    """A file the user gave us is missing, unreadable or not in the expected format."""


class ConfigError(AiengError):
    """A configuration file or value does not validate."""


class DataError(AiengError):
    """The data itself is unusable for the step asked (empty, wrong columns, wrong types)."""


def unknown_name(
    kind: str, received: str, known: Iterable[str], *, list_command: str
) -> NotFoundError:
    """Build the standard "unknown X" error, suggesting the closest known names.

    >>> err = unknown_name("month", "m3", ["m01", "m03"], list_command="aieng run")
    >>> err.message, err.hint
    ("unknown month 'm3'", "Did you mean 'm03'? Run `aieng run` to see them all.")
    """
    names = sorted(known)
    parts = _suggestion(received, names)
    parts.append(f"Run `{list_command}` to see them all." if names else "There are none yet.")
    return NotFoundError(f"unknown {kind} {received!r}", hint=" ".join(parts))


def unknown_value(
    kind: str,
    received: str,
    known: Iterable[object],
    *,
    listing: str = "The columns are",
    shown: int = 12,
) -> NotFoundError:
    """The "unknown X" error when the choices come from the user's own data (columns, levels).

    No command lists a user's columns, so the hint names them, in the data's order (the first
    ``shown`` of them), after the closest matches.

    >>> unknown_value("target column", "churm", ["tenure", "churn"]).hint
    "Did you mean 'churn'? The columns are: tenure, churn."
    """
    names = [str(name) for name in known]
    parts = _suggestion(received, names)
    more = f", … ({len(names)} in all)" if len(names) > shown else ""
    parts.append(f"{listing}: {', '.join(names[:shown])}{more}." if names else "There are none.")
    return NotFoundError(f"unknown {kind} {received!r}", hint=" ".join(parts))


def _suggestion(received: str, names: list[str]) -> list[str]:
    close = difflib.get_close_matches(received, names, n=3, cutoff=0.6)
    return [f"Did you mean {' or '.join(repr(c) for c in close)}?"] if close else []

"""Exercise m01.error-classes — a family of errors: classes, inheritance, try/except.

A tool's errors should say what went wrong *and* what to do, and a caller should be able to
catch the whole family with one ``except``. Write the family ``aieng.errors`` uses:

- ``AiengError(Exception)``, the base, made as ``AiengError(message, hint=..., exit_code=...)``
  (``hint`` defaults to ``""``, ``exit_code`` to ``None``; both keyword-only). It keeps
  ``message`` and ``hint`` as attributes, and its ``args`` are ``(message,)``, as for any
  exception made from one message. ``str(error)`` is ``"message (hint)"``, or the message alone
  when the hint is empty. Its ``exit_code`` — what the command line exits with — is 1, unless
  one was given: then that error, and only that one, has the code given.
- ``UsageError``: a name or option the user typed is not valid; an AiengError whose exit code
  is 2.
- ``NotFoundError``: a named thing does not exist; a UsageError, so its exit code is 2 too —
  without saying so a second time.
- ``InputFileError``, ``ConfigError``, ``DataError``: AiengErrors with nothing more than a
  docstring (exit code 1).

The idea to use: an attribute set on a class is the default that every instance, and every
subclass, sees until one sets its own.

The grader raises each class with and without a hint and an exit code, and checks what a caller
sees: the exit code, ``str(error)``, ``args``, and which ``except`` clauses of the family catch
it (``except AiengError`` must catch them all).

Check it with ``aieng check m01.error-classes``; stuck? ``aieng hint m01.error-classes``.
"""


class AiengError(Exception):
    """Base of every error a user can cause and fix."""

    # TODO: the default exit code

    def __init__(self, message: str, *, hint: str = "", exit_code: int | None = None) -> None:
        # TODO: keep message and hint; args == (message,); the exit code only if one was given
        raise NotImplementedError("write AiengError.__init__")

    # TODO: str(error): "message (hint)", or the message alone without a hint


# TODO: UsageError, NotFoundError, InputFileError, ConfigError, DataError

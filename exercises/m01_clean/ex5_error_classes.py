"""Exercise m01.error-classes — a family of errors: classes, inheritance, try/except.

A tool's errors should say what went wrong *and* what to do. Write the classes below, the
same family ``aieng.errors`` uses:

- ``AiengError(Exception)``, the base. ``__init__(self, message, *, hint="", exit_code=None)``
  calls ``super().__init__(message)``, stores ``self.message`` and ``self.hint``, and sets
  ``self.exit_code`` only when ``exit_code`` is not None — otherwise the *class attribute*
  ``exit_code = 1`` applies. ``__str__`` returns ``"message (hint)"``, or just ``message``
  when the hint is empty.
- ``UsageError(AiengError)``: a bad name or option the user typed; its class attribute
  ``exit_code`` is 2.
- ``NotFoundError(UsageError)``: a named thing does not exist. It writes no exit code of its
  own: it inherits 2 from UsageError.
- ``InputFileError``, ``ConfigError``, ``DataError``: subclasses of ``AiengError`` with
  nothing more than a docstring (exit code 1).

``exit_code_of`` is written for you and is what the grader calls: it raises the class named
``kind`` and catches it *as the base class* (one ``except AiengError`` handles the whole
family), then returns the exit code and the length of ``str(error)``.

Check it with ``aieng check m01.error-classes``; stuck? ``aieng hint m01.error-classes``.
"""


class AiengError(Exception):
    """Base of every error a user can cause and fix."""

    # TODO: the class attribute exit_code = 1

    def __init__(self, message: str, *, hint: str = "", exit_code: int | None = None) -> None:
        # TODO: super().__init__(message); keep message and hint; exit_code only if given
        raise NotImplementedError("write AiengError.__init__")

    # TODO: __str__: "message (hint)", or message alone when there is no hint


# TODO: UsageError (exit code 2), NotFoundError (inherits it), InputFileError, ConfigError,
#       DataError


def exit_code_of(kind: str, message: str, hint: str, exit_code: int | None) -> tuple[int, int]:
    """Graded (leave as is): raise the class named ``kind``, catch it as an AiengError."""
    cls = globals().get(kind)
    if cls is None:
        raise NameError(f"there is no class {kind} yet: define it above")
    try:
        raise cls(message, hint=hint, exit_code=exit_code)
    except AiengError as err:
        return err.exit_code, len(str(err))

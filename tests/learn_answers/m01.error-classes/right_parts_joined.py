# right: __str__ joins the parts it has; the subclasses only say what differs from their parent
class AiengError(Exception):
    """Base of every error a user can cause and fix."""

    exit_code = 1

    def __init__(self, message, *, hint="", exit_code=None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self):
        parts = [self.message]
        if self.hint:
            parts.append("(" + self.hint + ")")
        return " ".join(parts)


class UsageError(AiengError):
    """A bad name or option."""

    exit_code = 2


class NotFoundError(UsageError):
    """A named thing does not exist."""


class InputFileError(AiengError):
    """A file that cannot be read."""


class ConfigError(AiengError):
    """A configuration that does not validate."""


class DataError(AiengError):
    """Data that cannot be used."""

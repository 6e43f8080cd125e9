# mistake: the hint is always added, so an error without one reads "message ()"
# fails: text matches the reference
class AiengError(Exception):
    exit_code = 1

    def __init__(self, message, *, hint="", exit_code=None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self):
        return f"{self.message} ({self.hint})"


class UsageError(AiengError):
    exit_code = 2


class NotFoundError(UsageError):
    pass


class InputFileError(AiengError):
    pass


class ConfigError(AiengError):
    pass


class DataError(AiengError):
    pass

# mistake: the message and hint are kept as msg and tip, names no caller (the CLI) looks for
# fails: attributes matches the reference
class AiengError(Exception):
    exit_code = 1

    def __init__(self, message, *, hint="", exit_code=None):
        super().__init__(message)
        self.msg = message
        self.tip = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self):
        return f"{self.msg} ({self.tip})" if self.tip else self.msg


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

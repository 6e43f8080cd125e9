# mistake: the formatted "message (hint)" goes to Exception, so str() looks right but args is wrong
# fails: args matches the reference
class AiengError(Exception):
    exit_code = 1

    def __init__(self, message, *, hint="", exit_code=None):
        super().__init__(f"{message} ({hint})" if hint else message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


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

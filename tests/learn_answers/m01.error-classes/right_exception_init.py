# right: Exception.__init__ by name; with no code given, the default is read from the class
class AiengError(Exception):
    exit_code = 1

    def __init__(self, message, *, hint="", exit_code=None):
        Exception.__init__(self, message)
        self.message, self.hint = message, hint
        self.exit_code = type(self).exit_code if exit_code is None else exit_code

    def __str__(self):
        return self.message + (" (" + self.hint + ")" if self.hint != "" else "")


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

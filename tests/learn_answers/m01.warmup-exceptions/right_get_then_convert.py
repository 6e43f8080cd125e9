# right: dict.get (the values are text, so None means absent), and the first error kept as the cause
def setting(config, name, default):
    value = config.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from error
    return number

# right: asks forgiveness twice: KeyError for an absent name, ValueError for a bad value
def setting(config, name, default):
    try:
        value = config[name]
    except KeyError:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(
            "setting " + repr(name) + ": expected an integer, got " + repr(value)
        ) from None

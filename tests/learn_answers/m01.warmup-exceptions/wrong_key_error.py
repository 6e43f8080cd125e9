# mistake: reads config[name] without checking, so an absent name raises KeyError
# fails: setting() runs without error
# on: absent: the default
def setting(config, name, default):
    value = config[name]
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"setting {name!r}: expected an integer, got {value!r}") from None

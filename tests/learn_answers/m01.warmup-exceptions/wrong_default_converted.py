# mistake: int(config.get(name, default)) also converts the default, and int(None) fails
# fails: setting() runs without error
# on: absent, and the default is None
def setting(config, name, default):
    value = config.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"setting {name!r}: expected an integer, got {value!r}") from None

# mistake: `if not value` takes an empty value for an absent one and returns the default
# fails: raised matches the reference
# on: an empty value is not absent: a ValueError
def setting(config, name, default):
    value = config.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"setting {name!r}: expected an integer, got {value!r}") from None

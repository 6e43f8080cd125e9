# mistake: the value is put in the message as it is, so an empty value shows as nothing at all
# fails: message_shows_value matches the reference
# on: not a number: a ValueError
def setting(config, name, default):
    if name not in config:
        return default
    value = config[name]
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"setting {name}: expected an integer, got {value}") from None

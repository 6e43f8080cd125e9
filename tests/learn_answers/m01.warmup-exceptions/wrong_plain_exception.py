# mistake: raises a plain Exception, which `except ValueError` cannot catch apart from any other
# fails: setting() runs without error
# on: not a number: a ValueError
def setting(config, name, default):
    if name not in config:
        return default
    try:
        return int(config[name])
    except ValueError:
        raise Exception(f"setting {name!r}: expected an integer, got {config[name]!r}") from None

# mistake: catches ValueError with KeyError, so a bad value silently becomes the default
# fails: raised matches the reference
# on: not a number: a ValueError
def setting(config, name, default):
    try:
        return int(config[name])
    except (KeyError, ValueError):
        return default

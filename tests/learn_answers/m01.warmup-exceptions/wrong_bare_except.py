# mistake: a bare except turns every problem, a typo in the file included, into the default
# fails: raised matches the reference
# on: not a number: a ValueError
def setting(config, name, default):
    try:
        return int(config[name])
    except:  # noqa: E722
        return default

# mistake: str.isdigit() as the test refuses " 4 ", "-7" and "+3", which int() reads
# fails: raised matches the reference
# on: spaces around the number
def setting(config, name, default):
    if name not in config:
        return default
    value = config[name]
    if not value.isdigit():
        raise ValueError(f"setting {name!r}: expected an integer, got {value!r}")
    return int(value)

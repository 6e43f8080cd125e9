# mistake: decides what an integer is with a rule of its own (a regex) instead of asking int()
# fails: raised matches the reference
# on: int() decides, not a rule of your own: it reads 1_000
import re


def setting(config, name, default):
    if name not in config:
        return default
    value = config[name]
    if not re.fullmatch(r"\s*[+-]?\d+\s*", value):
        raise ValueError(f"setting {name!r}: expected an integer, got {value!r}")
    return int(value)

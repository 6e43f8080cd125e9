# mistake: checks every value of the config, so another setting's typo breaks this one
# fails: raised matches the reference
# on: other settings are not read
def setting(config, name, default):
    numbers = {}
    for key, value in config.items():
        try:
            numbers[key] = int(value)
        except ValueError:
            raise ValueError(f"setting {key!r}: expected an integer, got {value!r}") from None
    return numbers.get(name, default)

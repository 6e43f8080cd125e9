# mistake: skips every line holding a #, so "colour = #ff0000" is lost
# fails: settings matches the reference
# on: a # inside a value is part of it
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file, start=1):
            line = line.strip()
            if not line or "#" in line:
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings[name.strip()] = value.strip()
    return settings

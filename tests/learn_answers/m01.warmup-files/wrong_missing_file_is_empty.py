# mistake: returns {} for a file that does not exist, as if it were empty
# fails: raised matches the reference
# on: no such file
def read_settings(path):
    if not path.exists():
        return {}
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings[name.strip()] = value.strip()
    return settings

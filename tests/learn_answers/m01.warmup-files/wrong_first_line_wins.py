# mistake: keeps the first value of a name that comes twice; the later line should win
# fails: settings matches the reference
# on: the same name twice: the later line wins
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings.setdefault(name.strip(), value.strip())
    return settings

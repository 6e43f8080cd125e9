# mistake: encoding="utf-8" keeps a byte-order mark, which becomes part of the first name
# fails: settings matches the reference
# on: a byte-order mark first (Windows Notepad writes one)
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings[name.strip()] = value.strip()
    return settings

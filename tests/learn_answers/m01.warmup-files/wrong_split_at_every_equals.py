# mistake: split("=") splits at every =, so a value holding one cannot be unpacked in two
# fails: raises ValueError only for a line without =, naming it
# on: an = inside the value: only the first one separates
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise ValueError(f"line {number}: no = in {line!r}")
            name, value = line.split("=")
            settings[name.strip()] = value.strip()
    return settings

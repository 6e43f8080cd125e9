# mistake: counts only the lines it reads as settings, so blank lines and comments shift the number
# fails: line_in_message matches the reference
# on: a line without =, line 3 (blank lines count)
def read_settings(path):
    settings = {}
    number = 0
    with open(path, encoding="utf-8-sig") as file:
        for line in file:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            number += 1
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings[name.strip()] = value.strip()
    return settings
